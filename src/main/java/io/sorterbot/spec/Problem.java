package io.sorterbot.spec;

/** One validation problem, printed as {@code FILE:LINE:COL: message (hint: ...)}. */
public record Problem(SourcePos pos, String message, String hint) {
  public Problem(SourcePos pos, String message) { this(pos, message, null); }

  public String render() {
    return pos + ": " + message + (hint == null || hint.isEmpty() ? "" : " (hint: " + hint + ")");
  }
}
