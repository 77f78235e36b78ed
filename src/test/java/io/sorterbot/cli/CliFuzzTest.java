package io.sorterbot.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Property check of the whole command line, AWS commands included (always on the sandbox): random
 * argument vectors built from the real option names (read from the picocli model, so new options are
 * fuzzed as they appear), values of the right and wrong type, and junk. Seeded, so a failure reproduces.
 * For every vector: {@link Main#run} returns (never throws), the exit code is 0, 1 or 2, exit 1 comes
 * with a cause on stderr, and nothing looks like a stack trace unless -v was given.
 *
 * <p>Safety: an AWS command always gets {@code --sandbox=DIR} (a temporary folder) right after its name,
 * and the random part never names --sandbox; options that write (--out, --output) always get a path in
 * the temporary folder, never a bare or junk value; so no vector reaches AWS or writes outside it.
 */
class CliFuzzTest {
  static final long SEED = 0xC11_F022L;
  static final int VECTORS = 300;
  static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  private static final Set<String> AWS_COMMANDS = Set.of("plan", "apply", "destroy", "drift", "outputs");
  private static final Set<String> WRITING = Set.of("--out", "--output");
  private static final Pattern TRACE = Pattern.compile("(?m)^\\s*at [\\w$.]+\\(|\tat |Exception");
  private static final String[] JUNK = {"", " ", "-", "--", "---", "-x", "--nope", "=", "x=y", "a==b", "=v", "${", "$${x}",
      "NAME=VALUE", "count=abc", "count=2", "nope=1", "dot", "mermaid", "json", "markdown", "xml", "0", "-1", "abc", "10",
      "99999999999", "eu-central-1", "http://127.0.0.1:1", "not a url", "SBVpc", "SBNope", "/nonexistent/sorterbot.yaml",
      "missing.yaml", "ü", "\u0000", "\n", "'", "\"", "10s", "-5m", "PT1S", "PTxx", "local", "ssm", "nfs", "\uFFFD", "\uD800",
      "x".repeat(5_000), "-vx", "-fv", "--var", "--no-color", "-h", "-V"};
  private static final String[] COMMANDS = {"validate", "graph", "plan", "apply", "destroy", "drift", "outputs", "help",
      "", "valdate", "--help", "-V", "-v", "--version"};

  @TempDir Path tmp;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS) // only against hangs
  void randomCommandLinesNeverThrowNorTraceAndExitZeroOneOrTwo() throws IOException {
    Map<String, List<OptionSpec>> options = options();
    List<String> files = fixtureFiles();
    Random rnd = new Random(SEED);
    Map<Integer, Integer> codes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < VECTORS && failures.size() < 10; i++) {
      String[] args = vector(rnd, options, files);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code;
      try {
        code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment());
      } catch (Throwable t) {
        failures.add("#" + i + " " + shown(args) + ": threw " + t);
        continue;
      }
      codes.merge(code, 1, Integer::sum);
      String what = judge(args, code, out.toString(), err.toString());
      if (what != null) failures.add("#" + i + " " + shown(args) + ": " + what + "\n--- out\n" + cut(out) + "--- err\n" + cut(err));
    }
    System.out.println("CliFuzzTest: " + VECTORS + " command lines (seed " + SEED + "), exit codes " + codes);
    if (!failures.isEmpty()) {
      fail(failures.size() + " command lines misbehaved (seed " + SEED + "):\n\n" + String.join("\n\n", failures));
    }
  }

  /** The process's environment without sandbox knobs, with a clock that never really waits and no crash point. */
  private static Environment environment() {
    Map<String, String> vars = new java.util.HashMap<>(System.getenv());
    vars.keySet().removeIf(k -> k.startsWith("SORTERBOT_SANDBOX_"));
    return new Environment(vars, new io.sorterbot.testutil.FakeTicker(), () -> { throw new IllegalStateException("no crash point"); });
  }

  /** Null when a run with these arguments behaved; else what is wrong. */
  static String judge(String[] args, int code, String out, String err) {
    if (code < 0 || code > 2) return "exit " + code;
    boolean verbose = Arrays.stream(args).anyMatch(a -> a.startsWith("-v"));
    if (!verbose && (TRACE.matcher(out).find() || TRACE.matcher(err).find())) return "a stack trace without -v";
    if (code == 1 && err.lines().noneMatch(l -> l.startsWith("Error: ") || BadInputTest.PROBLEM_LINE.matcher(l).matches())) {
      return "exit 1 without an 'Error: ...' or FILE:LINE:COL line on stderr";
    }
    return null;
  }

  /** Each command's options, as the picocli model has them (the top level's under ""). */
  static Map<String, List<OptionSpec>> options() {
    CommandLine cl = new CommandLine(new Main(Environment.system()));
    Map<String, List<OptionSpec>> out = new LinkedHashMap<>();
    out.put("", cl.getCommandSpec().options());
    cl.getSubcommands().forEach((name, sub) -> out.put(name, sub.getCommandSpec().options()));
    return out;
  }

  private List<String> fixtureFiles() throws IOException {
    List<String> out = new ArrayList<>();
    out.add(BASE.resolve("examples/vpc-only.yaml").toString());
    Path vars = tmp.resolve("vars.yaml");
    Files.writeString(vars, """
        version: 1
        stack: clifuzz
        region: eu-central-1
        variables:
          count: {default: 1}
          name: {default: demo}
        secrets:
          pw: {generate: {length: 12}}
        resources:
          SBVpc:
            type: ec2.vpc
            properties: {cidrBlock: 10.0.0.0/16, tags: {Name: "${var.name}"}}
          SBParam:
            type: ssm.parameter
            properties: {name: /clifuzz/pw, type: SecureString, value: "${secret.pw}"}
        outputs:
          vpc: ${SBVpc.id}
        """);
    out.add(vars.toString());
    Path empty = Files.writeString(tmp.resolve("empty.yaml"), "");
    out.add(empty.toString());
    out.add(tmp.resolve("missing.yaml").toString());
    out.add(tmp.toString());
    try (Stream<Path> s = Files.list(BASE.resolve("src/test/resources/corpus"))) {
      s.filter(p -> p.toString().endsWith(".yaml")).sorted(Comparator.naturalOrder()).limit(12).forEach(p -> out.add(p.toString()));
    }
    return out;
  }

  /** A random vector; see the class comment for why it never reaches AWS or writes outside {@link #tmp}. */
  String[] vector(Random rnd, Map<String, List<OptionSpec>> options, List<String> files) {
    String cmd = COMMANDS[rnd.nextInt(COMMANDS.length)];
    List<String> args = new ArrayList<>();
    if (!cmd.isEmpty()) args.add(cmd);
    boolean aws = AWS_COMMANDS.contains(cmd);
    if (aws) {
      args.add("--sandbox=" + tmp.resolve("sandbox"));
      args.add("-f");
      args.add(files.get(rnd.nextInt(2))); // a valid file: the run gets past the reader
    }
    List<OptionSpec> own = new ArrayList<>(options.getOrDefault(options.containsKey(cmd) ? cmd : "", List.of()));
    own.removeIf(o -> Arrays.asList(o.names()).contains("--sandbox"));
    List<OptionSpec> any = options.values().stream().flatMap(List::stream)
        .filter(o -> !Arrays.asList(o.names()).contains("--sandbox")).toList();
    int n = rnd.nextInt(7);
    for (int k = 0; k < n; k++) {
      int kind = rnd.nextInt(10);
      if (kind < 6 && !own.isEmpty() || kind < 7 && !any.isEmpty()) {
        OptionSpec o = kind < 6 && !own.isEmpty() ? own.get(rnd.nextInt(own.size())) : any.get(rnd.nextInt(any.size()));
        String name = o.names()[rnd.nextInt(o.names().length)];
        boolean writes = WRITING.contains(o.longestName());
        boolean takesValue = o.arity().max() > 0;
        if (writes) {
          String path = tmp.resolve("out-" + rnd.nextInt(5) + (rnd.nextBoolean() ? ".json" : ".plan")).toString();
          if (rnd.nextBoolean()) args.add(name + "=" + path);
          else args.addAll(List.of(name, path));
        } else if (takesValue && rnd.nextInt(6) != 0) {
          String v = value(rnd, o, files);
          if (rnd.nextBoolean()) args.add(name + "=" + v);
          else args.addAll(List.of(name, v));
        } else {
          args.add(name);
        }
      } else if (kind < 9) {
        args.add(JUNK[rnd.nextInt(JUNK.length)]);
      } else {
        args.add(files.get(rnd.nextInt(files.size()))); // a positional path (apply's PLANFILE: read only)
      }
    }
    return args.toArray(String[]::new);
  }

  /** A value for {@code o}: often of its type, sometimes junk. */
  private static String value(Random rnd, OptionSpec o, List<String> files) {
    if (rnd.nextInt(4) == 0) return JUNK[rnd.nextInt(JUNK.length)];
    Class<?> t = o.type();
    if (t == Path.class || o.longestName().equals("--file")) return files.get(rnd.nextInt(files.size()));
    if (t == int.class || t == Integer.class) return String.valueOf(new int[] {-1, 0, 1, 2, 10, 64, 100000}[rnd.nextInt(7)]);
    if (t.isEnum()) {
      Object[] c = t.getEnumConstants();
      return rnd.nextInt(3) == 0 ? "xml" : c[rnd.nextInt(c.length)].toString();
    }
    if (o.longestName().equals("--var")) {
      return new String[] {"count=2", "count=x", "name=abc", "nope=1", "name", "=1", "name=${x}", "count=1.5"}[rnd.nextInt(8)];
    }
    if (o.longestName().equals("--lock-timeout")) return new String[] {"0s", "1s", "PT0S", "-1s", "1h", "abc"}[rnd.nextInt(6)];
    if (o.longestName().equals("--target")) return new String[] {"SBVpc", "SBParam", "SBNope"}[rnd.nextInt(3)];
    if (o.longestName().equals("--region")) return new String[] {"eu-central-1", "us-east-1", "xx-nowhere-9"}[rnd.nextInt(3)];
    return JUNK[rnd.nextInt(JUNK.length)];
  }

  private static String shown(String[] args) {
    return Arrays.stream(args).map(a -> a.length() > 60 ? a.substring(0, 60) + "…(" + a.length() + ")" : a).toList().toString();
  }

  private static String cut(StringWriter w) {
    String s = w.toString();
    return s.length() > 3_000 ? s.substring(0, 3_000) + "…\n" : s;
  }
}
