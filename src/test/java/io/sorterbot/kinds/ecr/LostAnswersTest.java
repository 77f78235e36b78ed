package io.sorterbot.kinds.ecr;

import static io.sorterbot.kinds.ecs.EcsTestSupport.desired;
import static io.sorterbot.kinds.ecs.EcsTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Tags;
import io.sorterbot.kinds.ecs.EcsTestSupport;
import io.sorterbot.plan.Differ;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.model.Repository;

/** Every mutating ECR call's first answer lost (lost rate 1): the repository is made once, ours adopted, others refused. */
class LostAnswersTest {
  @TempDir Path dir;
  private final EcsTestSupport.FakeTicker ticker = new EcsTestSupport.FakeTicker();
  private final RepositoryKind repos = new RepositoryKind();
  private SandboxClients plain;
  private KindContext ctx;

  @BeforeEach
  void open() {
    plain = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none(), ticker);
    ctx = EcsTestSupport.ctx(SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none().withLostRate(1.0), ticker),
        ticker, KindContext.Progress.NONE);
  }

  @Test
  void repositoryIsMadeOnceUpdatedAndDeleted() {
    Desired d = desired("SBEcr", "ecr.repository", map("repositoryName", "lost_repo", "lifecyclePolicy",
        RepositoryKindTest.POLICY));
    LiveResource made = repos.create(ctx, d);
    assertThat(plain.ecr().describeRepositories().repositories()).singleElement().extracting(Repository::repositoryName)
        .isEqualTo(made.id());
    assertThat(Differ.diff(repos, d.properties(), d.tags(), made, List.of())).isEmpty();

    Desired next = desired("SBEcr", "ecr.repository", map("repositoryName", "lost_repo", "imageTagMutability", "IMMUTABLE",
        "scanOnPush", true, "forceDelete", false, "tags", Map.of("Env", "x")));
    List<PropertyChange> changes = Differ.diff(repos, next.properties(), next.tags(), made, List.of());
    LiveResource updated = repos.update(ctx, made, next, changes);
    assertThat(Differ.diff(repos, next.properties(), next.tags(), updated, List.of())).isEmpty();

    repos.delete(ctx, updated);
    assertThat(plain.ecr().describeRepositories().repositories()).isEmpty();
  }

  @Test
  void aSameNamedRepositoryOfAnotherStackStillFailsTheCreate() {
    plain.ecr().createRepository(b -> b.repositoryName("taken").tags(t -> t.key(Tags.SBID).value("SBEcr"),
        t -> t.key(Tags.STACK).value("otherstack")));
    assertThatThrownBy(() -> repos.create(ctx, desired("SBEcr", "ecr.repository", map("repositoryName", "taken"))))
        .hasMessageContaining("already exists");
  }
}
