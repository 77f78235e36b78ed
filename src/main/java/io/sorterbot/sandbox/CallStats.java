package io.sorterbot.sandbox;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls made to the sandbox by service and action (key {@code "ec2 DescribeVpcs"}), and the
 * faults injected into them (key {@code "ec2 DescribeVpcs RequestLimitExceeded"}). Every call is counted
 * when it enters the gate, whether it then succeeds, fails or is answered with an injected fault.
 * Thread-safe.
 */
public final class CallStats {
  private final ConcurrentHashMap<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> faults = new ConcurrentHashMap<>();
  private final LongAdder retries = new LongAdder();

  /** A call answered with a retryable error was tried again by the retry strategy. */
  public void recordRetry(String service, String action) { retries.increment(); }

  public long totalRetries() { return retries.sum(); }

  public void record(String service, String action) {
    calls.computeIfAbsent(key(service, action), k -> new LongAdder()).increment();
  }

  public void recordFault(String service, String action, String errorCode) {
    faults.computeIfAbsent(key(service, action) + " " + errorCode, k -> new LongAdder()).increment();
  }

  public long count(String service, String action) {
    LongAdder a = calls.get(key(service, action));
    return a == null ? 0 : a.sum();
  }

  public long total() { return calls.values().stream().mapToLong(LongAdder::sum).sum(); }

  public long totalFaults() { return faults.values().stream().mapToLong(LongAdder::sum).sum(); }

  /** Calls so far, by {@code "service Action"}, sorted. */
  public SortedMap<String, Long> snapshot() { return snapshotOf(calls); }

  /** Injected faults so far, by {@code "service Action ErrorCode"}, sorted. */
  public SortedMap<String, Long> faultSnapshot() { return snapshotOf(faults); }

  public void reset() {
    calls.clear();
    faults.clear();
    retries.reset();
  }

  private static String key(String service, String action) { return service + " " + action; }

  private static SortedMap<String, Long> snapshotOf(Map<String, LongAdder> m) {
    TreeMap<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  @Override public String toString() { return snapshot().toString(); }
}
