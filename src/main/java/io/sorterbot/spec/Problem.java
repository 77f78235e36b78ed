package io.sorterbot.spec;

/** One validation problem, printed as {@code FILE:LINE:COL: message (hint: ...)}. */
public record Problem(SourcePos pos, String message, String hint) {
  public Problem(SourcePos pos, String message) { this(pos, message, null); }

  public String render() {
    String where = pos.line() == 0 ? pos.file() : pos.toString(); // the file as a whole: no ":0:0"
    return where + ": " + message + (hint == null || hint.isEmpty() ? "" : " (hint: " + hint + ")");
  }
}
