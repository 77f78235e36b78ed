package io.sorterbot.cli;

import io.sorterbot.plan.Plan;
import io.sorterbot.render.PlanJson;
import io.sorterbot.render.PlanText;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sorterbot plan}: discover, diff, print. Changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Show what apply would change. Changes nothing.")
final class PlanCommand implements Callable<Integer> {
  @Mixin FileOptions file;
  @Mixin AwsOptions aws;
  @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes.") boolean detailed;
  @Option(names = "--json", description = "Print the plan as JSON (format version 1).") boolean json;
  @Option(names = "--out", paramLabel = "FILE", description = "Save the plan; 'apply FILE' applies exactly it.") Path out;
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @picocli.CommandLine.ParentCommand Main main;

  @Override public Integer call() {
    try (Session s = new Session("plan", file, aws, io.sorterbot.kinds.KindContext.Progress.NONE, main.env(),
        spec.commandLine().getErr())) {
      Plan plan = s.plan(false);
      var w = spec.commandLine().getOut();
      w.print(json ? PlanJson.render(plan) : PlanText.render(plan, file.file.getFileName().toString()));
      w.flush();
      Unreachable.check(plan);
      if (out != null) {
        SavedPlan.write(out, plan, s);
        if (!json) w.println("\nSaved the plan to " + out + ". Apply exactly it with: sorterbot apply " + out);
      }
      w.flush();
      return detailed && plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
    }
  }
}
