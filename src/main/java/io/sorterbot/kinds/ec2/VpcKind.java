package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.changed;
import static io.sorterbot.kinds.ec2.Ec2Support.consistent;
import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/** {@code ec2.vpc}: the VPC and its two DNS attributes. */
public final class VpcKind implements ResourceKind {

  @Override public KindSchema schema() { return Ec2Schemas.VPC; }

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
    String id = ec2(ctx).createVpc(b -> b.cidrBlock(d.string("cidrBlock"))
        .tagSpecifications(Ec2Support.tagSpec(ResourceType.VPC, d))).vpc().vpcId();
    // CreateVpc has no client token and no natural key: a lost first answer leaves a twin (see Ec2LostAnswers).
    deleteTwins(ctx, d, id);
    // Support before hostnames: AWS refuses hostnames on a VPC without DNS support.
    if (d.has("enableDnsSupport")) setAttribute(ctx, id, VpcAttributeName.ENABLE_DNS_SUPPORT, d.get("enableDnsSupport"));
    if (d.has("enableDnsHostnames")) setAttribute(ctx, id, VpcAttributeName.ENABLE_DNS_HOSTNAMES, d.get("enableDnsHostnames"));
    return read(ctx, id);
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    // Turning support off requires hostnames off first; turning on needs support first.
    boolean supportOff = Boolean.FALSE.equals(Ec2Support.bool(d.get("enableDnsSupport")));
    if (supportOff && changed(changes, "enableDnsHostnames")) {
      setAttribute(ctx, live.id(), VpcAttributeName.ENABLE_DNS_HOSTNAMES, d.get("enableDnsHostnames"));
    }
    if (changed(changes, "enableDnsSupport")) {
      setAttribute(ctx, live.id(), VpcAttributeName.ENABLE_DNS_SUPPORT, d.get("enableDnsSupport"));
    }
    if (!supportOff && changed(changes, "enableDnsHostnames")) {
      setAttribute(ctx, live.id(), VpcAttributeName.ENABLE_DNS_HOSTNAMES, d.get("enableDnsHostnames"));
    }
    Ec2Support.syncTags(ctx, live.id(), live.tags(), d, changes);
    return read(ctx, live.id());
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    Ec2Support.destroying(ctx, live.sbid(), () -> ec2(ctx).deleteVpc(b -> b.vpcId(live.id())));
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "enableDnsSupport", "enableDnsHostnames" -> Ec2Support.bool(value);
      case "cidrBlock" -> Ec2Support.trimmed(value);
      default -> value;
    };
  }

  private static void deleteTwins(KindContext ctx, Desired d, String id) {
    Map<String, Map<String, String>> found = new LinkedHashMap<>();
    ec2(ctx).describeVpcsPaginator(DescribeVpcsRequest.builder().filters(Ec2LostAnswers.ownFilters(d)).build())
        .vpcs().forEach(v -> found.put(v.vpcId(), Ec2Support.tagMap(v.tags())));
    Ec2LostAnswers.deleteTwins(id, found, twin -> ec2(ctx).deleteVpc(b -> b.vpcId(twin)));
  }

  private static void setAttribute(KindContext ctx, String id, VpcAttributeName name, Object value) {
    AttributeBooleanValue v = AttributeBooleanValue.builder().value((Boolean) Ec2Support.bool(value)).build();
    consistent(ctx, () -> ec2(ctx).modifyVpcAttribute(b -> {
      b.vpcId(id);
      if (name == VpcAttributeName.ENABLE_DNS_SUPPORT) b.enableDnsSupport(v); else b.enableDnsHostnames(v);
    }));
  }

  private LiveResource read(KindContext ctx, String id) {
    return consistent(ctx, () -> {
      List<Vpc> vpcs = ec2(ctx).describeVpcs(b -> b.vpcIds(id)).vpcs();
      if (vpcs.isEmpty()) throw Ec2Support.notFound("InvalidVpcID.NotFound", id);
      return toLive(ctx, vpcs.get(0));
    });
  }

  private LiveResource toLive(KindContext ctx, Vpc v) {
    Boolean support = attribute(ctx, v.vpcId(), VpcAttributeName.ENABLE_DNS_SUPPORT);
    Boolean hostnames = attribute(ctx, v.vpcId(), VpcAttributeName.ENABLE_DNS_HOSTNAMES);
    return Ec2Support.live(type(), v.vpcId(), Ec2Support.tagMap(v.tags()),
        Ec2Support.props("cidrBlock", v.cidrBlock(), "enableDnsSupport", support, "enableDnsHostnames", hostnames),
        Ec2Support.props("cidrBlock", v.cidrBlock()), List.of(), null);
  }

  private static Boolean attribute(KindContext ctx, String id, VpcAttributeName name) {
    var r = ec2(ctx).describeVpcAttribute(b -> b.vpcId(id).attribute(name));
    AttributeBooleanValue v = name == VpcAttributeName.ENABLE_DNS_SUPPORT ? r.enableDnsSupport() : r.enableDnsHostnames();
    return v == null ? null : v.value();
  }
}
