package io.sorterbot.testutil;

import io.sorterbot.aws.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Time that moves only when someone sleeps: tests never really wait. */
public final class FakeTicker implements Ticker {
  private final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

  @Override public Instant now() { return Instant.ofEpochMilli(millis.get()); }

  @Override public void sleep(Duration d) { millis.addAndGet(d.toMillis()); }
}
