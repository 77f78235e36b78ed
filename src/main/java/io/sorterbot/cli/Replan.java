package io.sorterbot.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code sorterbot plan ... --out PLANFILE} command that makes a saved plan again with the options that
 * made the first one (file, variables, account, targets), for hints: a stale plan must be re-made against
 * the same account and with the same --var values, or the new plan would be just as wrong.
 */
final class Replan {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private Replan() {}

  static String command(Path file, Map<String, String> vars, AwsOptions aws, Path out) {
    List<String> words = new ArrayList<>(List.of("sorterbot", "plan"));
    Path absolute = file.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    if (!absolute.equals(cwd.resolve("sorterbot.yaml"))) {
      words.add("-f");
      words.add(quote(absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString()));
    }
    if (aws.sandbox != null) {
      words.add(aws.sandbox.toString().equals(AwsOptions.DEFAULT_SANDBOX) ? "--sandbox" : quote("--sandbox=" + aws.sandbox));
    }
    option(words, "--region", aws.region);
    option(words, "--profile", aws.profile);
    option(words, "--endpoint-url", aws.endpointUrl);
    aws.targets.forEach(t -> option(words, "--target", t));
    vars.forEach((k, v) -> option(words, "--var", k + "=" + v.replace("${", "$${")));
    option(words, "--out", out.toString());
    return String.join(" ", words);
  }

  private static void option(List<String> words, String name, String value) {
    if (value == null) return;
    words.add(name);
    words.add(quote(value));
  }

  /** A word the shell reads back as is. */
  static String quote(String s) {
    if (!s.isEmpty() && PLAIN.matcher(s).matches()) return s;
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
