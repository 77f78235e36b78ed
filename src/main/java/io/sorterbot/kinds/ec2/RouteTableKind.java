package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.consistent;
import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.model.Format;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.Normalise;
import io.sorterbot.kinds.Prop;
import io.sorterbot.kinds.PropertyTable;
import io.sorterbot.kinds.Props;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.ValueType;
import static io.sorterbot.model.PropSchema.prop;
import static io.sorterbot.model.ValueType.STRING;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;

/** {@code ec2.routeTable}: the table, the routes sorterbot made, and its subnet associations. */
public final class RouteTableKind implements ResourceKind {
  private static final ValueType.ObjectOf ROUTE = (ValueType.ObjectOf) ValueType.objectOf(
      prop("destinationCidrBlock", STRING).format(Format.IPV4_CIDR).doc("IPv4 CIDR block the route matches, e.g. 0.0.0.0/0").build(),
      prop("destinationIpv6CidrBlock", STRING).format(Format.IPV6_CIDR).doc("IPv6 CIDR block the route matches, e.g. ::/0").build(),
      prop("gatewayId", STRING).doc("Target internet gateway or virtual private gateway ID").build(),
      prop("natGatewayId", STRING).doc("Target NAT gateway ID").build(),
      prop("instanceId", STRING).doc("Target NAT instance ID").build(),
      prop("networkInterfaceId", STRING).doc("Target network interface ID").build(),
      prop("vpcPeeringConnectionId", STRING).doc("Target VPC peering connection ID").build(),
      prop("transitGatewayId", STRING).doc("Target transit gateway ID").build());
  /** The route's fields: two destinations, then the targets. */
  private static final List<String> ROUTE_FIELDS = List.copyOf(ROUTE.fields().keySet());

  /** The table an in-place change applies to; {@code live} is null right after the create. */
  record Target(KindContext ctx, String id, LiveResource live) {}

  private static final Props<RouteTable, CreateRouteTableRequest.Builder, Target> P = Props.of();

  static final Prop<RouteTable, CreateRouteTableRequest.Builder, Target, String> VPC_ID = P.string("vpcId").required()
      .replaces().doc("ID of the VPC the route table belongs to")
      .read(RouteTable::vpcId).create(CreateRouteTableRequest.Builder::vpcId).build();

  static final Prop<RouteTable, CreateRouteTableRequest.Builder, Target, Object> ROUTES = P.value("routes", ValueType.listOf(ROUTE))
      .doc("Routes besides the implicit local route; each has one destination and one target")
      .normalise(v -> v instanceof List<?> l ? Normalise.set(l.stream().map(RouteTableKind::route).toList()) : v)
      .read(RouteTableKind::liveRoutes).update(RouteTableKind::setRoutes).build();

  static final Prop<RouteTable, CreateRouteTableRequest.Builder, Target, List<String>> SUBNET_IDS = P.stringSet("subnetIds")
      .doc("Subnets associated with this route table")
      .read(rt -> subnetAssociations(rt).stream().map(RouteTableAssociation::subnetId).toList())
      .update(RouteTableKind::setSubnets).build();

  static final PropertyTable<RouteTable, CreateRouteTableRequest.Builder, Target> TABLE = PropertyTable
      .<RouteTable, CreateRouteTableRequest.Builder, Target>builder("ec2.routeTable",
          "Route table with its routes and subnet associations")
      .props(VPC_ID, ROUTES, SUBNET_IDS).taggable().build();

