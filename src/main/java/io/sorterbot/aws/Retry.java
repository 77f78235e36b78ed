package io.sorterbot.aws;

import io.sorterbot.model.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded retries and polls with jittered exponential backoff on a replaceable {@link Ticker}.
 * Throttling is not handled here: the SDK's retry strategy does that.
 */
public final class Retry {
  private static final Duration FIRST = Duration.ofMillis(500);
  private static final Duration CAP = Duration.ofSeconds(20);

  private final Ticker ticker;

  public Retry(Ticker ticker) { this.ticker = ticker; }

  public Ticker ticker() { return ticker; }

  /** Runs {@code action}, retrying while {@code retryable} says so and the budget lasts; then rethrows. */
  public <T> T retrying(Duration budget, Predicate<RuntimeException> retryable, Supplier<T> action) {
    Instant deadline = ticker.now().plus(budget);
    Duration delay = FIRST;
    while (true) {
      try {
        return action.get();
      } catch (RuntimeException e) {
        if (!retryable.test(e) || !ticker.now().plus(delay).isBefore(deadline)) throw e;
        sleep(jitter(delay));
        delay = next(delay);
      }
    }
  }

  public void retrying(Duration budget, Predicate<RuntimeException> retryable, Runnable action) {
    retrying(budget, retryable, () -> { action.run(); return null; });
  }

  /** Retries on the given error classes. */
  public <T> T retryingOn(Duration budget, Supplier<T> action, ErrorClass... classes) {
    return retrying(budget, e -> java.util.Arrays.asList(classes).contains(AwsErrors.classify(e)), action);
  }

  public void retryingOn(Duration budget, Runnable action, ErrorClass... classes) {
    retryingOn(budget, () -> { action.run(); return null; }, classes);
  }

  /**
   * Polls {@code check} until it yields a value or the budget runs out (then throws
   * {@link WaitTimeoutException}); {@code onWait} receives the elapsed time before each sleep.
   */
  public <T> T poll(Duration budget, Duration interval, Supplier<Optional<T>> check,
                    java.util.function.Consumer<Duration> onWait, String what) {
    Instant start = ticker.now();
    Instant deadline = start.plus(budget);
    while (true) {
      Optional<T> r = check.get();
      if (r.isPresent()) return r.get();
      Instant now = ticker.now();
      if (!now.isBefore(deadline)) throw new WaitTimeoutException(what, budget);
      onWait.accept(Duration.between(start, now));
      sleep(interval);
    }
  }

  private Duration jitter(Duration d) {
    long ms = d.toMillis();
    return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
  }

  private static Duration next(Duration d) {
    Duration n = d.multipliedBy(2);
    return n.compareTo(CAP) > 0 ? CAP : n;
  }

  private void sleep(Duration d) {
    try {
      ticker.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }

  /** A wait that ran out of time. */
  public static final class WaitTimeoutException extends RuntimeException {
    public WaitTimeoutException(String what, Duration budget) {
      super("timed out after " + budget.toMinutes() + "m waiting for " + what);
    }
  }
}
