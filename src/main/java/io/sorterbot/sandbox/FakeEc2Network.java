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

import io.sorterbot.sandbox.Ec2State.AssociationRec;
import io.sorterbot.sandbox.Ec2State.IgwRec;
import io.sorterbot.sandbox.Ec2State.NetworkAclRec;
import io.sorterbot.sandbox.Ec2State.RouteTableRec;
import io.sorterbot.sandbox.Ec2State.SubnetRec;
import io.sorterbot.sandbox.Ec2State.VpcRec;
import io.sorterbot.sandbox.Ec2Support.Cidr;
import io.sorterbot.sandbox.Ec2Support.Kind;
import io.sorterbot.sandbox.Ec2Support.Page;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/** VPCs, subnets and internet gateways of {@link FakeEc2}. Runs under the account lock. */
final class FakeEc2Network {
  private final Ec2Support s;
  private final FakeEc2Security security;
  private final FakeEc2Routes routes;

  FakeEc2Network(Ec2Support support, FakeEc2Security security, FakeEc2Routes routes) {
    this.s = support;
    this.security = security;
    this.routes = routes;
  }

  // ==== VPC ============================================================================================

  CreateVpcResponse createVpc(CreateVpcRequest r) {
    dryRun(r.dryRun());
    if (r.ipv4IpamPoolId() != null || r.ipv6IpamPoolId() != null || r.ipv6CidrBlock() != null || r.ipv6Pool() != null
        || Boolean.TRUE.equals(r.amazonProvidedIpv6CidrBlock())) {
      throw unsupported("CreateVpc with IPv6 or IPAM");
    }
    if (r.cidrBlock() == null) throw missing("cidrBlock");
    Cidr cidr = Ec2Support.cidr(r.cidrBlock(), "cidrBlock");
    if (cidr.prefix() < 16 || cidr.prefix() > 28) throw error("InvalidVpc.Range", "The CIDR '" + r.cidrBlock() + "' is invalid.");
    String tenancy = r.instanceTenancyAsString() == null ? "default" : r.instanceTenancyAsString();
    if (!tenancy.equals("default") && !tenancy.equals("dedicated")) {
      throw invalidParameter("Value (" + tenancy + ") for parameter instanceTenancy is invalid.");
    }
    Map<String, String> tags = tagsFor(r.tagSpecifications(), "vpc");
    Ec2State st = s.state();
    VpcRec v = s.init(new VpcRec(), "vpc", tags);
    if (st.dhcpOptionsId == null) st.dhcpOptionsId = s.account.newId("dopt");
    v.cidrBlock = r.cidrBlock();
    v.cidrAssociationId = s.account.newId("vpc-cidr-assoc");
    v.instanceTenancy = tenancy;
    st.vpcs.put(v.id, v);
    // What AWS creates along: the main route table, the default network ACL, the default security group.
    RouteTableRec main = routes.newRouteTable(v, Map.of());
    AssociationRec mainAssoc = new AssociationRec();
    mainAssoc.id = s.account.newId("rtbassoc");
    mainAssoc.main = true;
    main.associations.add(mainAssoc);
    NetworkAclRec acl = s.init(new NetworkAclRec(), "acl", Map.of());
    acl.vpcId = v.id;
    acl.isDefault = true;
    st.networkAcls.put(acl.id, acl);
    security.createDefaultGroup(v.id);
    return CreateVpcResponse.builder().vpc(toVpc(st, v, VpcState.PENDING)).build();
  }

  DescribeVpcsResponse describeVpcs(DescribeVpcsRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    Map<String, Function<VpcRec, Collection<String>>> f = new LinkedHashMap<>();
    f.put("vpc-id", v -> one(v.id));
    f.put("cidr", v -> one(v.cidrBlock));
    f.put("cidr-block-association.cidr-block", v -> one(v.cidrBlock));
    f.put("cidr-block-association.association-id", v -> one(v.cidrAssociationId));
    f.put("cidr-block-association.state", v -> one("associated"));
    f.put("state", v -> one("available"));
    f.put("is-default", v -> one("false"));
    f.put("owner-id", v -> one(s.owner()));
    f.put("dhcp-options-id", v -> one(st.dhcpOptionsId));
    List<VpcRec> found = s.select(st.vpcs, Kind.VPC, r.vpcIds(), r.filters(), f);
    Page<VpcRec> p = Ec2Support.page(found, r.maxResults(), r.nextToken(), 5);
    return DescribeVpcsResponse.builder()
        .vpcs(p.items().stream().map(v -> toVpc(st, v, VpcState.AVAILABLE)).toList())
        .nextToken(p.nextToken()).build();
  }

