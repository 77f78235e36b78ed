package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sorterbot.model.Ticker;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * SPEC.md section 3, "Non-interactive use": without a terminal on stdin, {@code apply} refuses to run unless
 * {@code --auto-approve} is given; the SPEC makes no exception for {@code apply PLANFILE}. And a saved plan is
 * refused when live state changed since it was made. Apart from {@link SafetyTest} so that this rule, which
 * the CLI breaks today (ApplyCommand skips the approval for a saved plan), fails on its own.
 */
class SafetySavedPlanTest {
  @TempDir Path tmp;

  private Path account() { return tmp.resolve("account"); }

  private Cli sb(Path file, String... args) {
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.stream.Stream.of("-f", file.toString(), "--sandbox=" + account())).toArray(String[]::new);
    return Cli.run(all);
  }

  private byte[] accountBytes() throws IOException { return Files.readAllBytes(account().resolve("account.json")); }

  @Test
  void aSavedPlanIsAppliedOnlyWithAutoApproveWithoutATerminalAndNeverWhenStale() throws Exception {
    assumeTrue(System.console() == null, "needs a JVM without a terminal (as under surefire)");
    Path file = tmp.resolve("sorterbot.yaml");
    Files.writeString(file, SafetyTest.reference());
    Cli first = sb(file, "apply", "--auto-approve");
    assertThat(first.code()).as(first.toString()).isZero();
    Path pruned = tmp.resolve("pruned.yaml");
    Files.writeString(pruned, SafetyTest.without(SafetyTest.reference(), "SBStaticBucket"));
    Path saved = tmp.resolve("prune.plan");
    Cli plan = sb(pruned, "plan", "--out", saved.toString());
    assertThat(plan.code()).as(plan.toString()).isZero();
    assertThat(plan.out()).contains("# SBStaticBucket will be destroyed (not in the file)");
    byte[] before = accountBytes();

    Cli unattended = Cli.run("apply", saved.toString(), "--sandbox=" + account());
    assertThat(unattended.code()).as("apply PLANFILE without a terminal and without --auto-approve\n" + unattended).isEqualTo(1);
    assertThat(unattended.err()).as("the error and its hint end the output (a notice may come first)").endsWith("Error: refusing to apply without a terminal to confirm on\n"
        + "Hint: pass --auto-approve for unattended runs (cron, CI)\n");
    assertThat(accountBytes()).as("a refused apply PLANFILE changes nothing").isEqualTo(before);

    // Live state changed since the plan: refused even with --auto-approve, and nothing changes.
    try (SandboxClients c = SandboxClients.open(account(), "eu-central-1", SandboxKnobs.none(), Ticker.SYSTEM)) {
      c.ssm().putParameter(b -> b.name("SorterBotCloudPostgres").value("postgresql://changed").type(ParameterType.SECURE_STRING)
          .overwrite(true));
    }
    byte[] changed = accountBytes();
    Cli stale = Cli.run("apply", saved.toString(), "--auto-approve", "--sandbox=" + account());
    assertThat(stale.code()).as(stale.toString()).isEqualTo(1);
    assertThat(stale.err()).contains("is stale: live state has changed since the plan was made");
    assertThat(accountBytes()).as("a stale saved plan changes nothing").isEqualTo(changed);

    Cli fresh = sb(pruned, "plan", "--out", saved.toString());
    assertThat(fresh.code()).as(fresh.toString()).isZero();
    Cli approved = Cli.run("apply", saved.toString(), "--auto-approve", "--sandbox=" + account());
    assertThat(approved.code()).as(approved.toString()).isZero();
    assertThat(approved.out()).contains("Apply complete! Resources: 0 added, 1 changed, 1 destroyed.");
    Cli after = sb(pruned, "plan", "--detailed-exitcode");
    assertThat(after.code()).as(after.toString()).isZero();
  }
}
