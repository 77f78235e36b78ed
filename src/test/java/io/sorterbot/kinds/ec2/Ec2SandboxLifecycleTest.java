package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2TestSupport.desired;
import static io.sorterbot.kinds.ec2.Ec2TestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Tags;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind against the sandbox's simulated EC2: create → discover → update each mutable property → delete. */
class Ec2SandboxLifecycleTest {
  @TempDir Path dir;
  private final Ec2TestSupport.FakeTicker ticker = new Ec2TestSupport.FakeTicker();
  private KindContext ctx;

  private final VpcKind vpcs = new VpcKind();
  private final SubnetKind subnets = new SubnetKind();
  private final InternetGatewayKind gateways = new InternetGatewayKind();
  private final RouteTableKind tables = new RouteTableKind();
  private final SecurityGroupKind groups = new SecurityGroupKind();

  @BeforeEach
  void open() { ctx = context(SandboxKnobs.none()); }

  private KindContext context(SandboxKnobs knobs) {
    return Ec2TestSupport.ctx(SandboxClients.open(dir, "eu-central-1", knobs, ticker).ec2(), ticker, KindContext.Progress.NONE);
  }

  @Test
  void vpc() {
    Desired d = desired("SBVpc", "ec2.vpc", map("cidrBlock", "10.0.0.0/16", "enableDnsSupport", true,
        "enableDnsHostnames", true, "tags", Map.of("Name", "vpc")));
    LiveResource live = roundTrip(vpcs, d);
    assertThat(live.attributes()).containsEntry("cidrBlock", "10.0.0.0/16").containsKey("id");

    live = update(vpcs, live, desired("SBVpc", "ec2.vpc", map("cidrBlock", "10.0.0.0/16", "enableDnsSupport", true,
        "enableDnsHostnames", false, "tags", Map.of("Env", "test"))));
    live = update(vpcs, live, desired("SBVpc", "ec2.vpc", map("cidrBlock", "10.0.0.0/16", "enableDnsSupport", false,
        "enableDnsHostnames", false)));

    vpcs.delete(ctx, live);
    assertThat(find(vpcs, "SBVpc")).isNull();
    vpcs.delete(ctx, live);  // already gone = success
  }

