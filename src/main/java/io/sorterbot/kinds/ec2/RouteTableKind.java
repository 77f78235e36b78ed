package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.consistent;
import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;

/** {@code ec2.routeTable}: the table, the routes sorterbot made, and its subnet associations. */
public final class RouteTableKind implements ResourceKind {
  private static final List<String> ROUTE_FIELDS = List.of("destinationCidrBlock", "destinationIpv6CidrBlock",
      "gatewayId", "natGatewayId", "instanceId", "networkInterfaceId", "vpcPeeringConnectionId", "transitGatewayId");

  @Override public KindSchema schema() { return Ec2Schemas.ROUTE_TABLE; }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    return ec2(ctx).describeRouteTablesPaginator(
            DescribeRouteTablesRequest.builder().filters(Ec2Support.sbidFilter()).build())
        .routeTables().stream().map(this::toLive).toList();
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    // The token carries the VPC so a replacement in another VPC is not answered with the old table.
    String token = Ec2Support.clientToken(ctx.stack(), d.sbid() + "/" + d.string("vpcId"));
    String id = consistent(ctx, () -> ec2(ctx).createRouteTable(b -> b.vpcId(d.string("vpcId")).clientToken(token)
        .tagSpecifications(Ec2Support.tagSpec(ResourceType.ROUTE_TABLE, d))).routeTable().routeTableId());
    for (Map<String, Object> r : routes(d.get("routes")).values()) consistent(ctx, () -> addRoute(ctx, id, r));
    for (Object subnet : list(d.get("subnetIds"))) associate(ctx, id, subnet.toString());
    return read(ctx, id);
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    String id = live.id();
    if (Ec2Support.changed(changes, "routes")) {
      Map<String, Map<String, Object>> want = routes(d.get("routes"));
      Map<String, Map<String, Object>> have = routes(live.properties().get("routes"));
      for (var e : have.entrySet()) {
        if (!want.containsKey(e.getKey())) {
          consistent(ctx, () -> Ec2Support.tolerating("InvalidRoute.NotFound", () -> deleteRoute(ctx, id, e.getValue())));
        }
      }
      for (var e : want.entrySet()) {
        Map<String, Object> old = have.get(e.getKey());
        if (old == null) consistent(ctx, () -> addRoute(ctx, id, e.getValue()));
        else if (!old.equals(e.getValue())) consistent(ctx, () -> replaceRoute(ctx, id, e.getValue()));
      }
    }
    if (Ec2Support.changed(changes, "subnetIds")) {
      List<Object> want = list(d.get("subnetIds"));
      List<RouteTableAssociation> have = subnetAssociations(describe(ctx, id));
      for (RouteTableAssociation a : have) {
        if (!want.contains(a.subnetId())) disassociate(ctx, a.routeTableAssociationId());
      }
      List<String> associated = have.stream().map(RouteTableAssociation::subnetId).toList();
      for (Object s : want) if (!associated.contains(s.toString())) associate(ctx, id, s.toString());
    }
    Ec2Support.syncTags(ctx, id, live.tags(), d, changes);
    return read(ctx, id);
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    RouteTable rt = Ec2Support.unlessGone(() -> describe(ctx, live.id()));
    if (rt == null) return;
    for (RouteTableAssociation a : subnetAssociations(rt)) disassociate(ctx, a.routeTableAssociationId());
    Ec2Support.destroying(ctx, live.sbid(), () -> ec2(ctx).deleteRouteTable(b -> b.routeTableId(live.id())));
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "routes" -> value instanceof List<?> l ? SgRules.canonicalSet(l.stream().map(this::route).toList()) : value;
      case "subnetIds" -> Ec2Support.stringSet(value);
      case "vpcId" -> Ec2Support.trimmed(value);
      default -> value;
    };
  }

  private Object route(Object item) {
    if (!(item instanceof Map<?, ?> m)) return item;
    Map<String, Object> r = new LinkedHashMap<>();
    for (String f : ROUTE_FIELDS) {
      Object v = Ec2Support.trimmed(m.get(f));
      if (f.equals("destinationIpv6CidrBlock") && v instanceof String s) v = s.toLowerCase(Locale.ROOT);
      if (v != null) r.put(f, v);
    }
    m.forEach((k, v) -> { if (!ROUTE_FIELDS.contains(k.toString()) && v != null) r.put(k.toString(), v); });
    return r;
  }

  /** Routes keyed by destination: AWS allows one route per destination, so that is the route's identity. */
  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> routes(Object value) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Object o : list(normalize("routes", value))) {
      Map<String, Object> r = (Map<String, Object>) o;
      Object dest = r.getOrDefault("destinationCidrBlock", r.get("destinationIpv6CidrBlock"));
      out.put(String.valueOf(dest), r);
    }
    return out;
  }

  private static List<Object> list(Object v) {
    return v instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  private static String s(Map<String, Object> r, String f) { return r.get(f) == null ? null : r.get(f).toString(); }

  /**
   * CreateRoute sent again after a lost answer is refused with RouteAlreadyExists: success only when the
   * route there has exactly this target; a route to another target is a real conflict and still fails.
   */
  private void addRoute(KindContext ctx, String id, Map<String, Object> r) {
    Ec2LostAnswers.unlessDone("RouteAlreadyExists", () -> {
      Map<String, Map<String, Object>> live = routes(toLive(describe(ctx, id)).properties().get("routes"));
      return routes(List.of(r)).entrySet().stream().allMatch(e -> e.getValue().equals(live.get(e.getKey())));
    }, () -> createRoute(ctx, id, r));
  }

  private static void createRoute(KindContext ctx, String id, Map<String, Object> r) {
    ec2(ctx).createRoute(b -> b.routeTableId(id).destinationCidrBlock(s(r, "destinationCidrBlock"))
        .destinationIpv6CidrBlock(s(r, "destinationIpv6CidrBlock")).gatewayId(s(r, "gatewayId"))
        .natGatewayId(s(r, "natGatewayId")).instanceId(s(r, "instanceId")).networkInterfaceId(s(r, "networkInterfaceId"))
        .vpcPeeringConnectionId(s(r, "vpcPeeringConnectionId")).transitGatewayId(s(r, "transitGatewayId")));
  }

  private static void replaceRoute(KindContext ctx, String id, Map<String, Object> r) {
    ec2(ctx).replaceRoute(b -> b.routeTableId(id).destinationCidrBlock(s(r, "destinationCidrBlock"))
        .destinationIpv6CidrBlock(s(r, "destinationIpv6CidrBlock")).gatewayId(s(r, "gatewayId"))
        .natGatewayId(s(r, "natGatewayId")).instanceId(s(r, "instanceId")).networkInterfaceId(s(r, "networkInterfaceId"))
        .vpcPeeringConnectionId(s(r, "vpcPeeringConnectionId")).transitGatewayId(s(r, "transitGatewayId")));
  }

  private static void deleteRoute(KindContext ctx, String id, Map<String, Object> r) {
    ec2(ctx).deleteRoute(b -> b.routeTableId(id).destinationCidrBlock(s(r, "destinationCidrBlock"))
        .destinationIpv6CidrBlock(s(r, "destinationIpv6CidrBlock")));
  }

  /**
   * A subnet has one explicit association: if another table holds it, move it here. Held by this table
   * already (a lost answer's associate), Resource.AlreadyAssociated finds no other table: nothing to do.
   */
  private static void associate(KindContext ctx, String id, String subnetId) {
    try {
      consistent(ctx, () -> ec2(ctx).associateRouteTable(b -> b.routeTableId(id).subnetId(subnetId)));
    } catch (RuntimeException e) {
      if (!"Resource.AlreadyAssociated".equals(AwsErrors.code(e))) throw e;
      Filter bySubnet = Filter.builder().name("association.subnet-id").values(subnetId).build();
      for (RouteTable other : ec2(ctx).describeRouteTables(b -> b.filters(bySubnet)).routeTables()) {
        for (RouteTableAssociation a : subnetAssociations(other)) {
          if (subnetId.equals(a.subnetId()) && !id.equals(other.routeTableId())) {
            // A replace gives the association a new id: sent again, the old id is NotFound, done if the subnet is here.
            Ec2LostAnswers.unlessDone("InvalidAssociationID.NotFound",
                () -> subnetAssociations(describe(ctx, id)).stream().anyMatch(x -> subnetId.equals(x.subnetId())),
                () -> ec2(ctx).replaceRouteTableAssociation(b -> b.associationId(a.routeTableAssociationId()).routeTableId(id)));
          }
        }
      }
    }
  }

  private static void disassociate(KindContext ctx, String associationId) {
    Ec2Support.unlessGone(() -> ec2(ctx).disassociateRouteTable(b -> b.associationId(associationId)));
  }

  private static RouteTable describe(KindContext ctx, String id) {
    List<RouteTable> found = ec2(ctx).describeRouteTables(b -> b.routeTableIds(id)).routeTables();
    if (found.isEmpty()) throw Ec2Support.notFound("InvalidRouteTableID.NotFound", id);
    return found.get(0);
  }

  /** Explicit subnet associations; the main association and gateway associations are not ours. */
  private static List<RouteTableAssociation> subnetAssociations(RouteTable rt) {
    return rt.associations().stream()
        .filter(a -> !Boolean.TRUE.equals(a.main()) && a.subnetId() != null)
        .filter(a -> a.associationState() == null || a.associationState().stateAsString() == null
            || !a.associationState().stateAsString().startsWith("disassociat"))
        .toList();
  }

  private LiveResource read(KindContext ctx, String id) {
    return consistent(ctx, () -> toLive(describe(ctx, id)));
  }

  private LiveResource toLive(RouteTable rt) {
    List<Map<String, Object>> routes = new ArrayList<>();
    for (Route r : rt.routes()) {
      // Only CreateRoute routes are the file's: the local route and propagated routes belong to AWS.
      String origin = r.originAsString();
      if ("local".equals(r.gatewayId()) || (origin != null && !origin.equals("CreateRoute"))) continue;
      routes.add(Ec2Support.props("destinationCidrBlock", r.destinationCidrBlock(),
          "destinationIpv6CidrBlock", r.destinationIpv6CidrBlock(), "gatewayId", r.gatewayId(),
          "natGatewayId", r.natGatewayId(), "instanceId", r.instanceId(),
          // AWS adds the instance's interface to an instance route; the file names only the instance
          "networkInterfaceId", r.instanceId() != null ? null : r.networkInterfaceId(),
          "vpcPeeringConnectionId", r.vpcPeeringConnectionId(), "transitGatewayId", r.transitGatewayId()));
    }
    List<String> subnets = subnetAssociations(rt).stream().map(RouteTableAssociation::subnetId).sorted().toList();
    List<String> refs = new ArrayList<>(List.of(rt.vpcId()));
    refs.addAll(subnets);
    for (Map<String, Object> r : routes) {
      for (String f : ROUTE_FIELDS.subList(2, ROUTE_FIELDS.size())) if (r.get(f) != null) refs.add(r.get(f).toString());
    }
    return Ec2Support.live(type(), rt.routeTableId(), Ec2Support.tagMap(rt.tags()),
        Ec2Support.props("vpcId", rt.vpcId(), "routes", normalize("routes", routes), "subnetIds", subnets),
        Ec2Support.props(), refs, null);
  }
}
