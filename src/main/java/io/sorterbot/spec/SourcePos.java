package io.sorterbot.spec;

/** A place in a source file; lines and columns start at 1. */
public record SourcePos(String file, int line, int col) {
  public static SourcePos unknown(String file) { return new SourcePos(file, 0, 0); }

  @Override public String toString() { return file + ":" + line + ":" + col; }
}
