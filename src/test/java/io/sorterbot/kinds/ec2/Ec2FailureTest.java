package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2TestSupport.ctx;
import static io.sorterbot.kinds.ec2.Ec2TestSupport.desired;
import static io.sorterbot.kinds.ec2.Ec2TestSupport.error;
import static io.sorterbot.kinds.ec2.Ec2TestSupport.map;
import static io.sorterbot.kinds.ec2.Ec2TestSupport.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;

class Ec2FailureTest {
  private final Ec2Client ec2 = Ec2TestSupport.mockEc2();
  private final Ec2TestSupport.FakeTicker ticker = new Ec2TestSupport.FakeTicker();
  private final Ec2TestSupport.Notices notices = new Ec2TestSupport.Notices();
  private final KindContext ctx = ctx(ec2, ticker, notices);

  private void vpcExists(String id, boolean dnsSupport, boolean dnsHostnames) {
    Vpc vpc = Vpc.builder().vpcId(id).cidrBlock("10.0.0.0/16").tags(tags("SBVpc")).build();
    doReturn(DescribeVpcsResponse.builder().vpcs(vpc).build()).when(ec2).describeVpcs(any(DescribeVpcsRequest.class));
    doAnswer(inv -> {
      DescribeVpcAttributeRequest r = inv.getArgument(0);
      var b = DescribeVpcAttributeResponse.builder().vpcId(id);
      if (r.attribute() == VpcAttributeName.ENABLE_DNS_SUPPORT) b.enableDnsSupport(a -> a.value(dnsSupport));
      else b.enableDnsHostnames(a -> a.value(dnsHostnames));
      return b.build();
    }).when(ec2).describeVpcAttribute(any(DescribeVpcAttributeRequest.class));
  }

  @Test
  void notFoundRightAfterCreateIsRetriedThenSucceeds() {
    doReturn(CreateVpcResponse.builder().vpc(v -> v.vpcId("vpc-1")).build()).when(ec2).createVpc(any(CreateVpcRequest.class));
    doThrow(error("InvalidVpcID.NotFound")).doThrow(error("InvalidVpcID.NotFound"))
        .doReturn(ModifyVpcAttributeResponse.builder().build()).when(ec2).modifyVpcAttribute(any(ModifyVpcAttributeRequest.class));
    vpcExists("vpc-1", true, true);

    LiveResource live = new VpcKind().create(ctx, desired("SBVpc", "ec2.vpc", map("cidrBlock", "10.0.0.0/16",
        "enableDnsSupport", true, "enableDnsHostnames", true, "tags", Map.of("Name", "sbvpc"))));

    assertThat(live.id()).isEqualTo("vpc-1");
    assertThat(live.sbid()).isEqualTo("SBVpc");
    assertThat(live.stackTag()).isEqualTo(Ec2TestSupport.STACK);
    assertThat(live.properties()).containsEntry("enableDnsSupport", true).containsEntry("enableDnsHostnames", true);
    assertThat(ticker.slept()).isPositive().isLessThan(Duration.ofMinutes(1));
    ArgumentCaptor<ModifyVpcAttributeRequest> mods = ArgumentCaptor.forClass(ModifyVpcAttributeRequest.class);
    verify(ec2, times(4)).modifyVpcAttribute(mods.capture());
    // support first, hostnames last, one attribute per call
    assertThat(mods.getAllValues().get(0).enableDnsSupport()).isNotNull();
    assertThat(mods.getAllValues().get(3).enableDnsHostnames()).isNotNull();
    assertThat(mods.getAllValues().get(3).enableDnsSupport()).isNull();
    ArgumentCaptor<CreateVpcRequest> create = ArgumentCaptor.forClass(CreateVpcRequest.class);
    verify(ec2).createVpc(create.capture());
    assertThat(create.getValue().tagSpecifications().get(0).tags())
        .contains(Tag.builder().key(Tags.SBID).value("SBVpc").build(), Tag.builder().key("Name").value("sbvpc").build());
  }

