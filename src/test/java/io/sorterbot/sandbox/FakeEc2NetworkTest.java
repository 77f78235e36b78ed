package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.Ec2TestSupport.assertCode;
import static io.sorterbot.sandbox.Ec2TestSupport.filter;
import static io.sorterbot.sandbox.Ec2TestSupport.subnet;
import static io.sorterbot.sandbox.Ec2TestSupport.tags;
import static io.sorterbot.sandbox.Ec2TestSupport.vpc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;

class FakeEc2NetworkTest {
  @TempDir Path dir;
  SandboxClients clients;
  Ec2Client ec2;

  @BeforeEach void setUp() {
    clients = Ec2TestSupport.open(dir);
    ec2 = clients.ec2();
  }

  // ---- VPC ----

  @Test void createVpcCreatesTheDefaultsLikeAws() {
    CreateVpcResponse r = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")
        .tagSpecifications(tags(ResourceType.VPC, "Name", "main", "SBStack", "demo")));
    Vpc v = r.vpc();
    assertThat(v.vpcId()).matches("vpc-[0-9a-f]{17}");
    assertThat(v.state()).isEqualTo(VpcState.PENDING);
    assertThat(v.ownerId()).isEqualTo("123456789012");
    assertThat(v.tags()).extracting(Tag::key, Tag::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Name", "main"), org.assertj.core.groups.Tuple.tuple("SBStack", "demo"));

    Vpc described = ec2.describeVpcs(b -> b.vpcIds(v.vpcId())).vpcs().get(0);
    assertThat(described.state()).isEqualTo(VpcState.AVAILABLE);
    assertThat(described.cidrBlock()).isEqualTo("10.0.0.0/16");
    assertThat(described.isDefault()).isFalse();

    List<RouteTable> tables = ec2.describeRouteTables(b -> b.filters(filter("vpc-id", v.vpcId()))).routeTables();
    assertThat(tables).hasSize(1);
    RouteTable main = tables.get(0);
    assertThat(main.associations()).singleElement().satisfies(a -> {
      assertThat(a.main()).isTrue();
      assertThat(a.routeTableAssociationId()).startsWith("rtbassoc-");
    });
    assertThat(main.routes()).singleElement().satisfies(route -> {
      assertThat(route.destinationCidrBlock()).isEqualTo("10.0.0.0/16");
      assertThat(route.gatewayId()).isEqualTo("local");
      assertThat(route.state()).isEqualTo(RouteState.ACTIVE);
      assertThat(route.origin()).isEqualTo(RouteOrigin.CREATE_ROUTE_TABLE);
    });

    SecurityGroup dflt = ec2.describeSecurityGroups(b -> b.filters(filter("vpc-id", v.vpcId()))).securityGroups().get(0);
    assertThat(dflt.groupName()).isEqualTo("default");
    assertThat(dflt.ipPermissionsEgress()).singleElement().satisfies(p -> {
      assertThat(p.ipProtocol()).isEqualTo("-1");
      assertThat(p.ipRanges()).extracting(IpRange::cidrIp).containsExactly("0.0.0.0/0");
    });
    assertThat(dflt.ipPermissions()).singleElement().satisfies(p ->
        assertThat(p.userIdGroupPairs()).extracting(UserIdGroupPair::groupId).containsExactly(dflt.groupId()));
  }

  @Test void idsAreDeterministicPerAccount(@TempDir Path other) {
    String a = vpc(ec2, "10.0.0.0/16");
    String b = vpc(Ec2TestSupport.open(other).ec2(), "10.9.0.0/16");
    assertThat(a).isEqualTo(b).isEqualTo("vpc-00000000000000001");
    String second = vpc(ec2, "10.1.0.0/16");
    assertThat(second).isGreaterThan(a);
  }

