package io.sorterbot.kinds.ecs;

import static io.sorterbot.kinds.ecs.EcsTestSupport.assertNoChanges;
import static io.sorterbot.kinds.ecs.EcsTestSupport.desired;
import static io.sorterbot.kinds.ecs.EcsTestSupport.find;
import static io.sorterbot.kinds.ecs.EcsTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.plan.Differ;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/** Cluster and task definition against the sandbox's simulated ECS: create → discover → update → delete. */
class EcsSandboxLifecycleTest {
  @TempDir Path dir;
  private final EcsTestSupport.FakeTicker ticker = new EcsTestSupport.FakeTicker();
  private SandboxClients clients;
  private KindContext ctx;
  private final ClusterKind clusters = new ClusterKind();
  private final TaskDefinitionKind taskDefinitions = new TaskDefinitionKind();

  @BeforeEach
  void open() {
    clients = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none(), ticker);
    ctx = EcsTestSupport.ctx(clients, ticker, KindContext.Progress.NONE);
  }

  @Test
  void cluster() {
    Desired d = desired("SBCluster", "ecs.cluster", map("clusterName", "sorterbot-cluster", "tags", Map.of("Name", "c")));
    LiveResource made = clusters.create(ctx, d);
    LiveResource live = find(clusters, ctx, "SBCluster");
    assertThat(live).isEqualTo(made);
    assertThat(live.stackTag()).isEqualTo(EcsTestSupport.STACK);
    assertThat(live.id()).isEqualTo("arn:aws:ecs:eu-central-1:123456789012:cluster/sorterbot-cluster");
    assertThat(live.attributes()).containsEntry("arn", live.id()).containsEntry("name", "sorterbot-cluster")
        .containsEntry("id", live.id());
    assertNoChanges(clusters, d, live);

    Desired retagged = desired("SBCluster", "ecs.cluster", map("clusterName", "sorterbot-cluster", "tags", Map.of("Env", "test")));
    live = update(clusters, live, retagged);
    assertThat(live.tags()).containsEntry("Env", "test").doesNotContainKey("Name").containsEntry("SBID", "SBCluster");

    clusters.delete(ctx, live);
    assertThat(find(clusters, ctx, "SBCluster")).isNull();
    clusters.delete(ctx, live);  // already gone = success
  }

  @Test
  void clusterCreateRefusesAClusterOfTheSameNameThatIsNotOurs() {
    ticker.advance(io.sorterbot.sandbox.SandboxKnobs.DEFAULT_ECS_SLR_DELAY);  // made by hand: past the fresh account's first seconds
    clients.ecs().createCluster(b -> b.clusterName("shared"));
    assertThatThrownBy(() -> clusters.create(ctx, desired("SBCluster", "ecs.cluster", map("clusterName", "shared"))))
        .hasMessageContaining("already exists").hasMessageContaining("SBID=SBCluster");
  }

  @Test
  void taskDefinition() {
    Desired d = desired("SBTask", "ecs.taskDefinition", taskDefinition("repo:1", "512"));
    LiveResource first = taskDefinitions.create(ctx, d);
    assertThat(first.attributes()).containsEntry("family", "sorterbot-cloud-taskdef").containsEntry("revision", 1L)
        .containsEntry("arn", first.id()).containsEntry("id", first.id());
    LiveResource live = find(taskDefinitions, ctx, "SBTask");
    assertThat(live.id()).isEqualTo(first.id());
    // AWS filled in defaults (cpu 0, hostPort, empty lists...): not changes, since the file does not declare them
    @SuppressWarnings("unchecked") Map<String, Object> container =
        ((List<Map<String, Object>>) live.properties().get("containerDefinitions")).get(0);
    assertThat(container).containsEntry("cpu", 0L)
        .containsEntry("portMappings", List.of(map("containerPort", 6000L, "hostPort", 6000L, "protocol", "tcp")));
    assertNoChanges(taskDefinitions, d, live);
    assertThat(live.refs()).contains("arn:aws:iam::123456789012:role/SorterBotCloudServiceRole", "SorterBotCloudPostgres");

    // any change is a new revision of the family; the one this stack registered before is deregistered
    Desired newImage = desired("SBTask", "ecs.taskDefinition", taskDefinition("repo:2", "1 vCPU"));
    live = update(taskDefinitions, live, newImage);
    assertThat(live.attributes()).containsEntry("revision", 2L);
    assertThat(find(taskDefinitions, ctx, "SBTask").id()).isEqualTo(live.id());
    assertThat(status(first.id())).isEqualTo(TaskDefinitionStatus.INACTIVE);
    assertNoChanges(taskDefinitions, newImage, live);

    // tags alone are not worth a revision
    Desired retagged = desired("SBTask", "ecs.taskDefinition", with(taskDefinition("repo:2", "1 vCPU"), "tags", Map.of("Env", "x")));
    LiveResource tagged = update(taskDefinitions, live, retagged);
    assertThat(tagged.id()).isEqualTo(live.id());
    assertThat(tagged.tags()).containsEntry("Env", "x");

    taskDefinitions.delete(ctx, tagged);
    assertThat(find(taskDefinitions, ctx, "SBTask")).isNull();
    assertThat(clients.ecs().listTaskDefinitions(b -> b.familyPrefix("sorterbot-cloud-taskdef")).taskDefinitionArns()).isEmpty();
    taskDefinitions.delete(ctx, tagged);  // already gone = success
  }

  @Test
  void revisionsRegisteredOutsideTheStackAreKeptByUpdatesAndDiscoveryTakesTheNewestTaggedOne() {
    Desired d = desired("SBTask", "ecs.taskDefinition", taskDefinition("repo:1", "512"));
    LiveResource ours = taskDefinitions.create(ctx, d);
    // the Control Panel's CI registers a revision of its own, without our tags
    String ci = clients.ecs().registerTaskDefinition(b -> b.family("sorterbot-cloud-taskdef").networkMode("awsvpc")
        .requiresCompatibilitiesWithStrings("FARGATE").cpu("512").memory("4096")
        .containerDefinitions(c -> c.name("sorterbot-cloud-image").image("repo:ci"))).taskDefinition().taskDefinitionArn();
    assertThat(find(taskDefinitions, ctx, "SBTask").id()).isEqualTo(ours.id());

    LiveResource next = update(taskDefinitions, ours, desired("SBTask", "ecs.taskDefinition", taskDefinition("repo:3", "512")));
    assertThat(next.attributes()).containsEntry("revision", 3L);
    assertThat(status(ours.id())).isEqualTo(TaskDefinitionStatus.INACTIVE);
    assertThat(status(ci)).isEqualTo(TaskDefinitionStatus.ACTIVE);

    // destroying the family takes every revision, the CI's included
    taskDefinitions.delete(ctx, next);
    assertThat(clients.ecs().listTaskDefinitionFamilies(b -> b.familyPrefix("sorterbot")).families()).isEmpty();
  }

  @Test
  void anInvalidTaskDefinitionFailsWithTheAwsError() {
    Map<String, Object> props = taskDefinition("repo:1", "512");
    props.put("memory", "100");
    assertThatThrownBy(() -> taskDefinitions.create(ctx, desired("SBTask", "ecs.taskDefinition", props)))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("ClientException"))
        .hasMessageContaining("No Fargate configuration exists");
    assertThat(ticker.slept()).isZero();
  }

  private TaskDefinitionStatus status(String arn) {
    return clients.ecs().describeTaskDefinition(b -> b.taskDefinition(arn)).taskDefinition().status();
  }

  /** The reference file's task definition. */
  static Map<String, Object> taskDefinition(String image, String cpu) {
    String role = "arn:aws:iam::123456789012:role/SorterBotCloudServiceRole";
    return map("family", "sorterbot-cloud-taskdef", "requiresCompatibilities", List.of("FARGATE"), "networkMode", "awsvpc",
        "cpu", cpu, "memory", "4096", "taskRoleArn", role, "executionRoleArn", role,
        "containerDefinitions", List.of(map("name", "sorterbot-cloud-image", "image", image, "essential", true,
            "portMappings", List.of(map("containerPort", 6000L, "protocol", "tcp")),
            "environment", List.of(map("name", "B", "value", "2"), map("name", "A", "value", "1")),
            "secrets", List.of(map("name", "PG_CONN",
                "valueFrom", "arn:aws:ssm:eu-central-1:123456789012:parameter/SorterBotCloudPostgres")))));
  }

  private static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
    m.put(k, v);
    return m;
  }

  private LiveResource update(ResourceKind kind, LiveResource live, Desired d) {
    List<PropertyChange> changes = Differ.diff(kind, d.properties(), d.tags(), live, List.of());
    assertThat(changes).isNotEmpty();
    assertThat(changes).noneMatch(PropertyChange::forcesReplacement);
    LiveResource after = kind.update(ctx, live, d, changes);
    assertNoChanges(kind, d, after);
    return after;
  }
}
