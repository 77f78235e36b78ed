package io.sorterbot.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of every command that reads the file. */
public final class FileOptions {
  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The desired-state file (default: ${DEFAULT-VALUE}).",
      defaultValue = "sorterbot.yaml")
  Path file;

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Set a variable (repeatable).")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(names = "-v", description = "Verbose: stack traces and retry details on errors.")
  boolean verbose;

  @Option(names = "--no-color", description = "No ANSI colours (also when NO_COLOR is set).")
  boolean noColor;

  public boolean color() { return !noColor && System.getenv("NO_COLOR") == null && System.console() != null; }
}
