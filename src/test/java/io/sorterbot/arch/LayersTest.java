package io.sorterbot.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of DESIGN.md, enforced on the sources: which packages each package may name (by import or
 * fully qualified, outside comments), and that only kinds/, aws/ and sandbox/ touch the AWS SDK. A plain
 * scan, so it needs no library and reads what a reviewer reads.
 */
class LayersTest {
  private static final Path MAIN = Path.of("src/main/java/io/sorterbot");
  private static final String SDK = "software.amazon.awssdk";

  /** For each package: the project packages it may use besides itself. */
  private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
      Map.entry("model", Set.of()),
      Map.entry("graph", Set.of("model")),
      Map.entry("spec", Set.of("model", "graph")),
      Map.entry("plan", Set.of("model", "graph", "spec")),
      Map.entry("apply", Set.of("model", "graph", "spec", "plan")),
      Map.entry("drift", Set.of("model", "graph", "spec", "plan")),
      Map.entry("render", Set.of("model", "graph", "spec", "plan", "apply", "drift")),
      Map.entry("aws", Set.of("model")),
      Map.entry("kinds", Set.of("model", "aws")),
      Map.entry("sandbox", Set.of("model", "aws")),
      Map.entry("cli", Set.of("model", "graph", "spec", "plan", "apply", "drift", "render", "aws", "kinds", "sandbox")));

  /** Packages whose code may name the AWS SDK. */
  private static final Set<String> SDK_USERS = Set.of("aws", "kinds", "sandbox");

  /**
   * Known violations being removed (issue #13): each must still be there, so the list only shrinks.
   * Empty when the redesign is done.
   */
  private static final Set<String> NOT_YET = Set.of(
      "cli/Profiles.java uses the AWS SDK", "cli/Secrets.java uses the AWS SDK", "cli/SsmLock.java uses the AWS SDK");

  private static final Pattern PROJECT = Pattern.compile("\\bio\\.sorterbot\\.([a-z]+)\\b");

  @Test
  void everyPackageUsesOnlyTheLayersBelowIt() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String pkg = MAIN.relativize(f).getName(0).toString();
        assertThat(MAY_USE).as("a layer rule for package " + pkg).containsKey(pkg);
        String code = withoutComments(Files.readString(f));
        Set<String> used = new TreeSet<>();
        Matcher m = PROJECT.matcher(code);
        while (m.find()) used.add(m.group(1));
        used.remove(pkg);
        used.removeAll(MAY_USE.get(pkg));
        for (String u : used) violations.add(MAIN.relativize(f) + " uses " + u);
        if (!SDK_USERS.contains(pkg) && code.contains(SDK)) violations.add(MAIN.relativize(f) + " uses the AWS SDK");
      }
    }
    assertThat(violations).as("known violations still to remove").containsAll(NOT_YET);
    violations.removeAll(NOT_YET);
    assertThat(violations).as("layer violations (DESIGN.md, Layers)").isEmpty();
  }

  @Test
  void theScanSeesFullyQualifiedNamesAndIgnoresComments() {
    String code = withoutComments("/** io.sorterbot.cli.X */ // io.sorterbot.render\nclass A { io.sorterbot.plan.Plan p; String s = \"//\"; }");
    Matcher m = PROJECT.matcher(code);
    List<String> found = new ArrayList<>();
    while (m.find()) found.add(m.group(1));
    assertThat(found).containsExactly("plan");
  }

  /** The code with block and line comments blanked (string literals kept, so "//" in a string is not a comment). */
  static String withoutComments(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != '"') j += s.charAt(j) == '\\' ? 2 : 1;
        out.append(s, i, Math.min(s.length(), j + 1));
        i = j + 1;
      } else if (s.startsWith("/*", i)) {
        int j = s.indexOf("*/", i + 2);
        i = j < 0 ? s.length() : j + 2;
        out.append(' ');
      } else if (s.startsWith("//", i)) {
        int j = s.indexOf('\n', i);
        i = j < 0 ? s.length() : j;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
