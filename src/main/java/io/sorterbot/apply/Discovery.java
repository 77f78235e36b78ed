package io.sorterbot.apply;

import io.sorterbot.model.LiveResource;
import io.sorterbot.model.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Finds the live resources of every kind at once: the cost is the slowest kind, not the sum. */
public final class Discovery {
  private Discovery() {}

  public static List<LiveResource> discover(Collection<Kind> kinds) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, kinds.size()), r -> {
      Thread t = new Thread(r, "sorterbot-discover");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<List<LiveResource>>> futures = new ArrayList<>();
      for (Kind k : kinds) futures.add(pool.submit(() -> k.discover()));
      List<LiveResource> out = new ArrayList<>();
      int i = 0;
      for (Kind k : kinds) {
        try {
          out.addAll(futures.get(i++).get());
        } catch (ExecutionException e) {
          throw new DiscoveryException(k.type(), e.getCause());
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during discovery", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reading the live state of one kind failed. */
  public static final class DiscoveryException extends RuntimeException {
    private final String type;

    DiscoveryException(String type, Throwable cause) {
      super("discovering " + type + ": " + (cause instanceof io.sorterbot.model.KindFailure f ? f.describe() : cause.getMessage()), cause);
      this.type = type;
    }

    public String type() { return type; }
  }
}
