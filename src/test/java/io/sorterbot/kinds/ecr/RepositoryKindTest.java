package io.sorterbot.kinds.ecr;

import static io.sorterbot.kinds.ecs.EcsTestSupport.assertNoChanges;
import static io.sorterbot.kinds.ecs.EcsTestSupport.desired;
import static io.sorterbot.kinds.ecs.EcsTestSupport.ecrError;
import static io.sorterbot.kinds.ecs.EcsTestSupport.find;
import static io.sorterbot.kinds.ecs.EcsTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.sorterbot.aws.AwsErrors;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.*;

/** {@code ecr.repository} against the sandbox (lifecycle) and Mockito (the failures it retries). */
class RepositoryKindTest {
  static final Map<String, Object> POLICY = map("rules", List.of(map("rulePriority", 1L,
      "description", "keep the 3 newest images",
      "selection", map("tagStatus", "any", "countType", "imageCountMoreThan", "countNumber", 3L),
      "action", map("type", "expire"))));

  @TempDir Path dir;
  private final EcsTestSupport.FakeTicker ticker = new EcsTestSupport.FakeTicker();
  private final RepositoryKind repos = new RepositoryKind();

  private Map<String, Object> props(Object... extra) {
    Map<String, Object> p = map("repositoryName", "sorterbot_cloud", "lifecyclePolicy", POLICY);
    for (int i = 0; i < extra.length; i += 2) p.put((String) extra[i], extra[i + 1]);
    return p;
  }

  @Test
  void lifecycle() {
    SandboxClients clients = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none(), ticker);
    KindContext ctx = EcsTestSupport.ctx(clients, ticker, KindContext.Progress.NONE);
    Desired d = desired("SBEcr", "ecr.repository", props("tags", Map.of("Name", "r")));
    LiveResource made = repos.create(ctx, d);
    LiveResource live = find(repos, ctx, "SBEcr");
    assertThat(live).isEqualTo(made);
    assertThat(live.id()).isEqualTo("sorterbot_cloud");
    assertThat(live.attributes()).containsEntry("arn", "arn:aws:ecr:eu-central-1:123456789012:repository/sorterbot_cloud")
        .containsEntry("repositoryUri", "123456789012.dkr.ecr.eu-central-1.amazonaws.com/sorterbot_cloud")
        .containsEntry("id", "sorterbot_cloud");
    assertThat(live.stackTag()).isEqualTo(EcsTestSupport.STACK);
    assertThat(live.createdAt()).isNotNull();
    assertNoChanges(repos, d, live);
    // the same policy as a JSON string, keys in another order, is no change
    assertNoChanges(repos, desired("SBEcr", "ecr.repository", props("tags", Map.of("Name", "r"), "lifecyclePolicy",
        "{\"rules\":[{\"action\":{\"type\":\"expire\"},\"rulePriority\":1,\"description\":\"keep the 3 newest images\","
            + "\"selection\":{\"countNumber\":3,\"countType\":\"imageCountMoreThan\",\"tagStatus\":\"any\"}}]}")), live);

    live = update(ctx, live, desired("SBEcr", "ecr.repository", props("imageTagMutability", "IMMUTABLE",
        "scanOnPush", true, "forceDelete", false, "tags", Map.of("Env", "x"))));
    assertThat(live.properties()).containsEntry("imageTagMutability", "IMMUTABLE").containsEntry("scanOnPush", true)
        .containsEntry("forceDelete", false);
    // forceDelete is recorded as a tag the engine never sees as one
    assertThat(live.tags()).doesNotContainKey(RepositoryKind.FORCE_TAG).containsEntry("Env", "x").doesNotContainKey("Name");
    assertThat(live.properties().get("tags")).isEqualTo(Map.of("Env", "x", "Project", "SorterBot"));

    Map<String, Object> other = map("rules", List.of(map("rulePriority", 1L, "selection",
        map("tagStatus", "untagged", "countType", "sinceImagePushed", "countUnit", "days", "countNumber", 7L),
        "action", map("type", "expire"))));
    live = update(ctx, live, desired("SBEcr", "ecr.repository", props("lifecyclePolicy", other, "forceDelete", false,
        "tags", Map.of("Env", "x"))));
    assertThat(live.properties().get("lifecyclePolicy")).isEqualTo(other);
    live = update(ctx, live, desired("SBEcr", "ecr.repository", props("lifecyclePolicy", Map.of(), "forceDelete", false,
        "tags", Map.of("Env", "x"))));
    assertThat(live.properties()).doesNotContainKey("lifecyclePolicy");