  @Test void createVpcValidatesTheCidr() {
    assertCode("InvalidVpc.Range", () -> vpc(ec2, "10.0.0.0/8"));
    assertCode("InvalidVpc.Range", () -> vpc(ec2, "10.0.0.0/29"));
    assertCode("InvalidParameterValue", () -> vpc(ec2, "10.0.0.1/16"));
    assertCode("InvalidParameterValue", () -> vpc(ec2, "banana"));
    assertCode("MissingParameter", () -> ec2.createVpc(b -> b.instanceTenancy(Tenancy.DEFAULT)));
    assertCode("InvalidParameterValue", () -> ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")
        .tagSpecifications(tags(ResourceType.SUBNET, "a", "b"))));
    assertCode("InvalidParameterValue", () -> vpc(ec2, "10.0.0.0/16", "aws:reserved", "x"));
    assertThat(ec2.describeVpcs().vpcs()).isEmpty();
  }

  @Test void describeVpcsFilters() {
    String a = vpc(ec2, "10.0.0.0/16", "SBStack", "one", "Name", "a");
    String b = vpc(ec2, "10.1.0.0/16", "SBStack", "two");
    String c = vpc(ec2, "10.2.0.0/16", "Other", "x");
    assertThat(ids(ec2.describeVpcs(r -> r.filters(filter("tag:SBStack", "one"))))).containsExactly(a);
    assertThat(ids(ec2.describeVpcs(r -> r.filters(filter("tag:SBStack", "one", "two"))))).containsExactly(a, b);
    assertThat(ids(ec2.describeVpcs(r -> r.filters(filter("tag:SBStack", "t*"))))).containsExactly(b);
    assertThat(ids(ec2.describeVpcs(r -> r.filters(filter("tag-key", "SBStack"))))).containsExactly(a, b);
    assertThat(ids(ec2.describeVpcs(r -> r.filters(filter("tag-key", "SBStack"), filter("tag:Name", "a"))))).containsExactly(a);
    assertThat(ids(ec2.describeVpcs(r -> r.filters(filter("vpc-id", c))))).containsExactly(c);
    assertThat(ids(ec2.describeVpcs(r -> r.filters(filter("cidr", "10.1.0.0/16"))))).containsExactly(b);
    assertThat(ids(ec2.describeVpcs(r -> r.filters(filter("state", "available"))))).containsExactly(a, b, c);
    assertThat(ids(ec2.describeVpcs(r -> r.filters(filter("state", "pending"))))).isEmpty();
    assertThat(ids(ec2.describeVpcs(r -> r.vpcIds(b, a)))).containsExactlyInAnyOrder(a, b);
    assertCode("InvalidParameterValue", () -> ec2.describeVpcs(r -> r.filters(filter("colour", "red"))));
  }

  @Test void unknownIdsAnswerNotFoundAndMalformedIdsMalformed() {
    AwsErrorCheck.notFound(assertCode("InvalidVpcID.NotFound", () -> ec2.describeVpcs(r -> r.vpcIds("vpc-0123456789abcdef0"))));
    assertThat(assertCode("InvalidVpcID.NotFound", () -> ec2.deleteVpc(r -> r.vpcId("vpc-0123456789abcdef0")))
        .awsErrorDetails().errorMessage()).isEqualTo("The vpc ID 'vpc-0123456789abcdef0' does not exist");
    assertThat(assertCode("InvalidVpcID.NotFound", () -> ec2.deleteVpc(r -> r.vpcId("vpc-0123456789abcdef0")))
        .statusCode()).isEqualTo(400);
    assertCode("InvalidVpcID.Malformed", () -> ec2.deleteVpc(r -> r.vpcId("my-vpc")));
    assertCode("InvalidSubnetID.NotFound", () -> ec2.describeSubnets(r -> r.subnetIds("subnet-0123456789abcdef0")));
    assertCode("InvalidInternetGatewayID.NotFound",
        () -> ec2.describeInternetGateways(r -> r.internetGatewayIds("igw-0123456789abcdef0")));
    assertCode("InvalidRouteTableID.NotFound", () -> ec2.describeRouteTables(r -> r.routeTableIds("rtb-0123456789abcdef0")));
    assertCode("InvalidGroup.NotFound", () -> ec2.describeSecurityGroups(r -> r.groupIds("sg-0123456789abcdef0")));
    assertCode("InvalidAssociationID.NotFound",
        () -> ec2.disassociateRouteTable(r -> r.associationId("rtbassoc-0123456789abcdef0")));
  }

  @Test void deleteVpcHasDependencies() {
    String v = vpc(ec2, "10.0.0.0/16");
    String sn = subnet(ec2, v, "10.0.1.0/24");
    assertCode("DependencyViolation", () -> ec2.deleteVpc(r -> r.vpcId(v)));
    ec2.deleteSubnet(r -> r.subnetId(sn));

    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(v));
    assertCode("DependencyViolation", () -> ec2.deleteVpc(r -> r.vpcId(v)));
    ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(v));

    String sg = ec2.createSecurityGroup(r -> r.vpcId(v).groupName("web").description("web")).groupId();
    assertCode("DependencyViolation", () -> ec2.deleteVpc(r -> r.vpcId(v)));
    ec2.deleteSecurityGroup(r -> r.groupId(sg));

    String rt = ec2.createRouteTable(r -> r.vpcId(v)).routeTable().routeTableId();
    assertCode("DependencyViolation", () -> ec2.deleteVpc(r -> r.vpcId(v)));
    ec2.deleteRouteTable(r -> r.routeTableId(rt));

    ec2.deleteVpc(r -> r.vpcId(v));
    assertThat(ec2.describeVpcs().vpcs()).isEmpty();
    assertThat(ec2.describeRouteTables().routeTables()).isEmpty();
    assertThat(ec2.describeSecurityGroups().securityGroups()).isEmpty();
    assertThat(ec2.describeInternetGateways().internetGateways()).hasSize(1);
  }

  @Test void deleteVpcConsultsDependencyHooks() {
    String v = vpc(ec2, "10.0.0.0/16");
    clients.account().registerDependents("ec2", "vpc", id -> id.equals(v) ? List.of("eni-1") : List.of());
    assertCode("DependencyViolation", () -> ec2.deleteVpc(r -> r.vpcId(v)));
  }

  @Test void vpcAttributesOnePerCall() {
    String v = vpc(ec2, "10.0.0.0/16");
    assertThat(ec2.describeVpcAttribute(r -> r.vpcId(v).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
        .enableDnsSupport().value()).isTrue();
    assertThat(ec2.describeVpcAttribute(r -> r.vpcId(v).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
        .enableDnsHostnames().value()).isFalse();
    AwsErrorCheck.message(assertCode("InvalidParameterCombination", () -> ec2.modifyVpcAttribute(r -> r.vpcId(v)
            .enableDnsSupport(b -> b.value(true)).enableDnsHostnames(b -> b.value(true)))),
        "Fields for multiple attribute types specified: enableDnsHostnames, enableDnsSupport");
    ec2.modifyVpcAttribute(r -> r.vpcId(v).enableDnsHostnames(b -> b.value(true)));
    ec2.modifyVpcAttribute(r -> r.vpcId(v).enableDnsSupport(b -> b.value(false)));
    DescribeVpcAttributeResponse h = ec2.describeVpcAttribute(r -> r.vpcId(v).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES));
    assertThat(h.vpcId()).isEqualTo(v);
    assertThat(h.enableDnsHostnames().value()).isTrue();
    assertThat(h.enableDnsSupport()).isNull();
    assertThat(ec2.describeVpcAttribute(r -> r.vpcId(v).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
        .enableDnsSupport().value()).isFalse();
    assertCode("InvalidVpcID.NotFound", () -> ec2.modifyVpcAttribute(r -> r.vpcId("vpc-0123456789abcdef0")
        .enableDnsHostnames(b -> b.value(true))));
  }

  // ---- subnets ----

  @Test void subnetsAreCheckedAgainstTheVpcAndEachOther() {
    String v = vpc(ec2, "10.0.0.0/16");
    String a = subnet(ec2, v, "10.0.1.0/24", "SBStack", "demo");
    assertCode("InvalidSubnet.Conflict", () -> subnet(ec2, v, "10.0.1.0/25"));
    assertCode("InvalidSubnet.Conflict", () -> subnet(ec2, v, "10.0.0.0/20"));
    assertCode("InvalidSubnet.Range", () -> subnet(ec2, v, "10.1.0.0/24"));
    assertCode("InvalidSubnet.Range", () -> subnet(ec2, v, "10.0.0.0/29"));
    assertCode("InvalidParameterValue", () -> subnet(ec2, v, "10.0.2.1/24"));
    assertCode("InvalidVpcID.NotFound", () -> subnet(ec2, "vpc-0123456789abcdef0", "10.0.2.0/24"));
    assertCode("InvalidParameterValue",
        () -> ec2.createSubnet(r -> r.vpcId(v).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1a")));

    Subnet b = ec2.createSubnet(r -> r.vpcId(v).cidrBlock("10.0.2.0/24").availabilityZone("eu-west-1b")).subnet();
    assertThat(b.availabilityZone()).isEqualTo("eu-west-1b");
    assertThat(b.availabilityZoneId()).isEqualTo("euw1-az2");
    assertThat(b.availableIpAddressCount()).isEqualTo(251);
    assertThat(b.mapPublicIpOnLaunch()).isFalse();
    assertThat(b.subnetArn()).isEqualTo("arn:aws:ec2:eu-west-1:123456789012:subnet/" + b.subnetId());

    String other = vpc(ec2, "10.0.0.0/16");
    subnet(ec2, other, "10.0.1.0/24"); // overlapping CIDRs in another VPC are fine

    assertThat(ec2.describeSubnets(r -> r.filters(filter("vpc-id", v))).subnets()).extracting(Subnet::subnetId)
        .containsExactly(a, b.subnetId());
    assertThat(ec2.describeSubnets(r -> r.filters(filter("tag:SBStack", "demo"))).subnets()).extracting(Subnet::subnetId)
        .containsExactly(a);
    assertThat(ec2.describeSubnets(r -> r.filters(filter("availability-zone", "eu-west-1b"))).subnets())
        .extracting(Subnet::subnetId).containsExactly(b.subnetId());
  }

  @Test void modifySubnetAttributeAndDelete() {
    String v = vpc(ec2, "10.0.0.0/16");
    String sn = subnet(ec2, v, "10.0.1.0/24");
    ec2.modifySubnetAttribute(r -> r.subnetId(sn).mapPublicIpOnLaunch(b -> b.value(true)));
    assertThat(ec2.describeSubnets(r -> r.subnetIds(sn)).subnets().get(0).mapPublicIpOnLaunch()).isTrue();
    assertThat(ec2.describeSubnets(r -> r.filters(filter("map-public-ip-on-launch", "true"))).subnets()).hasSize(1);

    String rt = ec2.createRouteTable(r -> r.vpcId(v)).routeTable().routeTableId();
    ec2.associateRouteTable(r -> r.routeTableId(rt).subnetId(sn));
    clients.account().registerDependents("ec2", "subnet", id -> id.equals(sn) ? List.of("eni-0123") : List.of());
    assertCode("DependencyViolation", () -> ec2.deleteSubnet(r -> r.subnetId(sn)));
    assertThat(ec2.describeSubnets(r -> r.subnetIds(sn)).subnets()).hasSize(1);
  }

  @Test void deleteSubnetRemovesItsAssociations() {
    String v = vpc(ec2, "10.0.0.0/16");
    String sn = subnet(ec2, v, "10.0.1.0/24");
    String rt = ec2.createRouteTable(r -> r.vpcId(v)).routeTable().routeTableId();
    ec2.associateRouteTable(r -> r.routeTableId(rt).subnetId(sn));
    ec2.deleteSubnet(r -> r.subnetId(sn));
    assertThat(ec2.describeRouteTables(r -> r.routeTableIds(rt)).routeTables().get(0).associations()).isEmpty();
    ec2.deleteRouteTable(r -> r.routeTableId(rt));
    assertCode("InvalidSubnetID.NotFound", () -> ec2.deleteSubnet(r -> r.subnetId(sn)));
  }

  // ---- internet gateways ----

  @Test void internetGatewayLifecycle() {
    String v = vpc(ec2, "10.0.0.0/16");
    String v2 = vpc(ec2, "10.1.0.0/16");
    InternetGateway g = ec2.createInternetGateway(r -> r.tagSpecifications(tags(ResourceType.INTERNET_GATEWAY, "SBStack", "s")))
        .internetGateway();
    String igw = g.internetGatewayId();
    assertThat(g.attachments()).isEmpty();
    assertThat(g.tags()).hasSize(1);
    assertCode("Gateway.NotAttached", () -> ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(v)));
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(v));
    assertCode("Resource.AlreadyAssociated", () -> ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(v2)));
    String igw2 = ec2.createInternetGateway().internetGateway().internetGatewayId();
    assertCode("Resource.AlreadyAssociated", () -> ec2.attachInternetGateway(r -> r.internetGatewayId(igw2).vpcId(v)));
    assertCode("Gateway.NotAttached", () -> ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(v2)));
    assertCode("DependencyViolation", () -> ec2.deleteInternetGateway(r -> r.internetGatewayId(igw)));

    InternetGateway d = ec2.describeInternetGateways(r -> r.filters(filter("attachment.vpc-id", v))).internetGateways().get(0);
    assertThat(d.internetGatewayId()).isEqualTo(igw);
    assertThat(d.attachments()).singleElement().satisfies(a -> {
      assertThat(a.vpcId()).isEqualTo(v);
      assertThat(a.stateAsString()).isEqualTo("available");
    });
    assertThat(ec2.describeInternetGateways(r -> r.filters(filter("tag:SBStack", "s"))).internetGateways()).hasSize(1);

    clients.account().registerDependents("ec2", "vpc-public-addresses", id -> id.equals(v) ? List.of("eipalloc-1") : List.of());
    assertCode("DependencyViolation", () -> ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(v)));
  }

  @Test void internetGatewayDetachAndDelete() {
    String v = vpc(ec2, "10.0.0.0/16");
    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(v));
    ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(v));
    ec2.deleteInternetGateway(r -> r.internetGatewayId(igw));
    assertCode("InvalidInternetGatewayID.NotFound", () -> ec2.deleteInternetGateway(r -> r.internetGatewayId(igw)));
    assertCode("InvalidInternetGatewayID.NotFound", () -> ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(v)));
  }

  // ---- route tables ----

  @Test void createRouteTableIsIdempotentByClientToken() {
    String v = vpc(ec2, "10.0.0.0/16");
    CreateRouteTableResponse a = ec2.createRouteTable(r -> r.vpcId(v).clientToken("tok-1")
        .tagSpecifications(tags(ResourceType.ROUTE_TABLE, "SBID", "public")));
    CreateRouteTableResponse b = ec2.createRouteTable(r -> r.vpcId(v).clientToken("tok-1")
        .tagSpecifications(tags(ResourceType.ROUTE_TABLE, "SBID", "public")));
    assertThat(b.routeTable().routeTableId()).isEqualTo(a.routeTable().routeTableId());
    assertThat(b.clientToken()).isEqualTo("tok-1");
    assertCode("IdempotentParameterMismatch", () -> ec2.createRouteTable(r -> r.vpcId(v).clientToken("tok-1")));
    String c = ec2.createRouteTable(r -> r.vpcId(v).clientToken("tok-2")).routeTable().routeTableId();
    assertThat(c).isNotEqualTo(a.routeTable().routeTableId());
    assertThat(ec2.describeRouteTables(r -> r.filters(filter("vpc-id", v))).routeTables()).hasSize(3);
    assertThat(a.routeTable().routes()).extracting(Route::gatewayId).containsExactly("local");
  }

  @Test void mainAssociationFilterSkipsTablesWithoutAssociations() {
    String v = vpc(ec2, "10.0.0.0/16");
    String sn = subnet(ec2, v, "10.0.1.0/24");
    String loose = ec2.createRouteTable(r -> r.vpcId(v)).routeTable().routeTableId();
    String used = ec2.createRouteTable(r -> r.vpcId(v)).routeTable().routeTableId();
    ec2.associateRouteTable(r -> r.routeTableId(used).subnetId(sn));
    List<RouteTable> main = ec2.describeRouteTables(r -> r.filters(filter("vpc-id", v), filter("association.main", "true")))
        .routeTables();
    assertThat(main).hasSize(1);
    assertThat(main.get(0).routeTableId()).isNotIn(loose, used);
    assertThat(ec2.describeRouteTables(r -> r.filters(filter("association.main", "false"))).routeTables())
        .extracting(RouteTable::routeTableId).containsExactly(used);
    assertThat(ec2.describeRouteTables(r -> r.filters(filter("association.subnet-id", sn))).routeTables())
        .extracting(RouteTable::routeTableId).containsExactly(used);
  }

  @Test void routes() {
    String v = vpc(ec2, "10.0.0.0/16");
    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    String rt = ec2.createRouteTable(r -> r.vpcId(v)).routeTable().routeTableId();
    assertCode("InvalidParameterValue",
        () -> ec2.createRoute(r -> r.routeTableId(rt).destinationCidrBlock("0.0.0.0/0").gatewayId(igw)));
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(v));
    assertThat(ec2.createRoute(r -> r.routeTableId(rt).destinationCidrBlock("0.0.0.0/0").gatewayId(igw)).returnValue()).isTrue();
    assertCode("RouteAlreadyExists", () -> ec2.createRoute(r -> r.routeTableId(rt).destinationCidrBlock("0.0.0.0/0").gatewayId(igw)));
    assertCode("RouteAlreadyExists", () -> ec2.createRoute(r -> r.routeTableId(rt).destinationCidrBlock("10.0.0.0/16").gatewayId(igw)));
    assertCode("InvalidGatewayID.NotFound",
        () -> ec2.createRoute(r -> r.routeTableId(rt).destinationCidrBlock("1.0.0.0/8").gatewayId("igw-0123456789abcdef0")));
    assertCode("InvalidRouteTableID.NotFound",
        () -> ec2.createRoute(r -> r.routeTableId("rtb-0123456789abcdef0").destinationCidrBlock("1.0.0.0/8").gatewayId(igw)));
    assertThatThrownBy(() -> ec2.createRoute(r -> r.routeTableId(rt).destinationCidrBlock("1.0.0.0/8").natGatewayId("nat-1")))
        .isInstanceOf(UnsupportedOperationException.class);

    RouteTable t = ec2.describeRouteTables(r -> r.routeTableIds(rt)).routeTables().get(0);
    assertThat(t.routes()).extracting(Route::destinationCidrBlock, Route::gatewayId, Route::state).containsExactly(
        org.assertj.core.groups.Tuple.tuple("10.0.0.0/16", "local", RouteState.ACTIVE),
        org.assertj.core.groups.Tuple.tuple("0.0.0.0/0", igw, RouteState.ACTIVE));
    assertThat(ec2.describeRouteTables(r -> r.filters(filter("route.gateway-id", igw))).routeTables()).hasSize(1);

    String igw2 = ec2.createInternetGateway().internetGateway().internetGatewayId();
    assertCode("InvalidParameterValue",
        () -> ec2.replaceRoute(r -> r.routeTableId(rt).destinationCidrBlock("8.8.8.0/24").gatewayId(igw)));
    ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(v));
    assertThat(ec2.describeRouteTables(r -> r.routeTableIds(rt)).routeTables().get(0).routes().get(1).state())
        .isEqualTo(RouteState.BLACKHOLE);
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw2).vpcId(v));
    ec2.replaceRoute(r -> r.routeTableId(rt).destinationCidrBlock("0.0.0.0/0").gatewayId(igw2));
    assertThat(ec2.describeRouteTables(r -> r.routeTableIds(rt)).routeTables().get(0).routes().get(1))
        .extracting(Route::gatewayId, Route::state).containsExactly(igw2, RouteState.ACTIVE);

    assertCode("InvalidParameterValue", () -> ec2.deleteRoute(r -> r.routeTableId(rt).destinationCidrBlock("10.0.0.0/16")));
    assertCode("InvalidRoute.NotFound", () -> ec2.deleteRoute(r -> r.routeTableId(rt).destinationCidrBlock("9.0.0.0/8")));
    ec2.deleteRoute(r -> r.routeTableId(rt).destinationCidrBlock("0.0.0.0/0"));
    assertThat(ec2.describeRouteTables(r -> r.routeTableIds(rt)).routeTables().get(0).routes()).hasSize(1);
  }

  @Test void associations() {
    String v = vpc(ec2, "10.0.0.0/16");
    String other = vpc(ec2, "10.1.0.0/16");
    String sn = subnet(ec2, v, "10.0.1.0/24");
    String rt = ec2.createRouteTable(r -> r.vpcId(v)).routeTable().routeTableId();
    String rt2 = ec2.createRouteTable(r -> r.vpcId(v)).routeTable().routeTableId();
    String foreign = ec2.createRouteTable(r -> r.vpcId(other)).routeTable().routeTableId();
    assertCode("InvalidParameterValue", () -> ec2.associateRouteTable(r -> r.routeTableId(foreign).subnetId(sn)));
    AssociateRouteTableResponse a = ec2.associateRouteTable(r -> r.routeTableId(rt).subnetId(sn));
    assertThat(a.associationId()).startsWith("rtbassoc-");
    assertThat(a.associationState().state()).isEqualTo(RouteTableAssociationStateCode.ASSOCIATED);
    assertCode("Resource.AlreadyAssociated", () -> ec2.associateRouteTable(r -> r.routeTableId(rt2).subnetId(sn)));
    assertCode("Resource.AlreadyAssociated", () -> ec2.associateRouteTable(r -> r.routeTableId(rt).subnetId(sn)));
    assertCode("DependencyViolation", () -> ec2.deleteRouteTable(r -> r.routeTableId(rt)));
    ec2.disassociateRouteTable(r -> r.associationId(a.associationId()));
    assertCode("InvalidAssociationID.NotFound", () -> ec2.disassociateRouteTable(r -> r.associationId(a.associationId())));
    ec2.deleteRouteTable(r -> r.routeTableId(rt));
    assertCode("InvalidRouteTableID.NotFound", () -> ec2.deleteRouteTable(r -> r.routeTableId(rt)));

    RouteTable main = ec2.describeRouteTables(r -> r.filters(filter("vpc-id", v), filter("association.main", "true")))
        .routeTables().get(0);
    assertCode("DependencyViolation", () -> ec2.deleteRouteTable(r -> r.routeTableId(main.routeTableId())));
    assertCode("InvalidParameterValue", () -> ec2.disassociateRouteTable(r -> r.associationId(
        main.associations().get(0).routeTableAssociationId())));
  }

  // ---- tags, zones, paging, the rest of the interface ----

  @Test void createAndDeleteTags() {
    String v = vpc(ec2, "10.0.0.0/16", "keep", "1", "drop", "x", "cond", "a");
    String sn = subnet(ec2, v, "10.0.1.0/24");
    ec2.createTags(r -> r.resources(v, sn).tags(Tag.builder().key("SBStack").value("s").build()));
    assertThat(ec2.describeVpcs(r -> r.filters(filter("tag:SBStack", "s"))).vpcs()).hasSize(1);
    assertThat(ec2.describeSubnets(r -> r.filters(filter("tag:SBStack", "s"))).subnets()).hasSize(1);

    ec2.deleteTags(r -> r.resources(v).tags(Tag.builder().key("drop").build(),
        Tag.builder().key("cond").value("not-a").build()));
    assertThat(ec2.describeVpcs(r -> r.vpcIds(v)).vpcs().get(0).tags()).extracting(Tag::key)
        .containsExactly("keep", "cond", "SBStack");
    ec2.deleteTags(r -> r.resources(v).tags(Tag.builder().key("cond").value("a").build()));
    assertThat(ec2.describeVpcs(r -> r.vpcIds(v)).vpcs().get(0).tags()).extracting(Tag::key).containsExactly("keep", "SBStack");
    ec2.deleteTags(r -> r.resources(v));
    assertThat(ec2.describeVpcs(r -> r.vpcIds(v)).vpcs().get(0).tags()).isEmpty();

    // All or nothing: one unknown id, and the other resource is left untouched.
    assertCode("InvalidSubnetID.NotFound", () -> ec2.createTags(r -> r.resources(v, "subnet-0123456789abcdef0")
        .tags(Tag.builder().key("k").value("v").build())));
    assertThat(ec2.describeVpcs(r -> r.vpcIds(v)).vpcs().get(0).tags()).isEmpty();
    assertCode("InvalidID", () -> ec2.createTags(r -> r.resources("nat-0123").tags(Tag.builder().key("k").value("v").build())));
  }

  @Test void availabilityZones() {
    DescribeAvailabilityZonesResponse r = ec2.describeAvailabilityZones();
    assertThat(r.availabilityZones()).extracting(AvailabilityZone::zoneName)
        .containsExactly("eu-west-1a", "eu-west-1b", "eu-west-1c");
    assertThat(r.availabilityZones().get(0).state()).isEqualTo(AvailabilityZoneState.AVAILABLE);
    assertThat(r.availabilityZones().get(0).regionName()).isEqualTo("eu-west-1");
    assertThat(ec2.describeAvailabilityZones(b -> b.filters(filter("zone-name", "*b"))).availabilityZones()).hasSize(1);
    assertCode("InvalidParameterValue", () -> ec2.describeAvailabilityZones(b -> b.zoneNames("eu-west-1z")));
  }

  @Test void paginatorsWalkAllPages() {
    for (int i = 0; i < 7; i++) vpc(ec2, "10." + i + ".0.0/16", "SBStack", "p");
    DescribeVpcsResponse first = ec2.describeVpcs(r -> r.maxResults(5));
    assertThat(first.vpcs()).hasSize(5);
    assertThat(first.nextToken()).isNotNull();
    assertThat(ec2.describeVpcsPaginator(r -> r.maxResults(5)).vpcs().stream().map(Vpc::vpcId).distinct().count()).isEqualTo(7);
    assertThat(ec2.describeVpcsPaginator(r -> r.filters(filter("tag:SBStack", "p"))).vpcs().stream().count()).isEqualTo(7);
    assertCode("InvalidParameterValue", () -> ec2.describeVpcs(r -> r.maxResults(2)));
  }

  @Test void waitersWork() {
    String v = vpc(ec2, "10.0.0.0/16");
    WaiterResponse<DescribeVpcsResponse> w = ec2.waiter().waitUntilVpcAvailable(r -> r.vpcIds(v));
    assertThat(w.matched().response()).isPresent();
  }

  @Test void unimplementedOperationsThrow() {
    assertThatThrownBy(() -> ec2.allocateAddress(r -> r.domain(DomainType.VPC)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ec2.describeNatGateways(r -> {})).isInstanceOf(UnsupportedOperationException.class);
    assertThat(ec2.serviceName()).isEqualTo("ec2");
    ec2.close();
  }

  @Test void dryRunAnswersDryRunOperation() {
    assertThat(assertCode("DryRunOperation", () -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16").dryRun(true))).statusCode())
        .isEqualTo(412);
    assertThat(ec2.describeVpcs().vpcs()).isEmpty();
  }

  private static List<String> ids(DescribeVpcsResponse r) { return r.vpcs().stream().map(Vpc::vpcId).toList(); }

  /** Small checks on error objects. */
  static final class AwsErrorCheck {
    static void notFound(software.amazon.awssdk.awscore.exception.AwsServiceException e) {
      assertThat(io.sorterbot.aws.AwsErrors.isNotFound(e)).isTrue();
    }

    static void message(software.amazon.awssdk.awscore.exception.AwsServiceException e, String m) {
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(m);
    }
  }
}
