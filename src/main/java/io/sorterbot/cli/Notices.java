package io.sorterbot.cli;

import io.sorterbot.model.Notice;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What the kinds of one run had to say ({@link Notice}): each distinct notice is printed once, at the end of the
 * run (a service that waits for its image is seen by discovery and again by its update, yet told once), on
 * standard error so that plan and drift output stay machine-readable. Verbose notices only with {@code -v}.
 */
final class Notices implements Consumer<Notice> {
  private final PrintWriter err;
  private final boolean verbose;
  private final Set<Notice> seen = new LinkedHashSet<>();

  Notices(PrintWriter err, boolean verbose) {
    this.err = err;
    this.verbose = verbose;
  }

  @Override public synchronized void accept(Notice n) {
    if (verbose || !n.verbose()) seen.add(n);
  }

  /** Prints them ("Note: ..."), secrets masked by {@code redact}, and forgets them. */
  synchronized void print(UnaryOperator<String> redact) {
    for (Notice n : seen) err.println("Note: " + redact.apply(n.text()));
    if (!seen.isEmpty()) err.flush();
    seen.clear();
  }
}
