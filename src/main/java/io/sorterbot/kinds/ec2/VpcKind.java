package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.consistent;
import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.kinds.KindContext;
import io.sorterbot.kinds.Prop;
import io.sorterbot.kinds.PropertyTable;
import io.sorterbot.kinds.Props;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Desired;
import io.sorterbot.model.Format;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.CreateVpcRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/** {@code ec2.vpc}: the VPC and its two DNS attributes. */
public final class VpcKind implements ResourceKind {

  /** What AWS tells of one VPC: DescribeVpcs, and DescribeVpcAttribute once per DNS flag. */
  record Seen(Vpc vpc, Boolean dnsSupport, Boolean dnsHostnames) {}

  /** The VPC an in-place change (one ModifyVpcAttribute per flag) applies to. */
  record Target(KindContext ctx, String id) {
    void set(VpcAttributeName name, Boolean value) {
      AttributeBooleanValue v = AttributeBooleanValue.builder().value(value).build();
      consistent(ctx, () -> ec2(ctx).modifyVpcAttribute(b -> {
        b.vpcId(id);
        if (name == VpcAttributeName.ENABLE_DNS_SUPPORT) b.enableDnsSupport(v); else b.enableDnsHostnames(v);
      }));
    }
  }

  private static final Props<Seen, CreateVpcRequest.Builder, Target> P = Props.of();

  static final Prop<Seen, CreateVpcRequest.Builder, Target, String> CIDR_BLOCK = P.string("cidrBlock").format(Format.VPC_CIDR).required().replaces()
      .attribute().doc("IPv4 CIDR block of the VPC, e.g. 10.0.0.0/16")
      .read(s -> s.vpc().cidrBlock()).create(CreateVpcRequest.Builder::cidrBlock).build();

  /** Set before hostnames on create: AWS refuses hostnames on a VPC without DNS support. */
  static final Prop<Seen, CreateVpcRequest.Builder, Target, Boolean> DNS_SUPPORT = P.bool("enableDnsSupport")
      .defaultValue(true).doc("Whether the Amazon-provided DNS server resolves names in the VPC")
      .read(Seen::dnsSupport).update((t, v) -> t.set(VpcAttributeName.ENABLE_DNS_SUPPORT, v)).build();

  static final Prop<Seen, CreateVpcRequest.Builder, Target, Boolean> DNS_HOSTNAMES = P.bool("enableDnsHostnames")
      .defaultValue(false).doc("Whether instances with a public IP get public DNS hostnames (needs enableDnsSupport)")
      .read(Seen::dnsHostnames).update((t, v) -> t.set(VpcAttributeName.ENABLE_DNS_HOSTNAMES, v)).build();

  static final PropertyTable<Seen, CreateVpcRequest.Builder, Target> TABLE = PropertyTable
      .<Seen, CreateVpcRequest.Builder, Target>builder("ec2.vpc", "VPC with its DNS support and DNS hostnames attributes")
      .props(CIDR_BLOCK, DNS_SUPPORT, DNS_HOSTNAMES).taggable().build();

  @Override public KindSchema schema() { return TABLE.schema(); }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    List<Vpc> vpcs = new ArrayList<>();
    ec2(ctx).describeVpcsPaginator(DescribeVpcsRequest.builder().filters(Ec2Support.sbidFilter()).build())
        .vpcs().forEach(vpcs::add);
    // The DNS flags are not in DescribeVpcs: DescribeVpcAttribute, one attribute per call, is an
    // API-forced N+1. The calls are independent, so they are spread over a few threads.
    return io.sorterbot.kinds.ParallelReads.map(vpcs, v -> toLive(ctx, v));
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    String id = ec2(ctx).createVpc(b -> TABLE.create(b, d).tagSpecifications(Ec2Tags.spec(ResourceType.VPC, d)))
        .vpc().vpcId();
    // CreateVpc has no client token and no natural key: a lost first answer leaves a twin (see Ec2LostAnswers).
    deleteTwins(ctx, d, id);
    TABLE.afterCreate(new Target(ctx, id), d);
    return read(ctx, id);
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    // Turning support off requires hostnames off first; turning it on comes before hostnames (table order).
    boolean supportOff = Boolean.FALSE.equals(DNS_SUPPORT.get(d));
    Target t = new Target(ctx, live.id());
    if (supportOff) TABLE.update(t, d, changes, DNS_HOSTNAMES); else TABLE.update(t, d, changes);
    Ec2Tags.sync(ctx, live.id(), live.tags(), d, changes);
    return read(ctx, live.id());
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    Ec2Support.destroying(ctx, live.sbid(), () -> ec2(ctx).deleteVpc(b -> b.vpcId(live.id())));
  }

  @Override public Object normalize(String property, Object value) { return TABLE.normalize(property, value); }

  @Override public boolean equivalent(String property, Object desired, Object live) {
    return TABLE.equivalent(property, desired, live);
  }

  private static void deleteTwins(KindContext ctx, Desired d, String id) {
    Map<String, Map<String, String>> found = new LinkedHashMap<>();
    ec2(ctx).describeVpcsPaginator(DescribeVpcsRequest.builder().filters(Ec2LostAnswers.ownFilters(d)).build())
        .vpcs().forEach(v -> found.put(v.vpcId(), Ec2Tags.map(v.tags())));
    Ec2LostAnswers.deleteTwins(id, found, twin -> ec2(ctx).deleteVpc(b -> b.vpcId(twin)));
  }

  private LiveResource read(KindContext ctx, String id) {
    return consistent(ctx, () -> {
      List<Vpc> vpcs = ec2(ctx).describeVpcs(b -> b.vpcIds(id)).vpcs();
      if (vpcs.isEmpty()) throw Ec2Support.notFound("InvalidVpcID.NotFound", id);
      return toLive(ctx, vpcs.get(0));
    });
  }

  private static LiveResource toLive(KindContext ctx, Vpc v) {
    Seen s = new Seen(v, attribute(ctx, v.vpcId(), VpcAttributeName.ENABLE_DNS_SUPPORT),
        attribute(ctx, v.vpcId(), VpcAttributeName.ENABLE_DNS_HOSTNAMES));
    return TABLE.live(s, v.vpcId(), Ec2Tags.map(v.tags()), List.of(), null);
  }

  private static Boolean attribute(KindContext ctx, String id, VpcAttributeName name) {
    var r = ec2(ctx).describeVpcAttribute(b -> b.vpcId(id).attribute(name));
    AttributeBooleanValue v = name == VpcAttributeName.ENABLE_DNS_SUPPORT ? r.enableDnsSupport() : r.enableDnsHostnames();
    return v == null ? null : v.value();
  }
}
