package io.sorterbot.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.sorterbot.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broken-file corpus ({@code src/test/resources/corpus/*.yaml}): every file fails with exactly the
 * problems listed in {@code corpus/expected.tsv}, through {@link SpecReader} and through
 * {@code sorterbot validate}; every real stack file validates.
 */
class CorpusTest {
  static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  static final Path CORPUS = BASE.resolve("src/test/resources/corpus");
  static final Pattern PROBLEM_LINE = Pattern.compile("^(.+):(\\d+):(\\d+): (.+)$");
  static final Pattern COUNT_LINE = Pattern.compile("^(1 problem|(\\d+) problems) found\\.$");

  private static SpecReader reader;
  private static Map<String, Expectations> expected;

  /** One expected problem: where, and a fragment of "message (hint: ...)". */
  record Expected(int line, int col, String fragment) {
    @Override public String toString() { return line + ":" + col + ": ..." + fragment + "..."; }
  }

  /** Every expected problem of one file; {@code xfail} names a known defect (null when none). */
  record Expectations(String file, List<Expected> problems, String xfail) {}

  @BeforeAll
  static void load() {
    reader = new SpecReader(io.sorterbot.kinds.KindRegistry.catalog());
    expected = readExpected(CORPUS.resolve("expected.tsv"));
  }

  static Stream<String> corpusFiles() {
    try (Stream<Path> s = Files.list(CORPUS)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Path> validFiles() {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(BASE.resolve("examples"))) {
      s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path p : List.of(BASE.resolve("sorterbot.yaml"), BASE.resolve("../shared/reference/sorterbot.yaml").normalize())) {
      if (Files.isRegularFile(p)) out.add(p);
    }
    return out.stream();
  }

  // ---------------------------------------------------------------------------------------------
  // the corpus

  @Test
  void corpusIsComplete() {
    List<String> files = corpusFiles().toList();
    assertThat(files).as("broken files in the corpus").hasSizeGreaterThanOrEqualTo(40);
    assertThat(expected.keySet()).as("files named in expected.tsv").containsExactlyInAnyOrderElementsOf(files);
    long several = expected.values().stream().filter(e -> e.problems().size() >= 3).count();
    assertThat(several).as("files with several problems").isGreaterThanOrEqualTo(5);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void readerReportsExactlyTheExpectedProblems(String name) throws IOException {
    Expectations exp = expectationsOf(name);
    String text = Files.readString(CORPUS.resolve(name), StandardCharsets.UTF_8);
    List<Problem> problems;
    try {
      reader.read(name, text, Map.of());
      problems = List.of();
    } catch (SpecException e) {
      problems = e.problems();
    }
    List<Actual> actual = new ArrayList<>();
    for (Problem p : problems) {
      assertThat(p.pos().file()).as("file of %s", p.render()).isEqualTo(name);
      actual.add(new Actual(p.pos().line(), p.pos().col(), body(p)));
    }
    String mismatch = problems.isEmpty() ? "the file was accepted as valid" : compare(exp.problems(), actual);
    verdict(exp, mismatch, actual);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void validateCommandPrintsEveryProblemAndExitsOne(String name) {
    Expectations exp = expectationsOf(name);
    try {
      checkValidateCommand(name);
    } catch (AssertionError e) {
      if (exp.xfail() == null) throw e;
      Assumptions.abort("known defect: " + exp.xfail() + "\n" + e.getMessage());
    }
  }

  private void checkValidateCommand(String name) {
    String path = CORPUS.resolve(name).toString();
    Run run = cli("validate", "-f", path);
    assertThat(run.code).as("exit code; stderr:%n%s", run.err).isEqualTo(1);
    assertNoStackTrace(run);
    List<String> lines = run.err.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as("stderr").isNotEmpty();
    Matcher count = COUNT_LINE.matcher(lines.get(lines.size() - 1));
    assertThat(count.matches()).as("last stderr line is 'N problem(s) found.': %s", lines.get(lines.size() - 1)).isTrue();
    List<String> problemLines = lines.subList(0, lines.size() - 1);
    int n = count.group(2) == null ? 1 : Integer.parseInt(count.group(2));
    assertThat(problemLines).as("one line per problem").hasSize(n);
    for (String l : problemLines) {
      assertThat(l).as("problem line").matches(PROBLEM_LINE).startsWith(path + ":");
    }
    // the command prints what the reader reports, in the reader's order
    List<String> fromReader;
    try {
      reader.read(Path.of(path), Map.of());
      fromReader = List.of();
    } catch (SpecException e) {
      fromReader = e.problems().stream().map(Problem::render).toList();
    }
    assertThat(problemLines).as("validate output vs SpecReader").containsExactlyElementsOf(fromReader);
    assertThat(run.out).as("stdout").doesNotContain("is valid");
  }

  // ---------------------------------------------------------------------------------------------
  // real files

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void realStackFilesValidate(Path file) throws IOException {
    reader.read(file.toString(), Files.readString(file), Map.of()); // throws with every problem when invalid
    Run run = cli("validate", "-f", file.toString());
    assertThat(run.code).as("exit code; stderr:%n%s", run.err).isZero();
    assertThat(run.err).isBlank();
    assertThat(run.out).contains("is valid");
  }

  @Test
  void realStackFilesIncludeTheProjectsOwn() {
    assertThat(validFiles().map(p -> p.getFileName().toString()).toList()).contains("sorterbot.yaml");
  }

  // ---------------------------------------------------------------------------------------------
  // --var

  @Test
  void varForAnUndeclaredVariableIsOneProblem() {
    Run run = cli("validate", "-f", ownFile(), "--var", "noSuchVariable=1");
    assertThat(run.code).isEqualTo(1);
    assertNoStackTrace(run);
    List<String> lines = run.err.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches(PROBLEM_LINE).contains("noSuchVariable").contains("cloudTaskCount");
    assertThat(lines.get(1)).isEqualTo("1 problem found.");
  }

  @Test
  void varOfTheWrongTypeSaysWhatIsExpected() {
    Run run = cli("validate", "-f", ownFile(), "--var", "cloudTaskCount=abc");
    assertThat(run.code).isEqualTo(1);
    assertNoStackTrace(run);
    List<String> lines = run.err.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches(PROBLEM_LINE).contains("cloudTaskCount").contains("abc").containsIgnoringCase("integer");
    assertThat(lines.get(1)).isEqualTo("1 problem found.");
  }

  @Test
  void varWithTheRightTypeIsAccepted() {
    Run run = cli("validate", "-f", ownFile(), "--var", "cloudTaskCount=0", "--var", "controlInstanceType=t3.small");
    assertThat(run.code).as(run.err).isZero();
  }

  @Test
  void varWithoutEqualsIsAUsageError() {
    Run run = cli("validate", "-f", ownFile(), "--var", "cloudTaskCount");
    assertThat(run.code).isEqualTo(1);
    assertNoStackTrace(run);
    assertThat(run.err).startsWith("Error: ").contains("--var").contains("cloudTaskCount").contains("=");
    assertThat(run.err.lines().filter(l -> PROBLEM_LINE.matcher(l).matches())).as("no FILE:LINE:COL line").isEmpty();
    assertThat(run.out).doesNotContain("is valid");
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private static String ownFile() { return BASE.resolve("sorterbot.yaml").toString(); }

  record Run(int code, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  static void assertNoStackTrace(Run run) {
    for (String s : List.of(run.out, run.err)) {
      assertThat(s).as("no stack trace").doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at io.");
    }
  }

  private record Actual(int line, int col, String body) {
    @Override public String toString() { return line + ":" + col + ": " + body; }
  }

  /** "message (hint: ...)" without the position. */
  private static String body(Problem p) {
    String r = p.render();
    String prefix = p.pos() + ": ";
    return r.startsWith(prefix) ? r.substring(prefix.length()) : r;
  }

  private static Expectations expectationsOf(String name) {
    Expectations exp = expected.get(name);
    if (exp == null) fail(name + " has no line in expected.tsv");
    return exp;
  }

  /** Null when {@code actual} is exactly {@code exp} (each expected problem matched once, nothing else). */
  private static String compare(List<Expected> exp, List<Actual> actual) {
    List<Actual> left = new ArrayList<>(actual);
    List<Expected> missing = new ArrayList<>();
    for (Expected e : exp) {
      Actual hit = left.stream()
          .filter(a -> a.line() == e.line() && a.col() == e.col()
              && a.body().toLowerCase(Locale.ROOT).contains(e.fragment().toLowerCase(Locale.ROOT)))
          .findFirst().orElse(null);
      if (hit == null) missing.add(e);
      else left.remove(hit);
    }
    if (missing.isEmpty() && left.isEmpty()) return null;
    StringBuilder sb = new StringBuilder();
    if (!missing.isEmpty()) sb.append("missing: ").append(missing).append('\n');
    if (!left.isEmpty()) sb.append("unexpected: ").append(left).append('\n');
    return sb.toString();
  }

  private static void verdict(Expectations exp, String mismatch, List<Actual> actual) {
    String report = "\nexpected:\n  " + String.join("\n  ", exp.problems().stream().map(Expected::toString).toList())
        + "\nactual:\n  " + String.join("\n  ", actual.stream().map(Actual::toString).toList());
    if (exp.xfail() != null) {
      if (mismatch == null) {
        fail(exp.file() + " is marked 'xfail: " + exp.xfail() + "' in expected.tsv but now reports exactly what is"
            + " expected: remove the marker" + report);
      }
      Assumptions.abort("known defect: " + exp.xfail() + "\n" + mismatch + report);
    }
    if (mismatch != null) fail(exp.file() + ":\n" + mismatch + report);
  }

  static Map<String, Expectations> readExpected(Path tsv) {
    Map<String, List<Expected>> problems = new TreeMap<>();
    Map<String, String> xfail = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || l.startsWith("#")) continue;
      String[] f = l.split("\t", -1);
      if (f.length < 4 || f.length > 5) fail("expected.tsv:" + (i + 1) + ": want file<TAB>line<TAB>col<TAB>fragment[<TAB>xfail: reason]");
      problems.computeIfAbsent(f[0], k -> new ArrayList<>())
          .add(new Expected(Integer.parseInt(f[1].strip()), Integer.parseInt(f[2].strip()), f[3]));
      if (f.length == 5) {
        if (!f[4].startsWith("xfail:")) fail("expected.tsv:" + (i + 1) + ": the 5th column must start with 'xfail:'");
        xfail.merge(f[0], f[4].substring("xfail:".length()).strip(), (a, b) -> a + "; " + b);
      }
    }
    Map<String, Expectations> out = new TreeMap<>();
    problems.forEach((file, list) -> out.put(file, new Expectations(file, List.copyOf(list), xfail.get(file))));
    return out;
  }
}