  @Override public KindSchema schema() { return TABLE.schema(); }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    return ec2(ctx).describeRouteTablesPaginator(
            DescribeRouteTablesRequest.builder().filters(Ec2Support.sbidFilter()).build())
        .routeTables().stream().map(RouteTableKind::toLive).toList();
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    // The token carries the VPC so a replacement in another VPC is not answered with the old table.
    String token = Ec2Support.clientToken(ctx.stack(), d.sbid() + "/" + VPC_ID.get(d));
    String id = consistent(ctx, () -> ec2(ctx).createRouteTable(b -> TABLE.create(b, d).clientToken(token)
        .tagSpecifications(Ec2Tags.spec(ResourceType.ROUTE_TABLE, d))).routeTable().routeTableId());
    TABLE.afterCreate(new Target(ctx, id, null), d);
    return read(ctx, id);
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    TABLE.update(new Target(ctx, live.id(), live), d, changes);
    Ec2Tags.sync(ctx, live.id(), live.tags(), d, changes);
    return read(ctx, live.id());
  }

  /** Routes the file dropped are deleted, new ones added, changed targets replaced (one route per destination). */
  private static void setRoutes(Target t, Object value) {
    Map<String, Map<String, Object>> want = routes(value);
    Map<String, Map<String, Object>> have = t.live() == null ? Map.of() : routes(t.live().properties().get(ROUTES.name()));
    for (var e : have.entrySet()) {
      if (!want.containsKey(e.getKey())) {
        consistent(t.ctx(), () -> Ec2Support.tolerating("InvalidRoute.NotFound", () -> deleteRoute(t.ctx(), t.id(), e.getValue())));
      }
    }
    for (var e : want.entrySet()) {
      Map<String, Object> old = have.get(e.getKey());
      if (old == null) consistent(t.ctx(), () -> addRoute(t.ctx(), t.id(), e.getValue()));
      else if (!old.equals(e.getValue())) consistent(t.ctx(), () -> replaceRoute(t.ctx(), t.id(), e.getValue()));
    }
  }

  /** Associations follow the list: dropped subnets disassociated, new ones associated (moved from another table). */
  private static void setSubnets(Target t, List<String> want) {
    // A table made moments ago has no associations, and reading it may answer NotFound for a while.
    List<RouteTableAssociation> have = t.live() == null ? List.of() : subnetAssociations(describe(t.ctx(), t.id()));
    for (RouteTableAssociation a : have) {
      if (!want.contains(a.subnetId())) disassociate(t.ctx(), a.routeTableAssociationId());
    }
    List<String> associated = have.stream().map(RouteTableAssociation::subnetId).toList();
    for (String s : want) if (!associated.contains(s)) associate(t.ctx(), t.id(), s);
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    RouteTable rt = Ec2Support.unlessGone(() -> describe(ctx, live.id()));
    if (rt == null) return;
    for (RouteTableAssociation a : subnetAssociations(rt)) disassociate(ctx, a.routeTableAssociationId());
    Ec2Support.destroying(ctx, live.sbid(), () -> ec2(ctx).deleteRouteTable(b -> b.routeTableId(live.id())));
  }

  @Override public Object normalize(String property, Object value) { return TABLE.normalize(property, value); }

  private static Object route(Object item) {
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
  private static Map<String, Map<String, Object>> routes(Object value) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Object o : list(ROUTES.normalize(value))) {
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
  private static void addRoute(KindContext ctx, String id, Map<String, Object> r) {
    Ec2LostAnswers.unlessDone("RouteAlreadyExists", () -> {
      Map<String, Map<String, Object>> live = routes(liveRoutes(describe(ctx, id)));
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

  private static LiveResource read(KindContext ctx, String id) {
    return consistent(ctx, () -> toLive(describe(ctx, id)));
  }

  /** Only CreateRoute routes are the file's: the local route and propagated routes belong to AWS. */
  private static Object liveRoutes(RouteTable rt) {
    List<Map<String, Object>> routes = new ArrayList<>();
    for (Route r : rt.routes()) {
      String origin = r.originAsString();
      if ("local".equals(r.gatewayId()) || (origin != null && !origin.equals("CreateRoute"))) continue;
      Map<String, Object> m = new LinkedHashMap<>();
      List<String> values = Arrays.asList(r.destinationCidrBlock(), r.destinationIpv6CidrBlock(), r.gatewayId(),
          r.natGatewayId(), r.instanceId(),
          // AWS adds the instance's interface to an instance route; the file names only the instance
          r.instanceId() != null ? null : r.networkInterfaceId(), r.vpcPeeringConnectionId(), r.transitGatewayId());
      for (int i = 0; i < ROUTE_FIELDS.size(); i++) if (values.get(i) != null) m.put(ROUTE_FIELDS.get(i), values.get(i));
      routes.add(m);
    }
    return ROUTES.normalize(routes);
  }

  private static LiveResource toLive(RouteTable rt) {
    List<String> refs = new ArrayList<>(List.of(rt.vpcId()));
    refs.addAll(subnetAssociations(rt).stream().map(RouteTableAssociation::subnetId).sorted().toList());
    for (Object o : list(liveRoutes(rt))) {
      Map<?, ?> r = (Map<?, ?>) o;
      for (String f : ROUTE_FIELDS.subList(2, ROUTE_FIELDS.size())) if (r.get(f) != null) refs.add(r.get(f).toString());
    }
    return TABLE.live(rt, rt.routeTableId(), Ec2Tags.map(rt.tags()), refs, null);
  }
}
