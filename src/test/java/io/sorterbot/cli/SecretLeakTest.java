package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.model.Ticker;
import io.sorterbot.sandbox.SandboxAccount;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret values never reach what sorterbot prints or writes for the user: every command on a sandbox stack
 * whose parameters and outputs embed secrets, including error paths. Only the sandbox account (AWS's side)
 * and the secret's own source file may hold them.
 */
class SecretLeakTest {
  private static final String SECRET = "Sup3r-S3cret-Value-4711";
  private static final String ROTATED = "R0tated-S3cret-Value-0815";

  @TempDir Path tmp;
  private final List<String> printed = new ArrayList<>();
  private final io.sorterbot.testutil.FakeTicker clock = new io.sorterbot.testutil.FakeTicker(java.time.Instant.now());

  private Path file(String description) throws IOException {
    Path f = tmp.resolve("sorterbot.yaml");
    Files.writeString(f, """
        version: 1
        stack: leaktest
        region: eu-central-1
        secrets:
          apiKey: {file: %s}
          dbPassword: {generate: {length: 24}}
        resources:
          SBConnection:
            type: ssm.parameter
            properties:
              name: /leaktest/conn
              type: SecureString
              value: "postgresql://app:${secret.apiKey}@db.example:5432/app"
          SBPlain:
            type: ssm.parameter
            properties:
              name: /leaktest/plain
              type: String
              value: "key=${secret.apiKey};pw=${secret.dbPassword}"
              description: "%s"
              tags: {Name: plain}
        outputs:
          connection: "https://api.example/?key=${secret.apiKey}"
          plainArn: ${SBPlain.arn}
        """.formatted(tmp.resolve("api-key.txt"), description));
    return f;
  }

  private Cli run(String... args) { return runIn(Environment.system(), args); }

  @Test
  void noSecretIsEverPrintedOrWritten() throws Exception {
    Files.writeString(tmp.resolve("api-key.txt"), SECRET + "\n");
    file("uses ${secret.apiKey}");

    Cli validate = Cli.run("validate", "-f", tmp.resolve("sorterbot.yaml").toString());
    printed.add(validate.toString());
    assertThat(validate.code()).as(validate.toString()).isZero();

    Cli plan = run("plan");
    assertThat(plan.code()).as(plan.toString()).isZero();
    assertThat(plan.out()).contains("(sensitive)").contains("(known after apply)").contains("Plan: 2 to add");
    assertThat(run("plan", "--json").code()).isZero();
    Path saved = tmp.resolve("saved.plan");
    assertThat(run("plan", "--out", saved.toString()).code()).isZero();

    Cli apply = run("apply", "--auto-approve");
    assertThat(apply.code()).as(apply.toString()).isZero();
    assertThat(apply.out()).contains("connection").contains("(sensitive)");
    String generated = sandboxValue("/leaktest/secrets/dbPassword");
    assertThat(generated).hasSize(24);
    assertThat(sandboxValue("/leaktest/plain")).isEqualTo("key=" + SECRET + ";pw=" + generated); // AWS does hold it

    Cli again = run("plan");
    assertThat(again.out()).as(again.toString()).contains("No changes."); // the generated secret was reused
    assertThat(sandboxValue("/leaktest/secrets/dbPassword")).isEqualTo(generated);
    Cli outputs = run("outputs");
    assertThat(outputs.code()).isZero();
    assertThat(outputs.out()).contains("connection").contains("(sensitive)").contains("parameter/leaktest/plain");
    assertThat(run("outputs", "--json").out()).contains("(sensitive)");

    // a rotated secret shows as a change of sensitive values, then is applied
    Files.writeString(tmp.resolve("api-key.txt"), ROTATED);
    Cli rotated = run("plan");
    assertThat(rotated.out()).as(rotated.toString()).contains("~ value").contains("Plan: 0 to add, 2 to change");
    assertThat(run("apply", "--auto-approve").code()).isZero();

    // an AWS error whose message echoes a request member that embeds the secret, with -v
    file("uses ${secret.apiKey} " + "x".repeat(1100));
    Cli failed = run("apply", "--auto-approve", "-v");
    assertThat(failed.code()).as(failed.toString()).isEqualTo(1);
    assertThat(failed.toString()).contains("ValidationException").contains("(sensitive)");

    Cli badFlag = run("plan", "--no-such-flag");
    assertThat(badFlag.code()).isEqualTo(1);
    Files.delete(tmp.resolve("api-key.txt"));
    Cli unreadable = run("plan", "-v");
    assertThat(unreadable.code()).isEqualTo(1);
    Files.writeString(tmp.resolve("api-key.txt"), ROTATED);

    file("uses ${secret.apiKey}");
    Cli destroy = run("destroy", "--auto-approve");
    assertThat(destroy.code()).as(destroy.toString()).isZero();

    List<String> secrets = List.of(SECRET, ROTATED, generated);
    for (String out : printed) {
      for (String s : secrets) assertThat(out).as("printed output").doesNotContain(s);
    }
    assertThat(Files.readString(saved)).contains("(sensitive)");
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (f.getFileName().toString().startsWith(SandboxAccount.FILE_NAME) || f.endsWith("api-key.txt")) continue;
        String text = Files.readString(f);
        for (String s : secrets) assertThat(text).as(f.toString()).doesNotContain(s);
      }
    }
  }

  /**
   * The failure paths of an unreliable account: a refused call (AWS's error names the action), throttling
   * and 5xx with -v (retry lines), a plan file gone stale, a crash mid-apply and the re-run after it.
   */
  @Test
  void failurePathsOfAnUnreliableAccountPrintNoSecret() throws Exception {
    Files.writeString(tmp.resolve("api-key.txt"), SECRET + "\n");
    file("uses ${secret.apiKey} " + "y".repeat(1100));
    java.util.Map<String, String> refused = java.util.Map.of(SandboxKnobs.ENV_REFUSE, "ssm:PutParameter");
    Cli refusedRun = runIn(env(refused), "apply", "--auto-approve", "-v");
    assertThat(refusedRun.code()).as(refusedRun.toString()).isEqualTo(1);
    assertThat(refusedRun.err()).contains("AccessDenied");

    file("uses ${secret.apiKey}");
    java.util.Map<String, String> flaky = java.util.Map.of(SandboxKnobs.ENV_THROTTLE_RATE, "0.3",
        SandboxKnobs.ENV_ERROR_RATE, "0.1", SandboxKnobs.ENV_SEED, "3");
    Cli flakyRun = runIn(env(flaky), "apply", "--auto-approve", "-v");
    assertThat(flakyRun.code()).as(flakyRun.toString()).isZero();
    assertThat(flakyRun.err()).contains("retry: ");
    String generated = sandboxValue("/leaktest/secrets/dbPassword");

    Path saved = tmp.resolve("stale.plan");
    Files.writeString(tmp.resolve("api-key.txt"), ROTATED);
    assertThat(runIn(env(flaky), "plan", "--out", saved.toString(), "-v").code()).isZero();
    Files.writeString(tmp.resolve("api-key.txt"), SECRET);
    Cli stale = runIn(env(flaky), "apply", saved.toString(), "--auto-approve", "-v");
    assertThat(stale.code()).as(stale.toString()).isEqualTo(1);

    Files.writeString(tmp.resolve("api-key.txt"), ROTATED);
    try {
      runIn(env(java.util.Map.of(SandboxKnobs.ENV_CRASH_AFTER, "1")), "apply", "--auto-approve", "-v");
    } catch (CrashRecoveryTest.Crash expected) {
      // the crash reached the command's thread; what it printed before is gone with the process
    }
    Cli after = runIn(env(flaky), "apply", "--auto-approve", "-v");
    assertThat(after.code()).as(after.toString()).isZero();
    assertThat(runIn(env(flaky), "drift", "--format", "json", "-v").code()).isZero();

    List<String> secrets = List.of(SECRET, ROTATED, generated);
    for (String out : printed) {
      for (String s : secrets) assertThat(out).as("printed output").doesNotContain(s);
    }
    assertThat(Files.readString(saved)).doesNotContain(SECRET).doesNotContain(ROTATED);
  }

  private Environment env(java.util.Map<String, String> knobs) {
    return new Environment(knobs, clock, () -> { throw new CrashRecoveryTest.Crash(); });
  }

  private Cli runIn(Environment env, String... args) {
    String[] all = new String[args.length + 3];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-f";
    all[args.length + 1] = tmp.resolve("sorterbot.yaml").toString();
    all[args.length + 2] = "--sandbox=" + tmp.resolve("account");
    Cli r = Cli.run(env, all);
    printed.add(String.join(" ", args) + "\n" + r);
    return r;
  }

  private String sandboxValue(String name) {
    try (SandboxClients c = SandboxClients.open(tmp.resolve("account"), "eu-central-1", SandboxKnobs.none(), Ticker.SYSTEM)) {
      return c.ssm().getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
    }
  }
}
