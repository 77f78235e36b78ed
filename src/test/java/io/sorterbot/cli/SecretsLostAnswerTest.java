package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import io.sorterbot.spec.SpecReader;
import io.sorterbot.spec.StackSpec;
import io.sorterbot.testutil.FakeTicker;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * A generated secret's PutParameter whose first answer is lost (the sandbox's lost rate 1): the SDK sends it
 * again and SSM answers ParameterAlreadyExists, holding the first call's value. The value used must be the
 * one SSM holds; a parameter there that is not this stack's secret must fail clearly.
 */
class SecretsLostAnswerTest {
  private static final String PARAM =
      "  P:\n    type: ssm.parameter\n    properties: {name: /p, type: SecureString, value: \"${secret.pw}\"}\n";

  @TempDir Path dir;
  private SandboxClients plain;
  private SandboxClients lost;

  @BeforeEach
  void open() {
    FakeTicker ticker = new FakeTicker(Instant.parse("2025-01-01T00:00:00Z"));
    plain = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none(), ticker);
    lost = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none().withLostRate(1.0), ticker);
  }

  private static StackSpec spec() {
    String yaml = "version: 1\nstack: demo\nregion: eu-central-1\nsecrets:\n  pw: {generate: {length: 24}}\nresources:\n" + PARAM;
    return new SpecReader(io.sorterbot.kinds.KindRegistry.catalog()).read("test.yaml", yaml, Map.of()).spec();
  }

  @Test
  void theValueUsedIsTheOneSsmHolds() {
    Secrets secrets = new Secrets(spec(), lost);
    secrets.ensureGenerated();
    String used = secrets.values().get("pw");
    Parameter stored = plain.ssm().getParameter(b -> b.name("/demo/secrets/pw").withDecryption(true)).parameter();
    assertThat(used).hasSize(24).isEqualTo(stored.value());
    assertThat(stored.version()).isEqualTo(1L);  // made once: the second put was refused
    assertThat(new Secrets(spec(), plain).values()).containsEntry("pw", used);  // a later run reads the same
  }

  @Test
  void aParameterThatIsNotThisStacksSecretFailsClearly() {
    Secrets secrets = new Secrets(spec(), lost);
    assertThat(secrets.values()).doesNotContainKey("pw");
    // made by someone else between the read and the put
    plain.ssm().putParameter(b -> b.name("/demo/secrets/pw").type(ParameterType.SECURE_STRING).value("not-ours-value")
        .tags(Tag.builder().key("SBStack").value("otherstack").build(), Tag.builder().key("SBSecret").value("pw").build()));
    assertThatThrownBy(secrets::ensureGenerated).isInstanceOf(UserError.class)
        .hasMessageContaining("/demo/secrets/pw").hasMessageContaining("already exists")
        .hasMessageContaining("SBStack=demo").hasMessageNotContaining("not-ours-value");
  }
}
