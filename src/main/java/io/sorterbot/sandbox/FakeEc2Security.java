package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.Ec2Support.dependencyViolation;
import static io.sorterbot.sandbox.Ec2Support.dryRun;
import static io.sorterbot.sandbox.Ec2Support.error;
import static io.sorterbot.sandbox.Ec2Support.invalidParameter;
import static io.sorterbot.sandbox.Ec2Support.missing;
import static io.sorterbot.sandbox.Ec2Support.one;
import static io.sorterbot.sandbox.Ec2Support.require;
import static io.sorterbot.sandbox.Ec2Support.sdkTags;
import static io.sorterbot.sandbox.Ec2Support.tagsFor;
import static io.sorterbot.sandbox.Ec2Support.unsupported;

import io.sorterbot.sandbox.Ec2State.RuleRec;
import io.sorterbot.sandbox.Ec2State.SecurityGroupRec;
import io.sorterbot.sandbox.Ec2State.VpcRec;
import io.sorterbot.sandbox.Ec2Support.Kind;
import io.sorterbot.sandbox.Ec2Support.Page;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * Security groups of {@link FakeEc2}. Rules are kept as AWS keeps security group rules: one per protocol,
 * port range and single source, each with its {@code sgr-} id; describes group them back into
 * {@link IpPermission}s. Runs under the account lock.
 */
final class FakeEc2Security {
  /** AWS's default quota of rules per direction (inbound or outbound) of one group. */
  static final int MAX_RULES_PER_DIRECTION = 60;

  private final Ec2Support s;

  FakeEc2Security(Ec2Support support) { this.s = support; }

  /** The VPC's {@code default} group: all traffic from itself in, all traffic out. */
  void createDefaultGroup(String vpcId) {
    SecurityGroupRec g = s.init(new SecurityGroupRec(), "sg", Map.of());
    g.vpcId = vpcId;
    g.groupName = "default";
    g.description = "default VPC security group";
    g.rules.add(rule(g, false, "-1", -1, -1, null, null, g.id, null, Map.of()));
    g.rules.add(rule(g, true, "-1", -1, -1, "0.0.0.0/0", null, null, null, Map.of()));
    s.state().securityGroups.put(g.id, g);
  }

  CreateSecurityGroupResponse createSecurityGroup(CreateSecurityGroupRequest r) {
    dryRun(r.dryRun());
    String name = r.groupName();
    if (name == null || name.isEmpty()) throw missing("groupName");
    if (r.description() == null || r.description().isEmpty()) throw missing("groupDescription");
    if (name.length() > 255) throw invalidParameter("Value (" + name + ") for parameter groupName is invalid. Too long.");
    if (r.description().length() > 255) throw invalidParameter("Value for parameter groupDescription is invalid. Too long.");
    if (name.toLowerCase(Locale.ROOT).startsWith("sg-")) {
      throw invalidParameter("Value (" + name + ") for parameter groupName is invalid. Group names may not be in the format sg-*.");
    }
    if (r.vpcId() == null) throw error("VPCIdNotSpecified", "No default VPC for this user");
    Ec2State st = s.state();
    VpcRec v = require(st.vpcs, Kind.VPC, r.vpcId());
    if (name.equals("default")) throw error("InvalidGroup.Reserved", "The security group 'default' is reserved");
    for (SecurityGroupRec o : st.securityGroups.values()) {
      if (o.vpcId.equals(v.id) && o.groupName.equals(name)) {
        throw error("InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '" + v.id + "'");
      }
    }
    SecurityGroupRec g = s.init(new SecurityGroupRec(), "sg", tagsFor(r.tagSpecifications(), "security-group"));
    g.vpcId = v.id;
    g.groupName = name;
    g.description = r.description();
    g.rules.add(rule(g, true, "-1", -1, -1, "0.0.0.0/0", null, null, null, Map.of()));
    st.securityGroups.put(g.id, g);
    CreateSecurityGroupResponse.Builder b = CreateSecurityGroupResponse.builder().groupId(g.id)
        .securityGroupArn(s.arn("security-group", g.id));
    if (!g.tags.isEmpty()) b.tags(sdkTags(g.tags));
    return b.build();
  }

  DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest r) {
    dryRun(r.dryRun());
    if (r.hasGroupNames() && !r.groupNames().isEmpty()) {
      // Names are looked up in the default VPC only, and the sandbox account has none.
      throw error("InvalidGroup.NotFound", "The security group '" + r.groupNames().get(0) + "' does not exist in default VPC 'none'");
    }
    Ec2State st = s.state();
    Map<String, Function<SecurityGroupRec, Collection<String>>> f = new LinkedHashMap<>();
    f.put("group-id", g -> one(g.id));
    f.put("group-name", g -> one(g.groupName));
    f.put("description", g -> one(g.description));
    f.put("vpc-id", g -> one(g.vpcId));
    f.put("owner-id", g -> one(s.owner()));
    for (boolean egress : new boolean[] {false, true}) {
      String p = egress ? "egress.ip-permission." : "ip-permission.";
      f.put(p + "cidr", g -> rules(g, egress).map(x -> x.cidrIpv4).toList());
      f.put(p + "ipv6-cidr", g -> rules(g, egress).map(x -> x.cidrIpv6).toList());
      f.put(p + "group-id", g -> rules(g, egress).map(x -> x.referencedGroupId).toList());
      f.put(p + "protocol", g -> rules(g, egress).map(x -> x.ipProtocol).toList());
      f.put(p + "from-port", g -> rules(g, egress).map(x -> String.valueOf(x.fromPort)).toList());
      f.put(p + "to-port", g -> rules(g, egress).map(x -> String.valueOf(x.toPort)).toList());
    }
    List<SecurityGroupRec> found = s.select(st.securityGroups, Kind.SECURITY_GROUP, r.groupIds(), r.filters(), f);
    Page<SecurityGroupRec> p = Ec2Support.page(found, r.maxResults(), r.nextToken(), 5);
    return DescribeSecurityGroupsResponse.builder().securityGroups(p.items().stream().map(this::toGroup).toList())
        .nextToken(p.nextToken()).build();
  }

  AuthorizeSecurityGroupIngressResponse authorizeIngress(AuthorizeSecurityGroupIngressRequest r) {
    dryRun(r.dryRun());
    if (r.sourceSecurityGroupName() != null || r.sourceSecurityGroupOwnerId() != null) {
      throw unsupported("AuthorizeSecurityGroupIngress with SourceSecurityGroupName");
    }
    SecurityGroupRec g = group(r.groupId(), r.groupName());
    List<IpPermission> perms = permissions(r.ipPermissions(), r.ipProtocol(), r.fromPort(), r.toPort(), r.cidrIp());
    List<SecurityGroupRule> added = authorize(g, false, perms, tagsFor(r.tagSpecifications(), "security-group-rule"));
    return AuthorizeSecurityGroupIngressResponse.builder().returnValue(true).securityGroupRules(added).build();
  }

  AuthorizeSecurityGroupEgressResponse authorizeEgress(AuthorizeSecurityGroupEgressRequest r) {
    dryRun(r.dryRun());
    if (r.sourceSecurityGroupName() != null || r.sourceSecurityGroupOwnerId() != null) {
      throw unsupported("AuthorizeSecurityGroupEgress with SourceSecurityGroupName");
    }
    SecurityGroupRec g = group(r.groupId(), null);
    List<IpPermission> perms = permissions(r.ipPermissions(), r.ipProtocol(), r.fromPort(), r.toPort(), r.cidrIp());
    List<SecurityGroupRule> added = authorize(g, true, perms, tagsFor(r.tagSpecifications(), "security-group-rule"));
    return AuthorizeSecurityGroupEgressResponse.builder().returnValue(true).securityGroupRules(added).build();
  }

  RevokeSecurityGroupIngressResponse revokeIngress(RevokeSecurityGroupIngressRequest r) {
    dryRun(r.dryRun());
    if (r.sourceSecurityGroupName() != null || r.sourceSecurityGroupOwnerId() != null) {
      throw unsupported("RevokeSecurityGroupIngress with SourceSecurityGroupName");
    }
    SecurityGroupRec g = group(r.groupId(), r.groupName());
    List<RuleRec> gone = revoke(g, false, r.securityGroupRuleIds(),
        permissions(r.ipPermissions(), r.ipProtocol(), r.fromPort(), r.toPort(), r.cidrIp()));
    return RevokeSecurityGroupIngressResponse.builder().returnValue(true)
        .revokedSecurityGroupRules(gone.stream().map(x -> revoked(g, x)).toList()).build();
  }

  RevokeSecurityGroupEgressResponse revokeEgress(RevokeSecurityGroupEgressRequest r) {
    dryRun(r.dryRun());
    if (r.sourceSecurityGroupName() != null || r.sourceSecurityGroupOwnerId() != null) {
      throw unsupported("RevokeSecurityGroupEgress with SourceSecurityGroupName");
    }
    SecurityGroupRec g = group(r.groupId(), null);
    List<RuleRec> gone = revoke(g, true, r.securityGroupRuleIds(),
        permissions(r.ipPermissions(), r.ipProtocol(), r.fromPort(), r.toPort(), r.cidrIp()));
    return RevokeSecurityGroupEgressResponse.builder().returnValue(true)
        .revokedSecurityGroupRules(gone.stream().map(x -> revoked(g, x)).toList()).build();
  }

  DeleteSecurityGroupResponse deleteSecurityGroup(DeleteSecurityGroupRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    SecurityGroupRec g = group(r.groupId(), r.groupName());
    if (g.groupName.equals("default")) {
      throw error("CannotDelete", "the specified group: \"" + g.id + "\" name: \"default\" cannot be deleted by a user");
    }
    for (SecurityGroupRec o : st.securityGroups.values()) {
      if (o != g && o.rules.stream().anyMatch(x -> g.id.equals(x.referencedGroupId))) {
        throw dependencyViolation("resource " + g.id + " has a dependent object");
      }
    }
    if (!s.account.dependentsOf("ec2", "security-group", g.id).isEmpty()) {
      throw dependencyViolation("resource " + g.id + " has a dependent object");
    }
    st.securityGroups.remove(g.id);
    return DeleteSecurityGroupResponse.builder().returnValue(true).groupId(g.id).build();
  }

  DescribeSecurityGroupRulesResponse describeSecurityGroupRules(DescribeSecurityGroupRulesRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    Map<String, RuleRec> all = new LinkedHashMap<>();
    Map<String, SecurityGroupRec> owner = new LinkedHashMap<>();
    for (SecurityGroupRec g : st.securityGroups.values()) {
      for (RuleRec x : g.rules) {
        all.put(x.id, x);
        owner.put(x.id, g);
      }
    }
    Map<String, Function<RuleRec, Collection<String>>> f = new LinkedHashMap<>();
    f.put("group-id", x -> one(owner.get(x.id).id));
    f.put("security-group-rule-id", x -> one(x.id));
    List<RuleRec> found = s.select(all, Kind.SECURITY_GROUP_RULE, r.securityGroupRuleIds(), r.filters(), f);
    found.removeIf(x -> !s.visible(owner.get(x.id)));
    Page<RuleRec> p = Ec2Support.page(found, r.maxResults(), r.nextToken(), 5);
    return DescribeSecurityGroupRulesResponse.builder()
        .securityGroupRules(p.items().stream().map(x -> toRule(owner.get(x.id), x)).toList())
        .nextToken(p.nextToken()).build();
  }

  // ---------------------------------------------------------------------------------------------------

  private SecurityGroupRec group(String groupId, String groupName) {
    if (groupId == null && groupName != null) {
      throw error("InvalidGroup.NotFound", "The security group '" + groupName + "' does not exist in default VPC 'none'");
    }
    return require(s.state().securityGroups, Kind.SECURITY_GROUP, groupId);
  }

  private static java.util.stream.Stream<RuleRec> rules(SecurityGroupRec g, boolean egress) {
    return g.rules.stream().filter(x -> x.egress == egress);
  }

  /** The request's IpPermissions, or the one permission of its legacy top-level fields. */
  private static List<IpPermission> permissions(List<IpPermission> perms, String protocol, Integer from, Integer to,
                                                String cidr) {
    boolean legacy = protocol != null || from != null || to != null || cidr != null;
    if (legacy && perms != null && !perms.isEmpty()) {
      throw error("InvalidParameterCombination", "The parameter 'ipPermissions' may not be used in combination with"
          + " 'ipProtocol', 'fromPort', 'toPort' or 'cidrIp'");
    }
    if (!legacy) return perms == null ? List.of() : perms;
    IpPermission.Builder b = IpPermission.builder().ipProtocol(protocol).fromPort(from).toPort(to);
    if (cidr != null) b.ipRanges(IpRange.builder().cidrIp(cidr).build());
    return List.of(b.build());
  }

  /** One rule per (protocol, ports, single source) of the permissions, validated and normalised. */
  private List<RuleRec> expand(SecurityGroupRec g, boolean egress, List<IpPermission> perms) {
    if (perms.isEmpty()) throw missing("ipPermissions");
    List<RuleRec> out = new ArrayList<>();
    for (IpPermission p : perms) {
      String proto = protocol(p.ipProtocol());
      int from = -1;
      int to = -1;
      if (proto.equals("tcp") || proto.equals("udp")) {
        if (p.fromPort() == null || p.toPort() == null) {
          throw invalidParameter("Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange");
        }
        from = p.fromPort();
        to = p.toPort();
        if (from < 0 || to > 65535 || from > to) {
          throw invalidParameter("Invalid value '" + from + "-" + to + "' for portRange. Must be within 0-65535 and from <= to.");
        }
      } else if (proto.equals("icmp") || proto.equals("icmpv6")) {
        from = p.fromPort() == null ? -1 : p.fromPort();
        to = p.toPort() == null ? -1 : p.toPort();
        if (from < -1 || from > 255 || to < -1 || to > 255) {
          throw invalidParameter("Invalid value for ICMP type " + from + " or code " + to);
        }
      }
      if (p.hasPrefixListIds() && !p.prefixListIds().isEmpty()) throw unsupported("security group rules with prefix lists");
      int before = out.size();
      for (IpRange x : p.ipRanges()) {
        Ec2Support.Cidr c = Ec2Support.Cidr.parse(x.cidrIp());
        if (c == null || !c.canonical()) throw invalidParameter("CIDR block " + x.cidrIp() + " is malformed");
        out.add(probe(egress, proto, from, to, x.cidrIp(), null, null, x.description()));
      }
      for (Ipv6Range x : p.ipv6Ranges()) {
        if (x.cidrIpv6() == null || !x.cidrIpv6().contains(":") || !x.cidrIpv6().contains("/")) {
          throw invalidParameter("CIDR block " + x.cidrIpv6() + " is malformed");
        }
        out.add(probe(egress, proto, from, to, null, x.cidrIpv6().toLowerCase(Locale.ROOT), null, x.description()));
      }
      for (UserIdGroupPair x : p.userIdGroupPairs()) {
        if (x.groupId() == null) {
          if (x.groupName() != null) throw unsupported("security group references by name");
          throw missing("groupId");
        }
        if (x.userId() != null && !x.userId().equals(s.owner())) throw unsupported("references to groups of other accounts");
        if (x.vpcPeeringConnectionId() != null) throw unsupported("references through VPC peering");
        SecurityGroupRec ref = require(s.state().securityGroups, Kind.SECURITY_GROUP, x.groupId());
        if (!ref.vpcId.equals(g.vpcId)) {
          throw error("InvalidGroup.NotFound", "You have specified two resources that belong to different networks.");
        }
        out.add(probe(egress, proto, from, to, null, null, ref.id, x.description()));
      }
      if (out.size() == before) throw missing("a source (IpRanges, Ipv6Ranges or UserIdGroupPairs)");
    }
    return out;
  }

  private List<SecurityGroupRule> authorize(SecurityGroupRec g, boolean egress, List<IpPermission> perms,
                                            Map<String, String> tags) {
    List<RuleRec> wanted = expand(g, egress, perms);
    Set<String> have = new HashSet<>();
    for (RuleRec x : g.rules) have.add(key(x));
    for (RuleRec x : wanted) {
      if (!have.add(key(x))) {
        throw error("InvalidPermission.Duplicate", "the specified rule \"" + describeRule(x) + "\" already exists");
      }
    }
    if (rules(g, egress).count() + wanted.size() > MAX_RULES_PER_DIRECTION) {
      throw error("RulesPerSecurityGroupLimitExceeded", "The maximum number of rules per security group has been reached.");
    }
    for (RuleRec x : wanted) s.init(x, "sgr", tags);
    g.rules.addAll(wanted);
    return wanted.stream().map(x -> toRule(g, x)).toList();
  }

  private List<RuleRec> revoke(SecurityGroupRec g, boolean egress, List<String> ruleIds, List<IpPermission> perms) {
    List<RuleRec> gone = new ArrayList<>();
    boolean byIds = ruleIds != null && !ruleIds.isEmpty();
    if (byIds && !perms.isEmpty()) {
      throw error("InvalidParameterCombination", "You may specify either security group rule IDs or IP permissions, not both");
    }
    if (byIds) {
      for (String id : ruleIds) {
        RuleRec x = g.rules.stream().filter(y -> y.id.equals(id) && y.egress == egress).findFirst().orElse(null);
        if (x == null) throw Kind.SECURITY_GROUP_RULE.notFound(id);
        gone.add(x);
      }
    } else {
      // Revoke matches the rule's protocol, ports and source; its id, description and tags do not matter.
      List<RuleRec> wanted = expand(g, egress, perms);
      for (RuleRec w : wanted) {
        RuleRec x = g.rules.stream().filter(y -> y.egress == egress && key(y).equals(key(w))).findFirst().orElse(null);
        if (x == null) throw error("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
        gone.add(x);
      }
    }
    g.rules.removeAll(gone);
    return gone;
  }

  /** A new rule with its id and tags. */
  private RuleRec rule(SecurityGroupRec g, boolean egress, String proto, int from, int to, String cidr4, String cidr6,
                       String groupRef, String description, Map<String, String> tags) {
    return s.init(probe(egress, proto, from, to, cidr4, cidr6, groupRef, description), "sgr", tags);
  }

  /** A rule without id: what a request asks for. */
  private static RuleRec probe(boolean egress, String proto, int from, int to, String cidr4, String cidr6, String groupRef,
                               String description) {
    RuleRec x = new RuleRec();
    x.egress = egress;
    x.ipProtocol = proto;
    x.fromPort = from;
    x.toPort = to;
    x.cidrIpv4 = cidr4;
    x.cidrIpv6 = cidr6;
    x.referencedGroupId = groupRef;
    x.description = description;
    return x;
  }

  private static String key(RuleRec x) {
    return x.egress + "|" + x.ipProtocol + "|" + x.fromPort + "|" + x.toPort + "|" + x.cidrIpv4 + "|" + x.cidrIpv6 + "|"
        + x.referencedGroupId;
  }

  private static String describeRule(RuleRec x) {
    String peer = x.cidrIpv4 != null ? x.cidrIpv4 : x.cidrIpv6 != null ? x.cidrIpv6 : x.referencedGroupId;
    String proto = x.ipProtocol.equals("-1") ? "ALL" : x.ipProtocol.toUpperCase(Locale.ROOT);
    return "peer: " + peer + ", " + proto + ", from port: " + x.fromPort + ", to port: " + x.toPort + ", ALLOW";
  }

  /** {@code tcp}/{@code udp}/{@code icmp}/{@code icmpv6} by name or number, another number 0..255, or -1. */
  private static String protocol(String p) {
    if (p == null) throw missing("ipProtocol");
    String v = p.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "tcp", "6": return "tcp";
      case "udp", "17": return "udp";
      case "icmp", "1": return "icmp";
      case "icmpv6", "58": return "icmpv6";
      case "-1", "all": return "-1";
      default:
        try {
          int n = Integer.parseInt(v);
          if (n >= 0 && n <= 255) return String.valueOf(n);
        } catch (NumberFormatException ignored) {
          // falls through
        }
        throw invalidParameter("Invalid value '" + p + "' for IP protocol. Unknown protocol.");
    }
  }

  private static boolean hasPorts(String proto) {
    return proto.equals("tcp") || proto.equals("udp") || proto.equals("icmp") || proto.equals("icmpv6");
  }

  private SecurityGroup toGroup(SecurityGroupRec g) {
    SecurityGroup.Builder b = SecurityGroup.builder().groupId(g.id).groupName(g.groupName).description(g.description)
        .vpcId(g.vpcId).ownerId(s.owner()).securityGroupArn(s.arn("security-group", g.id))
        .ipPermissions(group(rules(g, false).toList())).ipPermissionsEgress(group(rules(g, true).toList()));
    if (!g.tags.isEmpty()) b.tags(sdkTags(g.tags));
    return b.build();
  }

  /** Rules with the same protocol and ports make one IpPermission, in order of first appearance. */
  private List<IpPermission> group(List<RuleRec> rules) {
    Map<String, List<RuleRec>> byPerm = new LinkedHashMap<>();
    for (RuleRec x : rules) byPerm.computeIfAbsent(x.ipProtocol + "|" + x.fromPort + "|" + x.toPort, k -> new ArrayList<>()).add(x);
    List<IpPermission> out = new ArrayList<>();
    for (List<RuleRec> xs : byPerm.values()) {
      RuleRec first = xs.get(0);
      IpPermission.Builder b = IpPermission.builder().ipProtocol(first.ipProtocol);
      if (hasPorts(first.ipProtocol)) b.fromPort(first.fromPort).toPort(first.toPort);
      b.ipRanges(xs.stream().filter(x -> x.cidrIpv4 != null)
          .map(x -> IpRange.builder().cidrIp(x.cidrIpv4).description(x.description).build()).toList());
      b.ipv6Ranges(xs.stream().filter(x -> x.cidrIpv6 != null)
          .map(x -> Ipv6Range.builder().cidrIpv6(x.cidrIpv6).description(x.description).build()).toList());
      b.userIdGroupPairs(xs.stream().filter(x -> x.referencedGroupId != null)
          .map(x -> UserIdGroupPair.builder().userId(s.owner()).groupId(x.referencedGroupId).description(x.description).build())
          .toList());
      b.prefixListIds(List.of());
      out.add(b.build());
    }
    return out;
  }

  private SecurityGroupRule toRule(SecurityGroupRec g, RuleRec x) {
    SecurityGroupRule.Builder b = SecurityGroupRule.builder().securityGroupRuleId(x.id).groupId(g.id)
        .groupOwnerId(s.owner()).isEgress(x.egress).ipProtocol(x.ipProtocol).fromPort(x.fromPort).toPort(x.toPort)
        .cidrIpv4(x.cidrIpv4).cidrIpv6(x.cidrIpv6).description(x.description)
        .securityGroupRuleArn(s.arn("security-group-rule", x.id)).tags(sdkTags(x.tags));
    if (x.referencedGroupId != null) {
      b.referencedGroupInfo(ReferencedSecurityGroup.builder().groupId(x.referencedGroupId).userId(s.owner()).build());
    }
    return b.build();
  }

  private static RevokedSecurityGroupRule revoked(SecurityGroupRec g, RuleRec x) {
    return RevokedSecurityGroupRule.builder().securityGroupRuleId(x.id).groupId(g.id).isEgress(x.egress)
        .ipProtocol(x.ipProtocol).fromPort(x.fromPort).toPort(x.toPort).cidrIpv4(x.cidrIpv4).cidrIpv6(x.cidrIpv6)
        .referencedGroupId(x.referencedGroupId).description(x.description).build();
  }
}
