package io.sorterbot.model;

import java.time.Duration;
import java.time.Instant;

/** Time as kinds and retries see it. Tests replace it so nothing really sleeps. */
public interface Ticker {
  Instant now();

  void sleep(Duration d) throws InterruptedException;

  Ticker SYSTEM = new Ticker() {
    @Override public Instant now() { return Instant.now(); }
    @Override public void sleep(Duration d) throws InterruptedException { Thread.sleep(d.toMillis()); }
  };
}
