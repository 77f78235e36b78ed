package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.sorterbot.testutil.FakeTicker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input never gives a stack trace: for each broken --var, unreadable secret source, bad saved plan,
 * wrong flag and unreadable file, the CLI exits 1 and says why on stderr, either as one "Error: ..." line
 * plus one "Hint: ..." line, or (for the file's own problems) as FILE:LINE:COL lines plus "N problems
 * found."; nothing looks like a Java trace (on either stream) and no secret value is printed. The same
 * run with {@code -v} still exits 1 with the same first line (a trace is allowed there).
 *
 * <p>A case marked {@code xfail} is a known defect that needs a change outside the files this test covers:
 * while the CLI misbehaves the case is skipped with the reason; once it behaves the case fails so that the
 * marker gets removed.
 */
class BadInputTest {
  static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  static final Pattern PROBLEM_LINE = Pattern.compile("^(.+):(\\d+):(\\d+): (.+)$");
  static final Pattern COUNT_LINE = Pattern.compile("^(1 problem|\\d+ problems) found\\.$");
  /** The value of the one readable secret of the secret fixtures: must never be printed. */
  static final String GOOD_SECRET = "G00d-Secret-BadInputTest-9931";
  static final String UNSET_ENV = "SORTERBOT_BADINPUT_SURELY_UNSET_7F3A";

  private static final AtomicInteger RUN = new AtomicInteger();
  private static final AtomicInteger RUN_VERBOSE = new AtomicInteger();
  private static final AtomicInteger SKIPPED = new AtomicInteger();
  private static final AtomicInteger XFAILED = new AtomicInteger();
  private static Fixtures fx;

  /** What stderr must look like. */
  enum Shape {
    /** "Error: ..." then "Hint: ...", nothing else. */
    ERROR,
    /** FILE:LINE:COL lines, then "N problem(s) found.". */
    PROBLEMS
  }

  /** One bad input: the arguments, the expected shape, fragments stderr must hold. */
  static final class Case {
    final String name;
    final String[] args;
    Shape shape = Shape.ERROR;
    final List<String> fragments = new ArrayList<>();
    String skip;
    String xfail;
    /** Environment variables set (value) or unset (null) for this run; the rest is the process's. */
    final Map<String, String> env = new LinkedHashMap<>();

    Case(String name, String... args) {
      this.name = name;
      this.args = args;
    }

    Case error(String... f) {
      shape = Shape.ERROR;
      fragments.addAll(List.of(f));
      return this;
    }

    Case problems(String... f) {
      shape = Shape.PROBLEMS;
      fragments.addAll(List.of(f));
      return this;
    }

    Case skipWhen(boolean cond, String why) {
      if (cond) skip = why;
      return this;
    }

    Case env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** The process's environment with this case's changes, a clock that never really waits, no crash point. */
    Environment environment() {
      Map<String, String> vars = new HashMap<>(System.getenv());
      env.forEach((k, v) -> {
        if (v == null) vars.remove(k);
        else vars.put(k, v);
      });
      vars.keySet().removeIf(k -> k.startsWith("SORTERBOT_SANDBOX_") && !env.containsKey(k));
      return new Environment(vars, new FakeTicker(), () -> { throw new IllegalStateException("no crash point in this test"); });
    }

    Case xfail(String why) {
      xfail = why;
      return this;
    }

    @Override public String toString() { return name; }
  }

  // ---------------------------------------------------------------------------------------------
  // the table

  static Stream<Case> cases() {
    Fixtures f = fixtures();
    List<Case> all = new ArrayList<>();
    all.addAll(varCases(f));
    all.addAll(secretCases(f));
    all.addAll(planFileCases(f));
    all.addAll(flagCases(f));
    all.addAll(fileCases(f));
    all.addAll(awsCases(f));
    return all.stream();
  }

  /** Broken --var values, each with validate (no AWS) and plan on the sandbox. */
  static List<Case> varCases(Fixtures f) {
    List<Case> out = new ArrayList<>();
    String digits = "9".repeat(100_000);
    String longText = "x".repeat(100_000);
    Object[][] table = {
        // name, Shape, fragment, --var arguments...
        {"no '='", Shape.ERROR, "expected NAME=VALUE", new String[] {"--var", "count"}},
        {"'=' attached, no '='", Shape.ERROR, "expected NAME=VALUE", new String[] {"--var=count"}},
        {"empty name", Shape.ERROR, "name is empty", new String[] {"--var", "=3"}},
        {"blank name", Shape.ERROR, "name is empty", new String[] {"--var", "  =3"}},
        {"no value at the end", Shape.ERROR, "--var needs a value", new String[] {"--var"}},
        {"an option instead of a value", Shape.ERROR, "--var needs a value", new String[] {"--var", "--no-color"}},
        {"unknown name suggests the closest", Shape.PROBLEMS, "did you mean 'count'", new String[] {"--var", "cuont=2"}},
        {"unknown name, nothing close", Shape.PROBLEMS, "declared variables: count", new String[] {"--var", "zzzzzzzzzzzz=2"}},
        {"integer variable given text", Shape.PROBLEMS, "expected an integer", new String[] {"--var", "count=abc"}},
        {"integer variable given a fraction", Shape.PROBLEMS, "expected an integer", new String[] {"--var", "count=1.5"}},
        {"integer variable given full-width digits", Shape.PROBLEMS, "expected an integer", new String[] {"--var", "count=\uFF11\uFF12"}},
        {"integer out of range", Shape.PROBLEMS, "out of range", new String[] {"--var", "count=99999999999999999999"}},
        {"boolean variable given yes", Shape.PROBLEMS, "expected true or false", new String[] {"--var", "enabled=yes"}},
        {"number variable given text", Shape.PROBLEMS, "expected a number", new String[] {"--var", "ratio=fast"}},
        {"number variable given NaN", Shape.PROBLEMS, "expected a number", new String[] {"--var", "ratio=NaN"}},
        {"list variable given a string", Shape.PROBLEMS, "expected a list", new String[] {"--var", "zones=eu-central-1a"}},
        {"list variable given broken YAML", Shape.PROBLEMS, "expected a list", new String[] {"--var", "zones=[a, b"}},
        {"duplicate --var", Shape.ERROR, "given twice", new String[] {"--var", "name=a", "--var", "name=b"}},
        {"duplicate --var, same value", Shape.ERROR, "given twice", new String[] {"--var", "count=2", "--var=count=2"}},
        {"value with a reference", Shape.ERROR, "cannot hold a reference", new String[] {"--var", "name=${var.count}"}},
        {"value with an unclosed '${'", Shape.ERROR, "'$${'", new String[] {"--var", "name=abc${"}},
        {"very long integer value", Shape.PROBLEMS, "characters)", new String[] {"--var", "count=" + digits}},
        {"very long unknown name", Shape.PROBLEMS, "characters)", new String[] {"--var", longText + "=1"}},
        {"very long value with a reference", Shape.ERROR, "characters)", new String[] {"--var", "name=${" + longText}},
        {"NUL in the value", Shape.ERROR, "NUL", new String[] {"--var", "name=a\u0000b"}},
        {"U+FFFD in the value (undecodable bytes)", Shape.ERROR, "U+FFFD", new String[] {"--var", "name=caf\uFFFD"}},
        {"lone surrogate in the value", Shape.ERROR, "surrogate", new String[] {"--var", "name=\uD800x"}},
        {"line break in the name", Shape.PROBLEMS, "na\\nme", new String[] {"--var", "na\nme=1"}},
    };
    for (Object[] row : table) {
      for (String cmd : List.of("validate", "plan")) {
        List<String> args = new ArrayList<>(List.of(cmd, "-f", f.vars.toString()));
        if (cmd.equals("plan")) args.add("--sandbox=" + f.sandbox);
        args.addAll(List.of((String[]) row[3]));
        Case c = new Case("--var " + row[0] + " [" + cmd + "]", args.toArray(String[]::new));
        if (row[1] == Shape.ERROR) c.error((String) row[2]);
        else c.problems((String) row[2]);
        out.add(c);
      }
    }
    return out;
  }

  /** Secret sources that cannot be read: the error names the secret and the source, never a value. */
  static List<Case> secretCases(Fixtures f) {
    List<Case> out = new ArrayList<>();
    out.add(secret(f, "missing file", "file: " + f.dir.resolve("no-such-secret.txt"), "'bad'", "no-such-secret.txt", "no such file"));
    out.add(secret(f, "a directory", "file: " + f.dir, "'bad'", f.dir.toString(), "directory"));
    out.add(secret(f, "empty file", "file: " + f.emptySecret, "'bad'", f.emptySecret.toString(), "empty"));
    out.add(secret(f, "blank file", "file: " + f.blankSecret, "'bad'", f.blankSecret.toString(), "empty"));
    out.add(secret(f, "binary file", "file: " + f.binarySecret, "'bad'", f.binarySecret.toString(), "not UTF-8")
        .error("!0x")); // never the offending byte: it is part of the secret
    out.add(secret(f, "file without read permission", "file: " + f.unreadableSecret, "'bad'", f.unreadableSecret.toString(),
        "permission denied").skipWhen(f.runsAsRoot, "running as root: a chmod 000 file is still readable"));
    out.add(secret(f, "unset environment variable", "env: " + UNSET_ENV, "'bad'", UNSET_ENV, "not set").env(UNSET_ENV, null));
    out.add(secret(f, "empty environment variable", "env: " + UNSET_ENV, "'bad'", UNSET_ENV, "empty").env(UNSET_ENV, ""));
    out.add(secret(f, "SSM parameter missing in the sandbox", "ssm: /badinput/no-such-parameter", "'bad'",
        "/badinput/no-such-parameter", "does not exist"));
    out.add(secret(f, "SSM parameter AWS refuses to read", "ssm: /badinput/refused", "'bad'", "/badinput/refused", "AccessDenied")
        .env("SORTERBOT_SANDBOX_REFUSE", "ssm:GetParameter"));
    return out;
  }

  private static Case secret(Fixtures f, String what, String source, String... fragments) {
    Path file = f.secretStack(what, source);
    return new Case("secret from " + what, "plan", "-f", file.toString(), "--sandbox=" + f.sandbox).error(fragments);
  }

  /** apply PLANFILE with a file that is not a plan this version made for this stack. */
  static List<Case> planFileCases(Fixtures f) {
    String sb = "--sandbox=" + f.sandbox;
    List<Case> out = new ArrayList<>();
    out.add(new Case("plan file missing", "apply", f.dir.resolve("no-such.plan").toString(), sb).error("no such file"));
    out.add(new Case("plan file is a directory", "apply", f.dir.toString(), sb).error("directory"));
    out.add(new Case("plan file empty", "apply", f.emptyFile.toString(), sb).error("is not a saved plan", "empty"));
    out.add(new Case("plan file not JSON", "apply", f.plan("not-json", "this is: not json\n").toString(), sb).error("not JSON"));
    out.add(new Case("plan file binary", "apply", f.binaryFile.toString(), sb).error("not UTF-8"));
    out.add(new Case("plan file a JSON array", "apply", f.plan("array", "[1, 2, 3]").toString(), sb).error("not a sorterbot plan"));
    out.add(new Case("plan file JSON but not a plan", "apply", f.plan("other-json", "{\"terraform_version\": \"1.9.0\"}").toString(), sb)
        .error("not a sorterbot plan"));
    out.add(new Case("plan file truncated", "apply", f.plan("truncated", f.validPlan.substring(0, f.validPlan.length() / 2)).toString(), sb)
        .error("ends too early"));
    out.add(new Case("plan of format version 2", "apply", f.plan("format-2", f.validPlanWith(n -> n.put("sorterbotPlan", 2))).toString(), sb)
        .error("format 2"));
    out.add(new Case("plan of format \"1\" (a string)", "apply",
        f.plan("format-string", f.validPlanWith(n -> n.put("sorterbotPlan", "1"))).toString(), sb).error("format \"1\""));
    out.add(new Case("plan made by another sorterbot version", "apply",
        f.plan("other-version", f.validPlanWith(n -> n.put("sorterbotVersion", "0.0.1"))).toString(), sb)
        .error("made by sorterbot 0.0.1; this is sorterbot " + Main.VERSION, "make a new one"));
    out.add(new Case("plan without a version (older file)", "apply",
        f.plan("no-version", f.validPlanWith(n -> n.remove("sorterbotVersion"))).toString(), sb)
        .error("made by an older sorterbot", "this is sorterbot " + Main.VERSION, "make a new one"));
    out.add(new Case("plan without its plan", "apply", f.plan("no-plan", f.validPlanWith(n -> n.remove("plan"))).toString(), sb)
        .error("incomplete", "'plan'"));
    out.add(new Case("plan without its file", "apply", f.plan("no-file", f.validPlanWith(n -> n.put("file", ""))).toString(), sb)
        .error("incomplete", "'file'"));
    out.add(new Case("plan whose file is not a path", "apply",
        f.plan("nul-file", f.validPlanWith(n -> n.put("file", "a\u0000b"))).toString(), sb).error("incomplete", "not a valid path"));
    out.add(new Case("plan whose --var values are not strings", "apply",
        f.plan("vars-object", f.validPlanWith(n -> n.putObject("vars").putArray("x"))).toString(), sb).error("incomplete", "vars.x"));
    out.add(new Case("plan made for another stack", "apply", f.otherStackPlan.toString(), sb)
        .error("is stale", "made for stack 'badinput-a', the file is for 'badinput-b'", "make a new one"));
    return out;
  }

  /** Wrong options, values and commands: usage errors. */
  static List<Case> flagCases(Fixtures f) {
    String file = f.vars.toString();
    String sb = "--sandbox=" + f.sandbox;
    List<Case> out = new ArrayList<>();
    out.add(new Case("unknown option", "validate", "-f", file, "--bogus").error("Unknown option", "'--bogus'"));
    out.add(new Case("unknown option with a suggestion", "validate", "--fiel", file).error("did you mean '--file'"));
    out.add(new Case("misspelt --parallelism", "plan", "-f", file, sb, "--paralelism", "3").error("did you mean '--parallelism'"));
    out.add(new Case("unknown command", "frobnicate").error("unknown command 'frobnicate'"));
    out.add(new Case("misspelt command", "valdate", "-f", file).error("unknown command 'valdate'", "did you mean 'sorterbot validate'"));
    out.add(new Case("no command", "-f", file).error("Unknown option"));
    out.add(new Case("help for an unknown command", "help", "frob").error("frob"));
    out.add(new Case("unexpected argument", "validate", "-f", file, "extra").error("'extra'"));
    out.add(new Case("-f without a value", "validate", "-f").error("Missing required parameter", "--file"));
    out.add(new Case("--lock-timeout without a value", "plan", "-f", file, sb, "--lock-timeout").error("--lock-timeout"));
    out.add(new Case("--format without a value", "graph", "-f", file, "--format").error("--format"));
    out.add(new Case("--parallelism abc", "plan", "-f", file, sb, "--parallelism", "abc").error("--parallelism", "'abc'"));
    out.add(new Case("--parallelism 0", "plan", "-f", file, sb, "--parallelism", "0").error("--parallelism", "from 1 to 100"));
    out.add(new Case("--parallelism -1", "plan", "-f", file, sb, "--parallelism", "-1").error("--parallelism", "from 1 to 100"));
    out.add(new Case("--parallelism 99999999999", "plan", "-f", file, sb, "--parallelism", "99999999999").error("--parallelism"));
    out.add(new Case("--lock-timeout abc", "plan", "-f", file, sb, "--lock-timeout", "abc").error("'abc' is not a duration"));
    out.add(new Case("--lock-timeout PTxx", "plan", "-f", file, sb, "--lock-timeout", "PTxx").error("'PTxx' is not a duration"));
    out.add(new Case("--lock-timeout -5m", "plan", "-f", file, sb, "--lock-timeout", "-5m").error("not a duration"));
    out.add(new Case("--lock-timeout PT-5M", "plan", "-f", file, sb, "--lock-timeout", "PT-5M").error("negative"));
    out.add(new Case("--lock-timeout 99999h", "plan", "-f", file, sb, "--lock-timeout", "99999h").error("longer than a year"));
    out.add(new Case("--lock-timeout with 30 digits", "plan", "-f", file, sb, "--lock-timeout", "9".repeat(30) + "s").error("not a duration"));
    out.add(new Case("--lock nfs", "plan", "-f", file, sb, "--lock", "nfs").error("--lock"));
    out.add(new Case("graph --format xml", "graph", "-f", file, "--format", "xml").error("--format", "'xml'"));
    out.add(new Case("drift --format xml", "drift", "-f", file, sb, "--format", "xml").error("--format", "'xml'"));
    out.add(new Case("drift --output of unknown format", "drift", "-f", file, sb, "--output", f.dir.resolve("report.xyz").toString())
        .error("cannot tell the format"));
    out.add(new Case("--endpoint-url not a URL", "plan", "-f", file, "--endpoint-url", "not a url").error("not a URL"));
    out.add(new Case("--target not in the file", "plan", "-f", file, sb, "--target", "SBVcp").error("SBVcp"));
    out.add(new Case("--sandbox is a regular file", "plan", "-f", file, "--sandbox=" + f.emptyFile).error("sandbox"));
    out.add(new Case("-f with a NUL", "validate", "-f", "a\u0000b").error("--file", "\\u0000"));
    out.add(new Case("plan --out into a missing folder", "plan", "-f", file, sb, "--out", f.dir.resolve("no-dir/x.plan").toString())
        .error("cannot write the plan", "no such file"));
    return out;
  }

  /** Files that cannot be read, or are not a stack file, through validate and plan. */
  static List<Case> fileCases(Fixtures f) {
    List<Case> out = new ArrayList<>();
    for (String cmd : List.of("validate", "plan")) {
      String[] sb = cmd.equals("plan") ? new String[] {"--sandbox=" + f.sandbox} : new String[0];
      out.add(file(cmd, "missing -f file", f.dir.resolve("missing.yaml"), sb).error("missing.yaml: file not found", "!:0:0"));
      out.add(file(cmd, "a directory as -f", f.dir, sb).error("directory", "!:0:0"));
      out.add(file(cmd, "an empty file", f.emptyFile, sb).problems("the file is empty"));
      out.add(file(cmd, "a binary file", f.binaryFile, sb).problems("not UTF-8", ":2:1:"));
      out.add(file(cmd, "a Latin-1 file", f.latin1File, sb).problems("not UTF-8", ":2:11:"));
      out.add(file(cmd, "NUL bytes", f.nulFile, sb).problems("U+0000", ":2:8:"));
      out.add(file(cmd, "deeply nested YAML", f.deepFile, sb).problems("nests deeper than 1000 levels"));
      out.add(file(cmd, "a file over the 64 MB limit", f.hugeFile, sb).error("too large", "64 MB"));
      out.add(file(cmd, "a file without read permission", f.unreadableFile, sb).error("permission denied")
          .skipWhen(f.runsAsRoot, "running as root: a chmod 000 file is still readable"));
      out.add(file(cmd, "broken YAML", corpus("01-yaml-bad-indentation.yaml"), sb).problems("YAML syntax error"));
      out.add(file(cmd, "unknown kind", corpus("14-unknown-kind.yaml"), sb).problems("ec2.vcp"));
      out.add(file(cmd, "a cycle", corpus("37-cycle-of-two.yaml"), sb).problems("dependency cycle"));
    }
    return out;
  }

  /** AWS (the sandbox) answering with errors; the sandbox's knobs misread. */
  static List<Case> awsCases(Fixtures f) {
    String file = f.vars.toString();
    String sb = "--sandbox=" + f.sandbox;
    List<Case> out = new ArrayList<>();
    out.add(new Case("AWS refuses discovery", "plan", "-f", file, sb).error("DescribeVpcs")
        .env("SORTERBOT_SANDBOX_REFUSE", "ec2:DescribeVpcs"));
    out.add(new Case("AWS refuses discovery [drift]", "drift", "-f", file, sb).error("DescribeVpcs")
        .env("SORTERBOT_SANDBOX_REFUSE", "ec2:DescribeVpcs"));
    out.add(new Case("AWS answers every call with a server error", "plan", "-f", file, sb).error("(HTTP 500)")
        .env("SORTERBOT_SANDBOX_ERROR_RATE", "1"));
    out.add(new Case("a sandbox knob that is not a number", "plan", "-f", file, sb).error("SORTERBOT_SANDBOX_THROTTLE_RATE")
        .env("SORTERBOT_SANDBOX_THROTTLE_RATE", "abc"));
    out.add(new Case("AWS refuses a create during apply", "apply", "--auto-approve", "-f", f.applied.toString(),
        "--sandbox=" + f.dir.resolve("apply-sandbox")).error("CreateVpc")
        .env("SORTERBOT_SANDBOX_REFUSE", "ec2:CreateVpc"));
    return out;
  }

  private static Case file(String cmd, String what, Path file, String... more) {
    List<String> args = new ArrayList<>(List.of(cmd, "-f", file.toString()));
    args.addAll(List.of(more));
    return new Case(what + " [" + cmd + "]", args.toArray(String[]::new));
  }

  private static Path corpus(String name) { return BASE.resolve("src/test/resources/corpus").resolve(name); }

  // ---------------------------------------------------------------------------------------------
  // the checks

  /** Each case runs twice: as is, then with -v after the subcommand (same exit, same first message line). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exitsOneWithACauseAndAHintAndNoTrace(Case c) {
    skipIfNeeded(c);
    RUN.incrementAndGet();
    Cli run = Cli.run(c.environment(), c.args);
    String wrong = judge(c, run);
    verdict(c, wrong, run);

    String[] verbose = verbose(c.args);
    if (verbose == null) return; // no subcommand to take -v
    RUN_VERBOSE.incrementAndGet();
    Cli v = Cli.run(c.environment(), verbose);
    assertThat(v.code()).as("exit code with -v: %s%n%s", shown(verbose), shortened(v)).isEqualTo(1);
    assertThat(firstMessage(v.err())).as("first message line with -v%n%s", shortened(v)).isEqualTo(firstMessage(run.err()));
    assertThat(v.out() + v.err()).as("no secret value, even with -v").doesNotContain(GOOD_SECRET);
  }

  /** Null when the run is what a bad input must give; else what is wrong. */
  static String judge(Case c, Cli run) {
    List<String> problems = new ArrayList<>();
    if (run.code() != 1) problems.add("exit code " + run.code() + ", want 1");
    for (String stream : List.of(run.out(), run.err())) {
      if (stream.contains("\tat ") || stream.contains("Exception") || Pattern.compile("(?m)^\\s*at [\\w$.]+\\(").matcher(stream).find()) {
        problems.add("a stack trace (or an exception's name) without -v");
      }
      if (stream.contains(GOOD_SECRET)) problems.add("a secret value was printed");
    }
    List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      problems.add("nothing on stderr");
    } else if (c.shape == Shape.ERROR) {
      if (!lines.get(0).startsWith("Error: ")) problems.add("the first stderr line does not start with 'Error: '");
      if (lines.size() != 2 || !lines.get(1).startsWith("Hint: ")) problems.add("want exactly 'Error: ...' and 'Hint: ...' on stderr");
    } else {
      if (!COUNT_LINE.matcher(lines.get(lines.size() - 1)).matches()) problems.add("the last stderr line is not 'N problems found.'");
      for (String l : lines.subList(0, lines.size() - 1)) {
        if (!PROBLEM_LINE.matcher(l).matches()) problems.add("not a FILE:LINE:COL problem line: " + l);
      }
    }
    for (String frag : c.fragments) {
      boolean absent = frag.startsWith("!");
      String f = (absent ? frag.substring(1) : frag).toLowerCase(Locale.ROOT);
      boolean has = run.err().toLowerCase(Locale.ROOT).contains(f);
      if (absent && has) problems.add("stderr holds '" + frag.substring(1) + "'");
      if (!absent && !has) problems.add("stderr lacks '" + frag + "'");
    }
    if (run.err().length() > 4_000) problems.add("stderr is " + run.err().length() + " characters long");
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  private static void verdict(Case c, String wrong, Cli run) {
    if (c.xfail != null) {
      if (wrong == null) fail(c.name + " is marked xfail (" + c.xfail + ") but now behaves: remove the marker");
      XFAILED.incrementAndGet();
      Assumptions.abort("known defect: " + c.xfail + " (" + wrong + ")");
    }
    if (wrong != null) fail(c.name + ": " + wrong + "\nargs: " + shown(c.args) + "\n" + shortened(run));
  }

  private static void skipIfNeeded(Case c) {
    if (c.skip != null) {
      SKIPPED.incrementAndGet();
      Assumptions.abort(c.skip);
    }
  }

  /** The arguments with -v right after the subcommand; null when there is none. */
  static String[] verbose(String[] args) {
    Set<String> subcommands = Set.of("validate", "plan", "apply", "destroy", "drift", "outputs", "graph");
    if (args.length == 0 || !subcommands.contains(args[0])) return null;
    List<String> out = new ArrayList<>(List.of(args));
    out.add(1, "-v");
    return out.toArray(String[]::new);
  }

  /** The first "Error: ..." or FILE:LINE:COL line (-v adds lines of its own, such as retry counts). */
  private static String firstMessage(String s) {
    return s.lines().filter(l -> l.startsWith("Error: ") || PROBLEM_LINE.matcher(l).matches()).findFirst().orElse("");
  }

  private static String shown(String[] args) {
    return Arrays.stream(args).map(a -> a.length() > 80 ? a.substring(0, 80) + "…" : a).toList().toString();
  }

  private static String shortened(Cli run) {
    String s = run.toString();
    return s.length() > 6_000 ? s.substring(0, 6_000) + "…" : s;
  }

  @AfterAll
  static void report() throws IOException {
    int n = (int) cases().count();
    System.out.println("BadInputTest: " + n + " cases; ran " + RUN.get() + " as is and " + RUN_VERBOSE.get() + " again with -v; "
        + SKIPPED.get() + " skipped (per run), " + XFAILED.get() + " known defects (xfail)");
    if (fx != null) {
      try (Stream<Path> s = Files.walk(fx.dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          p.toFile().setReadable(true);
          Files.deleteIfExists(p);
        }
      }
      fx = null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // fixtures

  private static synchronized Fixtures fixtures() {
    if (fx == null) {
      try {
        fx = new Fixtures();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return fx;
  }

  /** The files the cases read, made once in a temporary folder. */
  static final class Fixtures {
    final Path dir;
    final Path sandbox;
    final Path vars;
    final Path emptyFile;
    final Path binaryFile;
    final Path latin1File;
    final Path nulFile;
    final Path deepFile;
    final Path hugeFile;
    final Path unreadableFile;
    final Path goodSecret;
    final Path emptySecret;
    final Path blankSecret;
    final Path binarySecret;
    final Path unreadableSecret;
    final String validPlan;
    final Path otherStackPlan;
    final Path applied;
    final boolean runsAsRoot;
    private int stacks;

    Fixtures() throws IOException {
      dir = Files.createTempDirectory("sorterbot-badinput-").toRealPath();
      sandbox = dir.resolve("sandbox");
      vars = write("vars.yaml", """
          version: 1
          stack: badinput
          region: eu-central-1
          variables:
            count: {default: 1}
            enabled: {default: true}
            ratio: {default: 1.5}
            zones: {default: [eu-central-1a]}
            name: {default: demo}
          resources:
            SBVpc:
              type: ec2.vpc
              properties:
                cidrBlock: 10.0.0.0/16
                enableDnsSupport: ${var.enabled}
                tags: {Name: "${var.name}"}
          """);
      emptyFile = write("empty.yaml", "");
      binaryFile = Files.write(dir.resolve("binary.yaml"),
          concat("version: 1\n".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF, 1, 2}));
      latin1File = Files.write(dir.resolve("latin1.yaml"),
          "version: 1\nstack: caf\u00e9\nregion: eu-central-1\n".getBytes(StandardCharsets.ISO_8859_1));
      nulFile = write("nul.yaml", "version: 1\nstack: \u0000\u0000\nresources: {}\n");
      deepFile = write("deep.yaml", "version: 1\nstack: deep\nresources: " + "[".repeat(2_000) + "]".repeat(2_000) + "\n");
      hugeFile = dir.resolve("huge.yaml");
      try (RandomAccessFile raf = new RandomAccessFile(hugeFile.toFile(), "rw")) {
        raf.setLength((64L << 20) + 1); // sparse: no time, no disk
      }
      unreadableFile = write("unreadable.yaml", "version: 1\nstack: demo\nresources: {}\n");
      chmod000(unreadableFile);
      runsAsRoot = Files.isReadable(unreadableFile);
      goodSecret = write("good-secret.txt", GOOD_SECRET + "\n");
      emptySecret = write("empty-secret.txt", "");
      blankSecret = write("blank-secret.txt", "  \n\n");
      binarySecret = Files.write(dir.resolve("binary-secret.bin"), new byte[] {'a', (byte) 0xC3, (byte) 0x28, 'z'});
      unreadableSecret = write("unreadable-secret.txt", "s3cret\n");
      chmod000(unreadableSecret);

      // a valid saved plan, and one for a stack whose file then changes to another stack
      Path planned = write("planned.yaml", stackFile("badinput-a"));
      Path validPlanFile = dir.resolve("valid.plan");
      Cli made = Cli.run("plan", "-f", planned.toString(), "--sandbox=" + sandbox, "--out", validPlanFile.toString());
      if (made.code() != 0) throw new IllegalStateException("cannot make the fixture plan:\n" + made);
      validPlan = Files.readString(validPlanFile);
      Path other = write("other-stack.yaml", stackFile("badinput-a"));
      otherStackPlan = dir.resolve("other-stack.plan");
      made = Cli.run("plan", "-f", other.toString(), "--sandbox=" + sandbox, "--out", otherStackPlan.toString());
      if (made.code() != 0) throw new IllegalStateException("cannot make the fixture plan:\n" + made);
      write("other-stack.yaml", stackFile("badinput-b"));
      applied = write("applied.yaml", stackFile("badinput-apply"));
    }

    private static String stackFile(String stack) {
      return "version: 1\nstack: " + stack + "\nregion: eu-central-1\nresources:\n  SBVpc:\n    type: ec2.vpc\n"
          + "    properties: {cidrBlock: 10.1.0.0/16}\n";
    }

    /** A stack whose secret 'good' reads fine and whose secret 'bad' comes from {@code source}. */
    Path secretStack(String what, String source) {
      String yaml = """
          version: 1
          stack: badinput-secrets
          region: eu-central-1
          secrets:
            good: {file: %s}
            bad: {%s}
          resources:
            SBParam:
              type: ssm.parameter
              properties: {name: /badinput/p, type: SecureString, value: "${secret.good}/${secret.bad}"}
          """.formatted(goodSecret, source);
      return write("secrets-" + (++stacks) + ".yaml", yaml);
    }

    Path plan(String name, String text) {
      return write(name + ".plan", text);
    }

    String validPlanWith(java.util.function.Consumer<ObjectNode> change) {
      try {
        ObjectMapper m = new ObjectMapper();
        ObjectNode n = (ObjectNode) m.readTree(validPlan);
        change.accept(n);
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(n);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private Path write(String name, String text) {
      try {
        return Files.writeString(dir.resolve(name), text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void chmod000(Path p) throws IOException {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
      byte[] out = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, out, a.length, b.length);
      return out;
    }
  }
}
