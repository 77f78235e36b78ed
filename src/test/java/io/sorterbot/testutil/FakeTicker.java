package io.sorterbot.testutil;

import io.sorterbot.model.Ticker;
import java.time.Duration;
import java.time.Instant;

/**
 * Time that moves only when someone sleeps on it (or a test advances it): tests never really wait.
 * Thread-safe. Test packages extend it only to pin their own start time.
 */
public class FakeTicker implements Ticker {
  private Instant now;
  private Duration slept = Duration.ZERO;

  public FakeTicker() { this(Instant.parse("2026-01-01T00:00:00Z")); }

  public FakeTicker(Instant start) { this.now = start; }

  @Override public synchronized Instant now() { return now; }

  @Override public synchronized void sleep(Duration d) {
    now = now.plus(d);
    slept = slept.plus(d);
  }

  /** Moves the clock without counting it as sleep. */
  public synchronized void advance(Duration d) { now = now.plus(d); }

  /** Everything slept so far. */
  public synchronized Duration slept() { return slept; }
}
