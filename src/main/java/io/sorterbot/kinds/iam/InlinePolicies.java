package io.sorterbot.kinds.iam;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Inline policies ({@code [{policyName, policyDocument}]}): a set keyed by name, documents compared canonically. */
final class InlinePolicies {
  private InlinePolicies() {}

  static Map<String, Object> entry(String name, Object document) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policyName", name);
    m.put("policyDocument", document);
    return m;
  }

  /** By name, in the given order; a later entry of the same name wins, as a later PutRolePolicy would. */
  static Map<String, Map<String, Object>> of(Object value) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (value instanceof Collection<?> c) {
      for (Object o : c) {
        if (o instanceof Map<?, ?> m && m.get("policyName") != null) {
          String name = m.get("policyName").toString().trim();
          out.put(name, entry(name, m.get("policyDocument")));
        }
      }
    }
    return out;
  }

  /** Sorted by name, documents canonical: order in the file and AWS's reformatting do not count. */
  static Object canonical(Object value) {
    if (!(value instanceof Collection<?>)) return value;
    List<Object> out = new ArrayList<>();
    new TreeMap<>(of(value)).forEach((name, p) -> out.add(entry(name, PolicyDocuments.canonical(p.get("policyDocument")))));
    return out;
  }

  static boolean sameAs(Map<String, Object> want, Map<String, Object> have) {
    return have != null && PolicyDocuments.same(want.get("policyDocument"), have.get("policyDocument"));
  }
}
