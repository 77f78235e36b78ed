package io.sorterbot.sandbox;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * The one gate every simulated call goes through, in this order: count the call ({@link CallStats}); wait
 * the configured latency on the account's ticker (outside the lock, so concurrent calls overlap); draw the
 * injected faults (throttling, then 5xx) and throw them before anything runs, so a retried call is safe;
 * then run the operation under the account lock ({@link SandboxAccount#read} or
 * {@link SandboxAccount#mutate}, which saves). A mutating call counts toward the crash point once saved.
 */
public final class SandboxGate {
  /** What a crash does by default: die like {@code kill -9}, without shutdown hooks. */
  public static final Runnable HALT = () -> Runtime.getRuntime().halt(137);

  private final SandboxAccount account;
  private final SandboxKnobs knobs;
  private final CallStats stats;
  private final Runnable crash;
  private final Random random;
  private final AtomicInteger mutations = new AtomicInteger();

  public SandboxGate(SandboxAccount account, SandboxKnobs knobs, CallStats stats, Runnable crash) {
    this.account = account;
    this.knobs = knobs;
    this.stats = stats;
    this.crash = crash;
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
   * Whether a slow resource created at {@code createdAt} has finished provisioning: its nominal duration
   * (RDS 6 min, instance 1 min...) times the provision-scale knob has passed on the account's ticker.
   */
  public boolean provisioned(String createdAt, Duration nominal) {
    double scale = knobs.provisionScale();
    if (scale == 0) return true;
    Duration needed = Duration.ofMillis(Math.round(nominal.toMillis() * scale));
    return !java.time.Instant.parse(createdAt).plus(needed).isAfter(account.now());
  }

  /** Runs one call of {@code action} on the service of {@code errors}. */
  public <T> T call(SandboxErrors errors, String action, boolean mutating, Supplier<T> op) {
    String service = errors.service();
    stats.record(service, action);
    Duration latency = knobs.latency();
    if (!latency.isZero()) {
      try {
        account.ticker().sleep(latency);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw AbortedException.builder().message("sandbox call " + service + " " + action + " interrupted").cause(e).build();
      }
    }
    double roll = roll();
    if (roll < knobs.throttleRate()) {
      stats.recordFault(service, action, errors.throttlingCode());
      throw errors.throttling();
    }
    if (roll < knobs.throttleRate() + knobs.errorRate()) {
      stats.recordFault(service, action, "InternalError");
      throw errors.internalError();
    }
    if (!mutating) return account.read(op);
    int crashAfter = knobs.crashAfterMutations();
    if (crashAfter == 0) crash.run();
    T result = account.mutate(op);
    int done = mutations.incrementAndGet();
    if (crashAfter > 0 && done >= crashAfter) crash.run();
    return result;
  }

  private double roll() {
    if (knobs.throttleRate() == 0 && knobs.errorRate() == 0) return 1.0;
    synchronized (random) {
      return random.nextDouble();
    }
  }
}
