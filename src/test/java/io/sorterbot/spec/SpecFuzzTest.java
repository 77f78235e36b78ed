package io.sorterbot.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.sorterbot.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Property-based robustness of the reader and the command line. With fixed seeds (reproducible):
 * random mutations of the reference file either load or fail with positioned problems, never with
 * another exception; random argument vectors always end in exit 0/1/2 without a stack trace (unless -v).
 */
class SpecFuzzTest {
  static final long SEED = 0x5B_F022L;
  static final int MUTATIONS = 2_000;
  static final int ARG_VECTORS = 300;
  static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  static final Path CORPUS = BASE.resolve("src/test/resources/corpus");

  private static String reference;
  private static SpecReader reader;

  @BeforeAll
  static void load() throws IOException {
    Path shared = BASE.resolve("../shared/reference/sorterbot.yaml").normalize();
    Path file = Files.isRegularFile(shared) ? shared : BASE.resolve("sorterbot.yaml");
    reference = Files.readString(file, StandardCharsets.UTF_8);
    reader = new SpecReader(io.sorterbot.kinds.KindRegistry.catalog());
  }

  // ---------------------------------------------------------------------------------------------
  // the reader

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS) // only against hangs: the run takes a few seconds
  void mutatedReferenceFileLoadsOrFailsWithPositionedProblems() {
    assertThat(reader.read("reference.yaml", reference, Map.of()).spec().resources()).isNotEmpty();
    Random rnd = new Random(SEED);
    List<String> failures = new ArrayList<>();
    int valid = 0;
    int invalid = 0;
    for (int i = 0; i < MUTATIONS; i++) {
      Mutated m = mutate(reference, rnd);
      Map<String, String> vars = rnd.nextInt(10) == 0 ? randomVars(rnd) : Map.of();
      try {
        Loaded loaded = reader.read("fuzz.yaml", m.text(), vars);
        assertThat(loaded.spec()).isNotNull();
        loaded.graph().applyOrder(); // a valid file has an acyclic graph
        valid++;
      } catch (SpecException e) {
        invalid++;
        String bad = checkProblems(e.problems(), m.text());
        if (bad != null) failures.add(describe(i, m, vars, bad));
      } catch (Throwable t) {
        failures.add(describe(i, m, vars, "threw " + t + "\n    at " + firstFrames(t)));
      }
      if (failures.size() >= 10) break;
    }
    System.out.println("SpecFuzzTest: " + MUTATIONS + " mutations of the reference file (seed " + SEED + "): " + valid
        + " still valid, " + invalid + " rejected with problems");
    if (!failures.isEmpty()) {
      fail(failures.size() + " of " + MUTATIONS + " mutations broke the reader (seed " + SEED + "):\n\n"
          + String.join("\n\n", failures));
    }
    // the mutations must exercise both outcomes, or the test proves little
    assertThat(invalid).as("mutations rejected").isGreaterThan(MUTATIONS / 4);
    assertThat(valid).as("mutations still valid").isGreaterThan(20);
  }

  /** Null when every problem is well formed and points inside the text; else what is wrong. */
  static String checkProblems(List<Problem> problems, String text) {
    if (problems == null || problems.isEmpty()) return "SpecException without problems";
    int lines = (int) text.lines().count();
    for (Problem p : problems) {
      if (p == null || p.pos() == null) return "a problem without a position: " + p;
      String rendered;
      try {
        rendered = p.render();
      } catch (Throwable t) {
        return "render() threw " + t;
      }
      if (!"fuzz.yaml".equals(p.pos().file())) return "wrong file name: " + rendered;
      if (p.pos().line() < 0 || p.pos().line() > lines + 1) return "line outside the file (" + lines + " lines): " + rendered;
      if (p.pos().col() < 0) return "negative column: " + rendered;
      if (p.message() == null || p.message().isBlank()) return "empty message: " + rendered;
      if (p.message().contains("\n")) return "multi-line message: " + rendered;
    }
    return null;
  }

  record Mutated(String text, List<String> steps) {}

  private static final String[] CHARS = {":", "{", "}", "[", "]", "\"", "'", "$", "#", "-", " ", " ", "\t"};
  private static final String[] VALUES = {"[]", "{}", "42", "-1", "0", "true", "false", "null", "~", "\"\"", "''",
      "\"text\"", "[1, 2]", "[ a, { b: c } ]", "{a: 1}", "{ Name: x }", "1.5", "1e3", "0x1F", "99999999999999999999999",
      "${var.cloudTaskCount}", "${secret.dbPassword}", "${SBVpc.id}", "|\n  block text", "&anchor x", "*alias",
      "!!str 1", "yes", "\"${\"", "${SBVpc}", "-"};
  private static final String[] KEYS = {"type", "properties", "dependsOn", "deletionPolicy", "ignoreChanges",
      "version", "stack", "region", "resources", "variables", "secrets", "outputs", "tags", "default", "generate",
      "length", "cidrBlock", "vpcId", "SBVpc", "SBSubnetA", "desiredCount", "ingress", "x", "", "\"quoted key\"", "? k"};
  private static final String[] REFS = {"${", "${}", "${ }", "${SBVpc.", "${SBVpc.id", "${var.", "${secret.", "$${",
      "${region", "${a.b.c}", "${SBVpc.arn}", "${SBNope.id}", "${var.nope}", "${secret.nope}", "}", "${${x}}",
      "${SBSubnetA.id}", "${SBPostgres.endpointPort}", "${stack}", "${accountId}", "${.}", "${var.}"};
  private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*-?\\s*[A-Za-z0-9_]+:)\\s+\\S.*$");
  private static final Pattern KEY = Pattern.compile("^(\\s*-?\\s*)([A-Za-z0-9_]+)(:.*)$");

  /** One to four random edits of {@code text}, and what they were. */
  static Mutated mutate(String text, Random rnd) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    List<String> steps = new ArrayList<>();
    int n = rnd.nextInt(5) == 0 ? 2 + rnd.nextInt(3) : 1;
    for (int k = 0; k < n && !lines.isEmpty(); k++) {
      int at = rnd.nextInt(lines.size());
      String line = lines.get(at);
      switch (rnd.nextInt(9)) {
        case 0 -> {
          lines.remove(at);
          steps.add("delete line " + (at + 1));
        }
        case 1 -> {
          lines.add(at, line);
          steps.add("duplicate line " + (at + 1));
        }
        case 2 -> {
          int other = rnd.nextInt(lines.size());
          lines.set(at, lines.get(other));
          lines.set(other, line);
          steps.add("swap lines " + (at + 1) + " and " + (other + 1));
        }
        case 3 -> {
          int delta = rnd.nextInt(9) - 4;
          if (delta == 0) delta = 1;
          String changed = delta > 0 ? " ".repeat(delta) + line : line.substring(Math.min(-delta, leadingSpaces(line)));
          lines.set(at, changed);
          steps.add("indent line " + (at + 1) + " by " + delta);
        }
        case 4 -> {
          String c = CHARS[rnd.nextInt(CHARS.length)];
          if (line.isEmpty()) {
            lines.set(at, c);
          } else {
            int i = rnd.nextInt(line.length());
            lines.set(at, line.substring(0, i) + c + line.substring(i + 1));
          }
          steps.add("replace a character on line " + (at + 1) + " with '" + c + "'");
        }
        case 5 -> {
          String joined = String.join("\n", lines);
          int cut = rnd.nextInt(joined.length() + 1);
          lines = new ArrayList<>(Arrays.asList(joined.substring(0, cut).split("\n", -1)));
          steps.add("truncate at offset " + cut);
        }
        case 6 -> {
          int i = findLine(lines, rnd, KEY_VALUE);
          if (i < 0) break;
          Matcher mm = KEY_VALUE.matcher(lines.get(i));
          if (!mm.matches()) break;
          String v = VALUES[rnd.nextInt(VALUES.length)];
          lines.set(i, mm.group(1) + " " + v);
          steps.add("set the value on line " + (i + 1) + " to " + v);
        }
        case 7 -> {
          int i = findLine(lines, rnd, KEY);
          if (i < 0) break;
          Matcher mm = KEY.matcher(lines.get(i));
          if (!mm.matches()) break;
          String key = mm.group(2);
          String renamed = switch (rnd.nextInt(4)) {
            case 0 -> KEYS[rnd.nextInt(KEYS.length)];
            case 1 -> key + "x";
            case 2 -> key.length() > 1 ? key.substring(1) : "k";
            default -> key.toUpperCase(Locale.ROOT);
          };
          lines.set(i, mm.group(1) + renamed + mm.group(3));
          steps.add("rename key '" + key + "' on line " + (i + 1) + " to '" + renamed + "'");
        }
        default -> {
          String frag = REFS[rnd.nextInt(REFS.length)];
          int c = rnd.nextInt(line.length() + 1);
          lines.set(at, line.substring(0, c) + frag + line.substring(c));
          steps.add("insert '" + frag + "' on line " + (at + 1));
        }
      }
    }
    return new Mutated(String.join("\n", lines), steps);
  }

  private static int leadingSpaces(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == ' ') i++;
    return i;
  }

  private static int findLine(List<String> lines, Random rnd, Pattern p) {
    int start = rnd.nextInt(lines.size());
    for (int k = 0; k < lines.size(); k++) {
      int i = (start + k) % lines.size();
      if (p.matcher(lines.get(i)).matches()) return i;
    }
    return -1;
  }

  private static Map<String, String> randomVars(Random rnd) {
    String[] names = {"cloudTaskCount", "controlInstanceType", "cloudImageTag", "nope", ""};
    String[] values = {"0", "1", "abc", "", "true", "-5", "1.5", "${var.x}", "99999999999999999999"};
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 1 + rnd.nextInt(2); i > 0; i--) out.put(names[rnd.nextInt(names.length)], values[rnd.nextInt(values.length)]);
    return out;
  }

  private static String describe(int i, Mutated m, Map<String, String> vars, String what) {
    return "mutation #" + i + " " + m.steps() + (vars.isEmpty() ? "" : " with --var " + vars) + ": " + what
        + "\n--- mutated text ---\n" + m.text() + "\n--- end ---";
  }

  private static String firstFrames(Throwable t) {
    StackTraceElement[] st = t.getStackTrace();
    List<String> frames = new ArrayList<>();
    for (int i = 0; i < Math.min(6, st.length); i++) frames.add(st[i].toString());
    return String.join("\n    at ", frames);
  }

  // ---------------------------------------------------------------------------------------------
  // the command line

  /** Commands that talk to AWS once the file is valid: only ever run against an unreadable file. */
  private static final Set<String> AWS_COMMANDS = Set.of("plan", "apply", "destroy", "outputs", "drift");
  private static final String[] COMMANDS = {"validate", "validate", "validate", "graph", "graph", "help", "plan",
      "apply", "destroy", "outputs", "drift", "valdate", "", "--help", "-h", "--version", "-V", "-v"};
  private static final String[] OPTIONS = {"-f", "--file", "--var", "-v", "--no-color", "--format", "--region",
      "--profile", "--endpoint-url", "--sandbox", "--parallelism", "--target", "--json", "--out", "--detailed-exitcode",
      "--auto-approve", "-h", "--help", "-V", "--lock-timeout", "--var=", "--format=dot", "--format=xml", "--format=json",
      "--output", "--"};
  private static final String[] JUNK = {"", " ", "-", "--", "---", "-x", "--nope", "=", "x=y", "a==b", "=v", "${",
      "${var.x}", "NAME=VALUE", "cloudTaskCount=abc", "cloudTaskCount=2", "nope=1", "dot", "mermaid", "xml", "0", "-1",
      "abc", "10", "eu-central-1", "http://127.0.0.1:1", "not a url", "SBVpc", "/nonexistent/sorterbot.yaml",
      "missing.yaml", "ü", "\u0000", "\n", "'", "\"", "10s", "-5m"};

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS) // only against hangs
  void randomCommandLinesExitCleanly() throws IOException {
    Random rnd = new Random(SEED + 1);
    List<String> broken = new ArrayList<>();
    try (var s = Files.list(CORPUS)) {
      s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> broken.add(p.toString()));
    }
    // AWS commands only ever get files that cannot become valid (not the corpus: a fixed reader
    // defect could make a corpus file valid): an empty file and one that does not exist
    Path empty = Files.createTempFile("sorterbot-fuzz-", ".yaml");
    List<String> unreadable = List.of(empty.toString(), "/nonexistent-dir/sorterbot.yaml");
    String[] good = {BASE.resolve("sorterbot.yaml").toString(), BASE.resolve("examples/vpc-only.yaml").toString()};
    List<String> failures = new ArrayList<>();
    try {
      for (int i = 0; i < ARG_VECTORS && failures.size() < 10; i++) {
        String[] args = argVector(rnd, broken, unreadable, good);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try {
          code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } catch (Throwable t) {
          failures.add(Arrays.toString(args) + ": threw " + t + "\n    at " + firstFrames(t));
          continue;
        }
        if (code < 0 || code > 2) failures.add(Arrays.toString(args) + ": exit " + code + "\n" + err);
        boolean verbose = Arrays.asList(args).contains("-v");
        String all = out + "\n" + err;
        if (!verbose && (all.contains("\tat ") || all.contains("Exception"))) {
          failures.add(Arrays.toString(args) + ": stack trace without -v:\n" + err);
        }
      }
    } finally {
      Files.deleteIfExists(empty);
    }
    System.out.println("SpecFuzzTest: " + ARG_VECTORS + " random command lines (seed " + (SEED + 1) + ")");
    if (!failures.isEmpty()) {
      fail(failures.size() + " command lines misbehaved (seed " + (SEED + 1) + "):\n\n" + String.join("\n\n", failures));
    }
  }

  /**
   * A random argument vector. Safety: a command that would reach AWS (plan, apply, ...) always gets
   * {@code -f} with a file from {@code unreadable} right after it and never another {@code -f}, an
   * existing file or a positional that could be a saved plan: the file is read before any client or
   * lock exists, so the run ends there.
   */
  static String[] argVector(Random rnd, List<String> broken, List<String> unreadable, String[] good) {
    String cmd = COMMANDS[rnd.nextInt(COMMANDS.length)];
    boolean aws = AWS_COMMANDS.contains(cmd);
    List<String> args = new ArrayList<>();
    if (!cmd.isEmpty()) args.add(cmd);
    if (aws) {
      args.add("-f");
      args.add(unreadable.get(rnd.nextInt(unreadable.size())));
    }
    int n = rnd.nextInt(6);
    for (int k = 0; k < n; k++) {
      int kind = rnd.nextInt(10);
      if (kind < 5) {
        String opt = OPTIONS[rnd.nextInt(OPTIONS.length)];
        if (aws && (opt.equals("-f") || opt.equals("--file"))) opt = "--no-color";
        args.add(opt);
        if (rnd.nextBoolean()) args.add(value(rnd, opt, aws, broken, good));
      } else if (kind < 9) {
        args.add(JUNK[rnd.nextInt(JUNK.length)]);
      } else {
        args.add(aws ? "--no-color" : "help");
      }
    }
    if (!aws && (cmd.equals("validate") || cmd.equals("graph")) && rnd.nextInt(3) == 0) {
      args.add("-f");
      args.add(rnd.nextBoolean() ? good[rnd.nextInt(good.length)] : broken.get(rnd.nextInt(broken.size())));
    }
    return args.toArray(String[]::new);
  }

  private static String value(Random rnd, String opt, boolean aws, List<String> broken, String[] good) {
    if (!aws && (opt.equals("-f") || opt.equals("--file"))) {
      return rnd.nextBoolean() ? good[rnd.nextInt(good.length)] : broken.get(rnd.nextInt(broken.size()));
    }
    if (opt.equals("--out") || opt.equals("--output")) return "/nonexistent-dir/plan.json"; // never written: the file is unreadable
    if (opt.equals("--sandbox")) return "/nonexistent-dir/sandbox";
    return JUNK[rnd.nextInt(JUNK.length)];
  }
}
