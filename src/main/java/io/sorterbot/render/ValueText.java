package io.sorterbot.render;

import io.sorterbot.model.Sensitive;
import io.sorterbot.plan.Unknown;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One value as plan text: strings quoted, maps sorted, secrets as (sensitive). */
public final class ValueText {
  private ValueText() {}

  public static String of(Object v) {
    if (v == null) return "null";
    if (v instanceof Sensitive) return Sensitive.MASK;
    if (v instanceof Unknown) return Unknown.TEXT;
    if (v instanceof String s) return quote(s);
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) sb.append(i == 0 ? "" : ", ").append(of(l.get(i)));
      return sb.append(']').toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      boolean first = true;
      for (var e : new TreeMap<>(m).entrySet()) {
        sb.append(first ? "" : ", ").append(e.getKey()).append(" = ").append(of(e.getValue()));
        first = false;
      }
      return sb.append('}').toString();
    }
    return String.valueOf(v);
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** A JSON-safe form: secrets and unknowns as their marker strings, maps sorted. */
  public static Object json(Object v) {
    if (v instanceof Sensitive) return Sensitive.MASK;
    if (v instanceof Unknown) return Unknown.TEXT;
    if (v instanceof List<?> l) return l.stream().map(ValueText::json).toList();
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), json(x)));
      return out;
    }
    return v;
  }
}
