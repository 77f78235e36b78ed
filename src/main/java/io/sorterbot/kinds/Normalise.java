package io.sorterbot.kinds;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value normalisers every kind shares. Each is applied to the desired and the live value alike, and
 * leaves values of other shapes alone (a reference not yet resolved, a wrong type the schema reports).
 * Scalars may arrive as strings through whole-string variable references ({@code ${var.count}}).
 */
public final class Normalise {
  private Normalise() {}

  public static Object trimmed(Object v) { return v instanceof String s ? s.trim() : v; }

  public static Object lower(Object v) { return v instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : v; }

  public static Object bool(Object v) {
    if (v instanceof String s && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s.trim());
    }
    return v;
  }

  /** Whole numbers as Long, from any integer width or a digit string. */
  public static Object number(Object v) {
    if (v instanceof String s && s.trim().matches("-?\\d+")) return Long.parseLong(s.trim());
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
    return v;
  }

  /** A list of strings, each trimmed; order kept. */
  public static Object strings(Object v) {
    if (!(v instanceof List<?> l)) return v;
    List<Object> out = new ArrayList<>(l.size());
    for (Object o : l) out.add(trimmed(o));
    return out;
  }

  /** A list compared as a set (subnet ids, security groups, policy ARNs): trimmed, de-duplicated, sorted. */
  public static Object stringSet(Object v) {
    return v instanceof List<?> l ? set(l.stream().map(Normalise::trimmed).toList()) : v;
  }

  /** Items as a set: nulls dropped, maps without their null fields, de-duplicated and sorted by their text. */
  public static List<Object> set(Collection<?> items) {
    Map<String, Object> byKey = new TreeMap<>();
    for (Object o : items) {
      if (o == null) continue;
      Object v = o instanceof Map<?, ?> m ? withoutNulls(m) : o;
      byKey.putIfAbsent(String.valueOf(v), v);
    }
    return new ArrayList<>(byKey.values());
  }

  private static Map<String, Object> withoutNulls(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, x) -> { if (x != null) out.put(String.valueOf(k), x); });
    return out;
  }
}
