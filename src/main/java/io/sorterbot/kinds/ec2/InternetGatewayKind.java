package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.consistent;
import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.PropertyTable;
import io.sorterbot.kinds.Props;
import io.sorterbot.kinds.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** {@code ec2.internetGateway}: the gateway and its (single) VPC attachment as {@code vpcId}. */
public final class InternetGatewayKind implements ResourceKind {

  /** The gateway an attachment change applies to; {@code fresh}: just created, attached nowhere. */
  record Target(KindContext ctx, String sbid, String id, boolean fresh) {
    /** Detaches it from wherever it is (read fresh: it may have changed since discovery), then attaches it to {@code vpcId}. */
    void moveTo(String vpcId) {
      if (!fresh) for (String old : attachedVpcs(ctx, id)) detach(ctx, sbid, id, old);
      if (vpcId != null) attach(ctx, id, vpcId);
    }
  }

  private static final Props<InternetGateway, CreateInternetGatewayRequest.Builder, Target> P = Props.of();

  static final PropertyTable<InternetGateway, CreateInternetGatewayRequest.Builder, Target> TABLE = PropertyTable
      .<InternetGateway, CreateInternetGatewayRequest.Builder, Target>builder("ec2.internetGateway",
          "Internet gateway and its attachment to a VPC")
      .props(P.string("vpcId").doc("ID of the VPC the gateway is attached to; a change re-attaches it in place")
          .read(g -> vpcIds(g).stream().findFirst().orElse(null)).update(Target::moveTo).build())
      .taggable().build();

  @Override public KindSchema schema() { return TABLE.schema(); }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    return ec2(ctx).describeInternetGatewaysPaginator(
            DescribeInternetGatewaysRequest.builder().filters(Ec2Support.sbidFilter()).build())
        .internetGateways().stream().map(InternetGatewayKind::toLive).toList();
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    String id = ec2(ctx).createInternetGateway(b -> TABLE.create(b, d).tagSpecifications(
        Ec2Tags.spec(ResourceType.INTERNET_GATEWAY, d))).internetGateway().internetGatewayId();
    // No client token, no natural key: a lost first answer leaves an unattached twin (see Ec2LostAnswers).
    deleteTwins(ctx, d, id);
    TABLE.afterCreate(new Target(ctx, d.sbid(), id, true), d);
    return read(ctx, id);
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    TABLE.update(new Target(ctx, live.sbid(), live.id(), false), d, changes);
    Ec2Tags.sync(ctx, live.id(), live.tags(), d, changes);
    return read(ctx, live.id());
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    List<String> vpcs = Ec2Support.unlessGone(() -> attachedVpcs(ctx, live.id()));
    if (vpcs == null) return;
    for (String vpcId : vpcs) detach(ctx, live.sbid(), live.id(), vpcId);
    Ec2Support.destroying(ctx, live.sbid(), () -> ec2(ctx).deleteInternetGateway(b -> b.internetGatewayId(live.id())));
  }

  @Override public Object normalize(String property, Object value) { return TABLE.normalize(property, value); }

  private static void deleteTwins(KindContext ctx, Desired d, String id) {
    Map<String, Map<String, String>> found = new LinkedHashMap<>();
    ec2(ctx).describeInternetGatewaysPaginator(DescribeInternetGatewaysRequest.builder()
            .filters(Ec2LostAnswers.ownFilters(d)).build())
        .internetGateways().forEach(g -> found.put(g.internetGatewayId(), Ec2Tags.map(g.tags())));
    Ec2LostAnswers.deleteTwins(id, found, twin -> ec2(ctx).deleteInternetGateway(b -> b.internetGatewayId(twin)));
  }

  /**
   * Resource.AlreadyAssociated is success only when this gateway is on this VPC (a lost answer's attach);
   * attached elsewhere, or the VPC holding another gateway, stays an error.
   */
  private static void attach(KindContext ctx, String id, String vpcId) {
    consistent(ctx, () -> Ec2LostAnswers.unlessDone("Resource.AlreadyAssociated",
        () -> attachedVpcs(ctx, id).equals(List.of(vpcId)),
        () -> ec2(ctx).attachInternetGateway(b -> b.internetGatewayId(id).vpcId(vpcId))));
  }

  /** AWS refuses the detach while public addresses are mapped in the VPC: retried for minutes. */
  private static void detach(KindContext ctx, String sbid, String id, String vpcId) {
    Ec2Support.tolerating("Gateway.NotAttached", () -> Ec2Support.destroying(ctx, sbid,
        () -> ec2(ctx).detachInternetGateway(b -> b.internetGatewayId(id).vpcId(vpcId))));
  }

  /** Read fresh: the attachment may have changed since discovery. */
  private static List<String> attachedVpcs(KindContext ctx, String id) {
    return vpcIds(describe(ctx, id));
  }

  private static InternetGateway describe(KindContext ctx, String id) {
    List<InternetGateway> found = ec2(ctx).describeInternetGateways(b -> b.internetGatewayIds(id)).internetGateways();
    if (found.isEmpty()) throw Ec2Support.notFound("InvalidInternetGatewayID.NotFound", id);
    return found.get(0);
  }

  private static List<String> vpcIds(InternetGateway g) {
    List<String> out = new ArrayList<>();
    for (InternetGatewayAttachment a : g.attachments()) {
      // "detaching"/"detached" attachments are on their way out: not the gateway's VPC any more.
      String state = a.stateAsString();
      if (a.vpcId() != null && (state == null || state.equals("available") || state.equals("attached")
          || state.equals("attaching"))) {
        out.add(a.vpcId());
      }
    }
    return out;
  }

  private static LiveResource read(KindContext ctx, String id) {
    return consistent(ctx, () -> toLive(describe(ctx, id)));
  }

  private static LiveResource toLive(InternetGateway g) {
    return TABLE.live(g, g.internetGatewayId(), Ec2Tags.map(g.tags()), vpcIds(g), null);
  }
}
