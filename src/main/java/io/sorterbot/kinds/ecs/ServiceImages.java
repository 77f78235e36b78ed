package io.sorterbot.kinds.ecs;

import static io.sorterbot.kinds.ecs.EcsSupport.ecs;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.Notice;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * The images a service's tasks pull from this account's ECR in this region, and which of them ECR does not
 * hold. A task whose image is missing stops with CannotPullContainerError and the service never reaches
 * steady state (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html):
 * the first apply creates the repository empty, so its service must not be waited for. Images of other
 * registries are not checked.
 */
final class ServiceImages {
  static final String READY = "ready";

  private ServiceImages() {}

  /**
   * The images of {@code taskDefinition} (ARN, family:revision or family) that are in the ECR registry of the
   * service's account and region but not in ECR.
   */
  static List<String> missing(KindContext ctx, String serviceArn, String taskDefinition) {
    String registry = registry(serviceArn, ctx.clients().region());
    List<String> out = new ArrayList<>();
    if (registry == null || taskDefinition == null) return out;
    List<ContainerDefinition> containers = EcsSupport.consistent(ctx, () ->
        ecs(ctx).describeTaskDefinition(b -> b.taskDefinition(taskDefinition))).taskDefinition().containerDefinitions();
    for (ContainerDefinition c : containers) {
      if (c.image() != null && c.image().startsWith(registry + "/") && !present(ctx, c.image().substring(registry.length() + 1))) {
        out.add(c.image());
      }
    }
    return out;
  }

  /** What {@code imageStatus} reads: {@value #READY}, or which image the service waits for. */
  static String status(List<String> missing) {
    return missing.isEmpty() ? READY : "waiting for image " + String.join(", ", missing);
  }

  /** Said once per run: the image to push and how, and that the next apply starts the service. */
  static Notice notice(String sbid, String region, List<String> missing) {
    String registry = missing.get(0).substring(0, missing.get(0).indexOf('/'));
    StringBuilder sb = new StringBuilder(sbid + ": the ECS service waits for its image " + String.join(", ", missing)
        + ", which is not in ECR yet: its tasks cannot start (CannotPullContainerError) and it was not waited for."
        + " Push the image, then run apply again to start it:\n");
    sb.append("  aws ecr get-login-password --region ").append(region)
        .append(" | docker login --username AWS --password-stdin ").append(registry).append('\n');
    for (String image : missing) {
      sb.append("  docker build -t ").append(image).append(" .   # in the folder of its Dockerfile\n");
      sb.append("  docker push ").append(image).append('\n');
    }
    sb.append("  (with credentials that may push to ECR, such as the credentials profile this stack writes, if any)");
    return Notice.info(sbid, sb.toString());
  }

  /** {@code <account>.dkr.ecr.<region>.amazonaws.com} of the service's account, or null for an odd ARN. */
  static String registry(String serviceArn, String region) {
    String[] parts = serviceArn == null ? new String[0] : serviceArn.split(":");
    return parts.length < 6 || parts[4].isEmpty() ? null : parts[4] + ".dkr.ecr." + region + ".amazonaws.com";
  }

  /** {@code repository[:tag][@digest]} in ECR; the tag defaults to latest, as docker's does. */
  private static boolean present(KindContext ctx, String ref) {
    String repository = ref;
    ImageIdentifier.Builder id = ImageIdentifier.builder();
    int at = ref.indexOf('@');
    if (at >= 0) {
      id.imageDigest(ref.substring(at + 1));
      repository = ref.substring(0, at);
    }
    int colon = repository.lastIndexOf(':');
    if (colon >= 0) {
      id.imageTag(repository.substring(colon + 1));
      repository = repository.substring(0, colon);
    } else if (at < 0) {
      id.imageTag("latest");
    }
    String name = repository;
    try {
      return !ctx.clients().ecr().describeImages(b -> b.repositoryName(name).imageIds(id.build())).imageDetails().isEmpty();
    } catch (RuntimeException e) {
      // ImageNotFoundException, RepositoryNotFoundException: missing. Not allowed to look: not ours to judge.
      if (AwsErrors.classify(e) == ErrorClass.NOT_FOUND) return false;
      if (AwsErrors.classify(e) == ErrorClass.ACCESS_DENIED) return true;
      throw e;
    }
  }
}
