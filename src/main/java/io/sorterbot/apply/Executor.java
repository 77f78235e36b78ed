package io.sorterbot.apply;

import io.sorterbot.model.Desired;
import io.sorterbot.model.KindFailure;
import io.sorterbot.model.Ticker;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Kind;
import io.sorterbot.plan.Action;
import io.sorterbot.plan.DesiredState;
import io.sorterbot.plan.Differ;
import io.sorterbot.plan.Plan;
import io.sorterbot.plan.Unknown;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * Runs a plan: up to {@code parallelism} steps at once, in dependency order. A failed step skips
 * everything that depends on it; independent branches go on. Unknown values are resolved from the
 * results of upstream steps.
 */
public final class Executor {
  private final Map<String, Kind> kinds;
  private final Ticker ticker;
  private final DesiredState desired;
  private final int parallelism;
  private final ApplyListener listener;
  private final UnaryOperator<String> redact;

  public Executor(Map<String, Kind> kinds, Ticker ticker, DesiredState desired, int parallelism,
                  ApplyListener listener, UnaryOperator<String> redact) {
    this.kinds = kinds;
    this.ticker = ticker;
    this.desired = desired;
    this.parallelism = Math.max(1, parallelism);
    this.listener = listener;
    this.redact = redact;
  }

  public ApplyResult execute(Plan plan) {
    StepGraph g = new StepGraph(plan);
    Map<String, LiveResource> current = new ConcurrentHashMap<>();
    for (Action a : plan.actions()) {
      if ((a instanceof Action.NoOp || a instanceof Action.Update || a instanceof Action.Retain)
          && desired.spec().resources().containsKey(a.sbid())) {
        current.put(a.sbid(), a.live());
      }
    }
    Map<String, Integer> depth = g.depth();
    PriorityQueue<String> ready = new PriorityQueue<>(Comparator.comparing((String k) -> -depth.get(k))
        .thenComparing(Comparator.naturalOrder()));
    g.pending.forEach((k, n) -> { if (n == 0) ready.add(k); });
    List<String> done = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    java.util.Set<String> dead = new java.util.HashSet<>();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "sorterbot-apply");
      t.setDaemon(true);
      return t;
    });
    ExecutorCompletionService<String> cs = new ExecutorCompletionService<>(pool);
    Map<Future<String>, Step> running = new ConcurrentHashMap<>();
    int finished = 0;
    try {
      while (finished < g.steps.size()) {
        while (running.size() < parallelism && !ready.isEmpty()) {
          Step s = g.steps.get(ready.poll());
          running.put(cs.submit(() -> run(s, current)), s);
        }
        if (running.isEmpty()) { // only a cycle in the step graph could leave work unreachable
          for (String k : g.steps.keySet()) {
            if (!dead.contains(k) && !done.contains(label(g.steps.get(k)))) {
              skipped.add(label(g.steps.get(k)) + ": ordering cycle");
              finished++;
            }
          }
          break;
        }
        Future<String> f = cs.take();
        Step s = running.remove(f);
        finished++;
        try {
          f.get();
          done.add(label(s));
          for (String next : g.successors.get(s.key())) {
            if (g.pending.merge(next, -1, Integer::sum) == 0 && !dead.contains(next)) ready.add(next);
          }
        } catch (ExecutionException e) {
          String cause = describe(s, e.getCause());
          failed.add(label(s) + ": " + cause);
          listener.failed(s.sbid(), s.verb(), cause);
          for (String d : g.descendants(s.key())) {
            if (dead.add(d)) {
              Step ds = g.steps.get(d);
              skipped.add(label(ds) + ": needs " + s.sbid() + ", which failed");
              listener.skipped(ds.sbid(), ds.verb(), s.sbid() + " failed");
              finished++;
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed.add("apply interrupted");
    } finally {
      pool.shutdownNow();
    }
    return new ApplyResult(done, failed, skipped, Map.copyOf(current));
  }

  private static String label(Step s) { return s.verb() + " " + s.sbid(); }

  private String run(Step s, Map<String, LiveResource> current) {
    Action a = s.action();
    Kind kind = kinds.get(a.type());
    Instant start = ticker.now();
    listener.started(s.sbid(), s.verb());
    String id;
    if (s.delete()) {
      kind.delete(a.live());
      id = a.live().id();
    } else {
      Desired d = desired.desired(a.sbid(), (sbid, attr) -> {
        LiveResource l = current.get(sbid);
        Object v = l == null ? null : l.attributes().get(attr);
        if (v == null) throw new IllegalStateException("needs " + sbid + "." + attr + ", which does not exist"
            + (l == null ? " (not created: see the conflicts above)" : ""));
        return v;
      });
      LiveResource result;
      if (a instanceof Action.Update u) {
        List<PropertyChange> changes = Differ.diff(kind, d.properties(), d.tags(), u.live(),
            desired.spec().resources().get(a.sbid()).ignoreChanges());
        result = changes.isEmpty() ? u.live() : kind.update(u.live(), d, changes);
      } else {
        result = kind.create(d);
      }
      current.put(a.sbid(), result);
      id = result.id();
    }
    listener.finished(s.sbid(), s.verb(), Duration.between(start, ticker.now()), id);
    return s.key();
  }

  private String describe(Step s, Throwable t) {
    String msg = t instanceof KindFailure f ? f.describe()
        : t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : oneLine(t.getMessage());
    return redact.apply(msg);
  }

  private static String oneLine(String m) {
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** For tests: a never-resolved placeholder must not reach a kind. */
  static boolean unresolved(Object v) { return Unknown.within(v); }
}
