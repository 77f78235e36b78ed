package io.sorterbot.kinds.rds;

import static io.sorterbot.kinds.rds.RdsSupport.rds;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.kinds.KindContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.rds.model.DBInstance;

/** Polls DescribeDBInstances on the context's ticker until the instance is available, or gone. */
final class DbInstanceWaits {
  /** AWS documents 5 to 15 minutes for a small instance; storage and Multi-AZ changes can take much longer. */
  static final Duration BUDGET = Duration.ofMinutes(60);
  static final Duration INTERVAL = Duration.ofSeconds(15);
  private static final Duration QUIET = Duration.ofSeconds(10);
  /** Statuses an instance does not leave by itself: waiting on would only burn the budget. */
  private static final Set<String> STUCK = Set.of("failed", "incompatible-parameters", "incompatible-network",
      "incompatible-option-group", "incompatible-parameter-group", "incompatible-restore", "restore-error",
      "storage-full", "inaccessible-encryption-credentials", "stopped", "stopping");

  private DbInstanceWaits() {}

  /** The instance (or null when it is gone). */
  static DBInstance describe(KindContext ctx, String id) {
    try {
      return rds(ctx).describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().get(0);
    } catch (RuntimeException e) {
      if (AwsErrors.isNotFound(e)) return null;
      throw e;
    }
  }

  /**
   * Statuses in which the instance is usable and modifiable. {@code storage-optimization} follows a storage
   * change for hours (sometimes more than a day); AWS documents the instance as operational and open to any
   * modification but another storage change meanwhile, and Terraform's waiters target it like available
   * (terraform-provider-aws PR #2409, #39691; https://repost.aws/knowledge-center/rds-stuck-in-storage-optimization).
   */
  static final Set<String> USABLE = Set.of("available", "storage-optimization");

  /**
   * Waits until usable ({@link #USABLE}; with {@code settled}, no modification of ours still pending).
   * NotFound right after a create is RDS catching up, not an absence.
   */
  static DBInstance available(KindContext ctx, String sbid, String id, String activity, boolean settled) {
    return until(ctx, sbid, id, activity, settled, USABLE);
  }

  /**
   * Waits until {@code available} itself: a final snapshot is only asked of an instance in that state (whether
   * RDS takes one during storage-optimization is not documented; the sandbox refuses it, and so waits here).
   */
  static DBInstance strictlyAvailable(KindContext ctx, String sbid, String id, String activity) {
    return until(ctx, sbid, id, activity, false, Set.of("available"));
  }

  private static DBInstance until(KindContext ctx, String sbid, String id, String activity, boolean settled, Set<String> targets) {
    return ctx.retry().poll(BUDGET, INTERVAL, () -> {
      DBInstance i = describe(ctx, id);
      if (i == null) return Optional.empty();
      String status = i.dbInstanceStatus();
      if (STUCK.contains(status)) {
        throw new IllegalStateException("DB instance " + id + " is " + status + " and will not become available by itself");
      }
      if ("deleting".equals(status)) throw new IllegalStateException("DB instance " + id + " is being deleted");
      boolean done = targets.contains(status) && !(settled && DbInstanceView.pending(i));
      return done ? Optional.of(i) : Optional.empty();
    }, elapsed -> report(ctx, sbid, activity, elapsed), "DB instance " + id + " to become available");
  }

  /** Waits until DescribeDBInstances answers DBInstanceNotFound. */
  static void gone(KindContext ctx, String sbid, String id, String activity) {
    ctx.retry().poll(BUDGET, INTERVAL, () -> describe(ctx, id) == null ? Optional.of(true) : Optional.<Boolean>empty(),
        elapsed -> report(ctx, sbid, activity, elapsed), "DB instance " + id + " to be deleted");
  }

  private static void report(KindContext ctx, String sbid, String activity, Duration elapsed) {
    if (elapsed.compareTo(QUIET) >= 0) ctx.progress().waiting(sbid, activity, elapsed);
  }
}
