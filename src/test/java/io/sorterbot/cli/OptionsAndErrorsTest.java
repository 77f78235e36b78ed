package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.model.Ticker;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 15's "Options" and "Errors": what a user types and what the CLI says back. */
class OptionsAndErrorsTest {
  @TempDir Path tmp;

  private static final String VPC_WITH_VAR = """
      version: 1
      stack: opts
      region: eu-central-1
      variables:
        dns: {default: true}
      resources:
        SBVpc:
          type: ec2.vpc
          properties: {cidrBlock: 10.0.0.0/16, enableDnsHostnames: "${var.dns}"}
      """;

  private Path file() throws Exception {
    Path f = tmp.resolve("stack.yaml");
    if (!Files.exists(f)) Files.writeString(f, VPC_WITH_VAR);
    return f;
  }

  // --- --sandbox takes a folder only as --sandbox=DIR -----------------------------------------------

  @Test
  void theWordAfterABareSandboxIsNeverItsFolder() {
    CommandLine cl = new CommandLine(new Main(Environment.system()));
    CommandLine.ParseResult r = cl.parseArgs("apply", "--sandbox", "plan.out");
    ApplyCommand apply = (ApplyCommand) r.subcommand().commandSpec().userObject();
    assertThat(apply.aws.sandbox).isEqualTo(Path.of(AwsOptions.DEFAULT_SANDBOX));
    assertThat(apply.planFile).isEqualTo(Path.of("plan.out"));

    r = new CommandLine(new Main(Environment.system())).parseArgs("apply", "--sandbox=elsewhere", "plan.out");
    apply = (ApplyCommand) r.subcommand().commandSpec().userObject();
    assertThat(apply.aws.sandbox).isEqualTo(Path.of("elsewhere"));
    assertThat(apply.planFile).isEqualTo(Path.of("plan.out"));
  }

  @Test
  void applyWithABareSandboxAndAMissingPlanCreatesNoFolderNamedAfterThePlan() throws Exception {
    Path missing = tmp.resolve("missing.plan");
    Cli run = Cli.run("apply", "--sandbox", missing.toString(), "--auto-approve");
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("Error: cannot read the saved plan " + missing + ": no such file\n"
        + "Hint: a sandbox folder is given as --sandbox=" + missing + "; the word after a bare --sandbox is the plan file to apply\n");
    assertThat(missing).doesNotExist();
  }

  @Test
  void aFolderAfterABareSandboxIsRefusedWithTheFormThatWorks() throws Exception {
    Path dir = tmp.resolve("account");
    Cli run = Cli.run("plan", "-f", file().toString(), "--sandbox", dir.toString());
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("Error: unexpected argument '" + dir + "'\n"
        + "Hint: a sandbox folder is given as --sandbox=" + dir + " (a bare --sandbox means .sorterbot/sandbox)\n");
    assertThat(dir).doesNotExist();

    Cli empty = Cli.run("plan", "-f", file().toString(), "--sandbox=");
    assertThat(empty.code()).isEqualTo(1);
    assertThat(empty.err()).startsWith("Error: --sandbox= needs a folder: --sandbox=DIR, or --sandbox alone for .sorterbot/sandbox\n");

    Cli ok = Cli.run("plan", "-f", file().toString(), "--sandbox=" + dir);
    assertThat(ok.code()).as(ok.toString()).isZero();
    assertThat(dir).isDirectory();
  }

  // --- errors ---------------------------------------------------------------------------------------

  @Test
  void aMissingFileIsOneErrorLineWithoutAPosition() {
    Cli run = Cli.run("validate", "-f", "nope.yaml");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("Error: nope.yaml: file not found\n"
        + "Hint: pass the file with -f, or run in the folder holding sorterbot.yaml\n");
  }

