package io.sorterbot.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it prints. */
public record Cli(int code, String out, String err) {
  public static Cli run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
    return new Cli(code, o.toString(), e.toString());
  }

  @Override public String toString() { return "exit " + code + "\n--- out\n" + out + "--- err\n" + err; }
}
