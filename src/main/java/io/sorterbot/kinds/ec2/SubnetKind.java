package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.consistent;
import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.model.Format;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.kinds.LostAnswers;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.Prop;
import io.sorterbot.kinds.PropertyTable;
import io.sorterbot.kinds.Props;
import io.sorterbot.kinds.ResourceKind;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.CreateSubnetRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** {@code ec2.subnet}: the subnet and its mapPublicIpOnLaunch attribute. */
public final class SubnetKind implements ResourceKind {

  /** The subnet an in-place change applies to. */
  record Target(KindContext ctx, String id) {}

  private static final Props<Subnet, CreateSubnetRequest.Builder, Target> P = Props.of();

  static final Prop<Subnet, CreateSubnetRequest.Builder, Target, String> VPC_ID = P.string("vpcId").required().replaces()
      .doc("ID of the VPC the subnet belongs to").read(Subnet::vpcId).create(CreateSubnetRequest.Builder::vpcId).build();

  static final Prop<Subnet, CreateSubnetRequest.Builder, Target, String> CIDR_BLOCK = P.string("cidrBlock").format(Format.VPC_CIDR).required()
      .replaces().doc("IPv4 CIDR block of the subnet, inside the VPC's block")
      .read(Subnet::cidrBlock).create(CreateSubnetRequest.Builder::cidrBlock).build();

  static final Prop<Subnet, CreateSubnetRequest.Builder, Target, String> AVAILABILITY_ZONE = P.string("availabilityZone")
      .format(Format.AVAILABILITY_ZONE).replaces().attribute().doc("Availability Zone of the subnet, e.g. eu-central-1a (AWS picks one when unset)")
      .read(Subnet::availabilityZone).create(CreateSubnetRequest.Builder::availabilityZone).build();

  static final PropertyTable<Subnet, CreateSubnetRequest.Builder, Target> TABLE = PropertyTable
      .<Subnet, CreateSubnetRequest.Builder, Target>builder("ec2.subnet", "Subnet of a VPC")
      .props(VPC_ID, CIDR_BLOCK, AVAILABILITY_ZONE,
          P.bool("mapPublicIpOnLaunch").defaultValue(false).doc("Whether instances launched in the subnet get a public IPv4 address")
              .read(Subnet::mapPublicIpOnLaunch).update((t, v) -> setMapPublicIp(t.ctx(), t.id(), v)).build())
      .taggable().build();

  @Override public KindSchema schema() { return TABLE.schema(); }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    return ec2(ctx).describeSubnetsPaginator(DescribeSubnetsRequest.builder().filters(Ec2Support.sbidFilter()).build())
        .subnets().stream().map(SubnetKind::toLive).toList();
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    // The VPC may have been created seconds ago: its id can answer NotFound for a while. The CIDR is the
    // natural key: a conflict with our own subnet of that CIDR is a lost answer's work, adopted.
    String id = LostAnswers.createOrAdopt(
        () -> consistent(ctx, () -> ec2(ctx).createSubnet(b -> TABLE.create(b, d)
            .tagSpecifications(Ec2Tags.spec(ResourceType.SUBNET, d))).subnet().subnetId()),
        e -> "InvalidSubnet.Conflict".equals(AwsErrors.code(e)),
        () -> ours(ctx, d));
    TABLE.afterCreate(new Target(ctx, id), d);
    return read(ctx, id);
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    TABLE.update(new Target(ctx, live.id()), d, changes);
    Ec2Tags.sync(ctx, live.id(), live.tags(), d, changes);
    return read(ctx, live.id());
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    // Network interfaces of RDS, Fargate and instances linger for minutes after their owners go.
    Ec2Support.destroying(ctx, live.sbid(), () -> ec2(ctx).deleteSubnet(b -> b.subnetId(live.id())));
  }

  @Override public Object normalize(String property, Object value) { return TABLE.normalize(property, value); }

  /** The subnet of this VPC and CIDR (and zone, if given) tagged with our SBID and stack, if any. */
  private static Optional<String> ours(KindContext ctx, Desired d) {
    String zone = AVAILABILITY_ZONE.in(d) ? AVAILABILITY_ZONE.get(d).trim() : null;
    return ec2(ctx).describeSubnets(b -> b.filters(Filter.builder().name("vpc-id").values(VPC_ID.get(d).trim()).build(),
            Filter.builder().name("cidr-block").values(CIDR_BLOCK.get(d).trim()).build())).subnets().stream()
        .filter(s -> LostAnswers.ours(Ec2Tags.map(s.tags()), d))
        .filter(s -> zone == null || zone.equals(s.availabilityZone()))
        .map(Subnet::subnetId).findFirst();
  }

  private static void setMapPublicIp(KindContext ctx, String id, Boolean value) {
    AttributeBooleanValue v = AttributeBooleanValue.builder().value(value).build();
    consistent(ctx, () -> ec2(ctx).modifySubnetAttribute(b -> b.subnetId(id).mapPublicIpOnLaunch(v)));
  }

  private LiveResource read(KindContext ctx, String id) {
    return consistent(ctx, () -> {
      List<Subnet> subnets = ec2(ctx).describeSubnets(b -> b.subnetIds(id)).subnets();
      if (subnets.isEmpty()) throw Ec2Support.notFound("InvalidSubnetID.NotFound", id);
      return toLive(subnets.get(0));
    });
  }

  private static LiveResource toLive(Subnet s) {
    return TABLE.live(s, s.subnetId(), Ec2Tags.map(s.tags()), List.of(s.vpcId()), null);
  }
}
