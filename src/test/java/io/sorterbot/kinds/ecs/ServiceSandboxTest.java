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
import io.sorterbot.kinds.ec2.SubnetKind;
import io.sorterbot.plan.Differ;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.model.Service;

/** The Fargate service against the sandbox: waits, updates only what changed, scale-in and drain on delete. */
class ServiceSandboxTest {
  @TempDir Path dir;
  private final EcsTestSupport.FakeTicker ticker = new EcsTestSupport.FakeTicker();
  private final EcsTestSupport.Notices notices = new EcsTestSupport.Notices();
  private SandboxClients clients;
  private KindContext ctx;
  private final ServiceKind services = new ServiceKind();
  private final ClusterKind clusters = new ClusterKind();
  private final TaskDefinitionKind taskDefinitions = new TaskDefinitionKind();
  private String subnetA;
  private String subnetB;
  private String group;
  private LiveResource cluster;
  private LiveResource task;

  private void setUp(double provisionScale) { setUp(SandboxKnobs.none().withProvisionScale(provisionScale)); }

  private void setUp(SandboxKnobs knobs) {
    clients = SandboxClients.open(dir, "eu-central-1", knobs, ticker);
    ctx = EcsTestSupport.ctx(clients, ticker, notices);
    Ec2Client ec2 = clients.ec2();
    String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    subnetA = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.0.0/24")).subnet().subnetId();
    subnetB = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
    group = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("cloud").description("cloud")).groupId();
    cluster = clusters.create(ctx, desired("SBCluster", "ecs.cluster", map("clusterName", "sorterbot-cluster")));
    task = taskDefinitions.create(ctx, desired("SBTask", "ecs.taskDefinition",
        EcsSandboxLifecycleTest.taskDefinition("repo:1", "512")));
  }

  private Map<String, Object> service(Object desiredCount, String taskDefinition, List<String> subnets) {
    return map("serviceName", "sorterbot-cloud-service", "cluster", cluster.attributes().get("arn"),
        "taskDefinition", taskDefinition, "launchType", "FARGATE", "desiredCount", desiredCount,
        "networkConfiguration", map("awsvpcConfiguration", map("subnets", subnets,
            "securityGroups", List.of(group), "assignPublicIp", "ENABLED")));
  }

  @Test
  void lifecycle() {
    setUp(0);
    Desired d = desired("SBService", "ecs.service", service(1L, task.id(), List.of(subnetA, subnetB)));
    LiveResource made = services.create(ctx, d);
    LiveResource live = find(services, ctx, "SBService");
    assertThat(live).isEqualTo(made);
    assertThat(live.id()).isEqualTo("arn:aws:ecs:eu-central-1:123456789012:service/sorterbot-cluster/sorterbot-cloud-service");
    assertThat(live.attributes()).containsEntry("arn", live.id()).containsEntry("name", "sorterbot-cloud-service");
    assertThat(live.refs()).contains(cluster.id(), task.id(), subnetA, subnetB, group);
    assertThat(live.createdAt()).isNotNull();
    assertNoChanges(services, d, live);
    // the cluster by name, subnets in another order, the family alone: the same service
    assertNoChanges(services, desired("SBService", "ecs.service", with(service(1L, "sorterbot-cloud-taskdef",
        List.of(subnetB, subnetA)), "cluster", "sorterbot-cluster")), live);

    // a new revision and a desired count the file ignores: only the revision is sent
    LiveResource task2 = taskDefinitions.update(ctx, task, desired("SBTask", "ecs.taskDefinition",
        EcsSandboxLifecycleTest.taskDefinition("repo:2", "512")), List.of(new PropertyChange("containerDefinitions", null, null, false)));
    clients.ecs().updateService(b -> b.cluster("sorterbot-cluster").service("sorterbot-cloud-service").desiredCount(3));
    live = find(services, ctx, "SBService");
    Desired next = desired("SBService", "ecs.service", service(1L, task2.id(), List.of(subnetA, subnetB)));
    List<PropertyChange> changes = Differ.diff(services, next.properties(), next.tags(), live, List.of("desiredCount"));
    assertThat(changes).extracting(PropertyChange::property).containsExactly("taskDefinition");
    live = services.update(ctx, live, next, changes);
    assertThat(live.properties()).containsEntry("taskDefinition", task2.id()).containsEntry("desiredCount", 3L);

    // network, platform, exec and tags in place
    Desired moved = desired("SBService", "ecs.service", with(with(with(service(1L, task2.id(), List.of(subnetB)),
        "platformVersion", "1.4.0"), "enableExecuteCommand", true), "tags", Map.of("Env", "x")));
    changes = Differ.diff(services, moved.properties(), moved.tags(), live, List.of("desiredCount"));
    assertThat(changes).extracting(PropertyChange::property)
        .containsExactlyInAnyOrder("networkConfiguration", "platformVersion", "enableExecuteCommand", "tags");
    assertThat(changes).noneMatch(PropertyChange::forcesReplacement);
    live = services.update(ctx, live, moved, changes);
    assertThat(Differ.diff(services, moved.properties(), moved.tags(), live, List.of("desiredCount"))).isEmpty();

    services.delete(ctx, live);
    assertThat(find(services, ctx, "SBService")).isNull();
    services.delete(ctx, live);  // already gone = success
    clusters.delete(ctx, cluster);
    assertThat(find(clusters, ctx, "SBCluster")).isNull();
  }

  @Test
  void createWaitsUntilTheTasksRunAndReportsProgress() {
    setUp(1);
    LiveResource live = services.create(ctx, desired("SBService", "ecs.service", service(2L, task.id(), List.of(subnetA))));
    assertThat(ticker.slept()).isGreaterThanOrEqualTo(Duration.ofMinutes(2)).isLessThan(Duration.ofMinutes(3));
    assertThat(notices.activities).isNotEmpty().containsOnly("creating");
    Service s = ServiceWaits.describe(ctx, "sorterbot-cluster", live.id());
    assertThat(s.runningCount()).isEqualTo(2);
    assertThat(s.deployments()).hasSize(1);
  }

  @Test
  void runningTasksHoldTheirSubnetUntilTheServiceHasDrained() {
    setUp(1);
    LiveResource live = services.create(ctx, desired("SBService", "ecs.service", service(1L, task.id(), List.of(subnetA))));
    SubnetKind subnets = new SubnetKind();
    LiveResource subnet = new LiveResource("SBSubnetA", "ec2.subnet", EcsTestSupport.STACK, subnetA, Map.of(), Map.of(),
        Map.of(), List.of(), null);
    // the cluster cannot go while the service is there, nor the subnet while its tasks hold interfaces in it
    assertThatThrownBy(() -> clusters.delete(ctx, cluster))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("ClusterContainsServicesException"));
    assertThatThrownBy(() -> clients.ec2().deleteSubnet(b -> b.subnetId(subnetA)))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("DependencyViolation"));

    notices.activities.clear();
    services.delete(ctx, live);
    assertThat(notices.activities).contains("destroying");
    subnets.delete(ctx, subnet);
    clusters.delete(ctx, cluster);
    assertThat(find(clusters, ctx, "SBCluster")).isNull();
  }

  @Test
  void createsRideOutTheConsistencyLag() {
    setUp(SandboxKnobs.none().withConsistencyLag(Duration.ofSeconds(20)));  // the cluster was read back with retries
    LiveResource live = services.create(ctx, desired("SBService", "ecs.service", service(1L, task.id(), List.of(subnetA))));
    assertThat(live.properties()).containsEntry("desiredCount", 1L);
    assertThat(ticker.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(20)).isLessThan(Duration.ofMinutes(2));
  }

  @Test
  void createFailsWithTheAwsErrorWhenTheTaskDefinitionIsUnknown() {
    setUp(0);
    Duration before = ticker.slept();
    assertThatThrownBy(() -> services.create(ctx, desired("SBService", "ecs.service",
        service(1L, "no-such-family:1", List.of(subnetA)))))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("InvalidParameterException"))
        .hasMessageContaining("TaskDefinition not found");
    assertThat(ticker.slept()).as("no retry of a permanent error").isEqualTo(before);
  }

  @Test
  void aCreateRetriedWithTheSameTokenGivesTheSameService() {
    setUp(0);
    Desired d = desired("SBService", "ecs.service", service(1L, task.id(), List.of(subnetA)));
    String first = services.create(ctx, d).id();
    assertThat(services.create(ctx, d).id()).isEqualTo(first);
    assertThat(clients.ecs().listServices(b -> b.cluster("sorterbot-cluster")).serviceArns()).containsExactly(first);
  }

  private static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
    m.put(k, v);
    return m;
  }
}
