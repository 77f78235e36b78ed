package io.sorterbot.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code sorterbot <command> [options]}. */
@Command(name = "sorterbot", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Deploys and keeps in shape the SorterBot stack on AWS from one YAML file.",
    subcommands = {ValidateCommand.class, PlanCommand.class, ApplyCommand.class, DestroyCommand.class,
        DriftCommand.class, OutputsCommand.class, GraphCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 success / no changes, 1 error, 2 changes found (plan --detailed-exitcode) or drift."})
public final class Main implements Runnable {
  public static final String VERSION = "0.1.0";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  private final Environment env;

  Main(Environment env) { this.env = env; }

  /** What commands take from the process: environment variables, clock, crash point. */
  Environment env() { return env; }

  @Override public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line in this process's environment; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) { return run(args, out, err, Environment.system()); }

  /** Runs one command line in {@code env}; returns the exit code. Tests pass their own environment. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Environment env) {
    CommandLine cl = new CommandLine(new Main(env));
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(Errors::onUsageError);
    cl.setExecutionExceptionHandler(Errors::onExecutionError);
    cl.setExitCodeExceptionMapper(t -> ExitCodes.ERROR);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Prints the version. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override public String[] getVersion() {
      return new String[] {"sorterbot " + VERSION};
    }
  }
}
