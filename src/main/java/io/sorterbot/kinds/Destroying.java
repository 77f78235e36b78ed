package io.sorterbot.kinds;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import java.time.Duration;
import java.time.Instant;

/**
 * A destroying step as every kind runs it: retries dependency errors (DependencyViolation, DeleteConflict,
 * a subnet group still in use, a cluster with services...) within a budget, with a progress notice once
 * the wait passes ten seconds; NotFound means it is already gone, which is what we wanted.
 */
public final class Destroying {
  private static final Duration QUIET = Duration.ofSeconds(10);

  private Destroying() {}

  public static void run(KindContext ctx, String sbid, Duration budget, Runnable action) {
    Instant start = ctx.ticker().now();
    try {
      ctx.retry().retrying(budget, e -> {
        if (AwsErrors.classify(e) != ErrorClass.DEPENDENCY) return false;
        Duration elapsed = Duration.between(start, ctx.ticker().now());
        if (elapsed.compareTo(QUIET) >= 0) ctx.progress().waiting(sbid, "destroying", elapsed);
        return true;
      }, action);
    } catch (RuntimeException e) {
      if (!AwsErrors.isNotFound(e)) throw e;
    }
  }
}
