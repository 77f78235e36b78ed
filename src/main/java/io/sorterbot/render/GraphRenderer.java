package io.sorterbot.render;

import io.sorterbot.graph.DependencyGraph;
import io.sorterbot.spec.StackSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The dependency graph as DOT or Mermaid text; byte-for-byte stable (nodes and edges sorted). */
public final class GraphRenderer {
  private GraphRenderer() {}

  public static String dot(StackSpec spec, DependencyGraph g) {
    StringBuilder sb = new StringBuilder();
    sb.append("digraph \"").append(spec.stack()).append("\" {\n");
    sb.append("  rankdir=LR;\n");
    sb.append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    for (String n : g.nodes()) {
      sb.append("  ").append(q(n)).append(" [label=").append(q(n + "\\n" + type(spec, n))).append("];\n");
    }
    for (String[] e : g.edges()) sb.append("  ").append(q(e[0])).append(" -> ").append(q(e[1])).append(";\n");
    return sb.append("}\n").toString();
  }

  public static String mermaid(StackSpec spec, DependencyGraph g) {
    Map<String, String> ids = new HashMap<>();
    List<String> nodes = List.copyOf(g.nodes());
    for (int i = 0; i < nodes.size(); i++) ids.put(nodes.get(i), "n" + i);
    StringBuilder sb = new StringBuilder("flowchart LR\n");
    for (String n : nodes) {
      sb.append("  ").append(ids.get(n)).append("[\"").append(n).append("<br/>").append(type(spec, n)).append("\"]\n");
    }
    for (String[] e : g.edges()) sb.append("  ").append(ids.get(e[0])).append(" --> ").append(ids.get(e[1])).append('\n');
    return sb.toString();
  }

  private static String type(StackSpec spec, String sbid) {
    return spec.resources().containsKey(sbid) ? spec.resources().get(sbid).type() : "?";
  }

  private static String q(String s) { return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\n", "\\n") + "\""; }
}
