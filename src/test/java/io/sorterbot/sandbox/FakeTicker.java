package io.sorterbot.sandbox;

import io.sorterbot.aws.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** A ticker whose time only moves when told to, or by {@link #sleep} (which returns at once). Thread-safe. */
final class FakeTicker implements Ticker {
  private final AtomicReference<Instant> now;
  private final AtomicLong sleptNanos = new AtomicLong();

  FakeTicker() { this(Instant.parse("2024-01-01T00:00:00Z")); }

  FakeTicker(Instant start) { this.now = new AtomicReference<>(start); }

  @Override public Instant now() { return now.get(); }

  @Override public void sleep(Duration d) {
    sleptNanos.addAndGet(d.toNanos());
    advance(d);
  }

  void advance(Duration d) { now.updateAndGet(t -> t.plus(d)); }

  Duration slept() { return Duration.ofNanos(sleptNanos.get()); }
}
