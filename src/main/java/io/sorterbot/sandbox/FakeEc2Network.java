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
import io.sorterbot.sandbox.Ec2State.RouteRec;
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
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/** VPCs, subnets, internet gateways and route tables of {@link FakeEc2}. Runs under the account lock. */
final class FakeEc2Network {
  private final Ec2Support s;
  private final FakeEc2Security security;

  FakeEc2Network(Ec2Support support, FakeEc2Security security) {
    this.s = support;
    this.security = security;
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
    if (st.dhcpOptionsId == null) st.dhcpOptionsId = s.account.newId("dopt");
    VpcRec v = s.init(new VpcRec(), "vpc", tags);
    v.cidrBlock = r.cidrBlock();
    v.cidrAssociationId = s.account.newId("vpc-cidr-assoc");
    v.instanceTenancy = tenancy;
    st.vpcs.put(v.id, v);
    // What AWS creates along: the main route table, the default network ACL, the default security group.
    RouteTableRec main = newRouteTable(v, Map.of());
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
        || st.routeTables.values().stream().anyMatch(x -> id.equals(x.vpcId) && !isMain(x))
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

  /** The block's size less the 5 addresses AWS reserves (no instances are simulated yet). */
  private static int availableIps(SubnetRec x) { return (int) (Cidr.parse(x.cidrBlock).size() - 5); }

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

  // ==== route tables ===================================================================================

  CreateRouteTableResponse createRouteTable(CreateRouteTableRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    VpcRec v = require(st.vpcs, Kind.VPC, r.vpcId());
    Map<String, String> tags = tagsFor(r.tagSpecifications(), "route-table");
    String tokenKey = r.clientToken() == null ? null : "CreateRouteTable " + r.clientToken();
    String fingerprint = v.id + " " + tags;
    if (tokenKey != null) {
      Ec2State.ClientTokenRec prior = st.clientTokens.get(tokenKey);
      if (prior != null) {
        if (!prior.fingerprint.equals(fingerprint)) {
          throw error("IdempotentParameterMismatch", "The client token you have provided is associated with a resource"
              + " that is already created or a request that has different parameters.");
        }
        RouteTableRec existing = st.routeTables.get(prior.resourceId);
        RouteTable rt = existing != null ? toRouteTable(st, existing)
            : RouteTable.builder().routeTableId(prior.resourceId).vpcId(v.id).ownerId(s.owner()).build();
        return CreateRouteTableResponse.builder().routeTable(rt).clientToken(r.clientToken()).build();
      }
    }
    RouteTableRec rt = newRouteTable(v, tags);
    if (tokenKey != null) {
      Ec2State.ClientTokenRec t = new Ec2State.ClientTokenRec();
      t.fingerprint = fingerprint;
      t.resourceId = rt.id;
      st.clientTokens.put(tokenKey, t);
    }
    return CreateRouteTableResponse.builder().routeTable(toRouteTable(st, rt)).clientToken(r.clientToken()).build();
  }

  private RouteTableRec newRouteTable(VpcRec v, Map<String, String> tags) {
    RouteTableRec rt = s.init(new RouteTableRec(), "rtb", tags);
    rt.vpcId = v.id;
    RouteRec local = new RouteRec();
    local.destinationCidrBlock = v.cidrBlock;
    local.gatewayId = "local";
    local.origin = "CreateRouteTable";
    rt.routes.add(local);
    s.state().routeTables.put(rt.id, rt);
    return rt;
  }

  DescribeRouteTablesResponse describeRouteTables(DescribeRouteTablesRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    Map<String, Function<RouteTableRec, Collection<String>>> f = new LinkedHashMap<>();
    f.put("route-table-id", t -> one(t.id));
    f.put("vpc-id", t -> one(t.vpcId));
    f.put("owner-id", t -> one(s.owner()));
    f.put("association.main", t -> t.associations.stream().map(a -> String.valueOf(a.main)).toList());
    f.put("association.subnet-id", t -> t.associations.stream().map(a -> a.subnetId).filter(Objects::nonNull).toList());
    f.put("association.route-table-association-id", t -> t.associations.stream().map(a -> a.id).toList());
    f.put("association.route-table-id", t -> t.associations.isEmpty() ? List.of() : List.of(t.id));
    f.put("association.association-state", t -> t.associations.stream().map(a -> "associated").toList());
    f.put("route.destination-cidr-block", t -> t.routes.stream().map(x -> x.destinationCidrBlock).toList());
    f.put("route.gateway-id", t -> t.routes.stream().map(x -> x.gatewayId).toList());
    f.put("route.origin", t -> t.routes.stream().map(x -> x.origin).toList());
    f.put("route.state", t -> t.routes.stream().map(x -> routeState(st, t, x).toString()).toList());
    List<RouteTableRec> found = s.select(st.routeTables, Kind.ROUTE_TABLE, r.routeTableIds(), r.filters(), f);
    Page<RouteTableRec> p = Ec2Support.page(found, r.maxResults(), r.nextToken(), 5);
    return DescribeRouteTablesResponse.builder().routeTables(p.items().stream().map(t -> toRouteTable(st, t)).toList())
        .nextToken(p.nextToken()).build();
  }

  CreateRouteResponse createRoute(CreateRouteRequest r) {
    dryRun(r.dryRun());
    if (r.destinationIpv6CidrBlock() != null || r.destinationPrefixListId() != null) {
      throw unsupported("routes to IPv6 or prefix-list destinations");
    }
    if (r.natGatewayId() != null || r.instanceId() != null || r.networkInterfaceId() != null
        || r.vpcPeeringConnectionId() != null || r.transitGatewayId() != null || r.egressOnlyInternetGatewayId() != null
        || r.localGatewayId() != null || r.carrierGatewayId() != null || r.vpcEndpointId() != null
        || r.coreNetworkArn() != null || r.odbNetworkArn() != null) {
      throw unsupported("route targets other than an internet gateway");
    }
    Ec2State st = s.state();
    RouteTableRec t = require(st.routeTables, Kind.ROUTE_TABLE, r.routeTableId());
    Ec2Support.cidr(r.destinationCidrBlock(), "destinationCidrBlock");
    String gw = target(st, t, r.gatewayId());
    if (findRoute(t, r.destinationCidrBlock()) != null) {
      throw error("RouteAlreadyExists", "The route identified by " + r.destinationCidrBlock() + " already exists.");
    }
    RouteRec route = new RouteRec();
    route.destinationCidrBlock = r.destinationCidrBlock();
    route.gatewayId = gw;
    route.origin = "CreateRoute";
    t.routes.add(route);
    return CreateRouteResponse.builder().returnValue(true).build();
  }

  ReplaceRouteResponse replaceRoute(ReplaceRouteRequest r) {
    dryRun(r.dryRun());
    if (r.destinationIpv6CidrBlock() != null || r.destinationPrefixListId() != null) {
      throw unsupported("routes to IPv6 or prefix-list destinations");
    }
    if (r.natGatewayId() != null || r.instanceId() != null || r.networkInterfaceId() != null
        || r.vpcPeeringConnectionId() != null || r.transitGatewayId() != null || r.egressOnlyInternetGatewayId() != null
        || r.localGatewayId() != null || r.carrierGatewayId() != null || r.vpcEndpointId() != null
        || r.coreNetworkArn() != null || r.odbNetworkArn() != null || Boolean.TRUE.equals(r.localTarget())) {
      throw unsupported("route targets other than an internet gateway");
    }
    Ec2State st = s.state();
    RouteTableRec t = require(st.routeTables, Kind.ROUTE_TABLE, r.routeTableId());
    Ec2Support.cidr(r.destinationCidrBlock(), "destinationCidrBlock");
    RouteRec route = findRoute(t, r.destinationCidrBlock());
    if (route == null) {
      throw invalidParameter("There is no route defined for '" + r.destinationCidrBlock()
          + "' in the route table. Use CreateRoute instead.");
    }
    if ("local".equals(route.gatewayId)) {
      throw invalidParameter("cannot replace local route " + route.destinationCidrBlock + " in route table " + t.id);
    }
    route.gatewayId = target(st, t, r.gatewayId());
    route.origin = "CreateRoute";
    return ReplaceRouteResponse.builder().build();
  }

  DeleteRouteResponse deleteRoute(DeleteRouteRequest r) {
    dryRun(r.dryRun());
    if (r.destinationIpv6CidrBlock() != null || r.destinationPrefixListId() != null) {
      throw unsupported("routes to IPv6 or prefix-list destinations");
    }
    RouteTableRec t = require(s.state().routeTables, Kind.ROUTE_TABLE, r.routeTableId());
    if (r.destinationCidrBlock() == null) throw missing("destinationCidrBlock");
    RouteRec route = findRoute(t, r.destinationCidrBlock());
    if (route == null) {
      throw error("InvalidRoute.NotFound", "no route with destination-cidr-block " + r.destinationCidrBlock()
          + " in route table " + t.id);
    }
    if ("local".equals(route.gatewayId)) {
      throw invalidParameter("cannot remove local route " + route.destinationCidrBlock + " in route table " + t.id);
    }
    t.routes.remove(route);
    return DeleteRouteResponse.builder().build();
  }

  AssociateRouteTableResponse associateRouteTable(AssociateRouteTableRequest r) {
    dryRun(r.dryRun());
    if (r.gatewayId() != null || r.publicIpv4Pool() != null) throw unsupported("gateway route table associations");
    Ec2State st = s.state();
    RouteTableRec t = require(st.routeTables, Kind.ROUTE_TABLE, r.routeTableId());
    SubnetRec sn = require(st.subnets, Kind.SUBNET, r.subnetId());
    if (!sn.vpcId.equals(t.vpcId)) {
      throw invalidParameter("Route table " + t.id + " and subnet " + sn.id + " belong to different networks");
    }
    for (RouteTableRec o : st.routeTables.values()) {
      for (AssociationRec a : o.associations) {
        if (sn.id.equals(a.subnetId)) {
          throw error("Resource.AlreadyAssociated", "the specified association for route table " + t.id
              + " conflicts with an existing association");
        }
      }
    }
    AssociationRec a = new AssociationRec();
    a.id = s.account.newId("rtbassoc");
    a.subnetId = sn.id;
    t.associations.add(a);
    return AssociateRouteTableResponse.builder().associationId(a.id).associationState(associated()).build();
  }

  DisassociateRouteTableResponse disassociateRouteTable(DisassociateRouteTableRequest r) {
    dryRun(r.dryRun());
    String id = r.associationId();
    if (id == null) throw missing("associationId");
    for (RouteTableRec t : s.state().routeTables.values()) {
      for (AssociationRec a : t.associations) {
        if (a.id.equals(id)) {
          if (a.main) throw invalidParameter("cannot disassociate the main route table association " + id);
          t.associations.remove(a);
          return DisassociateRouteTableResponse.builder().build();
        }
      }
    }
    if (!Kind.ASSOCIATION.shape.matcher(id).matches()) throw Kind.ASSOCIATION.malformed(id);
    throw Kind.ASSOCIATION.notFound(id);
  }

  DeleteRouteTableResponse deleteRouteTable(DeleteRouteTableRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    RouteTableRec t = require(st.routeTables, Kind.ROUTE_TABLE, r.routeTableId());
    if (!t.associations.isEmpty()) {
      throw dependencyViolation("The routeTable '" + t.id + "' has dependencies and cannot be deleted.");
    }
    st.routeTables.remove(t.id);
    return DeleteRouteTableResponse.builder().build();
  }

  private static boolean isMain(RouteTableRec t) { return t.associations.stream().anyMatch(a -> a.main); }

  private static RouteRec findRoute(RouteTableRec t, String destination) {
    for (RouteRec x : t.routes) if (x.destinationCidrBlock.equals(destination)) return x;
    return null;
  }

  /** The route target: an internet gateway attached to the table's VPC. */
  private String target(Ec2State st, RouteTableRec t, String gatewayId) {
    if (gatewayId == null) throw missing("gatewayId");
    if (!gatewayId.startsWith("igw-")) {
      if (gatewayId.equals("local")) throw invalidParameter("Route targets local are reserved for the VPC's local route");
      throw unsupported("route targets other than an internet gateway (" + gatewayId + ")");
    }
    IgwRec g = st.internetGateways.get(gatewayId);
    if (g == null) throw error("InvalidGatewayID.NotFound", "The gateway ID '" + gatewayId + "' does not exist");
    if (!t.vpcId.equals(g.attachedVpcId)) {
      throw invalidParameter("route table " + t.id + " and network gateway " + g.id + " belong to different networks");
    }
    return g.id;
  }

  /** {@code active}, or {@code blackhole} when the gateway was detached or deleted since. */
  private static RouteState routeState(Ec2State st, RouteTableRec t, RouteRec x) {
    if ("local".equals(x.gatewayId)) return RouteState.ACTIVE;
    IgwRec g = st.internetGateways.get(x.gatewayId);
    return g != null && t.vpcId.equals(g.attachedVpcId) ? RouteState.ACTIVE : RouteState.BLACKHOLE;
  }

  private RouteTable toRouteTable(Ec2State st, RouteTableRec t) {
    List<Route> routes = t.routes.stream().map(x -> Route.builder().destinationCidrBlock(x.destinationCidrBlock)
        .gatewayId(x.gatewayId).origin(x.origin).state(routeState(st, t, x)).build()).toList();
    List<RouteTableAssociation> assocs = t.associations.stream().map(a -> RouteTableAssociation.builder()
        .main(a.main).routeTableAssociationId(a.id).routeTableId(t.id).subnetId(a.subnetId)
        .associationState(associated()).build()).toList();
    RouteTable.Builder b = RouteTable.builder().routeTableId(t.id).vpcId(t.vpcId).ownerId(s.owner())
        .routes(routes).associations(assocs).propagatingVgws(List.of());
    if (!t.tags.isEmpty()) b.tags(sdkTags(t.tags));
    return b.build();
  }

  private static RouteTableAssociationState associated() {
    return RouteTableAssociationState.builder().state(RouteTableAssociationStateCode.ASSOCIATED).build();
  }

  // ==== shared =========================================================================================

  private static boolean bool(AttributeBooleanValue v, String name) {
    if (v.value() == null) throw missing(name + ".Value");
    return v.value();
  }

  private static AttributeBooleanValue abv(boolean b) { return AttributeBooleanValue.builder().value(b).build(); }
}
