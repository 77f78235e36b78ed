package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command's --help is complete: picocli expands ${...} in descriptions, and an unescaped '${' once
 * swallowed the rest of the help ("A literal 'null"). Each option's description must appear to its last
 * words, nothing may read "null", and no ${...} may be left unexpanded.
 */
class HelpTest {
  static Stream<String> commands() {
    List<String> names = new ArrayList<>(List.of(""));
    names.addAll(new CommandLine(new Main(Environment.system())).getSubcommands().keySet());
    return names.stream();
  }

  @ParameterizedTest(name = "sorterbot {0} --help")
  @MethodSource("commands")
  void helpIsComplete(String command) {
    Cli help = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
    assertThat(help.code()).as(help.toString()).isZero();
    assertThat(help.err()).isEmpty();
    String text = help.out();
    String squeezed = squeeze(text);
    CommandLine cl = new CommandLine(new Main(Environment.system()));
    CommandLine.Model.CommandSpec spec = command.isEmpty() ? cl.getCommandSpec()
        : cl.getSubcommands().get(command).getCommandSpec();
    for (CommandLine.Option o : annotated(spec)) {
      for (String line : o.description()) {
        assertThat(squeezed).as("%s: the description of %s ends as written", command, o.names()[0])
            .contains(squeeze(tail(line)));
      }
    }
    assertThat(text).as("no unresolved variable").doesNotContain("${DEFAULT", "${FALLBACK", "${COMPLETION");
    assertThat(text).as("no variable resolved to nothing").doesNotContainPattern("(?<![A-Za-z])null(?![A-Za-z])");
    assertThat(text).endsWith("\n");
  }

  @ParameterizedTest(name = "sorterbot {0} --help: --var")
  @MethodSource("commands")
  void varHelpShowsTheEscape(String command) {
    if (command.isEmpty() || command.equals("help")) return;
    CommandLine sub = new CommandLine(new Main(Environment.system())).getSubcommands().get(command);
    if (sub.getCommandSpec().findOption("--var") == null) return;
    assertThat(squeeze(Cli.run(command, "--help").out())).contains(squeeze("A literal '${' is written '$${'."));
  }

  @ParameterizedTest(name = "sorterbot {0} --help: --sandbox")
  @MethodSource("commands")
  void sandboxHelpShowsTheFolderForm(String command) {
    if (command.isEmpty() || command.equals("help")) return;
    CommandLine sub = new CommandLine(new Main(Environment.system())).getSubcommands().get(command);
    if (sub.getCommandSpec().findOption("--sandbox") == null) return;
    assertThat(squeeze(Cli.run(command, "--help").out()))
        .contains(squeeze("(default: .sorterbot/sandbox); a folder is given as --sandbox=DIR. Not AWS."));
  }

  /** The options as written in the source (picocli's model holds their descriptions already expanded). */
  private static List<CommandLine.Option> annotated(CommandLine.Model.CommandSpec spec) {
    List<Class<?>> classes = new ArrayList<>();
    classes.add(spec.userObject().getClass());
    spec.mixins().values().forEach(m -> classes.add(m.userObject().getClass()));
    List<CommandLine.Option> out = new ArrayList<>();
    for (Class<?> c : classes) {
      for (java.lang.reflect.Field f : c.getDeclaredFields()) {
        CommandLine.Option o = f.getAnnotation(CommandLine.Option.class);
        if (o != null) out.add(o);
      }
    }
    assertThat(out).as("options of %s", spec.qualifiedName()).isNotEmpty().hasSizeLessThanOrEqualTo(spec.options().size());
    return out;
  }

  /** The end of a description after its last variable: text that must survive verbatim. */
  private static String tail(String description) {
    String t = description;
    int var = Math.max(t.lastIndexOf("${DEFAULT-VALUE}"), t.lastIndexOf("${FALLBACK-VALUE}"));
    if (var >= 0) t = t.substring(t.indexOf('}', var) + 1);
    // picocli's escape: 2n dollars before '{' print as n
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\$+)\\{").matcher(t);
    StringBuilder sb = new StringBuilder();
    while (m.find()) m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement("$".repeat(m.group(1).length() / 2) + "{"));
    m.appendTail(sb);
    t = sb.toString();
    return t.length() > 40 ? t.substring(t.length() - 40) : t;
  }

  /** Without any whitespace: the help wraps lines wherever it likes. */
  private static String squeeze(String s) { return s.replaceAll("\\s+", ""); }
}
