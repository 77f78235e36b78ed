package io.sorterbot.kinds.s3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/**
 * CORS rules and the public access block between the file's shape and the SDK's, and their canonical
 * forms. Rule order is kept (S3 applies the first rule that matches); the lists inside a rule are sets.
 */
final class BucketConfig {
  static final List<String> PUBLIC_ACCESS_FIELDS =
      List.of("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets");
  private static final List<String> RULE_LISTS = List.of("allowedHeaders", "allowedMethods", "allowedOrigins", "exposeHeaders");

  private BucketConfig() {}

  // ---- CORS ----

  static List<CORSRule> corsRules(Object value) {
    List<CORSRule> out = new ArrayList<>();
    if (!(normalizeCors(value) instanceof List<?> rules)) return out;
    for (Object o : rules) {
      Map<?, ?> r = (Map<?, ?>) o;
      CORSRule.Builder b = CORSRule.builder().allowedHeaders(strings(r.get("allowedHeaders")))
          .allowedMethods(strings(r.get("allowedMethods"))).allowedOrigins(strings(r.get("allowedOrigins")))
          .exposeHeaders(strings(r.get("exposeHeaders")));
      if (r.get("maxAgeSeconds") instanceof Number n) b.maxAgeSeconds(n.intValue());
      out.add(b.build());
    }
    return out;
  }

  /** The file's shape of what S3 returns; none is the empty list. */
  static List<Object> corsProps(List<CORSRule> rules) {
    List<Object> raw = new ArrayList<>();
    if (rules == null) return raw;
    for (CORSRule r : rules) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("allowedHeaders", r.allowedHeaders());
      m.put("allowedMethods", r.allowedMethods());
      m.put("allowedOrigins", r.allowedOrigins());
      m.put("exposeHeaders", r.exposeHeaders());
      m.put("maxAgeSeconds", r.maxAgeSeconds());
      raw.add(m);
    }
    @SuppressWarnings("unchecked") List<Object> out = (List<Object>) normalizeCors(raw);
    return out;
  }

  /** Methods upper-cased; each list sorted without duplicates, empty lists dropped; maxAgeSeconds a Long. */
  static Object normalizeCors(Object value) {
    if (!(value instanceof List<?> rules)) return value;
    List<Object> out = new ArrayList<>();
    for (Object o : rules) {
      if (!(o instanceof Map<?, ?> r)) {
        out.add(o);
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      for (String f : RULE_LISTS) {
        List<String> items = canonicalSet(r.get(f), f.equals("allowedMethods"));
        if (items != null && !items.isEmpty()) m.put(f, items);
      }
      Object age = r.get("maxAgeSeconds");
      if (age instanceof Number n) m.put("maxAgeSeconds", n.longValue());
      else if (age instanceof String s && s.trim().matches("\\d+")) m.put("maxAgeSeconds", Long.parseLong(s.trim()));
      else if (age != null) m.put("maxAgeSeconds", age);
      r.forEach((k, v) -> { if (!m.containsKey(k) && !RULE_LISTS.contains(k) && !"maxAgeSeconds".equals(k)) m.put(String.valueOf(k), v); });
      out.add(m);
    }
    return out;
  }

  private static List<String> canonicalSet(Object v, boolean upper) {
    if (!(v instanceof List<?> l)) return null;
    TreeSet<String> s = new TreeSet<>();
    for (Object x : l) {
      String str = String.valueOf(x).trim();
      s.add(upper ? str.toUpperCase(Locale.ROOT) : str);
    }
    return new ArrayList<>(s);
  }

  private static List<String> strings(Object v) {
    return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }

  // ---- public access block ----

  /** What S3 holds; no configuration blocks nothing, i.e. every field false. */
  static Map<String, Object> publicAccessProps(PublicAccessBlockConfiguration c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("blockPublicAcls", c != null && Boolean.TRUE.equals(c.blockPublicAcls()));
    m.put("ignorePublicAcls", c != null && Boolean.TRUE.equals(c.ignorePublicAcls()));
    m.put("blockPublicPolicy", c != null && Boolean.TRUE.equals(c.blockPublicPolicy()));
    m.put("restrictPublicBuckets", c != null && Boolean.TRUE.equals(c.restrictPublicBuckets()));
    return m;
  }

  static Object normalizePublicAccess(Object value) {
    if (!(value instanceof Map<?, ?> m)) return value;
    Map<String, Object> out = new LinkedHashMap<>();
    for (String f : PUBLIC_ACCESS_FIELDS) if (m.containsKey(f)) out.put(f, S3Support.bool(m.get(f)));
    m.forEach((k, v) -> out.putIfAbsent(String.valueOf(k), v));
    return out;
  }

  /**
   * The configuration to hold: the live one with the fields the file declares overridden, so a field
   * the file leaves out keeps its value (PutPublicAccessBlock replaces all four). Null means all false.
   */
  static PublicAccessBlockConfiguration merged(Object live, Object declared) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (live instanceof Map<?, ?> l) l.forEach((k, v) -> m.put(String.valueOf(k), v));
    if (normalizePublicAccess(declared) instanceof Map<?, ?> d) d.forEach((k, v) -> m.put(String.valueOf(k), v));
    boolean[] f = new boolean[PUBLIC_ACCESS_FIELDS.size()];
    boolean any = false;
    for (int i = 0; i < f.length; i++) {
      f[i] = S3Support.isTrue(m.get(PUBLIC_ACCESS_FIELDS.get(i)));
      any |= f[i];
    }
    if (!any) return null;
    return PublicAccessBlockConfiguration.builder().blockPublicAcls(f[0]).ignorePublicAcls(f[1])
        .blockPublicPolicy(f[2]).restrictPublicBuckets(f[3]).build();
  }
}
