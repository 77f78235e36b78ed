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

  @Option(names = "--sandbox", arity = "0..1", paramLabel = "DIR", fallbackValue = ".sorterbot/sandbox",
      description = "Run against the built-in simulated account kept in DIR (default: ${FALLBACK-VALUE}). Not AWS.")
  Path sandbox;

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
