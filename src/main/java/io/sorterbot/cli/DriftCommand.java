package io.sorterbot.cli;

import io.sorterbot.drift.DriftBuilder;
import io.sorterbot.drift.DriftReport;
import io.sorterbot.plan.Plan;
import io.sorterbot.render.DriftJson;
import io.sorterbot.render.DriftMarkdown;
import io.sorterbot.render.DriftText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sorterbot drift}: how live state differs from the file. Changes nothing. Exit 2 on drift. */
@Command(name = "drift", mixinStandardHelpOptions = true,
    description = "Report how live state differs from the file. Changes nothing. Exit 0 in sync, 2 on drift, 1 on error.")
final class DriftCommand implements Callable<Integer> {
  enum Format { text, json, markdown }

  @Mixin FileOptions file;
  @Mixin AwsOptions aws;
  @Option(names = "--format", defaultValue = "text", description = "On standard output: text (default), json or markdown.")
  Format format;
  @Option(names = "--output", paramLabel = "[FORMAT:]FILE",
      description = "Also write the report to FILE (repeatable); the format is FORMAT, or else the extension (.json, .md, .txt).")
  List<String> outputs = new ArrayList<>();
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @picocli.CommandLine.ParentCommand Main main;

  @Override public Integer call() {
    List<Target> targets = new ArrayList<>();
    for (String o : outputs) targets.add(Target.parse(o));
    try (Session s = new Session("drift", file, aws, io.sorterbot.kinds.KindContext.Progress.NONE, main.env(),
        spec.commandLine().getErr())) {
      Plan plan = s.plan(false);
      DriftReport r = new DriftBuilder(s.kinds, s.desiredState()).build(plan, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
      String name = file.file.getFileName().toString();
      spec.commandLine().getOut().print(render(r, format, name));
      for (Target t : targets) {
        try {
          Files.writeString(t.path(), render(r, t.format(), name));
        } catch (IOException e) {
          throw new UserError("cannot write the drift report to " + t.path() + ": " + e.getMessage(), "check the folder exists");
        }
      }
      return r.drifted() ? ExitCodes.CHANGES : ExitCodes.OK;
    }
  }

  static String render(DriftReport r, Format f, String fileName) {
    return switch (f) {
      case json -> DriftJson.render(r);
      case markdown -> DriftMarkdown.render(r, fileName);
      case text -> DriftText.render(r, fileName);
    };
  }

  /** Where an --output goes, and in which format. */
  record Target(Format format, Path path) {
    static Target parse(String raw) {
      int colon = raw.indexOf(':');
      if (colon > 0) {
        try {
          return new Target(Format.valueOf(raw.substring(0, colon).toLowerCase(Locale.ROOT)), Path.of(raw.substring(colon + 1)));
        } catch (IllegalArgumentException ignored) {
          // not a format prefix: a path with a colon
        }
      }
      String lower = raw.toLowerCase(Locale.ROOT);
      Format f = lower.endsWith(".json") ? Format.json : lower.endsWith(".md") || lower.endsWith(".markdown") ? Format.markdown
          : lower.endsWith(".txt") || lower.endsWith(".log") ? Format.text : null;
      if (f == null) throw new UserError("--output " + raw + ": cannot tell the format", "write json:FILE, markdown:FILE or text:FILE");
      return new Target(f, Path.of(raw));
    }
  }
}
