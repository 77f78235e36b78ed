package io.sorterbot.cli;

import io.sorterbot.model.Ticker;
import io.sorterbot.sandbox.SandboxGate;
import java.util.Map;

/**
 * What a run takes from its surroundings rather than from its options: environment variables (secrets'
 * {@code env:} sources, region, endpoint, sandbox knobs), the clock of every wait, and what the sandbox's
 * crash point does. {@link #system()} is the real process; tests pass their own so that knobs, clocks and
 * crashes need no child process.
 */
public record Environment(Map<String, String> vars, Ticker ticker, Runnable crash) {
  public Environment {
    vars = Map.copyOf(vars);
  }

  /** The process environment, the system clock, and a crash point that halts like {@code kill -9}. */
  public static Environment system() { return new Environment(System.getenv(), Ticker.SYSTEM, SandboxGate.HALT); }

  /** The variable, or null when unset. */
  public String get(String name) { return vars.get(name); }

  public Environment with(String name, String value) {
    Map<String, String> m = new java.util.HashMap<>(vars);
    m.put(name, value);
    return new Environment(m, ticker, crash);
  }
}
