package io.sorterbot.bench;

import io.sorterbot.model.Ticker;
import java.time.Duration;
import java.time.Instant;

/**
 * A clock that runs {@code 1/scale} times faster than the wall: with scale 0.01 a 6-minute RDS
 * provisioning takes 3.6 s of real time, and so do the kinds' polls and the sandbox's latencies.
 */
public final class ScaledTicker implements Ticker {
  private final double scale;
  private final long startNanos = System.nanoTime();
  private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

  public ScaledTicker(double scale) { this.scale = scale; }

  @Override public Instant now() {
    return start.plusNanos(Math.round((System.nanoTime() - startNanos) / scale));
  }

  @Override public void sleep(Duration d) throws InterruptedException {
    long nanos = Math.round(d.toNanos() * scale);
    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
  }
}
