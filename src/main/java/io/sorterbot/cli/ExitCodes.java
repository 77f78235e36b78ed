package io.sorterbot.cli;

/** The exit codes scripts depend on (SPEC.md section 3). */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int CHANGES = 2;

  private ExitCodes() {}
}
