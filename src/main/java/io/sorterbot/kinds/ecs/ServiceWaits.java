package io.sorterbot.kinds.ecs;

import static io.sorterbot.kinds.ecs.EcsSupport.ecs;

import io.sorterbot.aws.Retry;
import io.sorterbot.kinds.KindContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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
   * Stable as the SDK's waiter defines it: ACTIVE, one deployment left, running count equal to the
   * desired count. A timeout names the service's last event (why tasks do not start, usually).
   */
  static Service stable(KindContext ctx, String sbid, String activity, String cluster, String arn) {
    AtomicReference<Service> last = new AtomicReference<>();
    try {
      return ctx.retry().poll(STABLE_BUDGET, INTERVAL, () -> {
        Service s = describe(ctx, cluster, arn);
        last.set(s);
        boolean done = s != null && "ACTIVE".equals(s.status()) && s.deployments().size() == 1
            && s.runningCount() != null && s.runningCount().equals(s.desiredCount());
        return done ? Optional.of(s) : Optional.empty();
      }, elapsed -> report(ctx, sbid, activity, elapsed), "ECS service " + arn + " to become stable");
    } catch (Retry.WaitTimeoutException e) {
      Service s = last.get();
      String event = s == null || s.events().isEmpty() ? "" : "; last event: " + latest(s).message();
      String counts = s == null ? "" : " (running " + s.runningCount() + " of " + s.desiredCount() + ", "
          + s.deployments().size() + " deployment(s))";
      throw new Retry.WaitTimeoutException("ECS service " + arn + " to become stable" + counts + event, STABLE_BUDGET);
    }
  }

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
