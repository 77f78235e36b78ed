package io.sorterbot.kinds.ecs;

import static io.sorterbot.kinds.ecs.EcsSupport.ecs;

import io.sorterbot.aws.Retry;
import io.sorterbot.kinds.KindContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.ServiceField;

/**
 * Polls DescribeServices on the context's ticker (the SDK's {@code waitUntilServicesStable} would sleep
 * for real): until stable after a create or update, until INACTIVE after a delete.
 */
final class ServiceWaits {
  /** Pulling a large image and passing health checks can take many minutes. */
  static final Duration STABLE_BUDGET = Duration.ofMinutes(20);
  static final Duration INTERVAL = Duration.ofSeconds(15);

  private ServiceWaits() {}

  /**
   * Stable as the SDK's waiter defines it: ACTIVE, one deployment left, running count equal to the desired
   * count. A deployment the circuit breaker failed, or rolled back to another revision than
   * {@code taskDefinition}, ends the wait at once: it will not become stable by itself. A timeout names the
   * service's last event (why tasks do not start, usually).
   */
  static Service stable(KindContext ctx, String sbid, String activity, String cluster, String arn, String taskDefinition) {
    AtomicReference<Service> last = new AtomicReference<>();
    try {
      return ctx.retry().poll(STABLE_BUDGET, INTERVAL, () -> {
        Service s = describe(ctx, cluster, arn);
        last.set(s);
        if (s != null && failed(s)) throw new IllegalStateException("ECS service " + arn + ": deployment failed ("
            + primary(s).rolloutStateReason() + ")" + lastEvent(s));
        if (s != null && steady(s) && !sameRevision(taskDefinition, s.taskDefinition())) {
          throw new IllegalStateException("ECS service " + arn + ": the deployment of " + taskDefinition + " failed and was"
              + " rolled back to " + s.taskDefinition() + lastEvent(s));
        }
        return s != null && steady(s) ? Optional.of(s) : Optional.empty();
      }, elapsed -> report(ctx, sbid, activity, elapsed), "ECS service " + arn + " to become stable");
    } catch (Retry.WaitTimeoutException e) {
      Service s = last.get();
      String counts = s == null ? "" : " (running " + s.runningCount() + " of " + s.desiredCount() + ", "
          + s.deployments().size() + " deployment(s))";
      throw new Retry.WaitTimeoutException("ECS service " + arn + " to become stable" + counts + (s == null ? "" : lastEvent(s)),
          STABLE_BUDGET);
    }
  }

  /** {@code wanted} (ARN, family:revision, or a bare family: any revision) names {@code running}. */
  private static boolean sameRevision(String wanted, String running) {
    if (wanted == null || running == null) return true;
    String w = ServiceRequests.taskDefinitionTail(wanted);
    String r = ServiceRequests.taskDefinitionTail(running);
    return w.contains(":") ? w.equals(r) : w.equals(TaskDefinitionKind.family(running));
  }

  /** ACTIVE, one deployment, running as many tasks as desired, that deployment not failed. */
  static boolean steady(Service s) {
    return "ACTIVE".equals(s.status()) && s.deployments().size() == 1 && s.runningCount() != null
        && s.runningCount().equals(s.desiredCount()) && !failed(s);
  }

  /** The primary deployment was failed by the circuit breaker: ECS launches no more tasks for it. */
  static boolean failed(Service s) {
    Deployment p = primary(s);
    return p != null && p.rolloutState() == DeploymentRolloutState.FAILED;
  }

  private static Deployment primary(Service s) {
    return s.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElse(null);
  }

  private static String lastEvent(Service s) { return s.events().isEmpty() ? "" : "; last event: " + latest(s).message(); }

  /** Until the deleted service has drained: INACTIVE, or no longer described at all. */
  static void inactive(KindContext ctx, String sbid, String cluster, String arn) {
    ctx.retry().poll(STABLE_BUDGET, INTERVAL, () -> {
      Service s = EcsSupport.unlessGone(() -> describe(ctx, cluster, arn));
      return s == null || "INACTIVE".equals(s.status()) ? Optional.of(true) : Optional.<Boolean>empty();
    }, elapsed -> report(ctx, sbid, "destroying", elapsed), "ECS service " + arn + " to drain");
  }

  /** The service, or null when DescribeServices reports it MISSING (not visible yet, or gone). */
  static Service describe(KindContext ctx, String cluster, String arn) {
    var r = ecs(ctx).describeServices(b -> b.cluster(cluster).services(arn).include(ServiceField.TAGS));
    return r.services().isEmpty() ? null : r.services().get(0);
  }

  private static void report(KindContext ctx, String sbid, String activity, Duration elapsed) {
    if (!elapsed.isZero()) ctx.progress().waiting(sbid, activity, elapsed);
  }

  private static ServiceEvent latest(Service s) {
    return s.events().stream().max(java.util.Comparator.comparing(ServiceEvent::createdAt,
        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))).orElseThrow();
  }
}