  DeleteVpcResponse deleteVpc(DeleteVpcRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    VpcRec v = require(st.vpcs, Kind.VPC, r.vpcId());
    String id = v.id;
    boolean blocked = st.subnets.values().stream().anyMatch(x -> id.equals(x.vpcId))
        || st.internetGateways.values().stream().anyMatch(x -> id.equals(x.attachedVpcId))
        || st.securityGroups.values().stream().anyMatch(x -> id.equals(x.vpcId) && !x.groupName.equals("default"))
        || st.routeTables.values().stream().anyMatch(x -> id.equals(x.vpcId) && !FakeEc2Routes.isMain(x))
        || st.networkAcls.values().stream().anyMatch(x -> id.equals(x.vpcId) && !x.isDefault)
        || !s.account.dependentsOf("ec2", "vpc", id).isEmpty();
    if (blocked) throw dependencyViolation("The vpc '" + id + "' has dependencies and cannot be deleted.");
    st.routeTables.values().removeIf(x -> id.equals(x.vpcId));
    st.networkAcls.values().removeIf(x -> id.equals(x.vpcId));
    st.securityGroups.values().removeIf(x -> id.equals(x.vpcId));
    st.vpcs.remove(id);
    return DeleteVpcResponse.builder().build();
  }

  ModifyVpcAttributeResponse modifyVpcAttribute(ModifyVpcAttributeRequest r) {
    VpcRec v = require(s.state().vpcs, Kind.VPC, r.vpcId());
    List<String> set = new ArrayList<>();
    if (r.enableDnsHostnames() != null) set.add("enableDnsHostnames");
    if (r.enableDnsSupport() != null) set.add("enableDnsSupport");
    if (r.enableNetworkAddressUsageMetrics() != null) set.add("enableNetworkAddressUsageMetrics");
    if (set.size() > 1) {
      throw error("InvalidParameterCombination", "Fields for multiple attribute types specified: " + String.join(", ", set));
    }
    if (set.isEmpty()) throw missing("an attribute to modify");
    if (r.enableDnsHostnames() != null) v.enableDnsHostnames = bool(r.enableDnsHostnames(), "EnableDnsHostnames");
    if (r.enableDnsSupport() != null) v.enableDnsSupport = bool(r.enableDnsSupport(), "EnableDnsSupport");
    if (r.enableNetworkAddressUsageMetrics() != null) {
      v.enableNetworkAddressUsageMetrics = bool(r.enableNetworkAddressUsageMetrics(), "EnableNetworkAddressUsageMetrics");
    }
    return ModifyVpcAttributeResponse.builder().build();
  }

  DescribeVpcAttributeResponse describeVpcAttribute(DescribeVpcAttributeRequest r) {
    dryRun(r.dryRun());
    VpcRec v = require(s.state().vpcs, Kind.VPC, r.vpcId());
    if (!s.visible(v)) throw Kind.VPC.notFound(v.id);
    String a = r.attributeAsString();
    if (a == null) throw missing("attribute");
    DescribeVpcAttributeResponse.Builder b = DescribeVpcAttributeResponse.builder().vpcId(v.id);
    switch (a) {
      case "enableDnsSupport" -> b.enableDnsSupport(abv(v.enableDnsSupport));
      case "enableDnsHostnames" -> b.enableDnsHostnames(abv(v.enableDnsHostnames));
      case "enableNetworkAddressUsageMetrics" -> b.enableNetworkAddressUsageMetrics(abv(v.enableNetworkAddressUsageMetrics));
      default -> throw invalidParameter("Value (" + a + ") for parameter attribute is invalid. Unknown attribute.");
    }
    return b.build();
  }

