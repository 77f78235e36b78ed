package io.sorterbot.kinds;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The per-resource reads some APIs force on discovery (tags of IAM entities and S3 buckets, VPC DNS
 * flags, RDS tags, ECS task definitions): independent calls, spread over a few threads so the cost is
 * a few round trips rather than one per resource.
 */
public final class ParallelReads {
  /** Enough to hide latency, few enough not to provoke throttling. */
  public static final int MAX_THREADS = 8;

  private ParallelReads() {}

  /** {@code read} applied to each item; order kept; null results (not ours, gone meanwhile) dropped; first failure rethrown. */
  public static <A, B> List<B> map(List<A> items, Function<A, B> read) {
    if (items.size() <= 1) return items.stream().map(read).filter(Objects::nonNull).toList();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(items.size(), MAX_THREADS), r -> {
      Thread t = new Thread(r, "sorterbot-read");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<B>> futures = new ArrayList<>();
      for (A a : items) futures.add(pool.submit(() -> read.apply(a)));
      List<B> out = new ArrayList<>();
      for (Future<B> f : futures) {
        B b = f.get();
        if (b != null) out.add(b);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading live resources", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
