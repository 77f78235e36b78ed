package io.sorterbot.cli;

import io.sorterbot.apply.ApplyResult;
import io.sorterbot.apply.Executor;
import io.sorterbot.plan.Action;
import io.sorterbot.plan.Plan;
import io.sorterbot.render.ApplyProgress;
import io.sorterbot.render.PlanText;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sorterbot destroy}: delete every resource of the stack except retained ones, in reverse order. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
    description = "Delete every resource of the stack (retained ones are kept), in reverse dependency order.")
final class DestroyCommand implements Callable<Integer> {
  @Mixin FileOptions file;
  @Mixin AwsOptions aws;
  @Option(names = "--auto-approve", description = "Do not ask; required without a terminal.") boolean autoApprove;
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @picocli.CommandLine.ParentCommand Main main;

  @Override public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!autoApprove && System.console() == null) Confirm.approved(false, "destroy", out); // refuses before any AWS call
    ApplyProgress progress = new ApplyProgress(out);
    try (Session s = new Session("destroy", file, aws, progress::waiting, main.env(),
        spec.commandLine().getErr())) {
      Plan plan = s.plan(true);
      out.print(PlanText.render(plan, file.file.getFileName().toString()));
      if (!plan.hasChanges()) {
        s.pruneSecrets(true, plan).forEach(n -> out.println("Deleted generated secret " + n + "."));
        return ExitCodes.OK;
      }
      if (!Confirm.approved(autoApprove, "destroy", out)) {
        out.println("Destroy cancelled.");
        return ExitCodes.ERROR;
      }
      ApplyResult r = new Executor(s.kinds, s.ctx.ticker(), s.desiredState(), aws.parallelism, progress, s.redactor()).execute(plan);
      out.print(ApplyProgress.summary(r, 0, 0, plan.count(Action.Delete.class), "Destroy"));
      if (!r.ok()) throw UserError.failedRun("destroy", r);
      s.pruneSecrets(true, plan).forEach(n -> out.println("Deleted generated secret " + n + "."));
      return ExitCodes.OK;
    }
  }
}
