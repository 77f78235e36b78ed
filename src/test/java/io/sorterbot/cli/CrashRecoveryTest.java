package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import io.sorterbot.testutil.AccountInventory;
import io.sorterbot.testutil.FakeTicker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash at every step of a full-stack apply, then apply again: the account must converge to what an
 * uninterrupted run makes, with no duplicate SBIDs and no untagged leftovers, and plan must show no changes.
 *
 * <p>"Step" is a mutating AWS call: the sandbox's crash point stops the run right after the k-th one is
 * saved (k = 0 stops before the first), for every k until an apply gets through. The crash throws
 * inside this JVM and the gate lets no later call through, which is what the account sees of a
 * {@code kill -9}. The sweep runs with {@code --parallelism 1} so that each k is one well-defined point;
 * a few crashes at full parallelism and a real killed child process are tried as well.
 */
class CrashRecoveryTest {
  private static final Path FILE = Path.of("sorterbot.yaml");

  /** What the crash point throws here instead of halting the JVM. */
  static final class Crash extends Error {
    Crash() { super("simulated kill -9"); }
  }

  @TempDir Path tmp;
  private final FakeTicker clock = new FakeTicker(java.time.Instant.now());

  private Cli run(Path account, Environment env, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-f", FILE.toString(), "--sandbox=" + account));
    return Cli.run(env, all.toArray(String[]::new));
  }

  private Environment env(Map<String, String> vars, AtomicBoolean crashed) {
    return new Environment(vars, clock, () -> {
      crashed.set(true);
      throw new Crash();
    });
  }

  private Environment calm() { return env(Map.of(), new AtomicBoolean()); }

  private List<AccountInventory.Entry> inventory(Path account) {
    try (SandboxClients c = SandboxClients.open(account, "eu-central-1", SandboxKnobs.none(), clock)) {
      return AccountInventory.of(c);
    }
  }

  /** Runs {@code command} with a crash after {@code k} mutations; true when the crash point was reached. */
  private boolean crashAt(Path account, int k, String... command) {
    AtomicBoolean crashed = new AtomicBoolean();
    Environment env = env(Map.of(SandboxKnobs.ENV_CRASH_AFTER, Integer.toString(k)), crashed);
    try {
      Cli r = run(account, env, command);
      if (!crashed.get()) assertThat(r.code()).as(r.toString()).isZero();
    } catch (Crash expected) {
      // the crash reached the command's own thread: the process is gone
    }
    return crashed.get();
  }

  /** What must hold after a crash at {@code k} and whatever re-run the test makes. */
  private interface AfterCrash {
    void check(Path account, int k);
  }

  /**
   * Crashes {@code command} after k = 0, 1, 2... mutating calls, each time on a fresh account (a copy of
   * {@code start}, or empty when null), until a run gets through; after each crash, {@code check}. Returns
   * how many crash points were tried.
   */
  private int sweep(String name, Path start, int limit, AfterCrash check, String... command) throws IOException {
    int k = 0;
    while (true) {
      Path account = tmp.resolve(name + k);
      if (start != null) copy(start, account);
      if (!crashAt(account, k, command)) return k;
      check.check(account, k);
      delete(account);
      k++;
      assertThat(k).as("a " + name + " of the stack ends within " + limit + " mutating calls").isLessThan(limit);
    }
  }

  /** The re-run converges: apply succeeds, plan shows nothing, the account equals the reference. */
  private void assertConverges(Path account, List<String> reference, String what) {
    Cli again = run(account, calm(), "apply", "--auto-approve");
    assertThat(again.code()).as(what + ": re-run apply\n" + again).isZero();
    Cli plan = run(account, calm(), "plan", "--detailed-exitcode");
    assertThat(plan.code()).as(what + ": plan after the re-run\n" + plan).isZero();
    List<AccountInventory.Entry> inv = inventory(account);
    assertThat(AccountInventory.identities(inv)).as(what + ": resources after the re-run").isEqualTo(reference);
    assertThat(AccountInventory.notOwnedBy(inv, "sorterbot")).as(what + ": every resource carries its stack").isEmpty();
    assertSecretsKept(account, inv, what);
  }

  /** What AWS hands out once (the SSH private key, the access key's secret) was not lost in the crash. */
  private static void assertSecretsKept(Path account, List<AccountInventory.Entry> inv, String what) {
    Path key = account.resolve("home/.ssh/sorterbot-control-ssh-key.pem");
    assertThat(key).as(what + ": the private key file").exists();
    Path credentials = account.resolve("home/.aws/credentials");
    assertThat(credentials).as(what + ": the credentials file").exists();
    String text = readUnchecked(credentials);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[sorterbotcloud\\]\\s*\\naws_access_key_id\\s*=\\s*(\\S+)").matcher(text);
    assertThat(m.find()).as(what + ": the sorterbotcloud profile\n" + text.replaceAll("secret_access_key.*", "...")).isTrue();
    List<String> keys = inv.stream().filter(e -> e.type().equals("iam.accessKey")).map(AccountInventory.Entry::id).toList();
    assertThat(keys).as(what + ": the user's access keys").containsExactly(m.group(1));
  }

