package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.Ec2Support.dryRun;
import static io.sorterbot.sandbox.Ec2Support.error;
import static io.sorterbot.sandbox.Ec2Support.invalidParameter;
import static io.sorterbot.sandbox.Ec2Support.missing;

import io.sorterbot.sandbox.Ec2State.Res;
import io.sorterbot.sandbox.Ec2State.SecurityGroupRec;
import io.sorterbot.sandbox.Ec2Support.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * A stateful fake of {@link Ec2Client} over a {@link SandboxAccount}: VPCs, subnets, internet gateways,
 * route tables, security groups (and their rules), key pairs, instances (with their root volumes and IAM
 * instance profile associations), tags and availability zones, with AWS's documented
 * behaviour and error codes. Every call goes through the {@link SandboxGate} (stats, latency, faults,
 * lock, save). Any other {@code Ec2Client} method keeps the interface's default and throws
 * {@link UnsupportedOperationException}, so nothing passes by accident. SDK paginators (default methods
 * calling these) and {@link #waiter()} work.
 *
 * <p>VPCs, subnets and internet gateways live in {@link FakeEc2Network}, route tables in
 * {@link FakeEc2Routes}, security groups in {@link FakeEc2Security}, key pairs in {@link FakeEc2KeyPairs},
 * instances in {@link FakeEc2Instances} and {@link FakeEc2InstanceAttributes}.
 */
public final class FakeEc2 implements Ec2Client {
  private final SandboxGate gate;
  private final Ec2Support support;
  private final FakeEc2Network network;
  private final FakeEc2Security security;
  private final FakeEc2Routes routes;
  private final FakeEc2Instances instances;
  private final FakeEc2InstanceAttributes attributes;
  private final FakeEc2KeyPairs keyPairs;
  private final FakeEc2InstanceLaunch launch;

  public FakeEc2(SandboxGate gate) {
    this.gate = gate;
    this.support = new Ec2Support(gate);
    this.security = new FakeEc2Security(support);
    this.routes = new FakeEc2Routes(support);
    this.network = new FakeEc2Network(support, security, routes);
    FakeEc2InstanceViews views = new FakeEc2InstanceViews(support);
    FakeEc2Addresses addresses = new FakeEc2Addresses(views);
    FakeEc2InstanceProfiles profiles = new FakeEc2InstanceProfiles(support);
    this.launch = new FakeEc2InstanceLaunch(support, addresses, profiles);
    this.instances = new FakeEc2Instances(support, views, launch, addresses);
    this.attributes = new FakeEc2InstanceAttributes(support, views, instances, addresses, profiles);
    this.keyPairs = new FakeEc2KeyPairs(support);
  }

  @Override public String serviceName() { return SERVICE_NAME; }

  @Override public void close() {}

  /** SDK waiters over this fake (as the real client builds them); they sleep for real between polls. */
  @Override public Ec2Waiter waiter() { return Ec2Waiter.builder().client(this).build(); }

  private <T> T mutate(String action, Supplier<T> op) { return gate.call(Ec2Support.ERRORS, action, true, op); }

  private <T> T read(String action, Supplier<T> op) { return gate.call(Ec2Support.ERRORS, action, false, op); }

  // ---- VPC ----

  @Override public CreateVpcResponse createVpc(CreateVpcRequest r) { return mutate("CreateVpc", () -> network.createVpc(r)); }

  @Override public DescribeVpcsResponse describeVpcs(DescribeVpcsRequest r) {
    return read("DescribeVpcs", () -> network.describeVpcs(r));
  }

  @Override public DescribeVpcsResponse describeVpcs() { return describeVpcs(DescribeVpcsRequest.builder().build()); }

  @Override public DeleteVpcResponse deleteVpc(DeleteVpcRequest r) { return mutate("DeleteVpc", () -> network.deleteVpc(r)); }

  @Override public ModifyVpcAttributeResponse modifyVpcAttribute(ModifyVpcAttributeRequest r) {
    return mutate("ModifyVpcAttribute", () -> network.modifyVpcAttribute(r));
  }

  @Override public DescribeVpcAttributeResponse describeVpcAttribute(DescribeVpcAttributeRequest r) {
    return read("DescribeVpcAttribute", () -> network.describeVpcAttribute(r));
  }

  // ---- subnets ----

  @Override public CreateSubnetResponse createSubnet(CreateSubnetRequest r) {
    return mutate("CreateSubnet", () -> network.createSubnet(r));
  }

  @Override public DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest r) {
    return read("DescribeSubnets", () -> network.describeSubnets(r));
  }

  @Override public DescribeSubnetsResponse describeSubnets() { return describeSubnets(DescribeSubnetsRequest.builder().build()); }

  @Override public ModifySubnetAttributeResponse modifySubnetAttribute(ModifySubnetAttributeRequest r) {
    return mutate("ModifySubnetAttribute", () -> network.modifySubnetAttribute(r));
  }

  @Override public DeleteSubnetResponse deleteSubnet(DeleteSubnetRequest r) {
    return mutate("DeleteSubnet", () -> network.deleteSubnet(r));
  }

  // ---- internet gateways ----

  @Override public CreateInternetGatewayResponse createInternetGateway(CreateInternetGatewayRequest r) {
    return mutate("CreateInternetGateway", () -> network.createInternetGateway(r));
  }

  @Override public CreateInternetGatewayResponse createInternetGateway() {
    return createInternetGateway(CreateInternetGatewayRequest.builder().build());
  }

  @Override public AttachInternetGatewayResponse attachInternetGateway(AttachInternetGatewayRequest r) {
    return mutate("AttachInternetGateway", () -> network.attachInternetGateway(r));
  }

  @Override public DetachInternetGatewayResponse detachInternetGateway(DetachInternetGatewayRequest r) {
    return mutate("DetachInternetGateway", () -> network.detachInternetGateway(r));
  }

  @Override public DeleteInternetGatewayResponse deleteInternetGateway(DeleteInternetGatewayRequest r) {
    return mutate("DeleteInternetGateway", () -> network.deleteInternetGateway(r));
  }

  @Override public DescribeInternetGatewaysResponse describeInternetGateways(DescribeInternetGatewaysRequest r) {
    return read("DescribeInternetGateways", () -> network.describeInternetGateways(r));
  }

  @Override public DescribeInternetGatewaysResponse describeInternetGateways() {
    return describeInternetGateways(DescribeInternetGatewaysRequest.builder().build());
  }

  // ---- route tables ----

  @Override public CreateRouteTableResponse createRouteTable(CreateRouteTableRequest r) {
    return mutate("CreateRouteTable", () -> routes.createRouteTable(r));
  }

  @Override public DescribeRouteTablesResponse describeRouteTables(DescribeRouteTablesRequest r) {
    return read("DescribeRouteTables", () -> routes.describeRouteTables(r));
  }

  @Override public DescribeRouteTablesResponse describeRouteTables() {
    return describeRouteTables(DescribeRouteTablesRequest.builder().build());
  }

  @Override public CreateRouteResponse createRoute(CreateRouteRequest r) { return mutate("CreateRoute", () -> routes.createRoute(r)); }

  @Override public ReplaceRouteResponse replaceRoute(ReplaceRouteRequest r) {
    return mutate("ReplaceRoute", () -> routes.replaceRoute(r));
  }

  @Override public DeleteRouteResponse deleteRoute(DeleteRouteRequest r) { return mutate("DeleteRoute", () -> routes.deleteRoute(r)); }

  @Override public AssociateRouteTableResponse associateRouteTable(AssociateRouteTableRequest r) {
    return mutate("AssociateRouteTable", () -> routes.associateRouteTable(r));
  }

  @Override public DisassociateRouteTableResponse disassociateRouteTable(DisassociateRouteTableRequest r) {
    return mutate("DisassociateRouteTable", () -> routes.disassociateRouteTable(r));
  }

  @Override public DeleteRouteTableResponse deleteRouteTable(DeleteRouteTableRequest r) {
    return mutate("DeleteRouteTable", () -> routes.deleteRouteTable(r));
  }

  // ---- security groups ----

  @Override public CreateSecurityGroupResponse createSecurityGroup(CreateSecurityGroupRequest r) {
    return mutate("CreateSecurityGroup", () -> security.createSecurityGroup(r));
  }

  @Override public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest r) {
    return read("DescribeSecurityGroups", () -> security.describeSecurityGroups(r));
  }

  @Override public DescribeSecurityGroupsResponse describeSecurityGroups() {
    return describeSecurityGroups(DescribeSecurityGroupsRequest.builder().build());
  }

  @Override public AuthorizeSecurityGroupIngressResponse authorizeSecurityGroupIngress(AuthorizeSecurityGroupIngressRequest r) {
    return mutate("AuthorizeSecurityGroupIngress", () -> security.authorizeIngress(r));
  }

  @Override public AuthorizeSecurityGroupEgressResponse authorizeSecurityGroupEgress(AuthorizeSecurityGroupEgressRequest r) {
    return mutate("AuthorizeSecurityGroupEgress", () -> security.authorizeEgress(r));
  }

  @Override public RevokeSecurityGroupIngressResponse revokeSecurityGroupIngress(RevokeSecurityGroupIngressRequest r) {
    return mutate("RevokeSecurityGroupIngress", () -> security.revokeIngress(r));
  }

  @Override public RevokeSecurityGroupEgressResponse revokeSecurityGroupEgress(RevokeSecurityGroupEgressRequest r) {
    return mutate("RevokeSecurityGroupEgress", () -> security.revokeEgress(r));
  }

  @Override public DeleteSecurityGroupResponse deleteSecurityGroup(DeleteSecurityGroupRequest r) {
    return mutate("DeleteSecurityGroup", () -> security.deleteSecurityGroup(r));
  }

  @Override public DescribeSecurityGroupRulesResponse describeSecurityGroupRules(DescribeSecurityGroupRulesRequest r) {
    return read("DescribeSecurityGroupRules", () -> security.describeSecurityGroupRules(r));
  }

  // ---- key pairs ----

  @Override public CreateKeyPairResponse createKeyPair(CreateKeyPairRequest r) {
    return mutate("CreateKeyPair", () -> keyPairs.createKeyPair(r));
  }

  @Override public ImportKeyPairResponse importKeyPair(ImportKeyPairRequest r) {
    return mutate("ImportKeyPair", () -> keyPairs.importKeyPair(r));
  }

  @Override public DescribeKeyPairsResponse describeKeyPairs(DescribeKeyPairsRequest r) {
    return read("DescribeKeyPairs", () -> keyPairs.describeKeyPairs(r));
  }

  @Override public DescribeKeyPairsResponse describeKeyPairs() { return describeKeyPairs(DescribeKeyPairsRequest.builder().build()); }

  @Override public DeleteKeyPairResponse deleteKeyPair(DeleteKeyPairRequest r) {
    return mutate("DeleteKeyPair", () -> keyPairs.deleteKeyPair(r));
  }

  // ---- instances ----

  @Override public RunInstancesResponse runInstances(RunInstancesRequest r) {
    return mutate("RunInstances", () -> instances.runInstances(r));
  }

  @Override public DescribeInstancesResponse describeInstances(DescribeInstancesRequest r) {
    return read("DescribeInstances", () -> instances.describeInstances(r));
  }

  @Override public DescribeInstancesResponse describeInstances() {
    return describeInstances(DescribeInstancesRequest.builder().build());
  }

  @Override public TerminateInstancesResponse terminateInstances(TerminateInstancesRequest r) {
    return mutate("TerminateInstances", () -> instances.terminateInstances(r));
  }

  @Override public StopInstancesResponse stopInstances(StopInstancesRequest r) {
    return mutate("StopInstances", () -> instances.stopInstances(r));
  }

  @Override public StartInstancesResponse startInstances(StartInstancesRequest r) {
    return mutate("StartInstances", () -> instances.startInstances(r));
  }

  @Override public ModifyInstanceAttributeResponse modifyInstanceAttribute(ModifyInstanceAttributeRequest r) {
    return mutate("ModifyInstanceAttribute", () -> attributes.modifyInstanceAttribute(r));
  }

  @Override public DescribeInstanceAttributeResponse describeInstanceAttribute(DescribeInstanceAttributeRequest r) {
    return read("DescribeInstanceAttribute", () -> attributes.describeInstanceAttribute(r));
  }

  @Override public ModifyNetworkInterfaceAttributeResponse modifyNetworkInterfaceAttribute(ModifyNetworkInterfaceAttributeRequest r) {
    return mutate("ModifyNetworkInterfaceAttribute", () -> attributes.modifyNetworkInterfaceAttribute(r));
  }

  @Override public DescribeNetworkInterfaceAttributeResponse describeNetworkInterfaceAttribute(
      DescribeNetworkInterfaceAttributeRequest r) {
    return read("DescribeNetworkInterfaceAttribute", () -> attributes.describeNetworkInterfaceAttribute(r));
  }

  @Override public AssociateIamInstanceProfileResponse associateIamInstanceProfile(AssociateIamInstanceProfileRequest r) {
    return mutate("AssociateIamInstanceProfile", () -> attributes.associateIamInstanceProfile(r));
  }

  @Override public ReplaceIamInstanceProfileAssociationResponse replaceIamInstanceProfileAssociation(
      ReplaceIamInstanceProfileAssociationRequest r) {
    return mutate("ReplaceIamInstanceProfileAssociation", () -> attributes.replaceIamInstanceProfileAssociation(r));
  }

  @Override public DisassociateIamInstanceProfileResponse disassociateIamInstanceProfile(DisassociateIamInstanceProfileRequest r) {
    return mutate("DisassociateIamInstanceProfile", () -> attributes.disassociateIamInstanceProfile(r));
  }

  @Override public DescribeIamInstanceProfileAssociationsResponse describeIamInstanceProfileAssociations(
      DescribeIamInstanceProfileAssociationsRequest r) {
    return read("DescribeIamInstanceProfileAssociations", () -> attributes.describeIamInstanceProfileAssociations(r));
  }

  @Override public DescribeImagesResponse describeImages(DescribeImagesRequest r) {
    return read("DescribeImages", () -> launch.describeImages(r));
  }

  @Override public DescribeVolumesResponse describeVolumes(DescribeVolumesRequest r) {
    return read("DescribeVolumes", () -> attributes.describeVolumes(r));
  }

  @Override public DescribeVolumesResponse describeVolumes() { return describeVolumes(DescribeVolumesRequest.builder().build()); }

  @Override public ModifyVolumeResponse modifyVolume(ModifyVolumeRequest r) {
    return mutate("ModifyVolume", () -> attributes.modifyVolume(r));
  }

  // ---- tags ----

  @Override public CreateTagsResponse createTags(CreateTagsRequest r) {
    return mutate("CreateTags", () -> {
      dryRun(r.dryRun());
      List<Res> targets = taggables(r.resources());
      if (!r.hasTags() || r.tags().isEmpty()) throw missing("Tags");
      for (Res x : targets) {
        for (Tag t : r.tags()) Ec2Support.putTag(x.tags, t);
        Ec2Support.checkTagCount(x.tags);
      }
      return CreateTagsResponse.builder().build();
    });
  }

  @Override public DeleteTagsResponse deleteTags(DeleteTagsRequest r) {
    return mutate("DeleteTags", () -> {
      dryRun(r.dryRun());
      List<Res> targets = taggables(r.resources());
      for (Res x : targets) {
        if (!r.hasTags()) {
          x.tags.clear();
          continue;
        }
        for (Tag t : r.tags()) {
          if (t.key() == null) throw missing("Tag.Key");
          // Without a value the tag goes whatever its value; with one (even "") only if it matches.
          if (t.value() == null || t.value().equals(x.tags.get(t.key()))) x.tags.remove(t.key());
        }
      }
      return DeleteTagsResponse.builder().build();
    });
  }

  /** The resources behind the ids, all of which must exist (nothing changes otherwise). */
  private List<Res> taggables(List<String> ids) {
    if (ids == null || ids.isEmpty()) throw missing("ResourceId");
    if (ids.size() > 1000) throw invalidParameter("Too many resources: at most 1000 per call");
    Ec2State st = support.state();
    List<Res> out = new ArrayList<>();
    for (String id : ids) {
      Kind k = Kind.ofId(id);
      Map<String, ? extends Res> map = k == null ? null : switch (k) {
        case VPC -> st.vpcs;
        case SUBNET -> st.subnets;
        case IGW -> st.internetGateways;
        case ROUTE_TABLE -> st.routeTables;
        case SECURITY_GROUP -> st.securityGroups;
        case NETWORK_ACL -> st.networkAcls;
        case SECURITY_GROUP_RULE -> rulesById(st);
        case INSTANCE -> st.instances;
        case VOLUME -> st.volumes;
        case KEY_PAIR -> st.keyPairs;
        case ASSOCIATION, NETWORK_INTERFACE, IAM_ASSOCIATION -> null;
      };
      if (map == null) throw error("InvalidID", "The ID '" + id + "' is not valid");
      out.add(Ec2Support.require(map, k, id));
    }
    return out;
  }

  private static Map<String, Res> rulesById(Ec2State st) {
    Map<String, Res> m = new LinkedHashMap<>();
    for (SecurityGroupRec g : st.securityGroups.values()) for (Res x : g.rules) m.put(x.id, x);
    return m;
  }

  // ---- availability zones ----

  @Override public DescribeAvailabilityZonesResponse describeAvailabilityZones(DescribeAvailabilityZonesRequest r) {
    return read("DescribeAvailabilityZones", () -> {
      dryRun(r.dryRun());
      Ec2Support.checkFilters(r.filters(), List.of("zone-name", "zone-id", "region-name", "state", "zone-type",
          "group-name", "opt-in-status", "network-border-group"));
      List<AvailabilityZone> out = new ArrayList<>();
      for (String name : r.zoneNames()) {
        if (!support.zones().contains(name)) throw invalidParameter("Invalid availability zone: [" + name + "]");
      }
      for (String id : r.zoneIds()) {
        if (support.zones().stream().noneMatch(z -> support.zoneId(z).equals(id))) {
          throw invalidParameter("Invalid availability zone: [" + id + "]");
        }
      }
      for (String z : support.zones()) {
        String zid = support.zoneId(z);
        if (!r.zoneNames().isEmpty() && !r.zoneNames().contains(z)) continue;
        if (!r.zoneIds().isEmpty() && !r.zoneIds().contains(zid)) continue;
        Map<String, String> attrs = Map.of("zone-name", z, "zone-id", zid, "region-name", support.region(),
            "state", "available", "zone-type", "availability-zone", "group-name", support.region(),
            "opt-in-status", "opt-in-not-required", "network-border-group", support.region());
        boolean match = true;
        for (Filter f : r.filters()) {
          match &= f.values().stream().anyMatch(v -> Ec2Support.glob(v, attrs.get(f.name())));
        }
        if (!match) continue;
        out.add(AvailabilityZone.builder().zoneName(z).zoneId(zid).regionName(support.region())
            .state(AvailabilityZoneState.AVAILABLE).zoneType("availability-zone").groupName(support.region())
            .networkBorderGroup(support.region()).optInStatus(AvailabilityZoneOptInStatus.OPT_IN_NOT_REQUIRED)
            .messages(List.of()).build());
      }
      return DescribeAvailabilityZonesResponse.builder().availabilityZones(out).build();
    });
  }

  @Override public DescribeAvailabilityZonesResponse describeAvailabilityZones() {
    return describeAvailabilityZones(DescribeAvailabilityZonesRequest.builder().build());
  }

}