  @Test
  void otherErrorsAreNotRetriedNorSwallowed() {
    doThrow(error("VpcLimitExceeded")).when(ec2).createVpc(any(CreateVpcRequest.class));
    assertThatThrownBy(() -> new VpcKind().create(ctx, desired("SBVpc", "ec2.vpc", map("cidrBlock", "10.0.0.0/16"))))
        .isInstanceOf(Ec2Exception.class).satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("VpcLimitExceeded"));
    assertThat(ticker.slept()).isZero();
  }

  @Test
  void dependencyViolationOnDeleteIsRetriedThenSucceeds() {
    var err = error("DependencyViolation");
    doThrow(err, err, err, err, err, err, err).doReturn(DeleteSubnetResponse.builder().build())
        .when(ec2).deleteSubnet(any(DeleteSubnetRequest.class));
    new SubnetKind().delete(ctx, live("SBSubnet", "ec2.subnet", "subnet-1"));
    verify(ec2, times(8)).deleteSubnet(any(DeleteSubnetRequest.class));
    assertThat(notices.elapsed).isNotEmpty().allSatisfy(e -> assertThat(e).isGreaterThanOrEqualTo(Duration.ofSeconds(10)));
  }

  @Test
  void dependencyViolationPastTheBudgetFailsWithTheAwsError() {
    doThrow(error("DependencyViolation")).when(ec2).deleteSecurityGroup(any(DeleteSecurityGroupRequest.class));
    assertThatThrownBy(() -> new SecurityGroupKind().delete(ctx, live("SBSg", "ec2.securityGroup", "sg-1")))
        .isInstanceOf(Ec2Exception.class).satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("DependencyViolation"));
    assertThat(ticker.slept()).isGreaterThan(Duration.ofMinutes(8)).isLessThanOrEqualTo(Duration.ofMinutes(10));
    assertThat(notices.elapsed).isNotEmpty();
  }

  @Test
  void notFoundOnDeleteMeansAlreadyGone() {
    doThrow(error("InvalidVpcID.NotFound")).when(ec2).deleteVpc(any(DeleteVpcRequest.class));
    new VpcKind().delete(ctx, live("SBVpc", "ec2.vpc", "vpc-1"));
    assertThat(ticker.slept()).isZero();
  }

  @Test
  void internetGatewayDetachesWithRetriesThenDeletes() {
    doReturn(DescribeInternetGatewaysResponse.builder().internetGateways(InternetGateway.builder().internetGatewayId("igw-1")
        .attachments(a -> a.vpcId("vpc-1").state(AttachmentStatus.ATTACHED)).tags(tags("SBIgw")).build()).build())
        .when(ec2).describeInternetGateways(any(DescribeInternetGatewaysRequest.class));
    doThrow(error("DependencyViolation")).doThrow(error("DependencyViolation"))
        .doReturn(DetachInternetGatewayResponse.builder().build()).when(ec2).detachInternetGateway(any(DetachInternetGatewayRequest.class));
    doReturn(DeleteInternetGatewayResponse.builder().build()).when(ec2).deleteInternetGateway(any(DeleteInternetGatewayRequest.class));

    new InternetGatewayKind().delete(ctx, live("SBIgw", "ec2.internetGateway", "igw-1"));

    InOrder order = inOrder(ec2);
    order.verify(ec2, times(3)).detachInternetGateway(any(DetachInternetGatewayRequest.class));
    order.verify(ec2).deleteInternetGateway(any(DeleteInternetGatewayRequest.class));
  }

  @Test
  void securityGroupDiscoverFlattensRulesAndShowsTheDefaultEgress() {
    SecurityGroup g = SecurityGroup.builder().groupId("sg-1").groupName("web").description("Web").vpcId("vpc-1")
        .tags(tags("SBSg"))
        .ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
            .ipRanges(r -> r.cidrIp("10.0.0.0/8"), r -> r.cidrIp("192.168.0.0/16").description("office"))
            .userIdGroupPairs(p -> p.groupId("sg-2")).build())
        .ipPermissionsEgress(IpPermission.builder().ipProtocol("-1").ipRanges(r -> r.cidrIp("0.0.0.0/0")).build())
        .build();
    doReturn(DescribeSecurityGroupsResponse.builder().securityGroups(g).build())
        .when(ec2).describeSecurityGroups(any(DescribeSecurityGroupsRequest.class));

    List<LiveResource> found = new SecurityGroupKind().discover(ctx);

    assertThat(found).hasSize(1);
    LiveResource sg = found.get(0);
    assertThat(sg.properties().get("egress")).isEqualTo(List.of(map("ipProtocol", "-1", "cidrIp", "0.0.0.0/0")));
    assertThat(sg.properties().get("ingress")).isEqualTo(List.of(
        map("ipProtocol", "tcp", "fromPort", 22L, "toPort", 22L, "cidrIp", "10.0.0.0/8"),
        map("ipProtocol", "tcp", "fromPort", 22L, "toPort", 22L, "cidrIp", "192.168.0.0/16", "description", "office"),
        map("ipProtocol", "tcp", "fromPort", 22L, "toPort", 22L, "sourceSecurityGroupId", "sg-2")));
    assertThat(sg.attributes()).containsEntry("id", "sg-1").containsEntry("groupName", "web");
    assertThat(sg.refs()).containsExactly("vpc-1", "sg-2");
    assertThat(sg.properties().get("tags")).isEqualTo(Map.of("Name", "sbsg"));
    ArgumentCaptor<DescribeSecurityGroupsRequest> req = ArgumentCaptor.forClass(DescribeSecurityGroupsRequest.class);
    verify(ec2).describeSecurityGroups(req.capture());
    assertThat(req.getValue().filters()).containsExactly(Filter.builder().name("tag-key").values("SBID").build());
  }

  @Test
  void securityGroupCreateWithEgressRevokesTheDefaultUnlessDeclared() {
    doReturn(CreateSecurityGroupResponse.builder().groupId("sg-1").build())
        .when(ec2).createSecurityGroup(any(CreateSecurityGroupRequest.class));
    SecurityGroup made = SecurityGroup.builder().groupId("sg-1").groupName("web").description("Web").vpcId("vpc-1")
        .tags(tags("SBSg")).ipPermissionsEgress(IpPermission.builder().ipProtocol("-1").ipRanges(r -> r.cidrIp("0.0.0.0/0")).build())
        .build();
    doThrow(error("InvalidGroup.NotFound")).doReturn(DescribeSecurityGroupsResponse.builder().securityGroups(made).build())
        .when(ec2).describeSecurityGroups(any(DescribeSecurityGroupsRequest.class));
    doReturn(RevokeSecurityGroupEgressResponse.builder().build()).when(ec2).revokeSecurityGroupEgress(any(RevokeSecurityGroupEgressRequest.class));
    doReturn(AuthorizeSecurityGroupEgressResponse.builder().build()).when(ec2).authorizeSecurityGroupEgress(any(AuthorizeSecurityGroupEgressRequest.class));
    doReturn(AuthorizeSecurityGroupIngressResponse.builder().build()).when(ec2).authorizeSecurityGroupIngress(any(AuthorizeSecurityGroupIngressRequest.class));

    new SecurityGroupKind().create(ctx, desired("SBSg", "ec2.securityGroup", map("groupName", "web", "description", "Web",
        "vpcId", "vpc-1", "ingress", List.of(map("ipProtocol", "tcp", "fromPort", 443L, "toPort", 443L, "cidrIp", "0.0.0.0/0")),
        "egress", List.of(map("ipProtocol", "tcp", "fromPort", 443L, "toPort", 443L, "cidrIp", "0.0.0.0/0")))));

    ArgumentCaptor<RevokeSecurityGroupEgressRequest> revoke = ArgumentCaptor.forClass(RevokeSecurityGroupEgressRequest.class);
    verify(ec2).revokeSecurityGroupEgress(revoke.capture());
    assertThat(revoke.getValue().ipPermissions().get(0).ipProtocol()).isEqualTo("-1");
    verify(ec2).authorizeSecurityGroupEgress(any(AuthorizeSecurityGroupEgressRequest.class));
    verify(ec2).authorizeSecurityGroupIngress(any(AuthorizeSecurityGroupIngressRequest.class));
  }

  @Test
  void routeTableDiscoverKeepsOnlyCreatedRoutesAndExplicitSubnetAssociations() {
    RouteTable t = RouteTable.builder().routeTableId("rtb-1").vpcId("vpc-1").tags(tags("SBRt"))
        .routes(Route.builder().destinationCidrBlock("10.0.0.0/16").gatewayId("local").origin(RouteOrigin.CREATE_ROUTE_TABLE).build(),
            Route.builder().destinationCidrBlock("0.0.0.0/0").gatewayId("igw-1").origin(RouteOrigin.CREATE_ROUTE).build(),
            Route.builder().destinationCidrBlock("172.16.0.0/12").gatewayId("vgw-1").origin(RouteOrigin.ENABLE_VGW_ROUTE_PROPAGATION).build())
        .associations(RouteTableAssociation.builder().main(true).routeTableAssociationId("rtbassoc-0").build(),
            RouteTableAssociation.builder().main(false).subnetId("subnet-b").routeTableAssociationId("rtbassoc-2").build(),
            RouteTableAssociation.builder().main(false).subnetId("subnet-a").routeTableAssociationId("rtbassoc-1").build())
        .build();
    doReturn(DescribeRouteTablesResponse.builder().routeTables(t).build()).when(ec2).describeRouteTables(any(DescribeRouteTablesRequest.class));

    LiveResource rt = new RouteTableKind().discover(ctx).get(0);

    assertThat(rt.properties()).containsEntry("vpcId", "vpc-1")
        .containsEntry("routes", List.of(map("destinationCidrBlock", "0.0.0.0/0", "gatewayId", "igw-1")))
        .containsEntry("subnetIds", List.of("subnet-a", "subnet-b"));
    assertThat(rt.refs()).containsExactlyInAnyOrder("vpc-1", "subnet-a", "subnet-b", "igw-1");
  }

  @Test
  void systemTagsFollowDesiredOnEveryUpdateUserTagsOnlyWhenChanged() {
    Subnet s = Subnet.builder().subnetId("subnet-1").vpcId("vpc-1").cidrBlock("10.0.0.0/24").availabilityZone("eu-central-1a")
        .mapPublicIpOnLaunch(true).tags(tags("SBSubnet")).build();
    doReturn(DescribeSubnetsResponse.builder().subnets(s).build()).when(ec2).describeSubnets(any(DescribeSubnetsRequest.class));
    doReturn(CreateTagsResponse.builder().build()).when(ec2).createTags(any(CreateTagsRequest.class));
    doReturn(DeleteTagsResponse.builder().build()).when(ec2).deleteTags(any(DeleteTagsRequest.class));
    LiveResource live = new SubnetKind().discover(ctx).get(0);
    var d = desired("SBSubnet", "ec2.subnet", map("vpcId", "vpc-1", "cidrBlock", "10.0.0.0/24"));
    Map<String, String> retained = new java.util.LinkedHashMap<>(d.tags());
    retained.put(Tags.DELETION_POLICY, "retain");
    var retainedDesired = new io.sorterbot.model.Desired(d.sbid(), d.type(), d.stack(), d.properties(), retained);

    new SubnetKind().update(ctx, live, retainedDesired, List.of());

    ArgumentCaptor<CreateTagsRequest> put = ArgumentCaptor.forClass(CreateTagsRequest.class);
    verify(ec2).createTags(put.capture());
    assertThat(put.getValue().tags()).containsExactly(Tag.builder().key(Tags.DELETION_POLICY).value("retain").build());
    verify(ec2, never()).deleteTags(any(DeleteTagsRequest.class));  // "Name" is a user tag and tags did not change
  }

  private static LiveResource live(String sbid, String type, String id) {
    return new LiveResource(sbid, type, Ec2TestSupport.STACK, id, Map.of(), Map.of("id", id),
        Map.of(Tags.SBID, sbid, Tags.STACK, Ec2TestSupport.STACK), List.of(), null);
  }
}
