package io.sorterbot.model;

/**
 * A call to AWS (or the sandbox) failed, as the engine sees it: the provider's error code (null when the
 * failure is not an AWS error answer) and its message, classified once at the kind boundary.
 */
public final class KindFailure extends RuntimeException {
  private final String code;

  public KindFailure(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The AWS error code ({@code DependencyViolation}...), or null. */
  public String code() { return code; }

  /** "CODE: message" on one line, or the message alone. */
  public String describe() {
    String m = getMessage() == null || getMessage().isBlank() ? getCause() == null ? "failed" : getCause().getClass().getSimpleName()
        : getMessage();
    int nl = m.indexOf('\n');
    String first = nl < 0 ? m : m.substring(0, nl);
    return code == null ? first : code + ": " + first;
  }
}
