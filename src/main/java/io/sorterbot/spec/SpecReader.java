package io.sorterbot.spec;

import io.sorterbot.graph.DependencyGraph;
import io.sorterbot.spec.Template.Namespace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and validates a desired-state file: YAML syntax, JSON Schema, references, cycles. Collects
 * every problem before failing. One instance holds the compiled schema; reuse it.
 */
public final class SpecReader {
  private final SchemaValidator schema = new SchemaValidator();
  private final io.sorterbot.model.KindCatalog catalog;
  private final Set<String> regions;

  /** A reader that checks region codes only by their shape. @param catalog the kinds the file may use */
  public SpecReader(io.sorterbot.model.KindCatalog catalog) { this(catalog, Set.of()); }

  /**
   * @param catalog the kinds the file may use
   * @param regions the region codes the AWS SDK knows: the file's region must be one of them
   */
  public SpecReader(io.sorterbot.model.KindCatalog catalog, Set<String> regions) {
    this.catalog = catalog;
    this.regions = Set.copyOf(regions);
  }

  public Loaded read(Path file, Map<String, String> vars) {
    String name = file.toString();
    String text;
    try {
      text = FileText.read(file, YamlReader.MAX_BYTES);
    } catch (FileText.Unreadable e) {
      if (e.reason().equals("no such file")) {
        throw new SpecException(List.of(new Problem(new SourcePos(name, 0, 0), "file not found",
            "pass the file with -f, or run in the folder holding sorterbot.yaml")));
      }
      throw new SpecException(List.of(new Problem(new SourcePos(name, e.line(), e.col()),
          "cannot read the file: " + e.full(), e.hint())));
    }
    return read(name, text, vars);
  }

  public Loaded read(String name, String text, Map<String, String> vars) {
    List<Problem> problems = new ArrayList<>();
    YNode root = YamlReader.read(name, text, problems);
    if (root == null) throw new SpecException(problems);
    if (!(root instanceof YNode.YMap map)) {
      throw new SpecException(List.of(new Problem(root.pos(), "the file must be a mapping with version, stack and resources",
          "start with 'version: 1'")));
    }
    problems.addAll(schema.validate(root));
    StackSpec spec = new SpecLoader(name, problems).load(map, vars);
    new ReferenceChecker(spec, problems, catalog).check();
    new FormatChecker(spec, regions, problems, catalog).check(map);
    DependencyGraph graph = DependencyGraph.of(needs(spec));
    for (List<String> cycle : graph.cycles()) {
      if (cycle.size() == 1 && spec.resources().get(cycle.get(0)).dependsOn().contains(cycle.get(0))) continue; // reported
      List<String> shown = new ArrayList<>(cycle);
      shown.add(cycle.get(0));
      problems.add(new Problem(spec.resources().get(cycle.get(0)).pos(),
          "dependency cycle: " + String.join(" -> ", shown) + " (each needs the next)",
          "break the cycle: one of these must stop referencing, or listing in dependsOn, the next"));
    }
    if (!problems.isEmpty()) throw new SpecException(sorted(problems));
    return new Loaded(spec, graph);
  }

  /** For each SBID, the SBIDs it needs: referenced resources plus dependsOn. */
  public static Map<String, Set<String>> needs(StackSpec spec) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    spec.resources().forEach((sbid, r) -> {
      Set<String> deps = new TreeSet<>(r.dependsOn());
      collectRefs(r.properties(), deps);
      out.put(sbid, deps);
    });
    return out;
  }

  static void collectRefs(Object v, Set<String> into) {
    if (v instanceof Template t) {
      for (Template.Ref r : t.refs()) if (r.ns() == Namespace.RESOURCE) into.add(r.name());
    } else if (v instanceof List<?> l) {
      for (Object o : l) collectRefs(o, into);
    } else if (v instanceof Map<?, ?> m) {
      for (Object o : m.values()) collectRefs(o, into);
    }
  }

  private static List<Problem> sorted(List<Problem> problems) {
    List<Problem> out = new ArrayList<>(new LinkedHashSet<>(problems));
    out.sort(Comparator.comparingInt((Problem p) -> p.pos().line()).thenComparingInt(p -> p.pos().col())
        .thenComparing(Problem::message));
    return out;
  }
}
