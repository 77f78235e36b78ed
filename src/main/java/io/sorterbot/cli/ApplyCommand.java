package io.sorterbot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sorterbot.apply.ApplyResult;
import io.sorterbot.apply.Executor;
import io.sorterbot.plan.Action;
import io.sorterbot.plan.Plan;
import io.sorterbot.render.ApplyProgress;
import io.sorterbot.render.OutputsText;
import io.sorterbot.render.PlanText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sorterbot apply [PLANFILE]}: plan, ask, execute, print outputs. */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Make AWS match the file: plan, ask 'yes' (or --auto-approve), execute, print outputs.")
final class ApplyCommand implements Callable<Integer> {
  @Mixin FileOptions file;
  @Mixin AwsOptions aws;
  @Option(names = "--auto-approve", description = "Do not ask; required without a terminal.") boolean autoApprove;
  @Parameters(arity = "0..1", paramLabel = "PLANFILE", description = "A plan saved by 'plan --out': apply exactly it.")
  Path planFile;
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @picocli.CommandLine.ParentCommand Main main;

  @Override public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    JsonNode saved = planFile == null ? null : readPlan();
    if (saved != null) {
      Path planned = Path.of(saved.path("file").asText());
      boolean explicit = spec.commandLine().getParseResult().hasMatchedOption("-f");
      if (explicit && !file.file.toAbsolutePath().normalize().equals(planned.toAbsolutePath().normalize())) {
        throw new UserError("the saved plan " + planFile + " was made from " + planned + ", not " + file.file,
            "drop -f: a saved plan applies to the file it was made from");
      }
      file.file = planned;
      saved.path("vars").fields().forEachRemaining(e -> file.vars.putIfAbsent(e.getKey(), e.getValue().asText()));
    }
    ApplyProgress progress = new ApplyProgress(out);
    try (Session s = new Session("apply", file, aws, progress::waiting, main.env(),
        spec.commandLine().getErr())) {
      Plan plan = s.plan(false);
      if (saved != null) {
        String why = SavedPlan.staleness(saved, plan, s);
        if (why != null) {
          java.util.Map<String, String> planVars = new java.util.LinkedHashMap<>();
          saved.path("vars").fields().forEachRemaining(e -> planVars.put(e.getKey(), e.getValue().asText()));
          throw new UserError("the saved plan " + planFile + " is stale: " + why,
              "make a new one: " + Replan.command(file.file, planVars, aws, planFile));
        }
      }
      out.print(PlanText.render(plan, file.file.getFileName().toString()));
      out.flush();
      Unreachable.check(plan);
      if (!plan.hasChanges()) {
        out.print(OutputsText.render(s.spec, s.desiredState(), plan.actions()));
        return ExitCodes.OK;
      }
      // SPEC: without a terminal only --auto-approve approves, saved plan or not.
      if (!Confirm.approved(autoApprove, "apply", out)) {
        out.println("Apply cancelled.");
        return ExitCodes.ERROR;
      }
      s.ensureSecrets();
      ApplyResult r = new Executor(s.kinds, s.ctx.ticker(), s.desiredState(), aws.parallelism, progress, s.redactor()).execute(plan);
      out.print(ApplyProgress.summary(r, plan.count(Action.Create.class) + plan.count(Action.Replace.class),
          plan.count(Action.Update.class), plan.count(Action.Delete.class) + plan.count(Action.Replace.class), "Apply"));
      if (r.ok()) s.pruneSecrets(false, plan).forEach(n -> out.println("Deleted generated secret " + n + " (no longer declared)."));
      out.print(OutputsText.render(s.spec, s.desiredState(), r.current()));
      if (!r.ok()) throw UserError.failedRun("apply", r);
      return ExitCodes.OK;
    }
  }

  /** The saved plan; when it cannot be read and came right after a bare --sandbox, says how to name a folder. */
  private JsonNode readPlan() {
    try {
      return SavedPlan.read(planFile);
    } catch (UserError e) {
      String folder = Errors.afterBareSandbox(java.util.List.of(planFile.toString()),
          spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
      if (folder == null) throw e;
      throw new UserError(e.getMessage(), "a sandbox folder is given as --sandbox=" + folder
          + "; the word after a bare --sandbox is the plan file to apply");
    }
  }
}
