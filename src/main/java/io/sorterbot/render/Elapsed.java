package io.sorterbot.render;

import java.time.Duration;

/** Durations the way Terraform prints them: 45s, 1m30s. */
public final class Elapsed {
  private Elapsed() {}

  public static String of(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return s < 60 ? s + "s" : (s / 60) + "m" + (s % 60) + "s";
  }
}
