package io.sorterbot.cli;

import io.sorterbot.spec.Problem;
import io.sorterbot.spec.SpecException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** How failures reach the user: one line of cause, one of hint, exit 1; a stack trace only with -v. */
final class Errors {
  private Errors() {}

  static int onUsageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("Error: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Hint: see '" + cl.getCommandSpec().qualifiedName() + " --help'");
    return ExitCodes.ERROR;
  }

  static int onExecutionError(Exception e, CommandLine cl, ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof SpecException se) {
      for (Problem p : se.problems()) err.println(p.render());
      err.println(se.problems().size() == 1 ? "1 problem found." : se.problems().size() + " problems found.");
    } else if (e instanceof UserError ue) {
      err.println("Error: " + ue.getMessage());
      if (ue.hint() != null) err.println("Hint: " + ue.hint());
    } else {
      err.println("Error: " + oneLine(e));
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
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
