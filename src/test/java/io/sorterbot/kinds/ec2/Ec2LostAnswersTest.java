package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2TestSupport.desired;
import static io.sorterbot.kinds.ec2.Ec2TestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Tags;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Every EC2 kind against a sandbox that loses the first answer of every mutating call (lost rate 1): each
 * create, update and delete is executed twice by AWS, as after a real 5xx or timeout the SDK retried. Each
 * create must leave exactly one resource with its SBID, and the kind's later calls must not fail on the
 * "already done" answers; resources of others must never be adopted.
 */
class Ec2LostAnswersTest {
  @TempDir Path dir;
  @TempDir Path home;
  private final Ec2TestSupport.FakeTicker ticker = new Ec2TestSupport.FakeTicker();
  /** Answers lost: what the kinds use. */
  private SandboxClients lossy;
  private KindContext ctx;
  /** The same account without lost answers: setup and inventory. */
  private SandboxClients plainClients;
  private Ec2Client plain;

  private final VpcKind vpcs = new VpcKind();
  private final SubnetKind subnets = new SubnetKind();
  private final InternetGatewayKind gateways = new InternetGatewayKind();
  private final RouteTableKind tables = new RouteTableKind();
  private final SecurityGroupKind groups = new SecurityGroupKind();
  private final InstanceKind instances = new InstanceKind();
  private KeyPairKind keys;

