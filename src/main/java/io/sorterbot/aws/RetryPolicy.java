package io.sorterbot.aws;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/** The one retry strategy for throttling and transient server errors: the SDK's adaptive mode, raised attempts. */
public final class RetryPolicy {
  /** Throttling during a big apply is normal; give the SDK room before surfacing it. */
  public static final int MAX_ATTEMPTS = 10;

  private RetryPolicy() {}

  public static RetryStrategy strategy() {
    return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build();
  }

  /**
   * The same retries without the adaptive mode's client-side rate limiter, which waits on the wall
   * clock: the sandbox runs on a replaceable clock, so it takes the standard mode's backoff only.
   */
  public static RetryStrategy onReplaceableClock() {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build();
  }
}
