package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.changed;
import static io.sorterbot.kinds.ec2.Ec2Support.consistent;
import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * {@code ec2.instance}: one instance, launched idempotently and waited for until running.
 *
 * <p>{@code imageId: resolve:ssm:<public parameter>} is resolved once, at launch; the file's string is kept
 * in the tag {@value InstanceSupport#IMAGE_TAG} and read back as {@code imageId}, so a newer AMI behind the
 * parameter is never drift (the tag is internal: not part of the tags the engine compares). Instance type,
 * user data and EBS optimisation change with a stop and a start (an instance found stopped stays stopped);
 * security groups, the instance profile, the root volume's size (grow only) and tags change live.
 */
public final class InstanceKind implements ResourceKind {
  private static final Set<String> GONE = Set.of("shutting-down", "terminated");

  @Override public KindSchema schema() { return InstanceSchema.INSTANCE; }

  @Override
  public List<LiveResource> discover(KindContext ctx) { return InstanceSupport.discover(ctx); }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    String ami = InstanceLaunch.resolveImage(ctx, d.string("imageId").trim());
    Instance launched = InstanceLaunch.launch(ctx, d, ami);
    InstanceWaits.until(ctx, d.sbid(), launched.instanceId(), "creating", Set.of("running"),
        Set.of("shutting-down", "terminated", "stopping", "stopped"));
    return InstanceSupport.read(ctx, launched.instanceId());
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    String id = live.id();
    if (changed(changes, "securityGroupIds")) {
      List<String> groups = InstanceLaunch.strings(d.get("securityGroupIds"));
      consistent(ctx, () -> ec2(ctx).modifyInstanceAttribute(b -> b.instanceId(id).groups(groups)));
    }
    if (changed(changes, "iamInstanceProfile")) setProfile(ctx, id, d.string("iamInstanceProfile").trim());
    if (changed(changes, "rootVolumeSize") && d.has("rootVolumeSize")) resizeRoot(ctx, id, d.number("rootVolumeSize"));
    boolean type = changed(changes, "instanceType");
    boolean userData = changed(changes, "userData") && d.has("userData");
    boolean ebs = changed(changes, "ebsOptimized") && d.has("ebsOptimized");
    if (type || userData || ebs) {
      boolean restart = stop(ctx, d.sbid(), id);
      if (type) {
        String t = d.string("instanceType").trim();
        ec2(ctx).modifyInstanceAttribute(b -> b.instanceId(id).instanceType(v -> v.value(t)));
      }
      if (userData) {
        // The SDK encodes this blob to base64 itself (unlike RunInstances' UserData string).
        SdkBytes raw = SdkBytes.fromString(d.string("userData"), StandardCharsets.UTF_8);
        ec2(ctx).modifyInstanceAttribute(b -> b.instanceId(id).userData(v -> v.value(raw)));
      }
      if (ebs) {
        Boolean on = (Boolean) Ec2Support.bool(d.get("ebsOptimized"));
        ec2(ctx).modifyInstanceAttribute(b -> b.instanceId(id).ebsOptimized(v -> v.value(on)));
      }
      if (restart) {
        ec2(ctx).startInstances(b -> b.instanceIds(id));
        InstanceWaits.until(ctx, d.sbid(), id, "modifying", Set.of("running"), GONE);
      }
    }
    Ec2Support.syncTags(ctx, id, live.tags(), d, changes);
    return InstanceSupport.read(ctx, id);
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    Ec2Support.destroying(ctx, live.sbid(), () -> ec2(ctx).terminateInstances(b -> b.instanceIds(live.id())));
    InstanceWaits.gone(ctx, live.sbid(), live.id());
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "securityGroupIds" -> Ec2Support.stringSet(value);
      case "associatePublicIpAddress", "ebsOptimized" -> Ec2Support.bool(value);
      case "iamInstanceProfile" -> value instanceof String s ? InstanceSupport.profileName(s.trim()) : value;
      case "userData" -> value;
      default -> Ec2Support.trimmed(value);
    };
  }

  /**
   * Stops the instance for an attribute change; true when it was up (and must be started again). An
   * instance found stopped is left stopped: starting it is not this change's business.
   */
  private static boolean stop(KindContext ctx, String sbid, String id) {
    Instance now = InstanceWaits.until(ctx, sbid, id, "modifying", Set.of("running", "stopped"), GONE);
    if (now.state().nameAsString().equals("stopped")) return false;
    ec2(ctx).stopInstances(b -> b.instanceIds(id));
    InstanceWaits.until(ctx, sbid, id, "modifying", Set.of("stopped"), GONE);
    return true;
  }

  /** Associates the profile, or replaces the current association; a new profile may take IAM a while. */
  private static void setProfile(KindContext ctx, String id, String profile) {
    IamInstanceProfileSpecification spec = IamInstanceProfileSpecification.builder()
        .name(InstanceSupport.profileName(profile)).build();
    List<IamInstanceProfileAssociation> current = ec2(ctx).describeIamInstanceProfileAssociations(b -> b
        .filters(f -> f.name("instance-id").values(id), f -> f.name("state").values("associating", "associated")))
        .iamInstanceProfileAssociations();
    String name = InstanceSupport.profileName(profile);
    InstanceLaunch.retryingPropagation(ctx, () -> {
      try {
        return current.isEmpty()
            ? ec2(ctx).associateIamInstanceProfile(b -> b.instanceId(id).iamInstanceProfile(spec))
            : ec2(ctx).replaceIamInstanceProfileAssociation(b -> b.associationId(current.get(0).associationId())
                .iamInstanceProfile(spec));
      } catch (RuntimeException e) {
        // Sent again after a lost answer: the associate finds the association it made (IncorrectState), the
        // replace finds its old association id gone. Done when the instance now holds this very profile.
        String code = AwsErrors.code(e);
        if ((code.equals("IncorrectState") || code.equals("InvalidAssociationID.NotFound")) && holds(ctx, id, name)) {
          return null;
        }
        throw e;
      }
    });
  }

  private static boolean holds(KindContext ctx, String id, String profileName) {
    return ec2(ctx).describeIamInstanceProfileAssociations(b -> b.filters(f -> f.name("instance-id").values(id),
            f -> f.name("state").values("associating", "associated")))
        .iamInstanceProfileAssociations().stream()
        .anyMatch(a -> a.iamInstanceProfile() != null && a.iamInstanceProfile().arn() != null
            && profileName.equals(InstanceSupport.profileName(a.iamInstanceProfile().arn())));
  }

  /** EBS volumes grow in place (AWS refuses to shrink them: its error says so). */
  private static void resizeRoot(KindContext ctx, String id, Long size) {
    Instance i = InstanceWaits.describe(ctx, id);
    String volume = i == null ? null : InstanceSupport.rootVolumeId(i);
    if (volume == null) throw Ec2Support.notFound("InvalidInstanceID.NotFound", id);
    // Sent again after a lost answer, EC2 refuses a second modification within 6 h: done if the size is there.
    ctx.retry().retryingOn(Ec2Support.CONSISTENCY, () -> Ec2LostAnswers.unlessDone("VolumeModificationRateExceeded",
        () -> ec2(ctx).describeVolumes(b -> b.volumeIds(volume)).volumes().stream()
            .anyMatch(v -> v.size() != null && v.size() == size.intValue()),
        () -> ec2(ctx).modifyVolume(b -> b.volumeId(volume).size(size.intValue()))), ErrorClass.NOT_FOUND);
  }
}
