package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.consistent;
import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.kinds.LostAnswers;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** {@code ec2.subnet}: the subnet and its mapPublicIpOnLaunch attribute. */
public final class SubnetKind implements ResourceKind {

  @Override public KindSchema schema() { return Ec2Schemas.SUBNET; }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    return ec2(ctx).describeSubnetsPaginator(DescribeSubnetsRequest.builder().filters(Ec2Support.sbidFilter()).build())
        .subnets().stream().map(this::toLive).toList();
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    // The VPC may have been created seconds ago: its id can answer NotFound for a while. The CIDR is the
    // natural key: a conflict with our own subnet of that CIDR is a lost answer's work, adopted.
    String id = LostAnswers.createOrAdopt(
        () -> consistent(ctx, () -> ec2(ctx).createSubnet(b -> b.vpcId(d.string("vpcId"))
            .cidrBlock(d.string("cidrBlock")).availabilityZone(d.string("availabilityZone"))
            .tagSpecifications(Ec2Support.tagSpec(ResourceType.SUBNET, d))).subnet().subnetId()),
        e -> "InvalidSubnet.Conflict".equals(AwsErrors.code(e)),
        () -> ours(ctx, d));
    if (d.has("mapPublicIpOnLaunch")) setMapPublicIp(ctx, id, d.get("mapPublicIpOnLaunch"));
    return read(ctx, id);
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    if (Ec2Support.changed(changes, "mapPublicIpOnLaunch")) setMapPublicIp(ctx, live.id(), d.get("mapPublicIpOnLaunch"));
    Ec2Support.syncTags(ctx, live.id(), live.tags(), d, changes);
    return read(ctx, live.id());
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    // Network interfaces of RDS, Fargate and instances linger for minutes after their owners go.
    Ec2Support.destroying(ctx, live.sbid(), () -> ec2(ctx).deleteSubnet(b -> b.subnetId(live.id())));
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "mapPublicIpOnLaunch" -> Ec2Support.bool(value);
      case "cidrBlock", "vpcId", "availabilityZone" -> Ec2Support.trimmed(value);
      default -> value;
    };
  }

  /** The subnet of this VPC and CIDR (and zone, if given) tagged with our SBID and stack, if any. */
  private static Optional<String> ours(KindContext ctx, Desired d) {
    String zone = d.has("availabilityZone") ? d.string("availabilityZone").trim() : null;
    return ec2(ctx).describeSubnets(b -> b.filters(Filter.builder().name("vpc-id").values(d.string("vpcId").trim()).build(),
            Filter.builder().name("cidr-block").values(d.string("cidrBlock").trim()).build())).subnets().stream()
        .filter(s -> LostAnswers.ours(Ec2Support.tagMap(s.tags()), d))
        .filter(s -> zone == null || zone.equals(s.availabilityZone()))
        .map(Subnet::subnetId).findFirst();
  }

  private static void setMapPublicIp(KindContext ctx, String id, Object value) {
    AttributeBooleanValue v = AttributeBooleanValue.builder().value((Boolean) Ec2Support.bool(value)).build();
    consistent(ctx, () -> ec2(ctx).modifySubnetAttribute(b -> b.subnetId(id).mapPublicIpOnLaunch(v)));
  }

  private LiveResource read(KindContext ctx, String id) {
    return consistent(ctx, () -> {
      List<Subnet> subnets = ec2(ctx).describeSubnets(b -> b.subnetIds(id)).subnets();
      if (subnets.isEmpty()) throw Ec2Support.notFound("InvalidSubnetID.NotFound", id);
      return toLive(subnets.get(0));
    });
  }

  private LiveResource toLive(Subnet s) {
    return Ec2Support.live(type(), s.subnetId(), Ec2Support.tagMap(s.tags()),
        Ec2Support.props("vpcId", s.vpcId(), "cidrBlock", s.cidrBlock(), "availabilityZone", s.availabilityZone(),
            "mapPublicIpOnLaunch", s.mapPublicIpOnLaunch()),
        Ec2Support.props("availabilityZone", s.availabilityZone()), List.of(s.vpcId()), null);
  }
}
