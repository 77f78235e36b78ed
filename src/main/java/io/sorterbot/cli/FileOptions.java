package io.sorterbot.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options of every command that reads the file. */
public final class FileOptions {
  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The desired-state file (default: ${DEFAULT-VALUE}).",
      defaultValue = "sorterbot.yaml")
  Path file;

  @Option(names = "--var", paramLabel = "NAME=VALUE", parameterConsumer = VarConsumer.class,
      description = "Set a variable (repeatable; each NAME at most once). A literal '$${' is written '$$$${'.")
  // picocli interpolates ${...} in descriptions: '$${' prints '${' and '$$$${' prints '$${' (HelpTest checks it)
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(names = "-v", description = "Verbose: stack traces and retry details on errors.")
  boolean verbose;

  @Option(names = "--no-color", description = "No ANSI colours (also when NO_COLOR is set).")
  boolean noColor;

  public boolean color() { return !noColor && System.getenv("NO_COLOR") == null && System.console() != null; }

  /**
   * Parses one {@code --var NAME=VALUE} into {@link #vars}. Refused as usage errors: no '=', an empty or
   * repeated NAME, a reference in the value (values are never expanded: '$${' writes a literal '${'), and
   * text that is not text (NUL, a lone surrogate, U+FFFD from an undecodable argument). Whether NAME is
   * declared and VALUE has its type is the file's business (FILE:LINE:COL problems from the reader).
   */
  public static final class VarConsumer implements CommandLine.IParameterConsumer {
    @Override public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
      CommandLine cl = commandSpec.commandLine();
      if (args.isEmpty() || commandSpec.optionsMap().containsKey(args.peek())) {
        throw new CommandLine.ParameterException(cl, "--var needs a value: NAME=VALUE");
      }
      String raw = args.pop();
      int eq = raw.indexOf('=');
      if (eq < 0) {
        throw new CommandLine.ParameterException(cl, "--var " + show(raw) + ": expected NAME=VALUE (there is no '=')");
      }
      String name = raw.substring(0, eq);
      String value = raw.substring(eq + 1);
      if (name.isBlank()) throw new CommandLine.ParameterException(cl, "--var " + show(raw) + ": the variable name is empty");
      String bad = notText(raw);
      if (bad != null) throw new CommandLine.ParameterException(cl, "--var " + show(raw) + ": " + bad);
      if (value.replace("$${", "").contains("${")) {
        throw new CommandLine.ParameterException(cl, "--var " + show(raw)
            + ": a --var value cannot hold a reference ('${' is never expanded there); for a literal '${' write '$${'");
      }
      @SuppressWarnings("unchecked")
      Map<String, String> into = (Map<String, String>) argSpec.getValue();
      if (into == null) {
        into = new LinkedHashMap<>();
        argSpec.setValue(into);
      }
      if (into.containsKey(name)) {
        throw new CommandLine.ParameterException(cl, "--var " + show(name) + " is given twice (" + show(name + "=" + into.get(name))
            + ", then " + show(raw) + "); give each variable once");
      }
      into.put(name, value.replace("$${", "${"));
    }

    /** Why {@code s} is not text a user typed, or null. */
    private static String notText(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == 0) return "holds a NUL character";
        if (c == '\uFFFD') return "holds U+FFFD, the mark of bytes the shell's encoding could not decode (check LANG / LC_ALL)";
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          return "holds a lone UTF-16 surrogate (U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + "), which is not text";
        }
      }
      return null;
    }
  }

  /** {@code s} for an error message: control characters escaped, cut to 60 characters. */
  static String show(String s) {
    return Errors.printable(s, 60);
  }
}
