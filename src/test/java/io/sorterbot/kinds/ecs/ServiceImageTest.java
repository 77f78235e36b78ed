package io.sorterbot.kinds.ecs;

import static io.sorterbot.kinds.ecs.EcsTestSupport.assertNoChanges;
import static io.sorterbot.kinds.ecs.EcsTestSupport.desired;
import static io.sorterbot.kinds.ecs.EcsTestSupport.find;
import static io.sorterbot.kinds.ecs.EcsTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.Desired;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.Notice;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.plan.Differ;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The first apply creates the ECR repository empty, so the service's image is not there: its tasks cannot
 * start (FakeEcsImagesTest has AWS's behaviour and sources). The service is created, not waited for, and the
 * user told once what to push; discovery shows it waiting; once the image is pushed, plan deploys the revision
 * again (the circuit breaker had failed its deployment) and apply waits for it to run.
 */
class ServiceImageTest {
  private static final String IMAGE = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/sorterbot_cloud:latest";

  @TempDir Path dir;
  private final EcsTestSupport.FakeTicker ticker = new EcsTestSupport.FakeTicker();
  private final List<Notice> notices = new CopyOnWriteArrayList<>();
  private final ServiceKind services = new ServiceKind();

  @Test
  void aServiceWaitingForItsImageIsNotWaitedForThenStartsOnceItIsPushed() {
    SandboxClients clients = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none().withProvisionScale(1), ticker);
    KindContext ctx = new KindContext(EcsTestSupport.STACK, clients, ticker, KindContext.Progress.NONE, notices::add);
    Ec2Client ec2 = clients.ec2();
    String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.0.0/24")).subnet().subnetId();
    LiveResource cluster = new ClusterKind().create(ctx, desired("SBCluster", "ecs.cluster", map("clusterName", "c")));
    clients.ecr().createRepository(b -> b.repositoryName("sorterbot_cloud"));
    LiveResource task = new TaskDefinitionKind().create(ctx, desired("SBTask", "ecs.taskDefinition",
        EcsSandboxLifecycleTest.taskDefinition(IMAGE, "512")));
    Desired d = desired("SBService", "ecs.service", map("serviceName", "s", "cluster", cluster.id(), "taskDefinition",
        task.id(), "desiredCount", 1L, "networkConfiguration", map("awsvpcConfiguration", map("subnets", List.of(subnet)))));

    Duration before = ticker.slept();
    LiveResource made = services.create(ctx, d);
    assertThat(ticker.slept().minus(before)).as("not waited for").isLessThan(Duration.ofMinutes(1));
    assertThat(made.attributes()).containsEntry("imageStatus", "waiting for image " + IMAGE);
    assertThat(notices).singleElement().satisfies(n -> {
      assertThat(n.verbose()).isFalse();
      assertThat(n.sbid()).isEqualTo("SBService");
      assertThat(n.text()).contains("waits for its image " + IMAGE)
          .contains("aws ecr get-login-password --region eu-central-1 | docker login --username AWS --password-stdin"
              + " 123456789012.dkr.ecr.eu-central-1.amazonaws.com")
          .contains("docker push " + IMAGE).contains("run apply again");
    });
    Service s = ServiceWaits.describe(ctx, "c", made.id());
    assertThat(s.deploymentConfiguration().deploymentCircuitBreaker())
        .isEqualTo(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build());

    // The circuit breaker fails the deployment; discovery still shows a service waiting, and nothing to change.
    ticker.advance(Duration.ofMinutes(10));
    LiveResource found = find(services, ctx, "SBService");
    assertThat(found.attributes()).containsEntry("imageStatus", "waiting for image " + IMAGE);
    assertNoChanges(services, d, found);
    assertThat(notices).hasSize(2).allMatch(n -> n.equals(notices.get(0)));  // the same notice: told once per run

    // Pushed: the failed deployment is not retried by ECS, so plan deploys the revision again.
    clients.ecr().putImage(b -> b.repositoryName("sorterbot_cloud").imageTag("latest").imageManifest("{\"schemaVersion\":2}"));
    found = find(services, ctx, "SBService");
    List<PropertyChange> changes = Differ.diff(services, d.properties(), d.tags(), found, List.of());
    assertThat(changes).extracting(PropertyChange::property).containsExactly("taskDefinition");
    before = ticker.slept();
    LiveResource running = services.update(ctx, found, d, changes);
    assertThat(ticker.slept().minus(before)).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    assertThat(running.attributes()).containsEntry("imageStatus", "ready");
    assertThat(ServiceWaits.describe(ctx, "c", made.id()).runningCount()).isEqualTo(1);
    assertNoChanges(services, d, find(services, ctx, "SBService"));
  }
}
