package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.kinds.KindContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.Instance;

/** Polls an instance into a state on the context's ticker, reporting progress about every 10 s. */
final class InstanceWaits {
  /** Launches, stops and starts take a minute or two; ten is what a healthy instance never needs. */
  static final Duration BUDGET = Duration.ofMinutes(10);
  private static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  private InstanceWaits() {}

  /**
   * Waits until the instance is in one of {@code wanted}; a state in {@code hopeless} fails at once with
   * the reason AWS gives. A NotFound (just launched) counts as not there yet.
   */
  static Instance until(KindContext ctx, String sbid, String id, String activity, Set<String> wanted, Set<String> hopeless) {
    Reporter reporter = new Reporter(ctx, sbid, activity);
    return ctx.retry().poll(BUDGET, INTERVAL, () -> {
      Instance i = describe(ctx, id);
      if (i == null) return Optional.empty();
      String state = i.state().nameAsString();
      if (wanted.contains(state)) return Optional.of(i);
      if (hopeless.contains(state)) {
        String reason = i.stateReason() == null ? i.stateTransitionReason() : i.stateReason().message();
        throw new IllegalStateException("ec2.instance " + sbid + ": instance " + id + " is " + state + " while "
            + activity + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")"));
      }
      return Optional.empty();
    }, reporter::waited, "instance " + id + " to be " + String.join(" or ", wanted));
  }

  /** Waits until the instance is terminated or gone from describes. */
  static void gone(KindContext ctx, String sbid, String id) {
    Reporter reporter = new Reporter(ctx, sbid, "destroying");
    ctx.retry().poll(BUDGET, INTERVAL, () -> {
      Instance i = describe(ctx, id);
      return i == null || i.state().nameAsString().equals("terminated") ? Optional.of(true) : Optional.<Boolean>empty();
    }, reporter::waited, "instance " + id + " to be terminated");
  }

  /** The instance, or null when EC2 does not (or no longer) know it. */
  static Instance describe(KindContext ctx, String id) {
    try {
      return ec2(ctx).describeInstances(b -> b.instanceIds(id)).reservations().stream()
          .flatMap(r -> r.instances().stream()).findFirst().orElse(null);
    } catch (RuntimeException e) {
      if (AwsErrors.isNotFound(e)) return null;
      throw e;
    }
  }

  /** Passes elapsed time to the progress sink, at most once per {@link #REPORT_EVERY}. */
  private static final class Reporter {
    private final KindContext ctx;
    private final String sbid;
    private final String activity;
    private Duration next = REPORT_EVERY;

    Reporter(KindContext ctx, String sbid, String activity) {
      this.ctx = ctx;
      this.sbid = sbid;
      this.activity = activity;
    }

    void waited(Duration elapsed) {
      if (elapsed.compareTo(next) < 0) return;
      ctx.progress().waiting(sbid, activity, elapsed);
      while (next.compareTo(elapsed) <= 0) next = next.plus(REPORT_EVERY);
    }
  }
}
