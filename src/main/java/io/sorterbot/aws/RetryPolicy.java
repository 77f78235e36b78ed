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
}
