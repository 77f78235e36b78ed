package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** The create path of {@code ec2.instance}: AMI resolution, the RunInstances request, idempotency, retries. */
final class InstanceLaunch {
  /** IAM's propagation window: a new instance profile can be refused by EC2 for about two minutes. */
  static final Duration IAM_PROPAGATION = Duration.ofMinutes(2);
  /** Client tokens of instances terminated since are skipped; this many means something else is wrong. */
  private static final int MAX_GENERATIONS = 20;

  private InstanceLaunch() {}

  /** {@code resolve:ssm:<parameter>} → the parameter's value (an AMI id), read once; anything else as is. */
  static String resolveImage(KindContext ctx, String imageId) {
    if (!imageId.startsWith(InstanceSupport.RESOLVE_SSM)) return imageId;
    String name = imageId.substring(InstanceSupport.RESOLVE_SSM.length());
    return ctx.clients().ssm().getParameter(b -> b.name(name)).parameter().value().trim();
  }

  /**
   * Launches the instance (or finds the one an interrupted earlier run launched): the client token is
   * derived from stack, SBID and subnet; a token whose instance has been terminated since (AWS keeps
   * tokens for a day after) moves on to the next generation of the token.
   */
  static Instance launch(KindContext ctx, Desired d, String ami) {
    RunInstancesRequest request = request(ctx, d, ami);
    String subnet = d.string("subnetId").trim();
    for (int gen = 0; gen < MAX_GENERATIONS; gen++) {
      String token = Ec2Support.clientToken(ctx.stack(), d.sbid() + "/" + subnet + (gen == 0 ? "" : "/" + gen));
      RunInstancesRequest r = request.toBuilder().clientToken(token).build();
      try {
        Instance i = retryingPropagation(ctx, () -> ec2(ctx).runInstances(r)).instances().get(0);
        String state = i.state().nameAsString();
        if (!state.equals("terminated") && !state.equals("shutting-down")) return i;
      } catch (RuntimeException e) {
        String code = AwsErrors.code(e);
        if (!code.equals("IdempotentInstanceTerminated") && !code.equals("IdempotentParameterMismatch")) throw e;
      }
    }
    throw new IllegalStateException("ec2.instance " + d.sbid() + ": " + MAX_GENERATIONS + " client tokens for this"
        + " instance were already used by instances launched and terminated in the last day");
  }

  /**
   * Runs an action that may reference things created moments ago: IAM propagation errors are retried for
   * {@link #IAM_PROPAGATION}, EC2 NotFound errors for EC2's consistency window (not for AMIs, which no run
   * of ours creates).
   */
  static <T> T retryingPropagation(KindContext ctx, Supplier<T> action) {
    Instant start = ctx.ticker().now();
    return ctx.retry().retrying(Ec2Support.CONSISTENCY, e -> {
      ErrorClass c = AwsErrors.classify(e);
      if (c == ErrorClass.EVENTUAL_CONSISTENCY) {
        return Duration.between(start, ctx.ticker().now()).compareTo(IAM_PROPAGATION) < 0;
      }
      return c == ErrorClass.NOT_FOUND && !AwsErrors.code(e).startsWith("InvalidAMIID");
    }, action);
  }

  private static RunInstancesRequest request(KindContext ctx, Desired d, String ami) {
    Map<String, String> tags = new LinkedHashMap<>(d.tags());
    String source = d.string("imageId").trim();
    if (!source.equals(ami)) tags.put(InstanceSupport.IMAGE_TAG, source);
    RunInstancesRequest.Builder b = RunInstancesRequest.builder().imageId(ami).instanceType(d.string("instanceType").trim())
        .minCount(1).maxCount(1)
        .tagSpecifications(spec(ResourceType.INSTANCE, tags), spec(ResourceType.VOLUME, tags));
    List<String> groups = strings(d.get("securityGroupIds"));
    String subnet = d.string("subnetId").trim();
    String privateIp = d.has("privateIpAddress") ? d.string("privateIpAddress").trim() : null;
    if (d.has("associatePublicIpAddress")) {
      // Only an interface specification can ask for a public address; subnet and groups move into it.
      b.networkInterfaces(InstanceNetworkInterfaceSpecification.builder().deviceIndex(0).subnetId(subnet)
          .associatePublicIpAddress((Boolean) Ec2Support.bool(d.get("associatePublicIpAddress")))
          .groups(groups).privateIpAddress(privateIp).deleteOnTermination(true).build());
    } else {
      b.subnetId(subnet).privateIpAddress(privateIp);
      if (groups != null) b.securityGroupIds(groups);
    }
    if (d.has("keyName")) b.keyName(d.string("keyName").trim());
    if (d.has("availabilityZone")) b.placement(p -> p.availabilityZone(d.string("availabilityZone").trim()));
    if (d.has("iamInstanceProfile")) {
      b.iamInstanceProfile(p -> p.name(InstanceSupport.profileName(d.string("iamInstanceProfile").trim())));
    }
    if (d.has("userData")) b.userData(base64(d.string("userData")));
    if (d.has("ebsOptimized")) b.ebsOptimized((Boolean) Ec2Support.bool(d.get("ebsOptimized")));
    if (d.has("rootVolumeSize")) b.blockDeviceMappings(rootVolume(ctx, ami, d.number("rootVolumeSize").intValue()));
    return b.build();
  }

  static String base64(String userData) {
    return Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8));
  }

  /** The root volume is named by the AMI's root device (/dev/xvda, /dev/sda1...), so the image is asked. */
  private static BlockDeviceMapping rootVolume(KindContext ctx, String ami, int size) {
    List<Image> images = Ec2Support.consistent(ctx, () -> ec2(ctx).describeImages(b -> b.imageIds(ami)).images());
    if (images.isEmpty()) throw Ec2Support.notFound("InvalidAMIID.NotFound", ami);
    return BlockDeviceMapping.builder().deviceName(images.get(0).rootDeviceName())
        .ebs(e -> e.volumeSize(size).deleteOnTermination(true)).build();
  }

  private static TagSpecification spec(ResourceType type, Map<String, String> tags) {
    return TagSpecification.builder().resourceType(type).tags(Ec2Support.toTags(tags)).build();
  }

  @SuppressWarnings("unchecked")
  static List<String> strings(Object v) {
    if (v == null) return null;
    return ((List<Object>) v).stream().map(x -> String.valueOf(x).trim()).toList();
  }
}