    // with forceDelete false a repository holding images is not deleted
    clients.ecr().putImage(b -> b.repositoryName("sorterbot_cloud").imageManifest("{\"layers\":[]}").imageTag("v1"));
    LiveResource protectedRepo = live;
    assertThatThrownBy(() -> repos.delete(ctx, protectedRepo))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("RepositoryNotEmptyException"));
    live = update(ctx, live, desired("SBEcr", "ecr.repository", props("lifecyclePolicy", Map.of(), "forceDelete", true,
        "tags", Map.of("Env", "x"))));
    repos.delete(ctx, live);
    assertThat(find(repos, ctx, "SBEcr")).isNull();
    repos.delete(ctx, live);  // already gone = success
  }

  private LiveResource update(KindContext ctx, LiveResource live, Desired d) {
    List<PropertyChange> changes = Differ.diff(repos, d.properties(), d.tags(), live, List.of());
    assertThat(changes).isNotEmpty().noneMatch(PropertyChange::forcesReplacement);
    LiveResource after = repos.update(ctx, live, d, changes);
    assertNoChanges(repos, d, after);
    return after;
  }

  // ---- Mockito ----

  private final EcrClient ecr = EcsTestSupport.mockEcr();
  private final KindContext mockCtx = EcsTestSupport.ctx(EcsTestSupport.clients(null, ecr), ticker, KindContext.Progress.NONE);
  private final Repository repo = Repository.builder().repositoryName("sorterbot_cloud").createdAt(Instant.EPOCH)
      .repositoryArn("arn:aws:ecr:eu-central-1:123456789012:repository/sorterbot_cloud")
      .repositoryUri("123456789012.dkr.ecr.eu-central-1.amazonaws.com/sorterbot_cloud").imageTagMutability("MUTABLE")
      .imageScanningConfiguration(c -> c.scanOnPush(false)).build();

  private void readsBack(String sbid, String stack) {
    doReturn(DescribeRepositoriesResponse.builder().repositories(repo).build())
        .when(ecr).describeRepositories(any(DescribeRepositoriesRequest.class));
    doReturn(ListTagsForResourceResponse.builder().tags(Tag.builder().key(Tags.SBID).value(sbid).build(),
        Tag.builder().key(Tags.STACK).value(stack).build()).build()).when(ecr).listTagsForResource(any(ListTagsForResourceRequest.class));
    doThrow(ecrError("LifecyclePolicyNotFoundException")).when(ecr).getLifecyclePolicy(any(GetLifecyclePolicyRequest.class));
  }

  @Test
  void repositoryNotFoundRightAfterCreateIsRetried() {
    doReturn(CreateRepositoryResponse.builder().repository(repo).build()).when(ecr).createRepository(any(CreateRepositoryRequest.class));
    doThrow(ecrError("RepositoryNotFoundException")).doThrow(ecrError("RepositoryNotFoundException"))
        .doReturn(PutLifecyclePolicyResponse.builder().build()).when(ecr).putLifecyclePolicy(any(PutLifecyclePolicyRequest.class));
    readsBack("SBEcr", EcsTestSupport.STACK);

    LiveResource live = repos.create(mockCtx, desired("SBEcr", "ecr.repository", props()));

    assertThat(live.id()).isEqualTo("sorterbot_cloud");
    verify(ecr, times(3)).putLifecyclePolicy(any(PutLifecyclePolicyRequest.class));
    assertThat(ticker.slept()).isPositive().isLessThan(Duration.ofSeconds(10));
    var create = org.mockito.ArgumentCaptor.forClass(CreateRepositoryRequest.class);
    verify(ecr).createRepository(create.capture());
    assertThat(create.getValue().tags()).contains(Tag.builder().key(Tags.SBID).value("SBEcr").build());
  }

  @Test
  void aRetriedCreateFindsItsOwnRepositoryButNotSomeoneElses() {
    doThrow(ecrError("RepositoryAlreadyExistsException")).when(ecr).createRepository(any(CreateRepositoryRequest.class));
    doReturn(PutLifecyclePolicyResponse.builder().build()).when(ecr).putLifecyclePolicy(any(PutLifecyclePolicyRequest.class));
    readsBack("SBEcr", EcsTestSupport.STACK);
    assertThat(repos.create(mockCtx, desired("SBEcr", "ecr.repository", props())).sbid()).isEqualTo("SBEcr");

    readsBack("SBEcr", "otherstack");
    assertThatThrownBy(() -> repos.create(mockCtx, desired("SBEcr", "ecr.repository", props())))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("RepositoryAlreadyExistsException"));
  }

  @Test
  void deleteForcesByDefaultAndTreatsNotFoundAsDone() {
    doThrow(ecrError("RepositoryNotFoundException")).when(ecr).deleteRepository(any(DeleteRepositoryRequest.class));
    repos.delete(mockCtx, new LiveResource("SBEcr", "ecr.repository", EcsTestSupport.STACK, "sorterbot_cloud",
        Map.of("forceDelete", true), Map.of(), Map.of(), List.of(), null));
    verify(ecr).deleteRepository(DeleteRepositoryRequest.builder().repositoryName("sorterbot_cloud").force(true).build());
  }
}
