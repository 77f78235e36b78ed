package io.sorterbot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sorterbot.aws.AwsErrors;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.*;

/** Clusters, task definitions and tags of the ECS fake. */
class FakeEcsTest {
  static final String PREFIX = "arn:aws:ecs:eu-west-1:123456789012:";

  @TempDir Path dir;
  private final FakeTicker ticker = new FakeTicker();
  private EcsClient ecs;

  /** An account old enough for ECS's service-linked role (FakeAwsDelaysTest covers a fresh one). */
  @BeforeEach void setUp() {
    ecs = Ec2TestSupport.open(dir, SandboxKnobs.none(), ticker).ecs();
    ticker.advance(SandboxKnobs.DEFAULT_ECS_SLR_DELAY);
  }

  static <T extends EcsException> T assertCode(Class<T> type, String code, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected %s", code).isInstanceOf(type);
    assertThat(AwsErrors.code(t)).isEqualTo(code);
    return type.cast(t);
  }

  static Tag tag(String k, String v) { return Tag.builder().key(k).value(v).build(); }

  /** A Fargate task definition like the reference file's. */
  static RegisterTaskDefinitionRequest fargate(String family, String image, Tag... tags) {
    return RegisterTaskDefinitionRequest.builder().family(family).networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE).cpu("512").memory("4096").tags(tags)
        .containerDefinitions(c -> c.name("app").image(image).portMappings(p -> p.containerPort(6000))
            .secrets(s -> s.name("PG_CONN").valueFrom("arn:aws:ssm:eu-west-1:123456789012:parameter/pg")))
        .build();
  }

  // ---- clusters ----

  @Test void clusters() {
    Cluster c = ecs.createCluster(b -> b.clusterName("sb").tags(tag("SBID", "SBCluster"))).cluster();
    assertThat(c.clusterArn()).isEqualTo(PREFIX + "cluster/sb");
    assertThat(c.status()).isEqualTo("ACTIVE");
    // CreateCluster is idempotent on the name
    assertThat(ecs.createCluster(b -> b.clusterName("sb")).cluster().tags()).containsExactly(tag("SBID", "SBCluster"));
    ecs.createCluster(b -> b.clusterName("other"));
    assertThat(ecs.listClusters().clusterArns()).containsExactly(PREFIX + "cluster/other", PREFIX + "cluster/sb");

    DescribeClustersResponse r = ecs.describeClusters(b -> b.clusters("sb", PREFIX + "cluster/nope"));
    assertThat(r.clusters()).singleElement().satisfies(x -> assertThat(x.tags()).isEmpty());
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.arn()).isEqualTo(PREFIX + "cluster/nope");
      assertThat(f.reason()).isEqualTo("MISSING");
    });
    assertThat(ecs.describeClusters(b -> b.clusters(c.clusterArn()).include(ClusterField.TAGS)).clusters().get(0).tags())
        .containsExactly(tag("SBID", "SBCluster"));

    ecs.deleteCluster(b -> b.cluster("sb"));
    assertThat(ecs.listClusters().clusterArns()).containsExactly(PREFIX + "cluster/other");
    assertThat(ecs.describeClusters(b -> b.clusters("sb")).clusters()).singleElement()
        .satisfies(x -> assertThat(x.status()).isEqualTo("INACTIVE"));
    assertCode(ClusterNotFoundException.class, "ClusterNotFoundException", () -> ecs.deleteCluster(b -> b.cluster("sb")));
    assertCode(InvalidParameterException.class, "InvalidParameterException",
        () -> ecs.createCluster(b -> b.clusterName("bad name")));
  }

  // ---- task definitions ----

  @Test void registerFillsInTheDefaultsAwsAdds() {
    TaskDefinition td = ecs.registerTaskDefinition(fargate("fam", "img:1")).taskDefinition();
    assertThat(td.taskDefinitionArn()).isEqualTo(PREFIX + "task-definition/fam:1");
    assertThat(td.revision()).isEqualTo(1);
    assertThat(td.status()).isEqualTo(TaskDefinitionStatus.ACTIVE);
    assertThat(td.compatibilitiesAsStrings()).containsExactly("EC2", "FARGATE");
    ContainerDefinition c = td.containerDefinitions().get(0);
    assertThat(c.cpu()).isZero();
    assertThat(c.essential()).isTrue();
    assertThat(c.environment()).isEmpty();
    assertThat(c.hasEnvironment()).isTrue();
    assertThat(c.mountPoints()).isEmpty();
    assertThat(c.volumesFrom()).isEmpty();
    assertThat(c.portMappings()).containsExactly(PortMapping.builder().containerPort(6000).hostPort(6000)
        .protocol(TransportProtocol.TCP).build());
    assertThat(c.secrets()).extracting(Secret::name).containsExactly("PG_CONN");
    // "1 vCPU" and "4 GB" are stored as units
    TaskDefinition units = ecs.registerTaskDefinition(fargate("fam", "img:2").toBuilder().cpu("1 vCPU").memory("4 GB").build())
        .taskDefinition();
    assertThat(units.cpu()).isEqualTo("1024");
    assertThat(units.memory()).isEqualTo("4096");
  }

  @Test void registerChecksWhatAwsChecks() {
    assertCode(ClientException.class, "ClientException",
        () -> ecs.registerTaskDefinition(fargate("fam", "i").toBuilder().networkMode(NetworkMode.BRIDGE).build()));
    assertCode(ClientException.class, "ClientException",
        () -> ecs.registerTaskDefinition(fargate("fam", "i").toBuilder().memory("8192").build()));
    assertCode(ClientException.class, "ClientException",
        () -> ecs.registerTaskDefinition(fargate("fam", "i").toBuilder().cpu(null).build()));
    assertCode(ClientException.class, "ClientException", () -> ecs.registerTaskDefinition(b -> b.family("ec2")
        .containerDefinitions(c -> c.name("a").image("i"))));  // no memory anywhere
    assertCode(ClientException.class, "ClientException", () -> ecs.registerTaskDefinition(b -> b.family("fam")
        .networkMode(NetworkMode.AWSVPC).memory("512")
        .containerDefinitions(c -> c.name("a").image("i").portMappings(p -> p.containerPort(80).hostPort(8080)))));
    assertThat(ecs.listTaskDefinitionFamilies().families()).isEmpty();
  }

  @Test void revisionsListDescribeDeregisterDelete() {
    ecs.registerTaskDefinition(fargate("fam", "img:1", tag("SBID", "SBTask")));
    ecs.registerTaskDefinition(fargate("fam", "img:2"));
    ecs.registerTaskDefinition(fargate("fam-other", "img:1"));
    // a family alone is its latest ACTIVE revision; tags only when asked for
    DescribeTaskDefinitionResponse latest = ecs.describeTaskDefinition(b -> b.taskDefinition("fam"));
    assertThat(latest.taskDefinition().revision()).isEqualTo(2);
    assertThat(latest.tags()).isEmpty();
    assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("fam:1").include(TaskDefinitionField.TAGS)).tags())
        .containsExactly(tag("SBID", "SBTask"));
    assertCode(ClientException.class, "ClientException", () -> ecs.describeTaskDefinition(b -> b.taskDefinition("fam:9")));

    assertThat(ecs.listTaskDefinitions(b -> b.sort(SortOrder.DESC)).taskDefinitionArns()).containsExactly(
        PREFIX + "task-definition/fam-other:1", PREFIX + "task-definition/fam:2", PREFIX + "task-definition/fam:1");
    // familyPrefix is a whole family name here
    assertThat(ecs.listTaskDefinitions(b -> b.familyPrefix("fam")).taskDefinitionArns())
        .containsExactly(PREFIX + "task-definition/fam:1", PREFIX + "task-definition/fam:2");
    assertThat(ecs.listTaskDefinitionFamilies(b -> b.familyPrefix("fam")).families()).containsExactly("fam", "fam-other");

    assertCode(ClientException.class, "ClientException", () -> ecs.deregisterTaskDefinition(b -> b.taskDefinition("fam")));
    assertThat(ecs.deregisterTaskDefinition(b -> b.taskDefinition("fam:2")).taskDefinition().status())
        .isEqualTo(TaskDefinitionStatus.INACTIVE);
    assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("fam")).taskDefinition().revision()).isEqualTo(1);
    assertThat(ecs.listTaskDefinitions(b -> b.familyPrefix("fam").status(TaskDefinitionStatus.INACTIVE)).taskDefinitionArns())
        .containsExactly(PREFIX + "task-definition/fam:2");

    DeleteTaskDefinitionsResponse deleted = ecs.deleteTaskDefinitions(b -> b.taskDefinitions("fam:1", "fam:2"));
    assertThat(deleted.taskDefinitions()).extracting(TaskDefinition::revision).containsExactly(2);
    assertThat(deleted.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("ACTIVE"));
    ecs.deregisterTaskDefinition(b -> b.taskDefinition(PREFIX + "task-definition/fam:1"));
    assertThat(ecs.listTaskDefinitionFamilies(b -> b.status(TaskDefinitionFamilyStatus.INACTIVE)).families()).containsExactly("fam");
    // revision numbers are never reused
    assertThat(ecs.registerTaskDefinition(fargate("fam", "img:3")).taskDefinition().revision()).isEqualTo(3);
  }

  @Test void aTaskDefinitionSurvivesAnotherProcessUnchanged() {
    TaskDefinition td = ecs.registerTaskDefinition(fargate("fam", "img:1").toBuilder().taskRoleArn("arn:aws:iam::123456789012:role/r")
        .build()).taskDefinition();
    EcsClient again = Ec2TestSupport.open(dir, SandboxKnobs.none(), ticker).ecs();
    assertThat(again.describeTaskDefinition(b -> b.taskDefinition("fam:1")).taskDefinition()).isEqualTo(td);
  }

  // ---- tags ----

  @Test void tagsOfEveryResource() {
    String cluster = ecs.createCluster(b -> b.clusterName("c")).cluster().clusterArn();
    String td = ecs.registerTaskDefinition(fargate("fam", "i")).taskDefinition().taskDefinitionArn();
    for (String arn : List.of(cluster, td)) {
      ecs.tagResource(b -> b.resourceArn(arn).tags(tag("a", "1"), tag("b", "2")));
      ecs.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
      assertThat(ecs.listTagsForResource(b -> b.resourceArn(arn)).tags()).containsExactly(tag("b", "2"));
    }
    assertCode(InvalidParameterException.class, "InvalidParameterException",
        () -> ecs.tagResource(b -> b.resourceArn(cluster).tags(tag("aws:x", "1"))));
    assertCode(ResourceNotFoundException.class, "ResourceNotFoundException",
        () -> ecs.listTagsForResource(b -> b.resourceArn(PREFIX + "service/c/nope")));
    assertCode(ClusterNotFoundException.class, "ClusterNotFoundException",
        () -> ecs.listTagsForResource(b -> b.resourceArn(PREFIX + "cluster/nope")));
    assertCode(InvalidParameterException.class, "InvalidParameterException",
        () -> ecs.listTagsForResource(b -> b.resourceArn("c")));
  }
}
