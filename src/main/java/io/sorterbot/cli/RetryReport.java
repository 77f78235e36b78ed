package io.sorterbot.cli;

import io.sorterbot.aws.RetryListener;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the retries of one run by reason; with {@code -v} prints each as it happens and a total at the end
 * (on standard error, so plan and drift output stay machine-readable).
 */
final class RetryReport implements RetryListener {
  private final PrintWriter err;
  private final boolean verbose;
  private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();

  RetryReport(PrintWriter err, boolean verbose) {
    this.err = err;
    this.verbose = verbose;
  }

  @Override public void retried(String service, String operation, String reason, int nextAttempt) {
    byReason.computeIfAbsent(reason, k -> new LongAdder()).increment();
    if (verbose) {
      synchronized (err) {
        err.println("retry: " + service + " " + operation + " after " + reason + " (attempt " + nextAttempt + ")");
        err.flush();
      }
    }
  }

  long total() { return byReason.values().stream().mapToLong(LongAdder::sum).sum(); }

  /** {@code AWS retries: 12 (InternalError 2, RequestLimitExceeded 10)}, reasons sorted. */
  String summary() {
    TreeMap<String, Long> sorted = new TreeMap<>();
    byReason.forEach((k, v) -> sorted.put(k, v.sum()));
    StringBuilder sb = new StringBuilder("AWS retries: ").append(total());
    if (!sorted.isEmpty()) {
      StringBuilder parts = new StringBuilder();
      sorted.forEach((k, v) -> parts.append(parts.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
      sb.append(" (").append(parts).append(')');
    }
    return sb.toString();
  }

  /** With -v, the total at the end of the run. */
  void finish() {
    if (!verbose) return;
    synchronized (err) {
      err.println(summary());
      err.flush();
    }
  }
}
