package io.sorterbot.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * Resources and their dependencies. An edge A → B means B needs A (B references A or lists it in
 * dependsOn): A is created first and deleted last. Orders are deterministic (ties by SBID).
 */
public final class DependencyGraph {
  private final Graph<String, DefaultEdge> g;

  private DependencyGraph(Graph<String, DefaultEdge> g) { this.g = g; }

  /** @param needs for each SBID, the SBIDs it needs (unknown targets are ignored: validation reports them) */
  public static DependencyGraph of(Map<String, ? extends Set<String>> needs) {
    Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    new TreeSet<>(needs.keySet()).forEach(g::addVertex);
    needs.forEach((dependent, deps) -> {
      for (String d : deps) if (g.containsVertex(d)) g.addEdge(d, dependent);
    });
    return new DependencyGraph(g);
  }

  public Set<String> nodes() { return Collections.unmodifiableSet(new TreeSet<>(g.vertexSet())); }

  /** What {@code sbid} needs directly, sorted. */
  public Set<String> dependencies(String sbid) {
    Set<String> out = new TreeSet<>();
    for (DefaultEdge e : g.incomingEdgesOf(sbid)) out.add(g.getEdgeSource(e));
    return out;
  }

  /** What needs {@code sbid} directly, sorted. */
  public Set<String> dependents(String sbid) {
    Set<String> out = new TreeSet<>();
    for (DefaultEdge e : g.outgoingEdgesOf(sbid)) out.add(g.getEdgeTarget(e));
    return out;
  }

  /** Everything {@code sbid} needs, directly or transitively. */
  public Set<String> transitiveDependencies(String sbid) {
    Set<String> seen = new TreeSet<>();
    List<String> todo = new ArrayList<>(dependencies(sbid));
    while (!todo.isEmpty()) {
      String n = todo.remove(todo.size() - 1);
      if (seen.add(n)) todo.addAll(dependencies(n));
    }
    return seen;
  }

  /** Sorted edges as [from, to] pairs (from is needed by to). */
  public List<String[]> edges() {
    List<String[]> out = new ArrayList<>();
    for (DefaultEdge e : g.edgeSet()) out.add(new String[] {g.getEdgeSource(e), g.getEdgeTarget(e)});
    out.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
    return out;
  }

  /**
   * Every cycle, one per strongly connected component, each as the list of SBIDs in dependency order
   * (each needs the next) starting at the smallest SBID. Empty when the graph is acyclic.
   */
  public List<List<String>> cycles() {
    List<List<String>> out = new ArrayList<>();
    for (Set<String> scc : new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets()) {
      String start = new TreeSet<>(scc).first();
      if (scc.size() == 1 && !g.containsEdge(start, start)) continue;
      out.add(cycleFrom(start, scc));
    }
    out.sort(Comparator.comparing(c -> c.get(0)));
    return out;
  }

  /** The shortest cycle through {@code start} inside its component, following what each needs (BFS, smallest SBID first). */
  private List<String> cycleFrom(String start, Set<String> scc) {
    java.util.Map<String, String> parent = new java.util.HashMap<>();
    java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
    queue.add(start);
    while (!queue.isEmpty()) {
      String node = queue.poll();
      for (String next : dependencies(node)) {
        if (!scc.contains(next)) continue;
        if (next.equals(start)) {
          List<String> path = new ArrayList<>();
          for (String n = node; n != null; n = parent.get(n)) path.add(0, n);
          return path;
        }
        if (!parent.containsKey(next) && !next.equals(start)) {
          parent.put(next, node);
          queue.add(next);
        }
      }
    }
    return List.of(start);
  }

  /** Creation order: every resource after what it needs. Requires an acyclic graph. */
  public List<String> applyOrder() {
    List<String> out = new ArrayList<>(g.vertexSet().size());
    new TopologicalOrderIterator<>(g, Comparator.<String>naturalOrder()).forEachRemaining(out::add);
    return out;
  }

  /** Deletion order: the reverse of {@link #applyOrder()}. */
  public List<String> destroyOrder() {
    List<String> out = applyOrder();
    Collections.reverse(out);
    return out;
  }

  public int size() { return g.vertexSet().size(); }
}
