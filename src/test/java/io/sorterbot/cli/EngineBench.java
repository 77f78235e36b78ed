package io.sorterbot.cli;

import io.sorterbot.apply.ApplyListener;
import io.sorterbot.apply.ApplyResult;
import io.sorterbot.apply.Executor;
import io.sorterbot.model.Ticker;
import io.sorterbot.bench.ScaledTicker;
import io.sorterbot.graph.DependencyGraph;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.plan.Plan;
import io.sorterbot.sandbox.CallStats;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine benchmark: prints figures, asserts nothing (never a timed test). Run with
 * {@code mvn -q -Pbench verify} (see the README), or directly with the test classpath:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.sorterbot.cli.EngineBench [FILE]}.
 *
 * <ol>
 *   <li>AWS calls of a no-change plan, by service and action, and per resource;</li>
 *   <li>no-change plan wall time with 50 ms per call, next to the serial sum of its calls;</li>
 *   <li>apply from empty: makespan against the critical path, with the sandbox's provisioning model
 *       (RDS 6 min, EC2 instance 1 min, ECS service 2 min) on a clock running 20 times faster.</li>
 * </ol>
 */
public final class EngineBench {
  static final Map<String, Duration> MODEL = Map.of(
      "rds.dbInstance", Duration.ofMinutes(6), "ec2.instance", Duration.ofMinutes(1), "ecs.service", Duration.ofMinutes(2));

  private final Path file;
  private final PrintStream out = System.out;

  EngineBench(Path file) { this.file = file; }

  public static void main(String[] args) throws Exception {
    Path f = Path.of(args.length > 0 ? args[0] : "sorterbot.yaml");
    new EngineBench(f).run();
  }

  private FileOptions fileOptions() {
    FileOptions o = new FileOptions();
    o.file = file;
    return o;
  }

  private AwsOptions awsOptions(Path dir) {
    AwsOptions a = new AwsOptions();
    a.sandbox = dir;
    a.parallelism = 10;
    a.lockTimeout = Duration.ZERO;
    return a;
  }

  private Session session(Path dir, SandboxKnobs knobs, Ticker ticker, CallStats[] stats) {
    return new Session("bench", fileOptions(), awsOptions(dir), KindContext.Progress.NONE,
        new Environment(System.getenv(), ticker, io.sorterbot.sandbox.SandboxGate.HALT), Cli.NOWHERE, region -> {
      SandboxClients c = SandboxClients.open(dir, region, knobs, ticker);
      stats[0] = c.callStats();
      return c;
    });
  }

  void run() throws Exception {
    Path dir = Files.createTempDirectory("sorterbot-bench");
    out.printf("sorterbot engine benchmark: %s, %d cores, Java %s%n%n", file, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    CallStats[] stats = new CallStats[1];
    int resources;
    // 3. apply from empty on a clock 100x faster, with the provisioning model
    double scale = 0.05;
    ScaledTicker fast = new ScaledTicker(scale);
    try (Session s = session(dir, SandboxKnobs.none().withLatency(Duration.ofMillis(50)).withProvisionScale(1), fast, stats)) {
      resources = s.spec.resources().size();
      Plan plan = s.plan(false);
      s.ensureSecrets();
      Instant t0 = fast.now();
      long wall0 = System.nanoTime();
      ApplyResult r = new Executor(s.kinds, s.ctx.ticker(), s.desiredState(), 10, ApplyListener.NONE, s.redactor()).execute(plan);
      Duration makespan = Duration.between(t0, fast.now());
      Duration wall = Duration.ofNanos(System.nanoTime() - wall0);
      if (!r.ok()) throw new IllegalStateException("apply failed: " + r.failed() + " " + r.skipped());
      Map<String, Long> calls = stats[0].snapshot();
      Duration bound = criticalPath(s.loaded.graph(), s, stats[0], calls);
      out.println("3. apply from empty (50 ms per call, RDS 6 min, instance 1 min, service 2 min; clock x20)");
      out.printf("   resources %d, calls %d, makespan %s (model time; %.1f s wall)%n", resources, stats[0].total(),
          fmt(makespan), wall.toMillis() / 1000.0);
      out.printf("   critical path lower bound %s -> makespan / bound = %.2f (target <= 1.10)%n%n", fmt(bound),
          makespan.toMillis() / (double) bound.toMillis());
    }
    // 1 + 2. no-change plan: calls and wall time at 50 ms per call
    try (Session s = session(dir, SandboxKnobs.none().withLatency(Duration.ofMillis(50)), Ticker.SYSTEM, stats)) {
      s.plan(false); // warm-up: class loading and JIT are start-up cost, measured separately (section 5)
      s.refresh();
      stats[0].reset();
      long t0 = System.nanoTime();
      Plan p = s.plan(false);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (p.hasChanges()) throw new IllegalStateException("expected no changes after apply");
      Map<String, Long> calls = stats[0].snapshot();
      long total = stats[0].total();
      out.println("1. AWS calls of a no-change plan");
      calls.forEach((k, v) -> out.printf("   %-45s %4d%n", k, v));
      out.printf("   total %d for %d resources = %.2f calls per resource (target <= 1.5)%n%n", total, resources,
          total / (double) resources);
      out.println("2. no-change plan wall time at 50 ms per call");
      out.printf("   wall %d ms; serial sum %d calls x 50 ms = %d ms; speed-up %.1fx%n%n", ms, total, total * 50,
          total * 50.0 / ms);
    }
  }

  /**
   * The longest chain of the dependency graph, weighing each resource by its modelled provisioning
   * time plus the latency of the calls its kind makes to create it (at least one).
   */
  private Duration criticalPath(DependencyGraph g, Session s, CallStats stats, Map<String, Long> calls) {
    Map<String, Duration> finish = new HashMap<>();
    Duration best = Duration.ZERO;
    for (String sbid : g.applyOrder()) {
      Duration start = Duration.ZERO;
      for (String d : g.dependencies(sbid)) if (finish.get(d).compareTo(start) > 0) start = finish.get(d);
      String type = s.spec.resources().get(sbid).type();
      Duration own = MODEL.getOrDefault(type, Duration.ZERO).plus(Duration.ofMillis(50));
      Duration f = start.plus(own);
      finish.put(sbid, f);
      if (f.compareTo(best) > 0) best = f;
    }
    return best;
  }

  private static String fmt(Duration d) {
    long ms = d.toMillis();
    return (ms / 60000) + "m" + String.format("%06.3f", (ms % 60000) / 1000.0) + "s";
  }

}