  @Test
  void subnet() {
    String vpc = vpc("SBVpc", "10.0.0.0/16");
    Desired d = desired("SBSubnet", "ec2.subnet", map("vpcId", vpc, "cidrBlock", "10.0.1.0/24",
        "availabilityZone", "eu-central-1a", "mapPublicIpOnLaunch", true, "tags", Map.of("Name", "a")));
    LiveResource live = roundTrip(subnets, d);
    assertThat(live.attributes()).containsEntry("availabilityZone", "eu-central-1a");
    assertThat(live.refs()).containsExactly(vpc);

    live = update(subnets, live, desired("SBSubnet", "ec2.subnet", map("vpcId", vpc, "cidrBlock", "10.0.1.0/24",
        "availabilityZone", "eu-central-1a", "mapPublicIpOnLaunch", false, "tags", Map.of("Name", "b"))));

    // the VPC cannot go while the subnet is there: a DependencyViolation that lasts fails with the AWS error
    LiveResource vpcLive = find(vpcs, "SBVpc");
    assertThatThrownBy(() -> vpcs.delete(ctx, vpcLive)).satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("DependencyViolation"));
    subnets.delete(ctx, live);
    assertThat(find(subnets, "SBSubnet")).isNull();
    vpcs.delete(ctx, vpcLive);
  }

  @Test
  void internetGateway() {
    String a = vpc("SBVpcA", "10.0.0.0/16");
    String b = vpc("SBVpcB", "10.1.0.0/16");
    LiveResource live = roundTrip(gateways, desired("SBIgw", "ec2.internetGateway", map("vpcId", a, "tags", Map.of("Name", "igw"))));
    assertThat(live.refs()).containsExactly(a);

    live = update(gateways, live, desired("SBIgw", "ec2.internetGateway", map("vpcId", b, "tags", Map.of("Name", "igw"))));
    assertThat(live.refs()).containsExactly(b);

    gateways.delete(ctx, live);
    assertThat(find(gateways, "SBIgw")).isNull();
    vpcs.delete(ctx, find(vpcs, "SBVpcB"));
  }

  @Test
  void routeTable() {
    String vpc = vpc("SBVpc", "10.0.0.0/16");
    String igw = gateways.create(ctx, desired("SBIgw", "ec2.internetGateway", map("vpcId", vpc))).id();
    String sa = subnets.create(ctx, desired("SBSubnetA", "ec2.subnet", map("vpcId", vpc, "cidrBlock", "10.0.0.0/24"))).id();
    String sb = subnets.create(ctx, desired("SBSubnetB", "ec2.subnet", map("vpcId", vpc, "cidrBlock", "10.0.1.0/24"))).id();
    Map<String, Object> internet = map("destinationCidrBlock", "0.0.0.0/0", "gatewayId", igw);
    Map<String, Object> office = map("destinationCidrBlock", "192.168.0.0/16", "gatewayId", igw);

    LiveResource live = roundTrip(tables, desired("SBRt", "ec2.routeTable",
        map("vpcId", vpc, "routes", List.of(internet), "subnetIds", List.of(sa), "tags", Map.of("Name", "rt"))));
    assertThat(live.refs()).contains(vpc, igw, sa);

    live = update(tables, live, desired("SBRt", "ec2.routeTable",
        map("vpcId", vpc, "routes", List.of(office, internet), "subnetIds", List.of(sb, sa))));
    live = update(tables, live, desired("SBRt", "ec2.routeTable",
        map("vpcId", vpc, "routes", List.of(office), "subnetIds", List.of(sb))));

    tables.delete(ctx, live);
    assertThat(find(tables, "SBRt")).isNull();
    subnets.delete(ctx, find(subnets, "SBSubnetA"));
    subnets.delete(ctx, find(subnets, "SBSubnetB"));
  }

  @Test
  void routeTableCreateRetriedAfterACrashGivesTheSameTable() {
    String vpc = vpc("SBVpc", "10.0.0.0/16");
    Desired d = desired("SBRt", "ec2.routeTable", map("vpcId", vpc));
    String first = tables.create(ctx, d).id();
    assertThat(tables.create(ctx, d).id()).isEqualTo(first);
    assertThat(find(tables, "SBRt").id()).isEqualTo(first);
  }

  @Test
  void securityGroup() {
    String vpc = vpc("SBVpc", "10.0.0.0/16");
    List<Object> ingress = List.of(
        map("ipProtocol", "tcp", "fromPort", 22L, "toPort", 22L, "cidrIp", "0.0.0.0/0"),
        map("ipProtocol", "tcp", "fromPort", 80L, "toPort", 80L, "cidrIp", "0.0.0.0/0", "description", "web"));
    LiveResource live = roundTrip(groups, desired("SBSg", "ec2.securityGroup", map("groupName", "sb-web",
        "description", "SorterBot web", "vpcId", vpc, "ingress", ingress, "tags", Map.of("Name", "sg"))));
    assertThat(live.attributes()).containsEntry("groupName", "sb-web");
    assertThat(live.properties().get("egress")).isEqualTo(List.of(map("ipProtocol", "-1", "cidrIp", "0.0.0.0/0")));

    String other = groups.create(ctx, desired("SBOther", "ec2.securityGroup",
        map("groupName", "sb-other", "description", "other", "vpcId", vpc))).id();
    live = update(groups, live, desired("SBSg", "ec2.securityGroup", map("groupName", "sb-web",
        "description", "SorterBot web", "vpcId", vpc,
        "ingress", List.of(map("ipProtocol", "tcp", "fromPort", 80L, "toPort", 80L, "cidrIp", "0.0.0.0/0", "description", "http"),
            map("ipProtocol", "tcp", "fromPort", 5432L, "toPort", 5432L, "sourceSecurityGroupId", other)),
        "egress", List.of(map("ipProtocol", "tcp", "fromPort", 443L, "toPort", 443L, "cidrIp", "0.0.0.0/0")))));
    assertThat(live.refs()).contains(vpc, other);

    groups.delete(ctx, live);
    assertThat(find(groups, "SBSg")).isNull();
    groups.delete(ctx, find(groups, "SBOther"));
  }

  @Test
  void securityGroupCreatedWithEgressKeepsOnlyTheDeclaredRules() {
    String vpc = vpc("SBVpc", "10.0.0.0/16");
    roundTrip(groups, desired("SBSg", "ec2.securityGroup", map("groupName", "sb", "description", "d", "vpcId", vpc,
        "egress", List.of(map("ipProtocol", "udp", "fromPort", 53L, "toPort", 53L, "cidrIp", "10.0.0.2/32")))));
  }

  @Test
  void readBackWaitsOutTheConsistencyLag() {
    ctx = context(SandboxKnobs.none().withConsistencyLag(Duration.ofSeconds(30)));
    String vpc = vpc("SBVpc", "10.0.0.0/16");
    roundTrip(subnets, desired("SBSubnet", "ec2.subnet", map("vpcId", vpc, "cidrBlock", "10.0.1.0/24", "mapPublicIpOnLaunch", true)));
    assertThat(ticker.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(30)).isLessThan(Duration.ofMinutes(5));
  }

  // ---------------------------------------------------------------------------------------------

  private String vpc(String sbid, String cidr) {
    return vpcs.create(ctx, desired(sbid, "ec2.vpc", map("cidrBlock", cidr))).id();
  }

  /** Creates, then checks that discovery finds it with every declared property as declared. */
  private LiveResource roundTrip(ResourceKind kind, Desired d) {
    LiveResource created = kind.create(ctx, d);
    assertMatches(kind, d, created);
    LiveResource found = find(kind, d.sbid());
    assertThat(found).isNotNull();
    assertThat(found.id()).isEqualTo(created.id());
    assertThat(found.stackTag()).isEqualTo(Ec2TestSupport.STACK);
    assertThat(found.properties()).isEqualTo(created.properties());
    assertMatches(kind, d, found);
    return found;
  }

  /** Updates the properties that differ, then checks that discovery shows the new values. */
  private LiveResource update(ResourceKind kind, LiveResource live, Desired d) {
    List<PropertyChange> changes = new ArrayList<>();
    for (var e : d.properties().entrySet()) {
      Object want = e.getKey().equals("tags") ? Tags.userTags(d.tags()) : e.getValue();
      if (!kind.equivalent(e.getKey(), want, live.properties().get(e.getKey()))) {
        changes.add(new PropertyChange(e.getKey(), live.properties().get(e.getKey()), e.getValue(), false));
      }
    }
    if (!d.has("tags") && !Tags.userTags(d.tags()).equals(live.properties().get("tags"))) {
      changes.add(new PropertyChange("tags", live.properties().get("tags"), Tags.userTags(d.tags()), false));
    }
    assertThat(changes).isNotEmpty();
    LiveResource after = kind.update(ctx, live, d, changes);
    assertMatches(kind, d, after);
    LiveResource found = find(kind, d.sbid());
    assertThat(found.properties()).isEqualTo(after.properties());
    assertThat(found.id()).isEqualTo(live.id());
    return found;
  }

  private static void assertMatches(ResourceKind kind, Desired d, LiveResource live) {
    d.properties().forEach((p, v) -> {
      if (p.equals("tags")) return;
      assertThat(live.properties().get(p)).as(p).isEqualTo(kind.normalize(p, v));
    });
    assertThat(live.properties().get("tags")).isEqualTo(Tags.userTags(d.tags()));
    assertThat(live.tags()).containsEntry(Tags.SBID, d.sbid()).containsEntry(Tags.STACK, Ec2TestSupport.STACK);
    assertThat(live.attributes()).containsEntry("id", live.id());
  }

  private LiveResource find(ResourceKind kind, String sbid) {
    List<LiveResource> found = kind.discover(ctx).stream().filter(r -> sbid.equals(r.sbid())).toList();
    assertThat(found).hasSizeLessThanOrEqualTo(1);
    return found.isEmpty() ? null : found.get(0);
  }
}
