package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttribute;
import software.amazon.awssdk.services.ec2.model.Volume;

/** Reading instances back in the file's shape: {@code ec2.instance}'s discovery and read-after-write. */
final class InstanceSupport {
  /** Where the file's {@code imageId} is kept when it was {@code resolve:ssm:...} (see {@link InstanceKind}). */
  static final String IMAGE_TAG = "SBImageSource";
  static final String RESOLVE_SSM = "resolve:ssm:";
  /** Terminated instances stay in describes for about an hour: they are not resources any more. */
  static final Filter NOT_TERMINATED = Filter.builder().name("instance-state-name")
      .values("pending", "running", "stopping", "stopped").build();

  private InstanceSupport() {}

  /**
   * Every instance with an SBID tag that is not shutting down or terminated. Beyond DescribeInstances,
   * one DescribeVolumes for all root volumes and, per instance, DescribeInstanceAttribute for the user
   * data (an API-forced N+1; stacks hold few instances).
   */
  static List<LiveResource> discover(KindContext ctx) {
    List<Instance> all = new ArrayList<>();
    ec2(ctx).describeInstancesPaginator(DescribeInstancesRequest.builder()
            .filters(Ec2Support.sbidFilter(), NOT_TERMINATED).build())
        .reservations().forEach(r -> all.addAll(r.instances()));
    Map<String, Integer> sizes = rootVolumeSizes(ctx, all);
    return all.stream().map(i -> toLive(ctx, i, sizes)).toList();
  }

  /** The instance as it is now; NotFound (from EC2, or an empty answer) right after a change is retried. */
  static LiveResource read(KindContext ctx, String id) {
    return Ec2Support.consistent(ctx, () -> {
      Instance i = InstanceWaits.describe(ctx, id);
      if (i == null) throw Ec2Support.notFound("InvalidInstanceID.NotFound", id);
      return toLive(ctx, i, rootVolumeSizes(ctx, List.of(i)));
    });
  }

  static LiveResource toLive(KindContext ctx, Instance i, Map<String, Integer> rootSizes) {
    Map<String, String> tags = Ec2Support.tagMap(i.tags());
    String imageSource = tags.remove(IMAGE_TAG);
    InstanceNetworkInterface eni = primary(i);
    String profileArn = i.iamInstanceProfile() == null ? null : i.iamInstanceProfile().arn();
    List<String> groups = groupIds(i);
    Map<String, Object> props = Ec2Support.props(
        "imageId", imageSource != null ? imageSource : i.imageId(),
        "instanceType", i.instanceTypeAsString(),
        "subnetId", i.subnetId(),
        "availabilityZone", i.placement() == null ? null : i.placement().availabilityZone(),
        "associatePublicIpAddress", publicIpOnLaunch(ctx, i, eni),
        "keyName", i.keyName(),
        "securityGroupIds", groups,
        "iamInstanceProfile", profileArn == null ? null : profileName(profileArn),
        "userData", userData(ctx, i.instanceId()),
        "privateIpAddress", i.privateIpAddress(),
        "ebsOptimized", i.ebsOptimized(),
        "rootVolumeSize", rootSizes.get(rootVolumeId(i)) == null ? null : rootSizes.get(rootVolumeId(i)).longValue());
    List<String> refs = new ArrayList<>();
    refs.add(i.subnetId());
    refs.addAll(groups);
    if (profileArn != null) {
      refs.add(profileArn);
      refs.add(profileName(profileArn));
    }
    // The primary interface's attach time survives stop/start; LaunchTime does not.
    Instant created = eni != null && eni.attachment() != null && eni.attachment().attachTime() != null
        ? eni.attachment().attachTime() : i.launchTime();
    return Ec2Support.live("ec2.instance", i.instanceId(), tags, props,
        Ec2Support.props("publicDnsName", i.publicDnsName(), "publicIp", i.publicIpAddress(),
            "privateIp", i.privateIpAddress()),
        refs, created);
  }

  /** {@code arn:aws:iam::123456789012:instance-profile/path/Name} → {@code Name}. */
  static String profileName(String arnOrName) {
    int slash = arnOrName.lastIndexOf('/');
    return arnOrName.startsWith("arn:") && slash >= 0 ? arnOrName.substring(slash + 1) : arnOrName;
  }

  static String rootVolumeId(Instance i) {
    for (InstanceBlockDeviceMapping m : i.blockDeviceMappings()) {
      if (m.deviceName() != null && m.deviceName().equals(i.rootDeviceName()) && m.ebs() != null) return m.ebs().volumeId();
    }
    return null;
  }

  /** An interface launched with a public address shows it (some endpoints leave the instance-level groups empty). */
  private static List<String> groupIds(Instance i) {
    List<GroupIdentifier> g = i.securityGroups();
    if (g.isEmpty() && primary(i) != null) g = primary(i).groups();
    return g.stream().map(GroupIdentifier::groupId).toList();
  }

  private static InstanceNetworkInterface primary(Instance i) {
    for (InstanceNetworkInterface n : i.networkInterfaces()) {
      if (n.attachment() != null && Integer.valueOf(0).equals(n.attachment().deviceIndex())) return n;
    }
    return i.networkInterfaces().isEmpty() ? null : i.networkInterfaces().get(0);
  }

  /**
   * Whether the primary interface maps a public address. An auto-assigned address (owned by "amazon",
   * unlike an Elastic IP) says yes; a running instance without one says no; otherwise (stopped instances
   * have no address) the interface's own attribute answers.
   */
  private static Boolean publicIpOnLaunch(KindContext ctx, Instance i, InstanceNetworkInterface eni) {
    if (eni == null) return null;
    var assoc = eni.association();
    if (assoc != null && "amazon".equals(assoc.ipOwnerId())) return true;
    String state = i.state().nameAsString();
    if (assoc == null && (state.equals("running") || state.equals("pending"))) return false;
    try {
      return Ec2Support.unlessGone(() -> ec2(ctx).describeNetworkInterfaceAttribute(b -> b
          .networkInterfaceId(eni.networkInterfaceId()).attribute(NetworkInterfaceAttribute.ASSOCIATE_PUBLIC_IP_ADDRESS))
          .associatePublicIpAddress());
    } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
      // Some AWS-compatible endpoints (moto) lack this attribute: an address on the interface is the next best answer.
      if (!"InvalidParameterValue".equals(io.sorterbot.aws.AwsErrors.code(e))) throw e;
      return assoc != null && assoc.publicIp() != null;
    }
  }

  private static String userData(KindContext ctx, String id) {
    var v = Ec2Support.unlessGone(() -> ec2(ctx).describeInstanceAttribute(b -> b.instanceId(id)
        .attribute(InstanceAttributeName.USER_DATA)).userData());
    if (v == null || v.value() == null || v.value().isEmpty()) return null;
    return new String(Base64.getMimeDecoder().decode(v.value()), StandardCharsets.UTF_8);
  }

  /** Root volume sizes by volume id, in one call (a filter, so a volume gone meanwhile is no error). */
  private static Map<String, Integer> rootVolumeSizes(KindContext ctx, List<Instance> instances) {
    List<String> ids = instances.stream().map(InstanceSupport::rootVolumeId).filter(x -> x != null).toList();
    Map<String, Integer> out = new HashMap<>();
    if (ids.isEmpty()) return out;
    for (int from = 0; from < ids.size(); from += 200) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 200));
      ec2(ctx).describeVolumesPaginator(b -> b.filters(Filter.builder().name("volume-id").values(chunk).build()))
          .volumes().forEach((Volume v) -> out.put(v.volumeId(), v.size()));
    }
    return out;
  }
}
