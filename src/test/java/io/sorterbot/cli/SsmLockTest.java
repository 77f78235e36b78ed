package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import io.sorterbot.testutil.FakeTicker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock kept in AWS (an SSM parameter written without overwrite), on the sandbox's SSM. */
class SsmLockTest {
  @TempDir Path tmp;

  @Test
  void secondRunFailsNamingTheHolderReleaseFreesItAndAnExpiredLockIsTakenOver() {
    FakeTicker t = new FakeTicker();
    try (SandboxClients c = SandboxClients.open(tmp, "eu-central-1", SandboxKnobs.none(), t)) {
      SsmLock first = SsmLock.acquire(c.ssm(), "demo", "apply", Duration.ZERO, t);
      assertThatThrownBy(() -> SsmLock.acquire(c.ssm(), "demo", "plan", Duration.ZERO, t))
          .isInstanceOf(UserError.class).hasMessageContaining("stack 'demo' is locked by another run (SSM /demo/lock): holder=")
          .hasMessageContaining("command=apply");
      // with a timeout it waits (on the ticker), then gives up naming how long it waited
      assertThatThrownBy(() -> SsmLock.acquire(c.ssm(), "demo", "plan", Duration.ofSeconds(30), t))
          .satisfies(e -> assertThat(((UserError) e).hint()).isEqualTo("it is still running after 30s"));
      first.close();
      SsmLock second = SsmLock.acquire(c.ssm(), "demo", "plan", Duration.ZERO, t);
      // the holder dies without releasing: after the expiry the next run takes the lock over
      t.sleep(SsmLock.TTL.plusMinutes(1));
      SsmLock third = SsmLock.acquire(c.ssm(), "demo", "drift", Duration.ZERO, t);
      third.close();
      assertThatThrownBy(() -> c.ssm().getParameter(b -> b.name("/demo/lock"))).isInstanceOf(software.amazon.awssdk.services.ssm.model.ParameterNotFoundException.class);
      second.close(); // already gone: releasing twice is harmless
    }
  }

  @Test
  void theCliTakesAndReleasesTheSsmLock() throws Exception {
    Cli plan = Cli.run("plan", "-f", "examples/network.yaml", "--sandbox=" + tmp.resolve("account"), "--lock", "ssm");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(0);
    try (SandboxClients c = SandboxClients.open(tmp.resolve("account"), "eu-central-1", SandboxKnobs.none(), new FakeTicker())) {
      assertThatThrownBy(() -> c.ssm().getParameter(b -> b.name("/sorterbot-network/lock"))).isInstanceOf(software.amazon.awssdk.services.ssm.model.ParameterNotFoundException.class);
    }
  }
}
