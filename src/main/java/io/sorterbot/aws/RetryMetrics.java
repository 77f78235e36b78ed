package io.sorterbot.aws;

import java.util.List;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Turns the SDK's per-call metrics into {@link RetryListener} events: each API call reports its attempts
 * (children named {@code ApiCallAttempt}); every attempt but the last that has an error type was retried.
 * The SDK's metrics carry the error's kind and HTTP status, not AWS's error code.
 */
public final class RetryMetrics implements MetricPublisher {
  private final RetryListener listener;

  public RetryMetrics(RetryListener listener) { this.listener = listener; }

  @Override public void publish(MetricCollection call) {
    List<MetricCollection> attempts = call.children().stream().filter(c -> c.name().equals("ApiCallAttempt")).toList();
    if (attempts.size() < 2) return;
    String service = first(call, CoreMetric.SERVICE_ID, "aws");
    String operation = first(call, CoreMetric.OPERATION_NAME, "call");
    for (int i = 0; i < attempts.size() - 1; i++) {
      MetricCollection a = attempts.get(i);
      String type = first(a, CoreMetric.ERROR_TYPE, "Error");
      List<Integer> status = a.metricValues(HttpMetric.HTTP_STATUS_CODE);
      listener.retried(service, operation, status.isEmpty() ? type : type + " (HTTP " + status.get(0) + ")", i + 2);
    }
  }

  @Override public void close() { }

  private static String first(MetricCollection c, software.amazon.awssdk.metrics.SdkMetric<String> m, String dflt) {
    List<String> v = c.metricValues(m);
    return v.isEmpty() || v.get(0) == null ? dflt : v.get(0);
  }
}
