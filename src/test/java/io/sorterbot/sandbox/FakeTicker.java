package io.sorterbot.sandbox;

import java.time.Instant;

/** The shared fake ticker, started where the sandbox tests' timestamps expect it. */
final class FakeTicker extends io.sorterbot.testutil.FakeTicker {
  FakeTicker() { this(Instant.parse("2024-01-01T00:00:00Z")); }

  FakeTicker(Instant start) { super(start); }
}
