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
import io.sorterbot.sandbox.Ec2State.RouteRec;
import io.sorterbot.sandbox.Ec2State.RouteTableRec;
import io.sorterbot.sandbox.Ec2State.SubnetRec;
import io.sorterbot.sandbox.Ec2State.VpcRec;
import io.sorterbot.sandbox.Ec2Support.Kind;
import io.sorterbot.sandbox.Ec2Support.Page;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/** Route tables, routes and associations of {@link FakeEc2}. Runs under the account lock. */
final class FakeEc2Routes {
  private final Ec2Support s;

  FakeEc2Routes(Ec2Support support) { this.s = support; }

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

  RouteTableRec newRouteTable(VpcRec v, Map<String, String> tags) {
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

  static boolean isMain(RouteTableRec t) { return t.associations.stream().anyMatch(a -> a.main); }

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
}