  @Test
  void aMissingProfileNamesTheProfileAndTheFilesRead() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Environment env = new Environment(Map.of("HOME", home.toString()), Ticker.SYSTEM, () -> { });
    Cli none = Cli.run(env, "plan", "-f", file().toString(), "--profile", "prod");
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err()).isEqualTo("Error: --profile prod: there is no profile 'prod' in " + home.resolve(".aws/config")
        + " (no such file) or " + home.resolve(".aws/credentials") + " (no such file)\n"
        + "Hint: create it with: aws configure --profile prod\n");

    Path config = Files.writeString(tmp.resolve("my-config"), "[profile dev]\nregion = eu-west-1\n[default]\nregion = eu-central-1\n");
    Path creds = Files.writeString(tmp.resolve("my-credentials"), "[ci]\naws_access_key_id = AKIAX\naws_secret_access_key = s\n");
    Environment files = new Environment(Map.of("HOME", home.toString(), "AWS_CONFIG_FILE", config.toString(),
        "AWS_SHARED_CREDENTIALS_FILE", creds.toString()), Ticker.SYSTEM, () -> { });
    Cli missing = Cli.run(files, "plan", "-f", file().toString(), "--profile", "prod");
    assertThat(missing.err()).isEqualTo("Error: --profile prod: there is no profile 'prod' in " + config + " or " + creds + "\n"
        + "Hint: profiles there: ci, default, dev; create it with: aws configure --profile prod\n");

    Cli noKeys = Cli.run(files, "plan", "-f", file().toString(), "--profile", "dev");
    assertThat(noKeys.err()).startsWith("Error: --profile dev: profile 'dev' (" + config + ") holds no credentials (only: region)\n");

    Cli fromEnv = Cli.run(files.with("AWS_PROFILE", "prod"), "plan", "-f", file().toString());
    assertThat(fromEnv.err()).startsWith("Error: AWS_PROFILE=prod: there is no profile 'prod' in " + config);
    assertThat(none.err() + missing.err() + noKeys.err() + fromEnv.err()).doesNotContain("ProfileFile(");
  }

  @Test
  void aMisspeltRegionFromTheCommandLineOrTheEnvironmentGetsTheNearestOne() throws Exception {
    Path dir = tmp.resolve("account");
    Cli flag = Cli.run("plan", "-f", file().toString(), "--sandbox=" + dir, "--region", "eu-centrl-1");
    assertThat(flag.code()).isEqualTo(1);
    assertThat(flag.err()).isEqualTo("Error: --region eu-centrl-1: not an AWS region\nHint: did you mean 'eu-central-1'?\n");

    Path noRegion = Files.writeString(tmp.resolve("no-region.yaml"), VPC_WITH_VAR.replace("region: eu-central-1\n", ""));
    Cli env = Cli.run(Environment.system().with("AWS_REGION", "us-eats-1"), "plan", "-f", noRegion.toString(), "--sandbox=" + dir);
    assertThat(env.err()).isEqualTo("Error: AWS_REGION=us-eats-1: not an AWS region\nHint: did you mean 'us-east-1'?\n");
    assertThat(dir).doesNotExist();
  }

  @Test
  void durationsReadAsTyped() {
    assertThat(Durations.text(Duration.ofSeconds(5))).isEqualTo("5s");
    assertThat(Durations.text(Duration.ofMinutes(10))).isEqualTo("10m");
    assertThat(Durations.text(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.text(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Durations.text(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.text(Duration.ofMillis(250))).isEqualTo("250ms");
  }

  @Test
  void aStalePlanHintRepeatsTheOptionsThatMadeIt() throws Exception {
    Path account = tmp.resolve("my account");
    String sb = "--sandbox=" + account;
    assertThat(Cli.run("apply", "-f", file().toString(), sb, "--auto-approve").code()).isZero();
    Path plan = tmp.resolve("dns.plan");
    Cli made = Cli.run("plan", "-f", file().toString(), sb, "--var", "dns=false", "--out", plan.toString());
    assertThat(made.code()).as(made.toString()).isZero();
    try (SandboxClients c = SandboxClients.open(account, "eu-central-1", SandboxKnobs.none(), Ticker.SYSTEM)) {
      String vpc = c.ec2().describeVpcs().vpcs().get(0).vpcId();
      c.ec2().createTags(b -> b.resources(vpc).tags(t -> t.key("Name").value("changed")));
      c.ec2().modifyVpcAttribute(b -> b.vpcId(vpc).enableDnsSupport(v -> v.value(false)));
    }
    Cli stale = Cli.run("apply", plan.toString(), sb, "--auto-approve");
    assertThat(stale.code()).as(stale.toString()).isEqualTo(1);
    assertThat(stale.err()).contains("is stale: live state has changed since the plan was made")
        .contains("Hint: make a new one: sorterbot plan -f " + file() + " '--sandbox=" + account + "' --var dns=false --out " + plan + "\n");
  }
}
