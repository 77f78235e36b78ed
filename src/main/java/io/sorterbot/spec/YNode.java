package io.sorterbot.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The YAML document as a tree that remembers where every value came from. */
public sealed interface YNode {
  SourcePos pos();

  /** A mapping; keys keep file order. {@code keyPos} holds the position of each key. */
  record YMap(SourcePos pos, Map<String, YNode> entries, Map<String, SourcePos> keyPos) implements YNode {
    public YMap {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      keyPos = Collections.unmodifiableMap(new LinkedHashMap<>(keyPos));
    }
    public YNode get(String key) { return entries.get(key); }
  }

  record YList(SourcePos pos, List<YNode> items) implements YNode {
    public YList { items = List.copyOf(items); }
  }

  /** A scalar: String, Long, Double, Boolean, or null (YAML null). */
  record YScalar(SourcePos pos, Object value) implements YNode {}

  /** Name of the node's YAML type for messages. */
  static String typeName(YNode n) {
    if (n instanceof YMap) return "mapping";
    if (n instanceof YList) return "list";
    Object v = ((YScalar) n).value();
    if (v == null) return "null";
    if (v instanceof String) return "string";
    if (v instanceof Boolean) return "boolean";
    if (v instanceof Long) return "integer";
    return "number";
  }

  /** Plain Java value: Map / List / String / Long / Double / Boolean / null. */
  static Object toPlain(YNode n) {
    if (n instanceof YMap m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().forEach((k, v) -> out.put(k, toPlain(v)));
      return out;
    }
    if (n instanceof YList l) return l.items().stream().map(YNode::toPlain).toList();
    return ((YScalar) n).value();
  }
}