  @BeforeEach
  void open() {
    lossy = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none().withLostRate(1.0), ticker);
    ctx = new KindContext(Ec2TestSupport.STACK, lossy, ticker, KindContext.Progress.NONE);
    plainClients = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none(), ticker);
    plain = plainClients.ec2();
    keys = new KeyPairKind(home);
  }

  @Test
  void lostAnswersAreReallyLost() {
    // the premise of every other test: without a look for its twin, CreateVpc sent twice makes two VPCs
    lossy.ec2().createVpc(b -> b.cidrBlock("10.9.0.0/16"));
    assertThat(plain.describeVpcs().vpcs()).hasSize(2);
  }

  @Test
  void vpc() {
    LiveResource live = vpcs.create(ctx, desired("SBVpc", "ec2.vpc",
        map("cidrBlock", "10.0.0.0/16", "enableDnsSupport", true, "enableDnsHostnames", true)));
    assertThat(vpcIds("SBVpc")).containsExactly(live.id());
    assertThat(live.properties()).containsEntry("enableDnsHostnames", true);

    live = vpcs.update(ctx, live, desired("SBVpc", "ec2.vpc",
        map("cidrBlock", "10.0.0.0/16", "enableDnsSupport", true, "enableDnsHostnames", false)), changes("enableDnsHostnames"));
    assertThat(live.properties()).containsEntry("enableDnsHostnames", false);

    vpcs.delete(ctx, live);
    assertThat(vpcIds("SBVpc")).isEmpty();
  }

  @Test
  void vpcTwinsOfOtherStacksAndRetainedOnesAreKept() {
    String foreign = plain.createVpc(b -> b.cidrBlock("10.0.0.0/16")
        .tagSpecifications(spec(ResourceType.VPC, "SBVpc", "otherstack"))).vpc().vpcId();
    LiveResource live = vpcs.create(ctx, desired("SBVpc", "ec2.vpc", map("cidrBlock", "10.0.0.0/16")));
    assertThat(vpcIds("SBVpc")).containsExactlyInAnyOrder(foreign, live.id());

    // retain is never overridden, even for a lost answer's twin: both stay (plan reports the duplicate)
    Desired retained = withTag(desired("SBKept", "ec2.vpc", map("cidrBlock", "10.1.0.0/16")), Tags.DELETION_POLICY, "retain");
    vpcs.create(ctx, retained);
    assertThat(vpcIds("SBKept")).hasSize(2);
  }

  @Test
  void subnet() {
    String vpc = newVpc();
    LiveResource live = subnets.create(ctx, desired("SBSubnet", "ec2.subnet", map("vpcId", vpc, "cidrBlock", "10.0.1.0/24",
        "availabilityZone", "eu-central-1a", "mapPublicIpOnLaunch", true)));
    assertThat(subnetIds("SBSubnet")).containsExactly(live.id());
    assertThat(live.properties()).containsEntry("mapPublicIpOnLaunch", true);

    live = subnets.update(ctx, live, desired("SBSubnet", "ec2.subnet", map("vpcId", vpc, "cidrBlock", "10.0.1.0/24",
        "availabilityZone", "eu-central-1a", "mapPublicIpOnLaunch", false)), changes("mapPublicIpOnLaunch"));
    assertThat(live.properties()).containsEntry("mapPublicIpOnLaunch", false);

    subnets.delete(ctx, live);
    assertThat(subnetIds("SBSubnet")).isEmpty();
  }

  @Test
  void aSubnetOfAnotherStackOrUntaggedWithTheSameCidrIsNeverAdopted() {
    String vpc = newVpc();
    plain.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24").tagSpecifications(spec(ResourceType.SUBNET, "SBSubnet", "otherstack")));
    plain.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.2.0/24"));
    assertThatThrownBy(() -> subnets.create(ctx, desired("SBSubnet", "ec2.subnet", map("vpcId", vpc, "cidrBlock", "10.0.1.0/24"))))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("InvalidSubnet.Conflict"));
    assertThatThrownBy(() -> subnets.create(ctx, desired("SBOther", "ec2.subnet", map("vpcId", vpc, "cidrBlock", "10.0.2.0/24"))))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("InvalidSubnet.Conflict"));
    assertThat(subnetIds("SBOther")).isEmpty();
  }

  @Test
  void internetGateway() {
    String a = newVpc();
    String b = vpcs.create(ctx, desired("SBVpcB", "ec2.vpc", map("cidrBlock", "10.1.0.0/16"))).id();
    LiveResource live = gateways.create(ctx, desired("SBIgw", "ec2.internetGateway", map("vpcId", a)));
    assertThat(igwIds("SBIgw")).containsExactly(live.id());
    assertThat(live.properties()).containsEntry("vpcId", a);

    live = gateways.update(ctx, live, desired("SBIgw", "ec2.internetGateway", map("vpcId", b)), changes("vpcId"));
    assertThat(live.properties()).containsEntry("vpcId", b);

    gateways.delete(ctx, live);
    assertThat(igwIds("SBIgw")).isEmpty();
  }

  @Test
  void aGatewayCannotTakeAVpcThatHoldsAnotherOne() {
    String vpc = newVpc();
    String other = plain.createInternetGateway(b -> { }).internetGateway().internetGatewayId();
    plain.attachInternetGateway(b -> b.internetGatewayId(other).vpcId(vpc));
    assertThatThrownBy(() -> gateways.create(ctx, desired("SBIgw", "ec2.internetGateway", map("vpcId", vpc))))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("Resource.AlreadyAssociated"));
  }

  @Test
  void routeTable() {
    String vpc = newVpc();
    String igw = gateways.create(ctx, desired("SBIgw", "ec2.internetGateway", map("vpcId", vpc))).id();
    String sa = subnets.create(ctx, desired("SBSubnetA", "ec2.subnet", map("vpcId", vpc, "cidrBlock", "10.0.0.0/24"))).id();
    String sb = subnets.create(ctx, desired("SBSubnetB", "ec2.subnet", map("vpcId", vpc, "cidrBlock", "10.0.1.0/24"))).id();
    Map<String, Object> internet = map("destinationCidrBlock", "0.0.0.0/0", "gatewayId", igw);
    Map<String, Object> office = map("destinationCidrBlock", "192.168.0.0/16", "gatewayId", igw);

    LiveResource live = tables.create(ctx, desired("SBRt", "ec2.routeTable",
        map("vpcId", vpc, "routes", List.of(internet), "subnetIds", List.of(sa))));
    assertThat(routeTableIds("SBRt")).containsExactly(live.id());  // the client token held
    assertThat(live.properties().get("routes")).isEqualTo(tables.normalize("routes", List.of(internet)));
    assertThat(live.properties().get("subnetIds")).isEqualTo(List.of(sa));

    live = tables.update(ctx, live, desired("SBRt", "ec2.routeTable",
        map("vpcId", vpc, "routes", List.of(office), "subnetIds", List.of(sb))), changes("routes", "subnetIds"));
    assertThat(live.properties().get("routes")).isEqualTo(tables.normalize("routes", List.of(office)));
    assertThat(live.properties().get("subnetIds")).isEqualTo(List.of(sb));

    tables.delete(ctx, live);
    assertThat(routeTableIds("SBRt")).isEmpty();
  }

  @Test
  void aRouteToAnotherTargetIsStillAConflict() {
    // the sandbox cannot hold two gateways in one VPC: EC2 answers scripted
    Ec2Client ec2 = Ec2TestSupport.mockEc2();
    KindContext scripted = Ec2TestSupport.ctx(ec2, ticker, KindContext.Progress.NONE);
    doReturn(CreateRouteTableResponse.builder().routeTable(t -> t.routeTableId("rtb-1").vpcId("vpc-1")).build())
        .when(ec2).createRouteTable(any(CreateRouteTableRequest.class));
    doThrow(Ec2TestSupport.error("RouteAlreadyExists")).when(ec2).createRoute(any(CreateRouteRequest.class));
    RouteTable table = RouteTable.builder().routeTableId("rtb-1").vpcId("vpc-1").routes(Route.builder()
        .destinationCidrBlock("0.0.0.0/0").gatewayId("igw-other").origin("CreateRoute").build()).build();
    doReturn(DescribeRouteTablesResponse.builder().routeTables(table).build())
        .when(ec2).describeRouteTables(any(DescribeRouteTablesRequest.class));
    assertThatThrownBy(() -> tables.create(scripted, desired("SBRt", "ec2.routeTable", map("vpcId", "vpc-1",
        "routes", List.of(map("destinationCidrBlock", "0.0.0.0/0", "gatewayId", "igw-1"))))))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("RouteAlreadyExists"));
  }

  @Test
  void securityGroup() {
    String vpc = newVpc();
    Map<String, Object> ssh = map("ipProtocol", "tcp", "fromPort", 22L, "toPort", 22L, "cidrIp", "0.0.0.0/0");
    Map<String, Object> web = map("ipProtocol", "tcp", "fromPort", 80L, "toPort", 80L, "cidrIp", "0.0.0.0/0");
    Map<String, Object> dns = map("ipProtocol", "udp", "fromPort", 53L, "toPort", 53L, "cidrIp", "10.0.0.2/32");
    LiveResource live = groups.create(ctx, desired("SBSg", "ec2.securityGroup", map("groupName", "sb-web",
        "description", "web", "vpcId", vpc, "ingress", List.of(ssh), "egress", List.of(dns))));
    assertThat(groupIds("SBSg")).containsExactly(live.id());
    assertThat(live.properties().get("ingress")).isEqualTo(groups.normalize("ingress", List.of(ssh)));
    assertThat(live.properties().get("egress")).isEqualTo(groups.normalize("egress", List.of(dns)));

    live = groups.update(ctx, live, desired("SBSg", "ec2.securityGroup", map("groupName", "sb-web",
        "description", "web", "vpcId", vpc, "ingress", List.of(web), "egress", List.of(web))), changes("ingress", "egress"));
    assertThat(live.properties().get("ingress")).isEqualTo(groups.normalize("ingress", List.of(web)));
    assertThat(live.properties().get("egress")).isEqualTo(groups.normalize("egress", List.of(web)));

    groups.delete(ctx, live);
    assertThat(groupIds("SBSg")).isEmpty();
  }

  @Test
  void aGroupOfAnotherStackOrUntaggedWithTheSameNameIsNeverAdopted() {
    String vpc = newVpc();
    plain.createSecurityGroup(b -> b.vpcId(vpc).groupName("sb-web").description("web")
        .tagSpecifications(spec(ResourceType.SECURITY_GROUP, "SBSg", "otherstack")));
    plain.createSecurityGroup(b -> b.vpcId(vpc).groupName("sb-db").description("db"));
    assertThatThrownBy(() -> groups.create(ctx, desired("SBSg", "ec2.securityGroup",
        map("groupName", "sb-web", "description", "web", "vpcId", vpc))))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("InvalidGroup.Duplicate"));
    assertThatThrownBy(() -> groups.create(ctx, desired("SBDb", "ec2.securityGroup",
        map("groupName", "sb-db", "description", "db", "vpcId", vpc))))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("InvalidGroup.Duplicate"));
  }

  @Test
  void keyPairGeneratedHere() {
    LiveResource live = keys.create(ctx, desired("SBKey", "ec2.keyPair",
        map("keyName", "sb-key", "privateKeyFile", home.resolve("sb-key.pem").toString())));
    assertThat(keyIds("SBKey")).containsExactly(live.id());
    keys.delete(ctx, live);
    assertThat(keyIds("SBKey")).isEmpty();
  }

  @Test
  void keyPairImportedAndKeyPairMadeByAws() {
    String material = RsaKeys.generate().openSshPublicKey();
    LiveResource imported = keys.create(ctx, desired("SBImported", "ec2.keyPair",
        map("keyName", "imported", "publicKeyMaterial", material)));
    assertThat(keyIds("SBImported")).containsExactly(imported.id());
    LiveResource made = keys.create(ctx, desired("SBMade", "ec2.keyPair", map("keyName", "made")));
    assertThat(keyIds("SBMade")).containsExactly(made.id());
    keys.delete(ctx, imported);
    keys.delete(ctx, made);
    assertThat(keyIds("SBImported")).isEmpty();
    assertThat(keyIds("SBMade")).isEmpty();
  }

  @Test
  void aKeyPairWithAnotherKeyOrOfAnotherStackIsNeverAdopted() {
    String mine = RsaKeys.generate().openSshPublicKey();
    // our tags, but another key: not the lost import's work
    plain.importKeyPair(b -> b.keyName("k1").publicKeyMaterial(software.amazon.awssdk.core.SdkBytes.fromUtf8String(
        RsaKeys.generate().openSshPublicKey())).tagSpecifications(spec(ResourceType.KEY_PAIR, "SBKey", Ec2TestSupport.STACK)));
    plain.importKeyPair(b -> b.keyName("k2").publicKeyMaterial(software.amazon.awssdk.core.SdkBytes.fromUtf8String(mine))
        .tagSpecifications(spec(ResourceType.KEY_PAIR, "SBKey2", "otherstack")));
    assertThatThrownBy(() -> keys.create(ctx, desired("SBKey", "ec2.keyPair", map("keyName", "k1", "publicKeyMaterial", mine))))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("InvalidKeyPair.Duplicate"));
    assertThatThrownBy(() -> keys.create(ctx, desired("SBKey2", "ec2.keyPair", map("keyName", "k2", "publicKeyMaterial", mine))))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("InvalidKeyPair.Duplicate"));
  }

  @Test
  void instance() {
    String vpc = newVpc();
    String subnet = subnets.create(ctx, desired("SBSubnet", "ec2.subnet", map("vpcId", vpc, "cidrBlock", "10.0.0.0/24"))).id();
    String web = groups.create(ctx, desired("SBWeb", "ec2.securityGroup", map("groupName", "web", "description", "web", "vpcId", vpc))).id();
    String ssh = groups.create(ctx, desired("SBSsh", "ec2.securityGroup", map("groupName", "ssh", "description", "ssh", "vpcId", vpc))).id();
    profile("ControlRole");
    profile("OtherRole");
    Map<String, Object> p = new LinkedHashMap<>(map("imageId", InstanceKindSandboxTest.AL2023, "instanceType", "t2.micro",
        "subnetId", subnet, "securityGroupIds", List.of(web), "rootVolumeSize", 8L));
    LiveResource live = instances.create(ctx, desired("SBInstance", "ec2.instance", p));
    assertThat(instanceIds("SBInstance")).containsExactly(live.id());  // the client token held

    // groups, a first profile (associate), the root volume (grow once), the type (stop, modify, start)
    p.put("securityGroupIds", List.of(web, ssh));
    p.put("iamInstanceProfile", "ControlRole");
    p.put("rootVolumeSize", 20L);
    p.put("instanceType", "t3.small");
    live = instances.update(ctx, live, desired("SBInstance", "ec2.instance", p),
        changes("securityGroupIds", "iamInstanceProfile", "rootVolumeSize", "instanceType"));
    assertThat(live.properties()).containsEntry("iamInstanceProfile", "ControlRole").containsEntry("rootVolumeSize", 20L)
        .containsEntry("instanceType", "t3.small");
    assertThat(live.properties().get("securityGroupIds")).asList().containsExactlyInAnyOrder(web, ssh);

    p.put("iamInstanceProfile", "OtherRole");  // replaces the association
    live = instances.update(ctx, live, desired("SBInstance", "ec2.instance", p), changes("iamInstanceProfile"));
    assertThat(live.properties()).containsEntry("iamInstanceProfile", "OtherRole");

    instances.delete(ctx, live);
    assertThat(instanceIds("SBInstance")).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  private String newVpc() {
    return vpcs.create(ctx, desired("SBVpc", "ec2.vpc", map("cidrBlock", "10.0.0.0/16"))).id();
  }

  private void profile(String name) {
    var iam = plainClients.iam();
    iam.createRole(r -> r.roleName(name).path("/teststack/").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
        + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
    iam.createInstanceProfile(r -> r.instanceProfileName(name).path("/teststack/"));
    iam.addRoleToInstanceProfile(r -> r.instanceProfileName(name).roleName(name));
  }

  private static List<PropertyChange> changes(String... properties) {
    List<PropertyChange> out = new ArrayList<>();
    for (String p : properties) out.add(new PropertyChange(p, null, null, false));
    return out;
  }

  private static Desired withTag(Desired d, String key, String value) {
    Map<String, String> tags = new LinkedHashMap<>(d.tags());
    tags.put(key, value);
    return new Desired(d.sbid(), d.type(), d.stack(), d.properties(), tags);
  }

  private static software.amazon.awssdk.services.ec2.model.TagSpecification spec(ResourceType type, String sbid, String stack) {
    return software.amazon.awssdk.services.ec2.model.TagSpecification.builder().resourceType(type)
        .tags(Tag.builder().key(Tags.SBID).value(sbid).build(), Tag.builder().key(Tags.STACK).value(stack).build()).build();
  }

  /** Ids of the resources carrying this SBID, from describes without filters (the whole account). */
  private static List<String> withSbid(Map<String, List<Tag>> all, String sbid) {
    return all.entrySet().stream()
        .filter(e -> e.getValue().stream().anyMatch(t -> t.key().equals(Tags.SBID) && t.value().equals(sbid)))
        .map(Map.Entry::getKey).toList();
  }

  private List<String> vpcIds(String sbid) {
    Map<String, List<Tag>> all = new LinkedHashMap<>();
    plain.describeVpcs().vpcs().forEach(v -> all.put(v.vpcId(), v.tags()));
    return withSbid(all, sbid);
  }

  private List<String> subnetIds(String sbid) {
    Map<String, List<Tag>> all = new LinkedHashMap<>();
    plain.describeSubnets().subnets().forEach(v -> all.put(v.subnetId(), v.tags()));
    return withSbid(all, sbid);
  }

  private List<String> igwIds(String sbid) {
    Map<String, List<Tag>> all = new LinkedHashMap<>();
    plain.describeInternetGateways().internetGateways().forEach(v -> all.put(v.internetGatewayId(), v.tags()));
    return withSbid(all, sbid);
  }

  private List<String> routeTableIds(String sbid) {
    Map<String, List<Tag>> all = new LinkedHashMap<>();
    plain.describeRouteTables().routeTables().forEach(v -> all.put(v.routeTableId(), v.tags()));
    return withSbid(all, sbid);
  }

  private List<String> groupIds(String sbid) {
    Map<String, List<Tag>> all = new LinkedHashMap<>();
    plain.describeSecurityGroups().securityGroups().forEach(v -> all.put(v.groupId(), v.tags()));
    return withSbid(all, sbid);
  }

  private List<String> keyIds(String sbid) {
    Map<String, List<Tag>> all = new LinkedHashMap<>();
    plain.describeKeyPairs().keyPairs().forEach(v -> all.put(v.keyPairId(), v.tags()));
    return withSbid(all, sbid);
  }

  /** Instances not terminated (terminated ones stay in describes for an hour). */
  private List<String> instanceIds(String sbid) {
    Map<String, List<Tag>> all = new LinkedHashMap<>();
    plain.describeInstances().reservations().forEach(r -> r.instances().forEach(i -> {
      if (!i.state().nameAsString().equals("terminated") && !i.state().nameAsString().equals("shutting-down")) {
        all.put(i.instanceId(), i.tags());
      }
    }));
    return withSbid(all, sbid);
  }
}
