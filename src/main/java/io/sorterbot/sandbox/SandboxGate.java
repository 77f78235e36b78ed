package io.sorterbot.sandbox;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import io.sorterbot.aws.RetryListener;
import io.sorterbot.aws.RetryPolicy;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The one gate every simulated call goes through, in this order: count the call ({@link CallStats}); wait
 * the configured latency on the account's ticker (outside the lock, so concurrent calls overlap); draw the
 * injected faults (throttling, then 5xx) and throw them before anything runs, so a retried call is safe;
 * refuse what the knobs refuse; then run the operation under the account lock ({@link SandboxAccount#read}
 * or {@link SandboxAccount#mutate}, which saves). A mutating call counts toward the crash point once
 * saved. Last, a lost answer: the mutation is done, yet the caller gets a 5xx and sends it again, which
 * is the one injected fault a retried call is not safe from (as with AWS).
 */
public final class SandboxGate {
  /** What a crash does by default: die like {@code kill -9}, without shutdown hooks. */
  public static final Runnable HALT = () -> Runtime.getRuntime().halt(137);

  private final SandboxAccount account;
  private final SandboxKnobs knobs;
  private final CallStats stats;
  private final Runnable crash;
  private final RetryListener retryListener;
  private final Random random;
  /** Once crashed, a process makes no further call: an in-process crash (tests) keeps every later call out. */
  private volatile boolean crashed;
  private final AtomicInteger mutations = new AtomicInteger();
  private final RetryStrategy retries = RetryPolicy.onReplaceableClock();

  public SandboxGate(SandboxAccount account, SandboxKnobs knobs, CallStats stats, Runnable crash) {
    this(account, knobs, stats, crash, RetryListener.NONE);
  }

  /** @param retries told of every retry, as a real client's metrics tell {@link io.sorterbot.aws.RetryMetrics} */
  public SandboxGate(SandboxAccount account, SandboxKnobs knobs, CallStats stats, Runnable crash, RetryListener retries) {
    this.account = account;
    this.knobs = knobs;
    this.stats = stats;
    this.crash = crash;
    this.retryListener = retries;
    this.random = new Random(knobs.seed());
  }

  public SandboxAccount account() { return account; }

  public SandboxKnobs knobs() { return knobs; }

  public CallStats stats() { return stats; }

  /** Successful mutating calls so far in this process. */
  public int mutations() { return mutations.get(); }

  /** Whether a resource created at {@code createdAt} is visible to describes yet (consistency lag). */
  public boolean visible(String createdAt) { return account.settled(createdAt, knobs.consistencyLag()); }

  /**
   * Whether an IAM role or instance profile created at {@code createdAt} is usable by other services yet:
   * IAM is eventually consistent, and ECS and EC2 refuse a role or profile seconds old (see
   * {@link SandboxKnobs#iamPropagation()}).
   */
  public boolean propagated(String createdAt) {
    return visible(createdAt) && account.settled(createdAt, knobs.iamPropagation());
  }

  /**
   * Whether ECS can assume its service-linked role yet. In a fresh account it cannot for a while: ECS creates
   * AWSServiceRoleForECS on first use, and until IAM has it, CreateCluster and CreateService fail (see
   * {@link SandboxKnobs#ecsServiceLinkedRole()}). An account of unknown age (made before the sandbox kept
   * its creation time) has it.
   */
  public boolean ecsServiceLinkedRoleReady() {
    java.time.Instant born = account.createdAt();
    return born == null || !born.plus(knobs.ecsServiceLinkedRole()).isAfter(account.now());
  }

  /**
   * Whether a slow resource created at {@code createdAt} has finished provisioning: its nominal duration
   * (RDS 6 min, instance 1 min...) times the provision-scale knob has passed on the account's ticker.
   */
  public boolean provisioned(String createdAt, Duration nominal) {
    return !provisionedAt(createdAt, nominal).isAfter(account.now());
  }

  /** When a slow process begun at {@code since} ends: its nominal duration times the provision-scale knob later. */
  public java.time.Instant provisionedAt(String since, Duration nominal) {
    return java.time.Instant.parse(since).plus(Duration.ofMillis(Math.round(nominal.toMillis() * knobs.provisionScale())));
  }

  /**
   * Runs one call of {@code action} on the service of {@code errors}. Like a real SDK client, the call
   * goes through the project's retry strategy ({@link RetryPolicy}: the SDK's own adaptive strategy), so
   * injected throttling and 5xx answers are retried with the SDK's backoff, on the account's ticker;
   * each retry is counted in {@link CallStats}.
   */
  public <T> T call(SandboxErrors errors, String action, boolean mutating, Supplier<T> op) {
    AcquireInitialTokenResponse first = retries.acquireInitialToken(AcquireInitialTokenRequest.create(errors.service()));
    RetryToken token = first.token();
    sleep(first.delay(), errors.service(), action);
    for (int attempt = 1; ; attempt++) {
      try {
        T result = attempt(errors, action, mutating, op, attempt);
        retries.recordSuccess(RecordSuccessRequest.create(token));
        return result;
      } catch (AwsServiceException e) {
        RefreshRetryTokenResponse next;
        try {
          next = retries.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(e).build());
        } catch (TokenAcquisitionFailedException exhausted) {
          throw e;
        }
        stats.recordRetry(errors.service(), action);
        retryListener.retried(errors.service(), action, e.awsErrorDetails().errorCode(), attempt + 1);
        token = next.token();
        sleep(next.delay(), errors.service(), action);
      }
    }
  }

  private <T> T attempt(SandboxErrors errors, String action, boolean mutating, Supplier<T> op, int attempt) {
    String service = errors.service();
    if (crashed) crashNow();
    stats.record(service, action);
    sleep(knobs.latency(), service, action);
    double roll = roll();
    if (roll < knobs.throttleRate()) {
      stats.recordFault(service, action, errors.throttlingCode());
      throw errors.throttling();
    }
    if (roll < knobs.throttleRate() + knobs.errorRate()) {
      stats.recordFault(service, action, "InternalError");
      throw errors.internalError();
    }
    if (knobs.refuses(service, action)) {
      stats.recordFault(service, action, "refused");
      throw errors.error(403, service.equals("ec2") ? "UnauthorizedOperation" : "AccessDenied",
          "You are not authorized to perform " + service + ":" + action + " (refused by the sandbox's " + SandboxKnobs.ENV_REFUSE + ")");
    }
    if (!mutating) return account.read(op);
    int crashAfter = knobs.crashAfterMutations();
    if (crashAfter == 0) crashNow();
    T result = account.mutate(op, () -> {
      int done = mutations.incrementAndGet();
      if (crashAfter > 0 && done >= crashAfter) crashNow();
    });
    if (attempt == 1 && knobs.lostRate() > 0 && roll() < knobs.lostRate()) {
      stats.recordFault(service, action, "InternalError (answer lost)");
      throw errors.internalError();
    }
    return result;
  }

  /** The crash point: {@link #HALT} never returns; a test's crash throws, and no later call gets through. */
  private void crashNow() {
    crashed = true;
    crash.run();
    throw new IllegalStateException("the sandbox crash point was reached");
  }

  private void sleep(Duration d, String service, String action) {
    if (d == null || d.isZero() || d.isNegative()) return;
    try {
      account.ticker().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AbortedException.builder().message("sandbox call " + service + " " + action + " interrupted").cause(e).build();
    }
  }

  private double roll() {
    if (knobs.throttleRate() == 0 && knobs.errorRate() == 0 && knobs.lostRate() == 0) return 1.0;
    synchronized (random) {
      return random.nextDouble();
    }
  }
}
