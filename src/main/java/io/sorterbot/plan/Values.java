package io.sorterbot.plan;

import io.sorterbot.model.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Generic value comparison: numbers by value, nested objects on declared fields only. */
public final class Values {
  private Values() {}

  /** Integers of any width become Long; maps and lists are copied recursively. */
  public static Object canonical(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
    if (v instanceof Float f) return f.doubleValue();
    if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) return d.longValue();
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) out.add(canonical(o));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> { if (x != null) out.put(String.valueOf(k), canonical(x)); });
      return out;
    }
    return v;
  }

  /**
   * The live value cut down to what the desired value declares, for structured types: fields the
   * file does not set (AWS defaults) are not compared. Lists of objects are matched by position.
   */
  public static Object project(ValueType type, Object desired, Object live) {
    if (type instanceof ValueType.ObjectOf o && desired instanceof Map<?, ?> d && live instanceof Map<?, ?> l) {
      Map<String, Object> out = new LinkedHashMap<>();
      d.keySet().forEach(k -> {
        if (!l.containsKey(k)) return;
        var field = o.fields().get(String.valueOf(k));
        out.put(String.valueOf(k), project(field == null ? null : field.type(), d.get(k), l.get(k)));
      });
      return out;
    }
    if (type instanceof ValueType.ListOf lt && desired instanceof List<?> d && live instanceof List<?> l && d.size() == l.size()) {
      List<Object> out = new ArrayList<>(l.size());
      for (int i = 0; i < l.size(); i++) out.add(project(lt.item(), d.get(i), l.get(i)));
      return out;
    }
    return live;
  }
}
