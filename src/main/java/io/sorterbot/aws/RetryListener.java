package io.sorterbot.aws;

/**
 * Told of every retry the retry strategy makes, by real clients ({@link RetryMetrics}) and the sandbox
 * alike: which call, why the attempt before failed, and which attempt comes next. Must be thread-safe.
 */
@FunctionalInterface
public interface RetryListener {
  RetryListener NONE = (service, operation, reason, nextAttempt) -> { };

  /**
   * @param reason      the failed attempt's AWS error code where known ({@code RequestLimitExceeded}), else
   *                    its kind and HTTP status ({@code Throttling (HTTP 400)})
   * @param nextAttempt the attempt about to be made, from 2
   */
  void retried(String service, String operation, String reason, int nextAttempt);
}
