package io.sorterbot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The approval prompt. Without a terminal, only --auto-approve approves. */
final class Confirm {
  private Confirm() {}

  static boolean approved(boolean autoApprove, String verb, PrintWriter out) {
    if (autoApprove) return true;
    if (System.console() == null) {
      throw new UserError("refusing to " + verb + " without a terminal to confirm on",
          "pass --auto-approve for unattended runs (cron, CI)");
    }
    out.print("\nDo you want to perform these actions? Only 'yes' will be accepted to approve.\n  Enter a value: ");
    out.flush();
    try {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line != null && line.strip().equals("yes");
    } catch (IOException e) {
      return false;
    }
  }
}
