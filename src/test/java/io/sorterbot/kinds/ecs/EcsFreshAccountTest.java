package io.sorterbot.kinds.ecs;

import static io.sorterbot.kinds.ecs.EcsTestSupport.desired;
import static io.sorterbot.kinds.ecs.EcsTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first apply in a fresh account: ECS's service-linked role does not exist for a while, and a role made
 * seconds earlier is "not valid" to ECS (FakeAwsDelaysTest has the AWS behaviours and their sources). Both are
 * eventual consistency: the kinds wait them out within a bounded time, on the fake clock.
 */
class EcsFreshAccountTest {
  @TempDir Path dir;
  private final EcsTestSupport.FakeTicker ticker = new EcsTestSupport.FakeTicker();

  @Test
  void theFirstClusterWaitsForEcsServiceLinkedRole() {
    SandboxClients clients = SandboxClients.open(dir, "eu-central-1",
        SandboxKnobs.none().withEcsServiceLinkedRole(Duration.ofSeconds(20)), ticker);
    KindContext ctx = EcsTestSupport.ctx(clients, ticker, new EcsTestSupport.Notices());
    LiveResource cluster = new ClusterKind().create(ctx, desired("SBCluster", "ecs.cluster", map("clusterName", "c")));
    assertThat(cluster.attributes()).containsEntry("name", "c");
    assertThat(ticker.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(20)).isLessThan(EcsSupport.CONSISTENCY);
  }

  @Test
  void aTaskDefinitionWaitsForItsNewRoleToPropagate() {
    SandboxClients clients = SandboxClients.open(dir, "eu-central-1",
        SandboxKnobs.none().withIamPropagation(Duration.ofSeconds(10)), ticker);
    KindContext ctx = EcsTestSupport.ctx(clients, ticker, new EcsTestSupport.Notices());
    clients.iam().createRole(b -> b.roleName("SorterBotCloudServiceRole").assumeRolePolicyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
            + "\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
    LiveResource task = new TaskDefinitionKind().create(ctx, desired("SBTask", "ecs.taskDefinition",
        EcsSandboxLifecycleTest.taskDefinition("repo:1", "512")));
    assertThat(task.attributes()).containsEntry("revision", 1L);
    assertThat(ticker.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(10)).isLessThan(EcsSupport.CONSISTENCY);
  }
}
