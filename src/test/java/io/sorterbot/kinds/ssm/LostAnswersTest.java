package io.sorterbot.kinds.ssm;

import static io.sorterbot.kinds.ssm.SsmTestSupport.desired;
import static io.sorterbot.kinds.ssm.SsmTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Sensitive;
import io.sorterbot.model.Tags;
import io.sorterbot.plan.Differ;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * Every mutating SSM call's first answer lost (the sandbox's lost rate 1): the create's PutParameter is sent
 * again and refused as ParameterAlreadyExists. Our own parameter is adopted; another stack's still fails.
 */
class LostAnswersTest {
  @TempDir Path dir;
  private final SsmTestSupport.FakeTicker ticker = new SsmTestSupport.FakeTicker();
  private final ParameterKind kind = new ParameterKind();
  /** The same account without faults: setup and inspection. */
  private SandboxClients plain;
  private KindContext ctx;

  @BeforeEach
  void open() {
    plain = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none(), ticker);
    ctx = SsmTestSupport.ctx(SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none().withLostRate(1.0), ticker).ssm(), ticker);
  }

  @Test
  void parameterIsMadeOnceUpdatedAndDeleted() {
    Desired d = desired("SBConn", map("name", "/app/conn", "type", "SecureString", "value", new Sensitive("s3cret")));
    LiveResource made = kind.create(ctx, d);
    List<ParameterMetadata> all = plain.ssm().describeParameters().parameters();
    assertThat(all).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo(made.id()));
    assertThat(made.tags()).containsEntry(Tags.SBID, "SBConn").containsEntry(Tags.STACK, SsmTestSupport.STACK);
    assertThat(Sensitive.reveal(made.properties().get("value"))).isEqualTo("s3cret");

    Desired next = desired("SBConn", map("name", "/app/conn", "type", "SecureString", "value", new Sensitive("other"),
        "description", "d", "tags", Map.of("Env", "x")));
    List<PropertyChange> changes = Differ.diff(kind, next.properties(), next.tags(), made, List.of());
    LiveResource updated = kind.update(ctx, made, next, changes);
    assertThat(Differ.diff(kind, next.properties(), next.tags(), updated, List.of())).isEmpty();
    assertThat(plain.ssm().getParameter(b -> b.name("/app/conn").withDecryption(true)).parameter().value()).isEqualTo("other");

    kind.delete(ctx, updated);
    assertThat(plain.ssm().describeParameters().parameters()).isEmpty();
  }

  @Test
  void aSameNamedParameterOfAnotherStackStillFailsTheCreate() {
    plain.ssm().putParameter(b -> b.name("/app/taken").type(ParameterType.STRING).value("theirs").tags(
        Tag.builder().key(Tags.SBID).value("SBTaken").build(), Tag.builder().key(Tags.STACK).value("otherstack").build()));
    assertThatThrownBy(() -> kind.create(ctx, desired("SBTaken", map("name", "/app/taken", "type", "String", "value", "ours"))))
        .hasMessageContaining("already exists");
    assertThat(plain.ssm().getParameter(b -> b.name("/app/taken")).parameter().value()).isEqualTo("theirs");
  }
}