  private static String readUnchecked(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<String> reference() {
    Path account = tmp.resolve("reference");
    Cli r = run(account, calm(), "apply", "--auto-approve");
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> ids = AccountInventory.identities(inventory(account));
    assertThat(ids).doesNotHaveDuplicates().noneMatch(i -> i.contains("(untagged"));
    return ids;
  }

  @Test
  void aCrashAfterAnyMutatingCallConvergesOnTheNextApply() throws IOException {
    List<String> reference = reference();
    int crashes = sweep("apply", null, 400,
        (account, k) -> assertConverges(account, reference, "crash after " + k + " mutations"),
        "apply", "--auto-approve", "--parallelism", "1");
    System.out.printf("CrashRecoveryTest: %d crash points tried (every mutating call of a %d-resource apply); "
        + "all converged, no duplicates, no untagged leftovers%n", crashes, reference.size());
    assertThat(crashes).as("the sweep crashed at least once per resource").isGreaterThan(reference.size());
  }

  @Test
  void crashesAtFullParallelismConvergeToo() throws IOException {
    List<String> reference = reference();
    for (int k : new int[] {3, 11, 19, 29, 41, 53}) {
      Path account = tmp.resolve("p" + k);
      assertThat(crashAt(account, k, "apply", "--auto-approve", "--parallelism", "10")).as("crash point " + k + " reached").isTrue();
      assertConverges(account, reference, "crash after " + k + " mutations at parallelism 10");
      delete(account);
    }
  }

  /** A real process killed at its crash point (status 137, as after kill -9), then a re-run in this one. */
  @Test
  void aKilledProcessLeavesNothingARerunCannotFinish() throws Exception {
    List<String> reference = reference();
    for (int k : new int[] {7, 23}) {
      Path account = tmp.resolve("kill" + k);
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "io.sorterbot.cli.Main",
          "apply", "--auto-approve", "-f", FILE.toString(), "--sandbox=" + account);
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("kill" + k + ".log").toFile());
      pb.environment().put(SandboxKnobs.ENV_CRASH_AFTER, Integer.toString(k));
      Process p = pb.start();
      assertThat(p.waitFor()).as(Files.readString(tmp.resolve("kill" + k + ".log"))).isEqualTo(137);
      assertConverges(account, reference, "process killed after " + k + " mutations");
    }
  }

  /** Destroy is as crash-safe: stop it after any mutating call, destroy again, and only the retained set is left. */
  @Test
  void aCrashedDestroyFinishesOnTheNextDestroy() throws IOException {
    reference();
    Path applied = tmp.resolve("reference");
    Path whole = tmp.resolve("destroyed");
    copy(applied, whole);
    Cli destroy = run(whole, calm(), "destroy", "--auto-approve");
    assertThat(destroy.code()).as(destroy.toString()).isZero();
    List<String> kept = AccountInventory.identities(inventory(whole));
    assertThat(kept).as("the retained database and what it needs").contains("rds.dbInstance SBPostgres").hasSizeLessThan(15);
    int crashes = sweep("destroy", applied, 400, (account, k) -> {
      Cli again = run(account, calm(), "destroy", "--auto-approve");
      assertThat(again.code()).as("destroy after a crash at " + k + "\n" + again).isZero();
      assertThat(AccountInventory.identities(inventory(account))).as("left after a crash at " + k).isEqualTo(kept);
    }, "destroy", "--auto-approve", "--parallelism", "1");
    System.out.printf("CrashRecoveryTest: %d crash points tried in destroy; each re-run left exactly the %d retained "
        + "resources%n", crashes, kept.size());
    assertThat(crashes).isGreaterThan(10);
  }

  /** An update that registers a task definition revision and moves the service to it, crashed at each call. */
  @Test
  void aCrashedUpdateFinishesOnTheNextApply() throws IOException {
    List<String> reference = reference();
    Path applied = tmp.resolve("reference");
    String[] vars = {"--var", "cloudImageTag=v2", "--var", "controlInstanceType=t3.small"};
    int crashes = sweep("update", applied, 100, (account, k) -> {
      Cli again = run(account, calm(), with(vars, "apply", "--auto-approve"));
      assertThat(again.code()).as("apply after a crash at " + k + "\n" + again).isZero();
      Cli plan = run(account, calm(), with(vars, "plan", "--detailed-exitcode"));
      assertThat(plan.code()).as("plan after a crash at " + k + "\n" + plan).isZero();
      assertThat(AccountInventory.identities(inventory(account))).as("after a crash at " + k).isEqualTo(reference);
    }, with(vars, "apply", "--auto-approve", "--parallelism", "1"));
    System.out.printf("CrashRecoveryTest: %d crash points tried in an update (new task definition revision, service "
        + "moved, instance resized); all converged%n", crashes);
    assertThat(crashes).isGreaterThan(3);
  }

  private static String[] with(String[] extra, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        Files.deleteIfExists(p);
      }
    }
  }
}