  private Vpc toVpc(Ec2State st, VpcRec v, VpcState state) {
    Vpc.Builder b = Vpc.builder().vpcId(v.id).cidrBlock(v.cidrBlock).state(state).ownerId(s.owner())
        .instanceTenancy(v.instanceTenancy).isDefault(false).dhcpOptionsId(st.dhcpOptionsId)
        .cidrBlockAssociationSet(VpcCidrBlockAssociation.builder().associationId(v.cidrAssociationId)
            .cidrBlock(v.cidrBlock).cidrBlockState(VpcCidrBlockState.builder().state(VpcCidrBlockStateCode.ASSOCIATED).build())
            .build());
    if (!v.tags.isEmpty()) b.tags(sdkTags(v.tags));
    return b.build();
  }

  // ==== subnets ========================================================================================

  CreateSubnetResponse createSubnet(CreateSubnetRequest r) {
    dryRun(r.dryRun());
    if (r.ipv6CidrBlock() != null || Boolean.TRUE.equals(r.ipv6Native()) || r.ipv4IpamPoolId() != null
        || r.ipv6IpamPoolId() != null || r.outpostArn() != null) {
      throw unsupported("CreateSubnet with IPv6, IPAM or Outposts");
    }
    Ec2State st = s.state();
    VpcRec v = require(st.vpcs, Kind.VPC, r.vpcId());
    if (r.cidrBlock() == null) throw missing("cidrBlock");
    Cidr c = Ec2Support.cidr(r.cidrBlock(), "cidrBlock");
    Cidr vc = Cidr.parse(v.cidrBlock);
    if (c.prefix() < 16 || c.prefix() > 28 || !vc.contains(c)) {
      throw error("InvalidSubnet.Range", "The CIDR '" + r.cidrBlock() + "' is invalid.");
    }
    for (SubnetRec o : st.subnets.values()) {
      if (o.vpcId.equals(v.id) && Cidr.parse(o.cidrBlock).overlaps(c)) {
        throw error("InvalidSubnet.Conflict", "The CIDR '" + r.cidrBlock() + "' conflicts with another subnet");
      }
    }
    String zone = r.availabilityZone();
    if (zone == null && r.availabilityZoneId() != null) {
      zone = s.zones().stream().filter(z -> s.zoneId(z).equals(r.availabilityZoneId())).findFirst()
          .orElseThrow(() -> invalidParameter("Value (" + r.availabilityZoneId() + ") for parameter availabilityZoneId is invalid."));
    } else if (zone != null && r.availabilityZoneId() != null && !s.zoneId(zone).equals(r.availabilityZoneId())) {
      throw error("InvalidParameterCombination", "The parameters availabilityZone and availabilityZoneId do not match.");
    }
    if (zone == null) zone = s.zones().get(0);
    if (!s.zones().contains(zone)) {
      throw invalidParameter("Value (" + zone + ") for parameter availabilityZone is invalid. Subnets can currently only be"
          + " created in the following availability zones: " + String.join(", ", s.zones()) + ".");
    }
    Map<String, String> tags = tagsFor(r.tagSpecifications(), "subnet");
    SubnetRec sn = s.init(new SubnetRec(), "subnet", tags);
    sn.vpcId = v.id;
    sn.cidrBlock = r.cidrBlock();
    sn.availabilityZone = zone;
    sn.availabilityZoneId = s.zoneId(zone);
    st.subnets.put(sn.id, sn);
    return CreateSubnetResponse.builder().subnet(toSubnet(sn)).build();
  }

  DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    Map<String, Function<SubnetRec, Collection<String>>> f = new LinkedHashMap<>();
    f.put("subnet-id", x -> one(x.id));
    f.put("vpc-id", x -> one(x.vpcId));
    f.put("cidr", x -> one(x.cidrBlock));
    f.put("cidr-block", x -> one(x.cidrBlock));
    f.put("cidrBlock", x -> one(x.cidrBlock));
    f.put("availability-zone", x -> one(x.availabilityZone));
    f.put("availabilityZone", x -> one(x.availabilityZone));
    f.put("availability-zone-id", x -> one(x.availabilityZoneId));
    f.put("available-ip-address-count", x -> one(availableIps(x)));
    f.put("default-for-az", x -> one("false"));
    f.put("defaultForAz", x -> one("false"));
    f.put("map-public-ip-on-launch", x -> one(x.mapPublicIpOnLaunch));
    f.put("owner-id", x -> one(s.owner()));
    f.put("state", x -> one("available"));
    f.put("subnet-arn", x -> one(s.arn("subnet", x.id)));
    List<SubnetRec> found = s.select(st.subnets, Kind.SUBNET, r.subnetIds(), r.filters(), f);
    Page<SubnetRec> p = Ec2Support.page(found, r.maxResults(), r.nextToken(), 5);
    return DescribeSubnetsResponse.builder().subnets(p.items().stream().map(this::toSubnet).toList())
        .nextToken(p.nextToken()).build();
  }

  ModifySubnetAttributeResponse modifySubnetAttribute(ModifySubnetAttributeRequest r) {
    SubnetRec sn = require(s.state().subnets, Kind.SUBNET, r.subnetId());
    if (r.assignIpv6AddressOnCreation() != null || r.mapCustomerOwnedIpOnLaunch() != null || r.enableDns64() != null
        || r.privateDnsHostnameTypeOnLaunch() != null || r.enableResourceNameDnsARecordOnLaunch() != null
        || r.enableResourceNameDnsAAAARecordOnLaunch() != null || r.enableLniAtDeviceIndex() != null
        || r.disableLniAtDeviceIndex() != null || r.customerOwnedIpv4Pool() != null) {
      if (r.mapPublicIpOnLaunch() != null) {
        throw error("InvalidParameterCombination", "Fields for multiple attribute types specified");
      }
      throw unsupported("ModifySubnetAttribute other than MapPublicIpOnLaunch");
    }
    if (r.mapPublicIpOnLaunch() == null) throw missing("an attribute to modify");
    sn.mapPublicIpOnLaunch = bool(r.mapPublicIpOnLaunch(), "MapPublicIpOnLaunch");
    return ModifySubnetAttributeResponse.builder().build();
  }

  DeleteSubnetResponse deleteSubnet(DeleteSubnetRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    SubnetRec sn = require(st.subnets, Kind.SUBNET, r.subnetId());
    if (!s.account.dependentsOf("ec2", "subnet", sn.id).isEmpty()) {
      throw dependencyViolation("The subnet '" + sn.id + "' has dependencies and cannot be deleted.");
    }
    for (RouteTableRec rt : st.routeTables.values()) rt.associations.removeIf(a -> sn.id.equals(a.subnetId));
    st.subnets.remove(sn.id);
    return DeleteSubnetResponse.builder().build();
  }

  private Subnet toSubnet(SubnetRec x) {
    Subnet.Builder b = Subnet.builder().subnetId(x.id).vpcId(x.vpcId).cidrBlock(x.cidrBlock)
        .availabilityZone(x.availabilityZone).availabilityZoneId(x.availabilityZoneId)
        .availableIpAddressCount(availableIps(x)).state(SubnetState.AVAILABLE).mapPublicIpOnLaunch(x.mapPublicIpOnLaunch)
        .defaultForAz(false).assignIpv6AddressOnCreation(false).ipv6Native(false).mapCustomerOwnedIpOnLaunch(false)
        .ownerId(s.owner()).subnetArn(s.arn("subnet", x.id));
    if (!x.tags.isEmpty()) b.tags(sdkTags(x.tags));
    return b.build();
  }

  /** The block's size less the 5 addresses AWS reserves and those of instances not terminated yet. */
  private int availableIps(SubnetRec x) {
    long used = s.account.dependentsOf("ec2", "subnet", x.id).size();
    return (int) (Cidr.parse(x.cidrBlock).size() - 5 - used);
  }

  // ==== internet gateways ==============================================================================

  CreateInternetGatewayResponse createInternetGateway(CreateInternetGatewayRequest r) {
    dryRun(r.dryRun());
    IgwRec g = s.init(new IgwRec(), "igw", tagsFor(r.tagSpecifications(), "internet-gateway"));
    s.state().internetGateways.put(g.id, g);
    return CreateInternetGatewayResponse.builder().internetGateway(toIgw(g)).build();
  }

  AttachInternetGatewayResponse attachInternetGateway(AttachInternetGatewayRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    IgwRec g = require(st.internetGateways, Kind.IGW, r.internetGatewayId());
    VpcRec v = require(st.vpcs, Kind.VPC, r.vpcId());
    if (g.attachedVpcId != null) {
      throw error("Resource.AlreadyAssociated", "resource " + g.id + " is already attached to network " + g.attachedVpcId);
    }
    for (IgwRec o : st.internetGateways.values()) {
      if (v.id.equals(o.attachedVpcId)) {
        throw error("Resource.AlreadyAssociated", "resource " + v.id + " is already attached to network " + o.id);
      }
    }
    g.attachedVpcId = v.id;
    return AttachInternetGatewayResponse.builder().build();
  }

  DetachInternetGatewayResponse detachInternetGateway(DetachInternetGatewayRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    IgwRec g = require(st.internetGateways, Kind.IGW, r.internetGatewayId());
    VpcRec v = require(st.vpcs, Kind.VPC, r.vpcId());
    if (!v.id.equals(g.attachedVpcId)) {
      throw error("Gateway.NotAttached", "resource " + g.id + " is not attached to network " + v.id);
    }
    if (!s.account.dependentsOf("ec2", "vpc-public-addresses", v.id).isEmpty()) {
      throw dependencyViolation("Network " + v.id + " has some mapped public address(es). Please unmap those public"
          + " address(es) before detaching the gateway.");
    }
    g.attachedVpcId = null;
    return DetachInternetGatewayResponse.builder().build();
  }

  DeleteInternetGatewayResponse deleteInternetGateway(DeleteInternetGatewayRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    IgwRec g = require(st.internetGateways, Kind.IGW, r.internetGatewayId());
    if (g.attachedVpcId != null) {
      throw dependencyViolation("The internetGateway '" + g.id + "' has dependencies and cannot be deleted.");
    }
    st.internetGateways.remove(g.id);
    return DeleteInternetGatewayResponse.builder().build();
  }

  DescribeInternetGatewaysResponse describeInternetGateways(DescribeInternetGatewaysRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    Map<String, Function<IgwRec, Collection<String>>> f = new LinkedHashMap<>();
    f.put("internet-gateway-id", g -> one(g.id));
    f.put("attachment.vpc-id", g -> one(g.attachedVpcId));
    f.put("attachment.state", g -> one(g.attachedVpcId == null ? null : "available"));
    f.put("owner-id", g -> one(s.owner()));
    List<IgwRec> found = s.select(st.internetGateways, Kind.IGW, r.internetGatewayIds(), r.filters(), f);
    Page<IgwRec> p = Ec2Support.page(found, r.maxResults(), r.nextToken(), 5);
    return DescribeInternetGatewaysResponse.builder().internetGateways(p.items().stream().map(this::toIgw).toList())
        .nextToken(p.nextToken()).build();
  }

  private InternetGateway toIgw(IgwRec g) {
    InternetGateway.Builder b = InternetGateway.builder().internetGatewayId(g.id).ownerId(s.owner())
        // AWS reports an attached gateway as "available", a value outside the SDK enum AttachmentStatus.
        .attachments(g.attachedVpcId == null ? List.of()
            : List.of(InternetGatewayAttachment.builder().vpcId(g.attachedVpcId).state("available").build()));
    if (!g.tags.isEmpty()) b.tags(sdkTags(g.tags));
    return b.build();
  }

  // ==== shared =========================================================================================

  private static boolean bool(AttributeBooleanValue v, String name) {
    if (v.value() == null) throw missing(name + ".Value");
    return v.value();
  }

  private static AttributeBooleanValue abv(boolean b) { return AttributeBooleanValue.builder().value(b).build(); }
}
