package io.sorterbot.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of every command that talks to AWS (or the sandbox). */
public final class AwsOptions {
  @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: the file's, then AWS config).")
  String region;

  @Option(names = "--profile", paramLabel = "NAME", description = "AWS credentials profile.")
  String profile;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "Any AWS-compatible endpoint (default: AWS; AWS_ENDPOINT_URL works too).")
  String endpointUrl;

  /** The sandbox folder when {@code --sandbox} is given without {@code =DIR}. */
  static final String DEFAULT_SANDBOX = ".sorterbot/sandbox";

  @Option(names = "--sandbox", arity = "0..1", paramLabel = "DIR", fallbackValue = DEFAULT_SANDBOX,
      preprocessor = SandboxFolder.class,
      description = "Run against the built-in simulated account kept in DIR (default: ${FALLBACK-VALUE}); "
          + "a folder is given as --sandbox=DIR. Not AWS.")
  Path sandbox;

  /**
   * A folder only as {@code --sandbox=DIR}: the word after a bare {@code --sandbox} is never taken as the
   * folder ({@code apply --sandbox plan.out} applies the saved plan in the default sandbox; it does not
   * deploy into a new folder named plan.out).
   */
  static final class SandboxFolder implements picocli.CommandLine.IParameterPreprocessor {
    @Override public boolean preprocess(java.util.Stack<String> args, picocli.CommandLine.Model.CommandSpec spec,
                                        picocli.CommandLine.Model.ArgSpec arg, java.util.Map<String, Object> info) {
      if (!"=".equals(info.get("separator"))) {
        args.push(DEFAULT_SANDBOX);
      } else if (args.isEmpty() || args.peek().isBlank()) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--sandbox= needs a folder: --sandbox=DIR, or --sandbox alone for " + DEFAULT_SANDBOX);
      }
      return false;
    }
  }

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10", converter = Parallelism.class,
      description = "Actions at once, 1 to " + Parallelism.MAX + " (default: ${DEFAULT-VALUE}).")
  int parallelism;

  /** 1..MAX: zero would never run anything, and thousands of threads only buy throttling. */
  static final class Parallelism implements picocli.CommandLine.ITypeConverter<Integer> {
    static final int MAX = 100;

    @Override public Integer convert(String v) {
      try {
        int n = Integer.parseInt(v.strip());
        if (n >= 1 && n <= MAX) return n;
      } catch (NumberFormatException e) {
        // below
      }
      throw new picocli.CommandLine.TypeConversionException("'" + v + "' is not a whole number from 1 to " + MAX);
    }
  }

  @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
      description = "Wait this long for another run on the stack to finish (e.g. 30s, 10m; default: fail at once).")
  java.time.Duration lockTimeout;

  /** Where the run lock lives. */
  enum LockKind { local, ssm }

  @Option(names = "--lock", paramLabel = "local|ssm", defaultValue = "local",
      description = "The run lock: a local file (default), or an SSM parameter in the target account for runners on several machines.")
  LockKind lock;

  @Option(names = "--target", paramLabel = "SBID", description = "Limit the run to this resource and what it needs (repeatable).")
  List<String> targets = new ArrayList<>();
}
