package io.sorterbot.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it prints. */
public record Cli(int code, String out, String err) {
  /** A writer that drops what it is given. */
  public static final PrintWriter NOWHERE = new PrintWriter(java.io.Writer.nullWriter());

  public static Cli run(String... args) { return run(Environment.system(), args); }

  /** Runs in {@code env}: its variables (sandbox knobs, secrets' env sources), clock and crash point. */
  public static Cli run(Environment env, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(args, new PrintWriter(o), new PrintWriter(e), env);
    return new Cli(code, o.toString(), e.toString());
  }

  @Override public String toString() { return "exit " + code + "\n--- out\n" + out + "--- err\n" + err; }
}
