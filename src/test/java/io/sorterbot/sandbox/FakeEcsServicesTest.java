package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeEcsTest.PREFIX;
import static io.sorterbot.sandbox.FakeEcsTest.assertCode;
import static io.sorterbot.sandbox.FakeEcsTest.fargate;
import static io.sorterbot.sandbox.FakeEcsTest.tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.aws.AwsErrors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.*;

/** Services of the ECS fake: checks, idempotency, tasks coming up and draining, and what they block in EC2. */
class FakeEcsServicesTest {
  @TempDir Path dir;
  private final FakeTicker ticker = new FakeTicker();
  private EcsClient ecs;
  private Ec2Client ec2;
  private String vpc;
  private String subnet;
  private String group;

  private void open(double provisionScale) {
    SandboxClients clients = Ec2TestSupport.open(dir, SandboxKnobs.none().withProvisionScale(provisionScale), ticker);
    ecs = clients.ecs();
    ticker.advance(SandboxKnobs.DEFAULT_ECS_SLR_DELAY);  // an account old enough for ECS's service-linked role
    ec2 = clients.ec2();
    vpc = Ec2TestSupport.vpc(ec2, "10.0.0.0/16");
    subnet = Ec2TestSupport.subnet(ec2, vpc, "10.0.0.0/24");
    group = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("g").description("g")).groupId();
    ecs.createCluster(b -> b.clusterName("c"));
    ecs.registerTaskDefinition(fargate("fam", "img:1"));
  }

  private CreateServiceRequest.Builder service(String name, int count) {
    return CreateServiceRequest.builder().cluster("c").serviceName(name).taskDefinition("fam").desiredCount(count)
        .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet)
            .securityGroups(group).assignPublicIp(AssignPublicIp.ENABLED)));
  }

  private Service describe(String name) {
    return ecs.describeServices(b -> b.cluster("c").services(name)).services().get(0);
  }

  @Test void createChecksClusterTaskDefinitionAndNetwork() {
    open(0);
    assertCode(ClusterNotFoundException.class, "ClusterNotFoundException", () -> ecs.createService(service("s", 1).cluster("nope").build()));
    assertCode(InvalidParameterException.class, "InvalidParameterException",
        () -> ecs.createService(service("s", 1).taskDefinition("nope:1").build()));
    assertCode(InvalidParameterException.class, "InvalidParameterException",
        () -> ecs.createService(service("s", 1).networkConfiguration((NetworkConfiguration) null).build()));
    var badSubnet = assertCode(InvalidParameterException.class, "InvalidParameterException", () -> ecs.createService(
        service("s", 1).networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-00000000000000099"))).build()));
    assertThat(AwsErrors.message(badSubnet)).contains("subnet-00000000000000099");
    ecs.registerTaskDefinition(b -> b.family("ec2only").memory("512").containerDefinitions(c -> c.name("a").image("i")));
    assertCode(InvalidParameterException.class, "InvalidParameterException",
        () -> ecs.createService(service("s", 1).taskDefinition("ec2only").build()));
    assertThat(ecs.listServices(b -> b.cluster("c")).serviceArns()).isEmpty();
  }

  @Test void createIsIdempotentWithAClientTokenAndRefusesADuplicateName() {
    open(0);
    Service s = ecs.createService(service("s", 1).clientToken("t1").tags(tag("SBID", "SBService")).build()).service();
    assertThat(s.serviceArn()).isEqualTo(PREFIX + "service/c/s");
    assertThat(s.taskDefinition()).isEqualTo(PREFIX + "task-definition/fam:1");
    assertThat(s.platformVersion()).isEqualTo("LATEST");
    assertThat(ecs.createService(service("s", 1).clientToken("t1").build()).service().serviceArn()).isEqualTo(s.serviceArn());
    assertCode(InvalidParameterException.class, "InvalidParameterException", () -> ecs.createService(service("s", 1).build()));
    assertCode(InvalidParameterException.class, "InvalidParameterException",
        () -> ecs.createService(service("other", 1).clientToken("t1").build()));
    assertThat(ecs.listServices(b -> b.cluster("c")).serviceArns()).containsExactly(s.serviceArn());
    assertThat(ecs.describeServices(b -> b.cluster("c").services("s").include(ServiceField.TAGS)).services().get(0).tags())
        .containsExactly(tag("SBID", "SBService"));
    assertThat(describe("s").tags()).isEmpty();
  }

  @Test void tasksComeUpAfterTheProvisioningTimeAndDeploymentsSettle() {
    open(1);
    ecs.createService(service("s", 2).build());
    Service s = describe("s");
    assertThat(s.runningCount()).isZero();
    assertThat(s.deployments()).singleElement().satisfies(d -> assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS));
    ticker.advance(Duration.ofMinutes(2));
    s = describe("s");
    assertThat(s.runningCount()).isEqualTo(2);
    assertThat(s.events()).extracting(ServiceEvent::message).containsExactly("(service s) has reached a steady state.");

    ecs.registerTaskDefinition(fargate("fam", "img:2"));
    ecs.updateService(b -> b.cluster("c").service("s").taskDefinition("fam:2"));
    s = describe("s");
    assertThat(s.deployments()).extracting(Deployment::status).containsExactly("PRIMARY", "ACTIVE");
    assertThat(s.runningCount()).isEqualTo(2);  // the old tasks until the new ones replace them
    ticker.advance(Duration.ofMinutes(2));
    s = describe("s");
    assertThat(s.deployments()).singleElement().satisfies(d -> assertThat(d.taskDefinition()).endsWith("fam:2"));
    assertThat(s.runningCount()).isEqualTo(2);
  }

  @Test void deleteNeedsAScaleInThenDrainsToInactive() {
    open(1);
    ecs.createService(service("s", 1).build());
    ticker.advance(Duration.ofMinutes(2));
    assertCode(InvalidParameterException.class, "InvalidParameterException", () -> ecs.deleteService(b -> b.cluster("c").service("s")));
    assertCode(ClusterContainsServicesException.class, "ClusterContainsServicesException", () -> ecs.deleteCluster(b -> b.cluster("c")));
    ecs.updateService(b -> b.cluster("c").service("s").desiredCount(0));
    assertThat(ecs.deleteService(b -> b.cluster("c").service("s")).service().status()).isEqualTo("DRAINING");
    assertCode(ServiceNotActiveException.class, "ServiceNotActiveException",
        () -> ecs.updateService(b -> b.cluster("c").service("s").desiredCount(1)));
    assertCode(ClusterContainsTasksException.class, "ClusterContainsTasksException", () -> ecs.deleteCluster(b -> b.cluster("c")));
    ticker.advance(Duration.ofMinutes(1));
    assertThat(describe("s").status()).isEqualTo("INACTIVE");
    assertThat(ecs.listServices(b -> b.cluster("c")).serviceArns()).isEmpty();
    assertCode(ServiceNotFoundException.class, "ServiceNotFoundException", () -> ecs.deleteService(b -> b.cluster("c").service("s")));
    ecs.deleteCluster(b -> b.cluster("c"));
  }

  @Test void forceDeletesAServiceScaledAboveZero() {
    open(0);
    ecs.createService(service("s", 3).build());
    ecs.deleteService(b -> b.cluster("c").service("s").force(true));
    assertThat(describe("s").status()).isEqualTo("INACTIVE");
    // a deleted service's name can be used again
    assertThat(ecs.createService(service("s", 1).build()).service().status()).isEqualTo("ACTIVE");
  }

  @Test void runningTasksHoldTheirNetworkInterfacesInEc2() {
    open(1);
    String igw = ec2.createInternetGateway(b -> b.tagSpecifications(Ec2TestSupport.tags(ResourceType.INTERNET_GATEWAY)))
        .internetGateway().internetGatewayId();
    ec2.attachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
    ecs.createService(service("s", 1).build());
    ticker.advance(Duration.ofMinutes(2));
    Ec2TestSupport.assertCode("DependencyViolation", () -> ec2.deleteSubnet(b -> b.subnetId(subnet)));
    Ec2TestSupport.assertCode("DependencyViolation", () -> ec2.deleteSecurityGroup(b -> b.groupId(group)));
    Ec2TestSupport.assertCode("DependencyViolation", () -> ec2.detachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc)));

    ecs.deleteService(b -> b.cluster("c").service("s").force(true));
    Ec2TestSupport.assertCode("DependencyViolation", () -> ec2.deleteSubnet(b -> b.subnetId(subnet)));  // still draining
    ticker.advance(Duration.ofMinutes(1));
    ec2.detachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
    ec2.deleteSecurityGroup(b -> b.groupId(group));
    ec2.deleteSubnet(b -> b.subnetId(subnet));
  }

  @Test void describeAndListLimits() {
    open(0);
    IntStream.range(0, 12).forEach(i -> ecs.createService(service("s" + i, 0).build()));
    List<String> arns = ecs.listServicesPaginator(b -> b.cluster("c")).serviceArns().stream().toList();
    assertThat(arns).hasSize(12);
    assertThat(ecs.listServices(b -> b.cluster("c")).serviceArns()).hasSize(10);
    assertCode(InvalidParameterException.class, "InvalidParameterException",
        () -> ecs.describeServices(b -> b.cluster("c").services(arns)));
    DescribeServicesResponse r = ecs.describeServices(b -> b.cluster("c").services("s1", "missing"));
    assertThat(r.services()).extracting(Service::serviceName).containsExactly("s1");
    assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
  }
}
