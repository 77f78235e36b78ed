package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.Ec2TestSupport.assertCode;
import static io.sorterbot.sandbox.Ec2TestSupport.filter;
import static io.sorterbot.sandbox.Ec2TestSupport.tags;
import static io.sorterbot.sandbox.Ec2TestSupport.vpc;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;

class FakeEc2SecurityTest {
  @TempDir Path dir;
  SandboxClients clients;
  Ec2Client ec2;
  String vpcId;

  @BeforeEach void setUp() {
    clients = Ec2TestSupport.open(dir);
    ec2 = clients.ec2();
    vpcId = vpc(ec2, "10.0.0.0/16");
  }

  private String group(String name, String... kv) {
    return ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(name).description(name + " group")
        .tagSpecifications(tags(ResourceType.SECURITY_GROUP, kv))).groupId();
  }

  private static IpPermission tcp(int port, String cidr) {
    return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
        .ipRanges(IpRange.builder().cidrIp(cidr).build()).build();
  }

  private SecurityGroup describe(String id) { return ec2.describeSecurityGroups(r -> r.groupIds(id)).securityGroups().get(0); }

  @Test void createSecurityGroup() {
    CreateSecurityGroupResponse r = ec2.createSecurityGroup(b -> b.vpcId(vpcId).groupName("web").description("Web tier")
        .tagSpecifications(tags(ResourceType.SECURITY_GROUP, "SBStack", "demo")));
    assertThat(r.groupId()).matches("sg-[0-9a-f]{17}");
    assertThat(r.securityGroupArn()).isEqualTo("arn:aws:ec2:eu-west-1:123456789012:security-group/" + r.groupId());
    SecurityGroup g = describe(r.groupId());
    assertThat(g.groupName()).isEqualTo("web");
    assertThat(g.description()).isEqualTo("Web tier");
    assertThat(g.vpcId()).isEqualTo(vpcId);
    assertThat(g.ipPermissions()).isEmpty();
    assertThat(g.ipPermissionsEgress()).singleElement().satisfies(p -> {
      assertThat(p.ipProtocol()).isEqualTo("-1");
      assertThat(p.fromPort()).isNull();
      assertThat(p.ipRanges()).extracting(IpRange::cidrIp).containsExactly("0.0.0.0/0");
    });
    assertThat(g.tags()).extracting(Tag::key).containsExactly("SBStack");

    assertCode("InvalidGroup.Duplicate", () -> group("web"));
    String other = vpc(ec2, "10.1.0.0/16");
    ec2.createSecurityGroup(b -> b.vpcId(other).groupName("web").description("same name elsewhere"));
    assertCode("InvalidGroup.Reserved", () -> group("default"));
    assertCode("InvalidParameterValue", () -> group("sg-web"));
    assertCode("MissingParameter", () -> ec2.createSecurityGroup(b -> b.vpcId(vpcId).groupName("x")));
    assertCode("VPCIdNotSpecified", () -> ec2.createSecurityGroup(b -> b.groupName("x").description("x")));
    assertCode("InvalidVpcID.NotFound",
        () -> ec2.createSecurityGroup(b -> b.vpcId("vpc-0123456789abcdef0").groupName("x").description("x")));
  }

  @Test void describeFilters() {
    String a = group("a", "SBStack", "s1", "SBID", "a");
    String b = group("b", "SBStack", "s1");
    group("c");
    assertThat(ec2.describeSecurityGroups(r -> r.filters(filter("tag:SBStack", "s1"))).securityGroups())
        .extracting(SecurityGroup::groupId).containsExactly(a, b);
    assertThat(ec2.describeSecurityGroups(r -> r.filters(filter("tag-key", "SBID"))).securityGroups())
        .extracting(SecurityGroup::groupId).containsExactly(a);
    assertThat(ec2.describeSecurityGroups(r -> r.filters(filter("vpc-id", vpcId), filter("group-name", "b"))).securityGroups())
        .extracting(SecurityGroup::groupId).containsExactly(b);
    assertThat(ec2.describeSecurityGroups(r -> r.filters(filter("vpc-id", vpcId))).securityGroups()).hasSize(4);
    assertCode("InvalidGroup.NotFound", () -> ec2.describeSecurityGroups(r -> r.groupNames("a")));
  }

  @Test void authorizeAndRevokeIngress() {
    String web = group("web");
    String lb = group("lb");
    AuthorizeSecurityGroupIngressResponse added = ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(
        IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
            .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").description("https").build(), IpRange.builder().cidrIp("10.0.0.0/8").build())
            .ipv6Ranges(Ipv6Range.builder().cidrIpv6("::/0").build())
            .build(),
        IpPermission.builder().ipProtocol("6").fromPort(8080).toPort(8080)
            .userIdGroupPairs(UserIdGroupPair.builder().groupId(lb).build()).build()));
    assertThat(added.returnValue()).isTrue();
    assertThat(added.securityGroupRules()).hasSize(4).allSatisfy(x -> {
      assertThat(x.securityGroupRuleId()).startsWith("sgr-");
      assertThat(x.isEgress()).isFalse();
      assertThat(x.groupId()).isEqualTo(web);
    });

    SecurityGroup g = describe(web);
    assertThat(g.ipPermissions()).hasSize(2);
    IpPermission https = g.ipPermissions().get(0);
    assertThat(https.ipProtocol()).isEqualTo("tcp");
    assertThat(https.fromPort()).isEqualTo(443);
    assertThat(https.ipRanges()).extracting(IpRange::cidrIp, IpRange::description).containsExactly(
        org.assertj.core.groups.Tuple.tuple("0.0.0.0/0", "https"), org.assertj.core.groups.Tuple.tuple("10.0.0.0/8", null));
    assertThat(https.ipv6Ranges()).extracting(Ipv6Range::cidrIpv6).containsExactly("::/0");
    IpPermission fromLb = g.ipPermissions().get(1);
    assertThat(fromLb.ipProtocol()).isEqualTo("tcp");
    assertThat(fromLb.userIdGroupPairs()).singleElement().satisfies(p -> {
      assertThat(p.groupId()).isEqualTo(lb);
      assertThat(p.userId()).isEqualTo("123456789012");
    });

    // The whole call fails on one duplicate, even with a different description, and adds nothing.
    assertCode("InvalidPermission.Duplicate", () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(
        tcp(22, "10.0.0.0/8"),
        IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
            .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").description("other").build()).build())));
    assertThat(describe(web).ipPermissions()).hasSize(2);
    assertCode("InvalidParameterValue", () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(
        IpPermission.builder().ipProtocol("tcp").ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build())));
    assertCode("InvalidParameterValue", () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(
        IpPermission.builder().ipProtocol("banana").ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build())));
    assertCode("InvalidGroup.NotFound", () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(
        IpPermission.builder().ipProtocol("-1").userIdGroupPairs(UserIdGroupPair.builder().groupId("sg-0123456789abcdef0").build())
            .build())));
    assertCode("InvalidGroup.NotFound", () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId("sg-0123456789abcdef0")
        .ipPermissions(tcp(22, "10.0.0.0/8"))));

    assertCode("InvalidPermission.NotFound", () -> ec2.revokeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(
        tcp(443, "0.0.0.0/0"), tcp(22, "0.0.0.0/0"))));
    assertThat(describe(web).ipPermissions().get(0).ipRanges()).hasSize(2);
    RevokeSecurityGroupIngressResponse revoked = ec2.revokeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(
        tcp(443, "0.0.0.0/0")));
    assertThat(revoked.revokedSecurityGroupRules()).singleElement()
        .satisfies(x -> assertThat(x.cidrIpv4()).isEqualTo("0.0.0.0/0"));
    assertThat(describe(web).ipPermissions().get(0).ipRanges()).extracting(IpRange::cidrIp).containsExactly("10.0.0.0/8");

    String ruleId = added.securityGroupRules().stream().filter(x -> lb.equals(
        x.referencedGroupInfo() == null ? null : x.referencedGroupInfo().groupId())).findFirst().orElseThrow().securityGroupRuleId();
    ec2.revokeSecurityGroupIngress(r -> r.groupId(web).securityGroupRuleIds(ruleId));
    assertThat(describe(web).ipPermissions()).hasSize(1);
    assertCode("InvalidSecurityGroupRuleId.NotFound",
        () -> ec2.revokeSecurityGroupIngress(r -> r.groupId(web).securityGroupRuleIds(ruleId)));
  }

  @Test void egressRules() {
    String g = group("g");
    assertCode("InvalidPermission.Duplicate", () -> ec2.authorizeSecurityGroupEgress(r -> r.groupId(g).ipPermissions(
        IpPermission.builder().ipProtocol("-1").ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build())));
    ec2.revokeSecurityGroupEgress(r -> r.groupId(g).ipPermissions(
        IpPermission.builder().ipProtocol("-1").ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
    assertThat(describe(g).ipPermissionsEgress()).isEmpty();
    ec2.authorizeSecurityGroupEgress(r -> r.groupId(g).ipPermissions(tcp(5432, "10.0.0.0/16")));
    assertThat(describe(g).ipPermissionsEgress()).singleElement().satisfies(p -> assertThat(p.toPort()).isEqualTo(5432));
    assertCode("InvalidPermission.NotFound", () -> ec2.revokeSecurityGroupEgress(r -> r.groupId(g).ipPermissions(
        tcp(5433, "10.0.0.0/16"))));
  }

  @Test void deleteSecurityGroup() {
    String db = group("db");
    String app = group("app");
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(db).ipPermissions(IpPermission.builder().ipProtocol("tcp")
        .fromPort(5432).toPort(5432).userIdGroupPairs(UserIdGroupPair.builder().groupId(app).build()).build()));
    assertCode("DependencyViolation", () -> ec2.deleteSecurityGroup(r -> r.groupId(app)));
    ec2.deleteSecurityGroup(r -> r.groupId(db));
    ec2.deleteSecurityGroup(r -> r.groupId(app));
    assertCode("InvalidGroup.NotFound", () -> ec2.deleteSecurityGroup(r -> r.groupId(app)));

    String self = group("self");
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(self).ipPermissions(IpPermission.builder().ipProtocol("-1")
        .userIdGroupPairs(UserIdGroupPair.builder().groupId(self).build()).build()));
    ec2.deleteSecurityGroup(r -> r.groupId(self)); // a self-reference does not block

    String dflt = ec2.describeSecurityGroups(r -> r.filters(filter("group-name", "default"))).securityGroups().get(0).groupId();
    assertCode("CannotDelete", () -> ec2.deleteSecurityGroup(r -> r.groupId(dflt)));

    String held = group("held");
    clients.account().registerDependents("ec2", "security-group", id -> id.equals(held) ? List.of("eni-1") : List.of());
    assertCode("DependencyViolation", () -> ec2.deleteSecurityGroup(r -> r.groupId(held)));
  }

  @Test void describeSecurityGroupRulesAndRuleTags() {
    String g = group("g");
    AuthorizeSecurityGroupIngressResponse added = ec2.authorizeSecurityGroupIngress(r -> r.groupId(g)
        .ipPermissions(tcp(22, "10.0.0.0/8")).tagSpecifications(tags(ResourceType.SECURITY_GROUP_RULE, "SBID", "ssh")));
    String ruleId = added.securityGroupRules().get(0).securityGroupRuleId();
    List<SecurityGroupRule> rules = ec2.describeSecurityGroupRules(r -> r.filters(filter("group-id", g))).securityGroupRules();
    assertThat(rules).hasSize(2);
    SecurityGroupRule ssh = rules.stream().filter(x -> x.securityGroupRuleId().equals(ruleId)).findFirst().orElseThrow();
    assertThat(ssh.isEgress()).isFalse();
    assertThat(ssh.ipProtocol()).isEqualTo("tcp");
    assertThat(ssh.fromPort()).isEqualTo(22);
    assertThat(ssh.cidrIpv4()).isEqualTo("10.0.0.0/8");
    assertThat(ssh.tags()).extracting(Tag::value).containsExactly("ssh");
    SecurityGroupRule egress = rules.stream().filter(SecurityGroupRule::isEgress).findFirst().orElseThrow();
    assertThat(egress.ipProtocol()).isEqualTo("-1");
    assertThat(egress.fromPort()).isEqualTo(-1);
    assertThat(ec2.describeSecurityGroupRules(r -> r.filters(filter("tag:SBID", "ssh"))).securityGroupRules()).hasSize(1);
    ec2.createTags(r -> r.resources(ruleId).tags(Tag.builder().key("more").value("x").build()));
    assertThat(ec2.describeSecurityGroupRules(r -> r.securityGroupRuleIds(ruleId)).securityGroupRules().get(0).tags())
        .hasSize(2);
  }
}
