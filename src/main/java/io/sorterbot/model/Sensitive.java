package io.sorterbot.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A string that holds or embeds a secret. Its {@code toString} never shows the value. */
public record Sensitive(String value) {
  public static final String MASK = "(sensitive)";

  @Override public String toString() { return MASK; }

  /** The value with every Sensitive wrapper removed (for AWS calls and comparisons only). */
  public static Object reveal(Object v) {
    if (v instanceof Sensitive s) return s.value();
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) out.add(reveal(o));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put((String) k, reveal(x)));
      return out;
    }
    return v;
  }

  /** True when the value is or contains a Sensitive. */
  public static boolean within(Object v) {
    if (v instanceof Sensitive) return true;
    if (v instanceof List<?> l) return l.stream().anyMatch(Sensitive::within);
    if (v instanceof Map<?, ?> m) return m.values().stream().anyMatch(Sensitive::within);
    return false;
  }
}
