package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs on one stack in separate processes: the second fails fast naming the holder; SIGKILL frees the lock. */
class RunLockTest {
  @TempDir Path tmp;

  private Process start(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.sorterbot.cli.Main"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-f", "examples/network.yaml", "--sandbox=" + tmp.resolve("account")));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("out-" + System.nanoTime()).toFile());
    pb.environment().put("SORTERBOT_SANDBOX_LATENCY_MS", "400"); // keeps the holder busy for seconds
    return pb.redirectError(ProcessBuilder.Redirect.PIPE).start();
  }

  private void awaitLockTaken() throws Exception {
    Path lock = tmp.resolve("account").resolve("locks").resolve("sorterbot-network.lock");
    for (int i = 0; i < 300 && !(Files.exists(lock) && Files.size(lock) > 0); i++) Thread.sleep(50);
    assertThat(Files.size(lock)).as("holder wrote the lock file").isPositive();
  }

  @Test
  void secondRunFailsFastNamingTheHolderAndSigkillFreesTheLock() throws Exception {
    Process holder = start("apply", "--auto-approve");
    try {
      awaitLockTaken();
      long t0 = System.nanoTime();
      Process second = start("apply", "--auto-approve");
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      String err = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(second.exitValue()).as(err).isEqualTo(1);
      assertThat(err).contains("stack 'sorterbot-network' is locked by another run: " + holder.pid() + "@")
          .contains("(apply, since ").contains("--lock-timeout");
      System.out.println("second run refused after " + took.toMillis() + " ms (JVM start included)");
      assertThat(holder.isAlive()).as("the holder is still working").isTrue();

      holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks, no cleanup
      Process third = start("plan");
      assertThat(third.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String err3 = new String(third.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(third.exitValue()).as(err3).isEqualTo(0);
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void lockTimeoutWaitsForTheHolder() throws Exception {
    Process holder = start("plan");
    try {
      awaitLockTaken();
      Process waiter = start("plan", "--lock-timeout", "2m");
      assertThat(waiter.waitFor(180, TimeUnit.SECONDS)).isTrue();
      String err = new String(waiter.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(waiter.exitValue()).as(err).isEqualTo(0);
    } finally {
      holder.destroyForcibly();
    }
  }
}
