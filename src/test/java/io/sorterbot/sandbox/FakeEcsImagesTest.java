package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeEcsTest.assertCode;
import static io.sorterbot.sandbox.FakeEcsTest.fargate;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.*;

/**
 * Tasks whose image is not in this account's ECR never run (CannotPullContainerError, the service never reaches
 * steady state: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html).
 * Without the deployment circuit breaker ECS keeps trying, so they start once the image is pushed; with it,
 * the deployment fails after the breaker's threshold and "stops launching new tasks", rolling back to the last
 * completed deployment when asked to (API_DeploymentCircuitBreaker, API_ServiceDeploymentCircuitBreaker).
 */
class FakeEcsImagesTest {
  private static final String REPO = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/cloud";

  @TempDir Path dir;
  private final FakeTicker ticker = new FakeTicker();
  private EcsClient ecs;
  private EcrClient ecr;
  private String subnet;

  private void open() {
    SandboxClients c = Ec2TestSupport.open(dir, SandboxKnobs.none().withProvisionScale(1), ticker);
    ticker.advance(SandboxKnobs.DEFAULT_ECS_SLR_DELAY);
    ecs = c.ecs();
    ecr = c.ecr();
    String vpc = Ec2TestSupport.vpc(c.ec2(), "10.0.0.0/16");
    subnet = Ec2TestSupport.subnet(c.ec2(), vpc, "10.0.0.0/24");
    ecs.createCluster(b -> b.clusterName("c"));
    ecr.createRepository(b -> b.repositoryName("cloud"));
  }

  private void service(boolean breaker, String taskDefinition) {
    ecs.createService(b -> b.cluster("c").serviceName("s").taskDefinition(taskDefinition).desiredCount(1)
        .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet)))
        .deploymentConfiguration(d -> d.deploymentCircuitBreaker(x -> x.enable(breaker).rollback(breaker))));
  }

  private Service describe() { return ecs.describeServices(b -> b.cluster("c").services("s")).services().get(0); }

  private void push(String tag) {
    ecr.putImage(b -> b.repositoryName("cloud").imageTag(tag).imageManifest("{\"schemaVersion\":2,\"tag\":\"" + tag + "\"}"));
  }

  @Test void describeImagesAnswersImageNotFoundForAnAbsentTag() {
    open();
    assertThat(catchEcr(() -> ecr.describeImages(b -> b.repositoryName("cloud").imageIds(i -> i.imageTag("latest")))))
        .isInstanceOf(ImageNotFoundException.class);
    push("latest");
    assertThat(ecr.describeImages(b -> b.repositoryName("cloud").imageIds(i -> i.imageTag("latest"))).imageDetails())
        .singleElement().satisfies(d -> assertThat(d.imageTags()).containsExactly("latest"));
  }

  @Test void withoutTheBreakerTasksOfAMissingImageNeverRunUntilItIsPushed() {
    open();
    ecs.registerTaskDefinition(fargate("fam", REPO + ":latest"));
    service(false, "fam");
    ticker.advance(Duration.ofHours(1));
    Service s = describe();
    assertThat(s.runningCount()).isZero();
    assertThat(s.deployments()).singleElement().satisfies(d -> assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS));
    assertThat(s.events().get(0).message()).contains("CannotPullContainerError").contains(REPO + ":latest");

    push("latest");
    ticker.advance(Duration.ofMinutes(2));
    assertThat(describe().runningCount()).isEqualTo(1);
  }

  @Test void theBreakerFailsTheFirstDeploymentAndAPushAloneDoesNotRestartIt() {
    open();
    ecs.registerTaskDefinition(fargate("fam", REPO + ":latest"));
    service(true, "fam");
    assertThat(describe().deploymentConfiguration().deploymentCircuitBreaker())
        .isEqualTo(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build());
    ticker.advance(FakeEcsRollout.FAIL_AFTER);
    Service s = describe();
    assertThat(s.deployments()).singleElement().satisfies(d -> {
      assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.FAILED);
      assertThat(d.failedTasks()).isEqualTo(3);
    });
    assertThat(s.runningCount()).isZero();

    push("latest");
    ticker.advance(Duration.ofMinutes(10));
    assertThat(describe().runningCount()).as("the breaker stopped launching tasks").isZero();
    ecs.updateService(b -> b.cluster("c").service("s").forceNewDeployment(true));
    ticker.advance(Duration.ofMinutes(2));
    assertThat(describe().runningCount()).isEqualTo(1);
    assertThat(describe().deployments()).singleElement().satisfies(d -> assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED));
  }

  @Test void theBreakerRollsBackToTheLastCompletedDeployment() {
    open();
    push("v1");
    ecs.registerTaskDefinition(fargate("fam", REPO + ":v1"));
    ecs.registerTaskDefinition(fargate("fam", REPO + ":v2"));
    service(true, "fam:1");
    ticker.advance(Duration.ofMinutes(2));
    assertThat(describe().runningCount()).isEqualTo(1);

    ecs.updateService(b -> b.cluster("c").service("s").taskDefinition("fam:2"));
    assertThat(describe().taskDefinition()).endsWith("fam:2");
    ticker.advance(FakeEcsRollout.FAIL_AFTER);
    Service s = describe();
    assertThat(s.taskDefinition()).endsWith("fam:1");
    assertThat(s.runningCount()).isEqualTo(1);
    assertThat(s.events()).extracting(ServiceEvent::message).anyMatch(m -> m.contains("deployment failed"));
  }

  private static Throwable catchEcr(org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
    return org.assertj.core.api.Assertions.catchThrowable(c);
  }
}
