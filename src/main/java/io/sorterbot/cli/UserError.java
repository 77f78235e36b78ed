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
}
