package io.sorterbot.cli;

import io.sorterbot.spec.Printable;
import io.sorterbot.spec.Problem;
import io.sorterbot.spec.SpecException;
import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How failures reach the user: one line of cause ("Error: ..."), one of hint ("Hint: ..."), exit 1; a
 * stack trace only with -v. Spec problems are one FILE:LINE:COL line each, then "N problems found.".
 */
final class Errors {
  /** The longest cause printed; AWS SDK messages (a credentials chain, say) can run to kilobytes. */
  static final int MAX_LINE = 400;
  /** "... (java.nio.file.InvalidPathException: Nul character not allowed)" in picocli's conversion messages. */
  private static final Pattern JAVA_EXCEPTION = Pattern.compile("\\((?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ?([^)]*)\\)");

  private Errors() {}

  static int onUsageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    String help = "see '" + cl.getCommandSpec().qualifiedName() + " --help'";
    String message = e.getMessage() == null ? "invalid command line" : e.getMessage();
    String hint = help;
    if (e instanceof CommandLine.UnmatchedArgumentException u) {
      List<String> unmatched = u.getUnmatched();
      boolean command = cl.getParent() == null && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-")
          && !cl.getCommandSpec().subcommands().isEmpty();
      if (command) {
        message = "unknown command '" + unmatched.get(0) + "'";
      } else if (message.startsWith("Unmatched argument")) { // "... at index 3: 'x'": the index means nothing to a user
        message = (unmatched.size() == 1 ? "unexpected argument " : "unexpected arguments ")
            + String.join(", ", unmatched.stream().map(a -> "'" + a + "'").toList());
      }
      List<String> suggestions = u.getSuggestions();
      String folder = afterBareSandbox(unmatched, args);
      if (folder != null) {
        hint = "a sandbox folder is given as --sandbox=" + folder + " (a bare --sandbox means " + AwsOptions.DEFAULT_SANDBOX + ")";
      } else if (!suggestions.isEmpty()) {
        hint = "did you mean " + String.join(" or ", suggestions.stream().limit(3)
            .map(s -> "'" + (command ? cl.getCommandSpec().qualifiedName() + " " : "") + s + "'").toList()) + "? " + help;
      }
    }
    err.println("Error: " + printable(withoutJavaNames(message), MAX_LINE));
    err.println("Hint: " + printable(hint, MAX_LINE));
    err.flush();
    return ExitCodes.ERROR;
  }

  /** The first unmatched word when it directly follows a bare --sandbox (meant as its folder), else null. */
  static String afterBareSandbox(List<String> unmatched, String[] args) {
    if (unmatched.isEmpty() || args == null) return null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals(unmatched.get(0)) && args[i - 1].equals("--sandbox")) return args[i];
    }
    return null;
  }

  static int onExecutionError(Exception e, CommandLine cl, ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof SpecException se && se.problems().size() == 1 && se.problems().get(0).pos().line() == 0) {
      // the file as a whole (missing, unreadable): no FILE:0:0, no "1 problem found."
      Problem p = se.problems().get(0);
      err.println("Error: " + printable(p.pos().file() + ": " + p.message(), MAX_LINE));
      if (p.hint() != null) err.println("Hint: " + printable(p.hint(), MAX_LINE));
    } else if (e instanceof SpecException se) {
      for (Problem p : se.problems()) err.println(printable(p.render(), Integer.MAX_VALUE));
      err.println(se.problems().size() == 1 ? "1 problem found." : se.problems().size() + " problems found.");
    } else if (e instanceof UserError ue) {
      err.println("Error: " + printable(ue.getMessage(), MAX_LINE));
      if (ue.hint() != null) err.println("Hint: " + printable(ue.hint(), MAX_LINE));
    } else if (io.sorterbot.aws.AwsErrors.credentialsMissing(e)) {
      err.println("Error: no AWS credentials found (looked in the environment, the profile files, the container and instance metadata)");
      err.println("Hint: configure them (aws configure, AWS_PROFILE, --profile NAME), or try the simulated account with --sandbox");
    } else {
      err.println("Error: " + printable(oneLine(e), MAX_LINE));
      err.println("Hint: run again with -v for details");
    }
    if (verbose(parsed)) e.printStackTrace(err);
    err.flush();
    return ExitCodes.ERROR;
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("-v")) return true;
    }
    return false;
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage().strip();
    int nl = m.indexOf('\n');
    String line = nl < 0 ? m : m.substring(0, nl).strip();
    // the SDK appends its whole parsed profile file ("ProfileFile(sections=[...], profiles=[...])"): noise to a user
    int dump = line.indexOf(": ProfileFile(");
    return dump < 0 ? line : line.substring(0, dump);
  }

  /** picocli's "(java.lang.NumberFormatException: For input string: ...)" → "(For input string: ...)". */
  static String withoutJavaNames(String message) {
    Matcher m = JAVA_EXCEPTION.matcher(message);
    StringBuilder sb = new StringBuilder();
    while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1).isBlank() ? "" : "(" + m.group(1).strip() + ")"));
    m.appendTail(sb);
    return sb.toString().replace(" ()", "");
  }

  /** {@code s} safe to print on one line, cut to {@code max} characters ({@link Printable}). */
  static String printable(String s, int max) { return Printable.of(s, max); }
}
