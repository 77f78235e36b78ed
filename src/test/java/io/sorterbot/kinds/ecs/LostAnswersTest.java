package io.sorterbot.kinds.ecs;

import static io.sorterbot.kinds.ecs.EcsTestSupport.desired;
import static io.sorterbot.kinds.ecs.EcsTestSupport.find;
import static io.sorterbot.kinds.ecs.EcsTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * Every mutating ECS call's first answer lost (the sandbox's lost rate 1): each call is done twice. Clusters
 * (idempotent by name), task definitions (a second revision, deregistered) and services (client token) must
 * still exist once, update and delete.
 */
class LostAnswersTest {
  @TempDir Path dir;
  private final EcsTestSupport.FakeTicker ticker = new EcsTestSupport.FakeTicker();
  /** The same account without faults: setup and inspection. */
  private SandboxClients plain;
  private KindContext ctx;
  private final ClusterKind clusters = new ClusterKind();
  private final TaskDefinitionKind taskDefinitions = new TaskDefinitionKind();
  private final ServiceKind services = new ServiceKind();

  @BeforeEach
  void open() {
    plain = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none(), ticker);
    SandboxClients lost = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none().withLostRate(1.0), ticker);
    ctx = EcsTestSupport.ctx(lost, ticker, KindContext.Progress.NONE);
  }

  @Test
  void clusterIsMadeOnceAndAForeignOneStillFails() {
    Desired d = desired("SBCluster", "ecs.cluster", map("clusterName", "lost-cluster"));
    LiveResource made = clusters.create(ctx, d);
    List<String> arns = plain.ecs().listClusters().clusterArns();
    assertThat(arns).containsExactly(made.id());
    LiveResource live = update(clusters, made, desired("SBCluster", "ecs.cluster", map("clusterName", "lost-cluster",
        "tags", Map.of("Env", "x"))));
    clusters.delete(ctx, live);
    assertThat(plain.ecs().describeClusters(b -> b.clusters(made.id())).clusters()).extracting(Cluster::status)
        .containsExactly("INACTIVE");

    plain.ecs().createCluster(b -> b.clusterName("foreign").tags(t -> t.key(Tags.SBID).value("SBForeign"),
        t -> t.key(Tags.STACK).value("otherstack")));
    assertThatThrownBy(() -> clusters.create(ctx, desired("SBForeign", "ecs.cluster", map("clusterName", "foreign"))))
        .hasMessageContaining("already exists");
  }

  @Test
  void taskDefinitionKeepsOneActiveRevision() {
    Desired d = desired("SBTask", "ecs.taskDefinition", EcsSandboxLifecycleTest.taskDefinition("repo:1", "512"));
    LiveResource made = taskDefinitions.create(ctx, d);
    assertThat(active()).containsExactly(made.id());
    assertThat(find(taskDefinitions, ctx, "SBTask").id()).isEqualTo(made.id());

    LiveResource next = update(taskDefinitions, made, desired("SBTask", "ecs.taskDefinition",
        EcsSandboxLifecycleTest.taskDefinition("repo:2", "512")));
    assertThat(active()).containsExactly(next.id());

    LiveResource retagged = update(taskDefinitions, next, desired("SBTask", "ecs.taskDefinition",
        with(EcsSandboxLifecycleTest.taskDefinition("repo:2", "512"), "tags", Map.of("Env", "x"))));
    assertThat(active()).containsExactly(next.id());

    taskDefinitions.delete(ctx, retagged);
    assertThat(active()).isEmpty();
  }

  @Test
  void serviceIsMadeOnceByItsClientToken() {
    Ec2Client ec2 = plain.ec2();
    String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.0.0/24")).subnet().subnetId();
    String group = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("cloud").description("cloud")).groupId();
    LiveResource cluster = clusters.create(ctx, desired("SBCluster", "ecs.cluster", map("clusterName", "lost-cluster")));
    LiveResource task = taskDefinitions.create(ctx, desired("SBTask", "ecs.taskDefinition",
        EcsSandboxLifecycleTest.taskDefinition("repo:1", "512")));
    Map<String, Object> props = map("serviceName", "lost-service", "cluster", cluster.id(), "taskDefinition", task.id(),
        "launchType", "FARGATE", "desiredCount", 1L, "networkConfiguration", map("awsvpcConfiguration",
            map("subnets", List.of(subnet), "securityGroups", List.of(group), "assignPublicIp", "ENABLED")));
    LiveResource made = services.create(ctx, desired("SBService", "ecs.service", props));
    List<String> arns = plain.ecs().listServices(b -> b.cluster("lost-cluster")).serviceArns();
    assertThat(arns).containsExactly(made.id());

    LiveResource live = update(services, made, desired("SBService", "ecs.service", with(with(props, "desiredCount", 2L),
        "tags", Map.of("Env", "x"))));
    assertThat(live.properties()).containsEntry("desiredCount", 2L);

    services.delete(ctx, live);
    assertThat(plain.ecs().describeServices(b -> b.cluster("lost-cluster").services(made.id())).services())
        .extracting(Service::status).containsExactly("INACTIVE");
    clusters.delete(ctx, cluster);
  }

  /** The family's ACTIVE revisions, whoever registered them. */
  private List<String> active() {
    return plain.ecs().listTaskDefinitions(b -> b.familyPrefix("sorterbot-cloud-taskdef")
        .status(TaskDefinitionStatus.ACTIVE)).taskDefinitionArns();
  }

  private LiveResource update(ResourceKind kind, LiveResource live, Desired d) {
    List<PropertyChange> changes = Differ.diff(kind, d.properties(), d.tags(), live, List.of());
    assertThat(changes).isNotEmpty();
    LiveResource updated = kind.update(ctx, live, d, changes);
    assertThat(Differ.diff(kind, d.properties(), d.tags(), updated, List.of())).isEmpty();
    return updated;
  }

  private static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
    m.put(k, v);
    return m;
  }
}
