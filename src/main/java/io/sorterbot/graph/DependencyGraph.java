package io.sorterbot.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
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
   * Every cycle, one per strongly connected component, each as the list of SBIDs in reference order
   * starting at the smallest SBID. Empty when the graph is acyclic.
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

  /** A simple cycle through {@code start} inside its component, following the smallest next SBID (DFS). */
  private List<String> cycleFrom(String start, Set<String> scc) {
    List<String> path = new ArrayList<>();
    Set<String> onPath = new LinkedHashSet<>();
    return dfs(start, start, scc, path, onPath, new TreeSet<>()) ? path : List.of(start);
  }

  private boolean dfs(String node, String start, Set<String> scc, List<String> path, Set<String> onPath, Set<String> dead) {
    path.add(node);
    onPath.add(node);
    for (String next : dependents(node)) {
      if (!scc.contains(next)) continue;
      if (next.equals(start)) return true;
      if (!onPath.contains(next) && !dead.contains(next) && dfs(next, start, scc, path, onPath, dead)) return true;
    }
    path.remove(path.size() - 1);
    onPath.remove(node);
    dead.add(node);
    return false;
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
