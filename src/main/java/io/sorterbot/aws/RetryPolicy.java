package io.sorterbot.aws;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The one retry strategy for throttling and transient server errors: the SDK's adaptive mode, raised
 * attempts. A call that gets no answer at all (connection refused, unknown host, no route, timeouts) is
 * not throttled: it gets {@link #IO_ATTEMPTS} attempts, so a wrong endpoint or a missing route fails in
 * seconds instead of after ten backed-off attempts.
 */
public final class RetryPolicy {
  /** Throttling during a big apply is normal; give the SDK room before surfacing it. */
  public static final int MAX_ATTEMPTS = 10;
  /** Attempts for a call that got no answer from the endpoint: one retry covers a dropped connection. */
  public static final int IO_ATTEMPTS = 2;

  private RetryPolicy() {}

  public static RetryStrategy strategy() {
    return new FailFastOnIo(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build(), IO_ATTEMPTS);
  }

  /**
   * The same retries without the adaptive mode's client-side rate limiter, which waits on the wall
   * clock: the sandbox runs on a replaceable clock, so it takes the standard mode's backoff only.
   */
  public static RetryStrategy onReplaceableClock() {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build();
  }
}
