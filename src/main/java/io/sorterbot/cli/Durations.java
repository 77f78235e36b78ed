package io.sorterbot.cli;

import java.time.Duration;

/** Durations as users write them to --lock-timeout: 5s, 10m, 1h30m (never Java's PT5S). */
final class Durations {
  private Durations() {}

  static String text(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s == 0) return d.isZero() || d.isNegative() ? "0s" : d.toMillis() + "ms";
    StringBuilder sb = new StringBuilder();
    if (s >= 3600) sb.append(s / 3600).append('h');
    if (s % 3600 >= 60) sb.append(s % 3600 / 60).append('m');
    if (s % 60 > 0) sb.append(s % 60).append('s');
    return sb.toString();
  }
}
