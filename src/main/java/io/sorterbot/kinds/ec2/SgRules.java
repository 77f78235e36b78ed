package io.sorterbot.kinds.ec2;

import static io.sorterbot.model.PropSchema.prop;
import static io.sorterbot.model.ValueType.INTEGER;
import static io.sorterbot.model.ValueType.STRING;

import io.sorterbot.model.Format;
import io.sorterbot.model.ValueType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Security group rules in the file's flat form ({ipProtocol, fromPort, toPort, one of cidrIp /
 * cidrIpv6 / sourceSecurityGroupId, description}), and the canonical set form shared with routes
 * and subnet lists: desired and live values both go through {@link #rules}, so AWS's grouping of
 * sources under one IpPermission and the file's ordering never show up as a difference.
 */
final class SgRules {
  /** A rule as the file writes it. */
  static final ValueType.ObjectOf RULE = (ValueType.ObjectOf) ValueType.objectOf(
      prop("ipProtocol", STRING).required().doc("Protocol: tcp, udp, icmp, icmpv6, a protocol number, or -1 for all").build(),
      prop("fromPort", INTEGER).doc("First port of the range (ICMP type for icmp; -1 for all)").build(),
      prop("toPort", INTEGER).doc("Last port of the range (ICMP code for icmp; -1 for all)").build(),
      prop("cidrIp", STRING).format(Format.IPV4_CIDR).doc("IPv4 CIDR block the rule applies to").build(),
      prop("cidrIpv6", STRING).format(Format.IPV6_CIDR).doc("IPv6 CIDR block the rule applies to").build(),
      prop("sourceSecurityGroupId", STRING).doc("Security group the rule applies to (the peer group)").build(),
      prop("description", STRING).doc("Description of the rule").build());
  static final List<String> RULE_FIELDS = List.copyOf(RULE.fields().keySet());
  static final List<String> SOURCES = List.of("cidrIp", "cidrIpv6", "sourceSecurityGroupId");
  /** What CreateSecurityGroup adds to every VPC group, in normalised form. */
  static final Map<String, Object> DEFAULT_EGRESS = Map.of("ipProtocol", "-1", "cidrIp", "0.0.0.0/0");

  // AWS answers with numbers for the common protocols when they were given as numbers.
  private static final Map<String, String> PROTOCOLS =
      Map.of("all", "-1", "6", "tcp", "17", "udp", "1", "icmp", "58", "icmpv6");

  private SgRules() {}

  /** Canonical rule set: one source per rule, fields cleaned, de-duplicated, sorted. Idempotent. */
  static Object rules(Object value) {
    if (!(value instanceof Collection<?> list)) return value;
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> m)) return value;
      Map<String, Object> base = rule(m);
      List<String> present = SOURCES.stream().filter(base::containsKey).toList();
      if (present.size() <= 1) { out.add(base); continue; }
      for (String source : present) {      // a rule naming several sources is several AWS rules
        Map<String, Object> one = new LinkedHashMap<>(base);
        SOURCES.stream().filter(s -> !s.equals(source)).forEach(one::remove);
        out.add(one);
      }
    }
    return canonicalSet(out);
  }

  private static Map<String, Object> rule(Map<?, ?> m) {
    Map<String, Object> r = new LinkedHashMap<>();
    String proto = protocol(m.get("ipProtocol"));
    for (String f : RULE_FIELDS) {
      Object v = m.get(f);
      if (v == null) continue;
      if (f.equals("ipProtocol")) v = proto;
      else if (f.equals("fromPort") || f.equals("toPort")) {
        if ("-1".equals(proto)) continue;  // "all traffic" has no ports, whatever AWS or the file says
        v = port(v);
      } else if (f.equals("cidrIpv6") && v instanceof String s) v = s.trim().toLowerCase(Locale.ROOT);
      else if (v instanceof String s) v = s.trim();
      r.put(f, v);
    }
    // keep fields this class does not know (the schema rejects them earlier; never drop data silently)
    new TreeMap<>(stringKeys(m)).forEach((k, v) -> { if (!RULE_FIELDS.contains(k) && v != null) r.put(k, v); });
    return r;
  }

  static String protocol(Object p) {
    if (p == null) return null;
    String s = p.toString().trim().toLowerCase(Locale.ROOT);
    return PROTOCOLS.getOrDefault(s, s);
  }

  private static Object port(Object v) {
    if (v instanceof Number n) return n.longValue();
    if (v instanceof String s && s.trim().matches("-?\\d+")) return Long.parseLong(s.trim());
    return v;
  }

  /** Sorted by canonical string, duplicates removed; maps lose null fields. */
  static List<Object> canonicalSet(Collection<?> items) {
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
    m.forEach((k, v) -> { if (v != null) out.put(String.valueOf(k), v); });
    return out;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /** AWS's grouped permissions → flat rules (not yet canonical). Prefix lists have no flat form and are skipped. */
  static List<Map<String, Object>> flatten(List<IpPermission> perms) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (IpPermission p : perms) {
      for (IpRange r : p.ipRanges()) out.add(flat(p, "cidrIp", r.cidrIp(), r.description()));
      for (Ipv6Range r : p.ipv6Ranges()) out.add(flat(p, "cidrIpv6", r.cidrIpv6(), r.description()));
      for (UserIdGroupPair g : p.userIdGroupPairs()) out.add(flat(p, "sourceSecurityGroupId", g.groupId(), g.description()));
    }
    return out;
  }

  private static Map<String, Object> flat(IpPermission p, String sourceField, String source, String description) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("ipProtocol", p.ipProtocol());
    if (p.fromPort() != null) r.put("fromPort", p.fromPort().longValue());
    if (p.toPort() != null) r.put("toPort", p.toPort().longValue());
    r.put(sourceField, source);
    if (description != null && !description.isEmpty()) r.put("description", description);
    return r;
  }

  /** One IpPermission per flat rule: simple, and a failure names exactly one rule. */
  static IpPermission permission(Map<String, Object> rule) {
    IpPermission.Builder b = IpPermission.builder().ipProtocol((String) rule.get("ipProtocol"));
    if (rule.get("fromPort") instanceof Number n) b.fromPort(n.intValue());
    if (rule.get("toPort") instanceof Number n) b.toPort(n.intValue());
    String description = (String) rule.get("description");
    if (rule.get("cidrIp") != null) {
      b.ipRanges(IpRange.builder().cidrIp(rule.get("cidrIp").toString()).description(description).build());
    } else if (rule.get("cidrIpv6") != null) {
      b.ipv6Ranges(Ipv6Range.builder().cidrIpv6(rule.get("cidrIpv6").toString()).description(description).build());
    } else if (rule.get("sourceSecurityGroupId") != null) {
      b.userIdGroupPairs(UserIdGroupPair.builder().groupId(rule.get("sourceSecurityGroupId").toString())
          .description(description).build());
    }
    return b.build();
  }

  /** Group ids a rule set points at (for delete ordering of pruned groups). */
  static List<String> referencedGroups(List<Map<String, Object>> rules) {
    TreeSet<String> ids = new TreeSet<>();
    for (Map<String, Object> r : rules) {
      if (r.get("sourceSecurityGroupId") != null) ids.add(r.get("sourceSecurityGroupId").toString());
    }
    return new ArrayList<>(ids);
  }

  /** The items of {@code a} not in {@code b}; both must be canonical lists. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> minus(Object a, Object b) {
    List<Object> right = b instanceof List<?> l ? (List<Object>) l : List.of();
    List<Map<String, Object>> out = new ArrayList<>();
    if (a instanceof List<?> left) {
      for (Object o : left) if (!right.contains(o) && o instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
    }
    return out;
  }
}
