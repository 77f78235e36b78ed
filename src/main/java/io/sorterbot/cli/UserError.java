package io.sorterbot.cli;

/** An error the user can act on: printed as one line with a hint, exit 1, no stack trace. */
public class UserError extends RuntimeException {
  private final String hint;

  public UserError(String message, String hint) { this(message, hint, null); }

  public UserError(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint;
  }

  public String hint() { return hint; }

  /**
   * A run that finished with failures: its summary is on standard output already; this is the one line
   * on standard error that scripts and logs look for, with the first failure.
   */
  static UserError failedRun(String verb, io.sorterbot.apply.ApplyResult r) {
    int total = r.done().size() + r.failed().size() + r.skipped().size();
    String first = r.failed().isEmpty() ? r.skipped().get(0) : r.failed().stream().sorted().findFirst().orElseThrow();
    return new UserError(verb + " failed: " + r.failed().size() + " of " + total + " actions failed, " + r.skipped().size()
        + " skipped (first: " + first + ")", "fix the cause and run again: a re-run picks up where this one stopped");
  }
}
