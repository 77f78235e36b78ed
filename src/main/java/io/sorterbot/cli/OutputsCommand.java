package io.sorterbot.cli;

import io.sorterbot.plan.Plan;
import io.sorterbot.render.OutputsText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sorterbot outputs}: the file's outputs, resolved from live state. */
@Command(name = "outputs", mixinStandardHelpOptions = true, description = "Print the outputs from live state.")
final class OutputsCommand implements Callable<Integer> {
  @Mixin FileOptions file;
  @Mixin AwsOptions aws;
  @Option(names = "--json", description = "As a JSON object.") boolean json;
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @picocli.CommandLine.ParentCommand Main main;

  @Override public Integer call() {
    try (Session s = new Session("outputs", file, aws, io.sorterbot.kinds.KindContext.Progress.NONE, main.env(),
        spec.commandLine().getErr())) {
      Plan plan = s.plan(false);
      var out = spec.commandLine().getOut();
      out.print(json ? OutputsText.json(s.spec, s.desiredState(), plan.actions())
          : OutputsText.render(s.spec, s.desiredState(), plan.actions()));
      return ExitCodes.OK;
    }
  }
}
