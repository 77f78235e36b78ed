package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import io.sorterbot.testutil.AccountInventory;
import io.sorterbot.testutil.FakeTicker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full stack under an unreliable account: injected throttling and 5xx, eventual consistency, and a
 * create the account refuses. Each run ends where an uninterrupted, fault-free run ends: every resource
 * exactly once, nothing untagged, and a plan with no changes.
 */
class FaultInjectionTest {
  private static final Path FILE = Path.of("sorterbot.yaml");
  private static final Pattern TOTAL = Pattern.compile("AWS retries: (\\d+)");

  @TempDir Path tmp;
  private final FakeTicker clock = new FakeTicker(java.time.Instant.now());

  private Cli run(Path account, Map<String, String> knobs, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-f", FILE.toString(), "--sandbox=" + account));
    Environment env = new Environment(knobs, clock, () -> { throw new AssertionError("no crash point is set"); });
    return Cli.run(env, all.toArray(String[]::new));
  }

  private List<AccountInventory.Entry> inventory(Path account) {
    try (SandboxClients c = SandboxClients.open(account, "eu-central-1", SandboxKnobs.none(), clock)) {
      return AccountInventory.of(c);
    }
  }

  private List<String> reference() {
    Path account = tmp.resolve("reference");
    assertThat(run(account, Map.of(), "apply", "--auto-approve").code()).isZero();
    return AccountInventory.identities(inventory(account));
  }

  private void assertLikeReference(Path account, List<String> reference) {
    List<AccountInventory.Entry> inv = inventory(account);
    assertThat(AccountInventory.identities(inv)).isEqualTo(reference).doesNotHaveDuplicates();
    assertThat(AccountInventory.notOwnedBy(inv, "sorterbot")).as("every resource carries its stack").isEmpty();
  }

  private static long total(Cli r) {
    Matcher m = TOTAL.matcher(r.err());
    assertThat(m.find()).as("-v prints the retry total\n" + r).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void throttlingAndServerErrorsAreAbsorbedAndEveryResourceIsCreatedOnce() {
    List<String> reference = reference();
    Path account = tmp.resolve("faulty");
    Map<String, String> faults = Map.of(SandboxKnobs.ENV_THROTTLE_RATE, "0.2", SandboxKnobs.ENV_ERROR_RATE, "0.05",
        SandboxKnobs.ENV_SEED, "42");

    Cli apply = run(account, faults, "apply", "--auto-approve", "-v");
    assertThat(apply.code()).as(apply.toString()).isZero();
    assertThat(apply.out()).contains("Apply complete! Resources: " + (reference.size() - 2) + " added, 0 changed, 0 destroyed.");
    long retries = total(apply);
    long lines = apply.err().lines().filter(l -> l.startsWith("retry: ")).count();
    assertThat(lines).as("one line per retry").isEqualTo(retries);
    assertThat(apply.err()).contains("after RequestLimitExceeded", "after ThrottlingException", "after InternalError");
    assertLikeReference(account, reference);

    Cli plan = run(account, faults, "plan", "--detailed-exitcode", "-v");
    assertThat(plan.code()).as(plan.toString()).isZero();
    Cli drift = run(account, faults, "drift", "-v");
    assertThat(drift.code()).as(drift.toString()).isZero();
    long more = total(plan) + total(drift);
    System.out.printf("FaultInjectionTest: 20%% throttling + 5%% 5xx: %d retries in apply, %d in plan and drift; "
        + "%d resources, each once%n", retries, more, reference.size());
    assertThat(retries).as("a quarter of the apply's calls failed once at least").isGreaterThan(10);
  }

  /**
   * A 5xx after AWS did the work (a lost answer) makes the SDK send the create again: tokens, natural keys
   * and a look for our own tag after each create keep every resource single.
   */
  @Test
  void lostAnswersOfMutatingCallsStillLeaveEachResourceOnce() {
    List<String> reference = reference();
    long resent = 0;
    for (String seed : List.of("1", "2", "3")) {
      Path account = tmp.resolve("lost" + seed);
      Map<String, String> lost = Map.of(SandboxKnobs.ENV_LOST_RATE, "0.15", SandboxKnobs.ENV_SEED, seed);
      Cli apply = run(account, lost, "apply", "--auto-approve", "-v");
      assertThat(apply.code()).as("seed " + seed + "\n" + apply).isZero();
      assertLikeReference(account, reference);
      resent += total(apply);
      Cli plan = run(account, Map.of(), "plan", "--detailed-exitcode");
      assertThat(plan.code()).as("seed " + seed + "\n" + plan).isZero();
    }
    System.out.printf("FaultInjectionTest: 15%% of mutating answers lost, 3 seeds: %d calls sent again; "
        + "%d resources each once every time%n", resent, reference.size());
    assertThat(resent).as("answers were lost").isPositive();
  }

  @Test
  void withoutVerboseNoRetryLineIsPrinted() {
    Cli apply = run(tmp.resolve("quiet"), Map.of(SandboxKnobs.ENV_THROTTLE_RATE, "0.3"), "apply", "--auto-approve");
    assertThat(apply.code()).as(apply.toString()).isZero();
    assertThat(apply.err()).doesNotContain("retry:").doesNotContain("AWS retries");
  }

  @Test
  void resourcesHiddenFromDescribesForAWhileAreStillCreatedOnce() {
    List<String> reference = reference();
    Path account = tmp.resolve("lagging");
    Cli apply = run(account, Map.of(SandboxKnobs.ENV_LAG_MS, "30000"), "apply", "--auto-approve");
    assertThat(apply.code()).as(apply.toString()).isZero();
    clock.advance(Duration.ofSeconds(31)); // discovery is eventually consistent too: look once it has settled
    assertLikeReference(account, reference);
    Cli plan = run(account, Map.of(SandboxKnobs.ENV_LAG_MS, "30000"), "plan", "--detailed-exitcode");
    assertThat(plan.code()).as(plan.toString()).isZero();
  }

  @Test
  void aRefusedCreateFailsOnlyItsDependentsAndARerunConverges() {
    List<String> reference = reference();
    Path account = tmp.resolve("partial");
    Cli failed = run(account, Map.of(SandboxKnobs.ENV_REFUSE, "iam:CreateInstanceProfile"), "apply", "--auto-approve");
    assertThat(failed.code()).as(failed.toString()).isEqualTo(1);
    assertThat(failed.out()).contains("Apply failed: 25 done, 1 failed, 1 skipped.",
        "  failed:  create SBControlInstanceProfile: AccessDenied: You are not authorized to perform iam:CreateInstanceProfile",
        "  skipped: create SBControlInstance: needs SBControlInstanceProfile, which failed",
        "Fix the cause and run again");
    List<String> partial = AccountInventory.identities(inventory(account));
    List<String> missing = new ArrayList<>(reference);
    missing.removeAll(partial);
    assertThat(missing).containsExactly("ec2.instance SBControlInstance", "iam.instanceProfile SBControlInstanceProfile");
    assertThat(partial).doesNotHaveDuplicates();

    Cli again = run(account, Map.of(), "apply", "--auto-approve");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out()).contains("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
    assertLikeReference(account, reference);
    assertThat(run(account, Map.of(), "plan", "--detailed-exitcode").code()).isZero();
  }
}
