package io.sorterbot.kinds.ecs;

import static io.sorterbot.kinds.ecs.EcsTestSupport.desired;
import static io.sorterbot.kinds.ecs.EcsTestSupport.ecsError;
import static io.sorterbot.kinds.ecs.EcsTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.Retry;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.*;

/** The AWS failures the ECS kinds retry or tolerate, forced with Mockito. */
class EcsFailureTest {
  private static final String CLUSTER = "arn:aws:ecs:eu-central-1:123456789012:cluster/c";
  private static final String SERVICE = "arn:aws:ecs:eu-central-1:123456789012:service/c/s";
  private static final String IAM_MESSAGE = "Unable to assume role and validate the specified targetGroupArn. Please verify"
      + " that the ECS service role being passed has the proper permissions.";

  private final EcsClient ecs = EcsTestSupport.mockEcs();
  private final EcsTestSupport.FakeTicker ticker = new EcsTestSupport.FakeTicker();
  private final EcsTestSupport.Notices notices = new EcsTestSupport.Notices();
  private final KindContext ctx = EcsTestSupport.ctx(EcsTestSupport.clients(ecs, null), ticker, notices);

  private static List<Tag> tags(String sbid) {
    return List.of(Tag.builder().key(Tags.SBID).value(sbid).build(), Tag.builder().key(Tags.STACK).value(EcsTestSupport.STACK).build());
  }

  private static Service service(int running, int desired, int deployments) {
    Deployment d = Deployment.builder().status("PRIMARY").build();
    return Service.builder().serviceArn(SERVICE).serviceName("s").clusterArn(CLUSTER).status("ACTIVE")
        .taskDefinition("arn:aws:ecs:eu-central-1:123456789012:task-definition/f:1").runningCount(running)
        .desiredCount(desired).deployments(java.util.Collections.nCopies(deployments, d)).tags(tags("SBService"))
        .events(ServiceEvent.builder().createdAt(Instant.EPOCH).message("(service s) was unable to place a task").build())
        .build();
  }

  private static DescribeServicesResponse described(Service s) { return DescribeServicesResponse.builder().services(s).build(); }

  /** The services' task definition pulls a public image: no ECR lookup (ServiceImageTest covers ours). */
  @org.junit.jupiter.api.BeforeEach
  void publicImage() {
    doReturn(DescribeTaskDefinitionResponse.builder().taskDefinition(t -> t.family("f").revision(1)
        .containerDefinitions(c -> c.name("app").image("public.ecr.aws/nginx/nginx:1"))).build())
        .when(ecs).describeTaskDefinition(any(DescribeTaskDefinitionRequest.class));
  }

  private static Map<String, Object> serviceProps() {
    return map("serviceName", "s", "cluster", CLUSTER, "taskDefinition", "f:1", "desiredCount", 1L,
        "networkConfiguration", map("awsvpcConfiguration", map("subnets", List.of("subnet-1"))));
  }

  private static LiveResource live(String sbid, String type, String id, Map<String, Object> props) {
    Map<String, String> tags = Map.of(Tags.SBID, sbid, Tags.STACK, EcsTestSupport.STACK, "Project", "SorterBot");
    return new LiveResource(sbid, type, EcsTestSupport.STACK, id, props, Map.of("id", id, "family", "f"), tags,
        List.of(), null);
  }

  @Test
  void serviceCreateRetriesIamPropagationThenWaitsUntilStable() {
    doThrow(ecsError("InvalidParameterException", IAM_MESSAGE)).doThrow(ecsError("InvalidParameterException", IAM_MESSAGE))
        .doReturn(CreateServiceResponse.builder().service(service(0, 1, 1)).build())
        .when(ecs).createService(any(CreateServiceRequest.class));
    doReturn(described(service(0, 1, 1)), described(service(0, 1, 1)), described(service(0, 1, 2)), described(service(1, 1, 1)))
        .when(ecs).describeServices(any(DescribeServicesRequest.class));

    LiveResource live = new ServiceKind().create(ctx, desired("SBService", "ecs.service", serviceProps()));

    assertThat(live.id()).isEqualTo(SERVICE);
    ArgumentCaptor<CreateServiceRequest> req = ArgumentCaptor.forClass(CreateServiceRequest.class);
    verify(ecs, times(3)).createService(req.capture());
    CreateServiceRequest r = req.getValue();
    assertThat(r.clientToken()).hasSize(36).isEqualTo(req.getAllValues().get(0).clientToken());
    assertThat(r.tags()).contains(Tag.builder().key(Tags.SBID).value("SBService").build());
    assertThat(r.launchTypeAsString()).isEqualTo("FARGATE");
    assertThat(ticker.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(30)).isLessThan(Duration.ofMinutes(2));
    assertThat(notices.activities).containsOnly("creating");
  }

  @Test
  void iamPropagationPastTheBudgetFailsWithTheAwsError() {
    doThrow(ecsError("InvalidParameterException", IAM_MESSAGE)).when(ecs).createService(any(CreateServiceRequest.class));
    assertThatThrownBy(() -> new ServiceKind().create(ctx, desired("SBService", "ecs.service", serviceProps())))
        .isInstanceOf(EcsException.class).hasMessageContaining("Unable to assume role");
    assertThat(ticker.slept()).isGreaterThan(Duration.ofMinutes(1)).isLessThanOrEqualTo(EcsSupport.CONSISTENCY);
  }

  @Test
  void aServiceThatNeverStabilisesTimesOutNamingItsLastEvent() {
    doReturn(CreateServiceResponse.builder().service(service(0, 1, 1)).build()).when(ecs).createService(any(CreateServiceRequest.class));
    doReturn(described(service(0, 1, 1))).when(ecs).describeServices(any(DescribeServicesRequest.class));
    assertThatThrownBy(() -> new ServiceKind().create(ctx, desired("SBService", "ecs.service", serviceProps())))
        .isInstanceOf(Retry.WaitTimeoutException.class).hasMessageContaining("unable to place a task")
        .hasMessageContaining("running 0 of 1");
    assertThat(ticker.slept()).isGreaterThanOrEqualTo(ServiceWaits.STABLE_BUDGET);
  }

  @Test
  void serviceUpdateSendsOnlyWhatChanged() {
    doReturn(UpdateServiceResponse.builder().service(service(1, 1, 1)).build()).when(ecs).updateService(any(UpdateServiceRequest.class));
    doReturn(described(service(1, 1, 1))).when(ecs).describeServices(any(DescribeServicesRequest.class));
    LiveResource live = live("SBService", "ecs.service", SERVICE, map("cluster", CLUSTER));

    new ServiceKind().update(ctx, live, desired("SBService", "ecs.service", serviceProps()),
        List.of(new PropertyChange("taskDefinition", "f:0", "f:1", false)));

    ArgumentCaptor<UpdateServiceRequest> req = ArgumentCaptor.forClass(UpdateServiceRequest.class);
    verify(ecs).updateService(req.capture());
    assertThat(req.getValue().taskDefinition()).isEqualTo("f:1");
    assertThat(req.getValue().deploymentConfiguration().deploymentCircuitBreaker())
        .isEqualTo(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build());
    assertThat(req.getValue().desiredCount()).isNull();
    assertThat(req.getValue().networkConfiguration()).isNull();
    verify(ecs, never()).tagResource(any(TagResourceRequest.class));
  }

  @Test
  void serviceDeleteScalesInDeletesAndWaitsUntilInactive() {
    doReturn(UpdateServiceResponse.builder().build()).when(ecs).updateService(any(UpdateServiceRequest.class));
    doReturn(DeleteServiceResponse.builder().build()).when(ecs).deleteService(any(DeleteServiceRequest.class));
    Service draining = service(1, 0, 1).toBuilder().status("DRAINING").build();
    doReturn(described(draining), described(draining), described(draining.toBuilder().status("INACTIVE").build()))
        .when(ecs).describeServices(any(DescribeServicesRequest.class));

    new ServiceKind().delete(ctx, live("SBService", "ecs.service", SERVICE, map("cluster", CLUSTER)));

    ArgumentCaptor<UpdateServiceRequest> scale = ArgumentCaptor.forClass(UpdateServiceRequest.class);
    verify(ecs).updateService(scale.capture());
    assertThat(scale.getValue().desiredCount()).isZero();
    verify(ecs, times(3)).describeServices(any(DescribeServicesRequest.class));
    assertThat(notices.activities).containsOnly("destroying");
  }

  @Test
  void serviceDeleteOfAServiceAlreadyGoneSucceeds() {
    doThrow(ecsError("ServiceNotFoundException", "Service not found.")).when(ecs).updateService(any(UpdateServiceRequest.class));
    new ServiceKind().delete(ctx, live("SBService", "ecs.service", SERVICE, map("cluster", CLUSTER)));
    verify(ecs, never()).deleteService(any(DeleteServiceRequest.class));
  }

  @Test
  void clusterNotFoundRightAfterCreateIsRetried() {
    Cluster c = Cluster.builder().clusterArn(CLUSTER).clusterName("c").status("ACTIVE").tags(tags("SBCluster")).build();
    doReturn(CreateClusterResponse.builder().cluster(c).build()).when(ecs).createCluster(any(CreateClusterRequest.class));
    doReturn(DescribeClustersResponse.builder().failures(f -> f.arn(CLUSTER).reason("MISSING")).build(),
        DescribeClustersResponse.builder().clusters(c).build()).when(ecs).describeClusters(any(DescribeClustersRequest.class));

    LiveResource live = new ClusterKind().create(ctx, desired("SBCluster", "ecs.cluster", map("clusterName", "c")));

    assertThat(live.id()).isEqualTo(CLUSTER);
    assertThat(ticker.slept()).isPositive().isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void clusterDeleteRetriesWhileServicesDrainThenSucceeds() {
    var busy = ecsError("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.");
    doThrow(busy, busy, busy, busy, busy, busy, busy, busy, busy).doReturn(DeleteClusterResponse.builder().build())
        .when(ecs).deleteCluster(any(DeleteClusterRequest.class));
    new ClusterKind().delete(ctx, live("SBCluster", "ecs.cluster", CLUSTER, Map.of()));
    verify(ecs, times(10)).deleteCluster(any(DeleteClusterRequest.class));
    assertThat(notices.activities).isNotEmpty().containsOnly("destroying");
  }

  @Test
  void clusterDeletePastTheBudgetFailsWithTheAwsError() {
    doThrow(ecsError("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active."))
        .when(ecs).deleteCluster(any(DeleteClusterRequest.class));
    assertThatThrownBy(() -> new ClusterKind().delete(ctx, live("SBCluster", "ecs.cluster", CLUSTER, Map.of())))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("ClusterContainsServicesException"));
    assertThat(ticker.slept()).isGreaterThan(Duration.ofMinutes(8)).isLessThanOrEqualTo(EcsSupport.DEPENDENCY);
  }

  @Test
  void clusterDeleteOfAClusterAlreadyGoneSucceeds() {
    doThrow(ecsError("ClusterNotFoundException", "Cluster not found.")).when(ecs).deleteCluster(any(DeleteClusterRequest.class));
    new ClusterKind().delete(ctx, live("SBCluster", "ecs.cluster", CLUSTER, Map.of()));
    assertThat(ticker.slept()).isZero();
  }

  @Test
  void taskDefinitionDeleteSurvivesAnEndpointWithoutDeleteTaskDefinitions() {
    String arn = "arn:aws:ecs:eu-central-1:123456789012:task-definition/f:1";
    doReturn(ListTaskDefinitionsResponse.builder().taskDefinitionArns(arn).build())
        .when(ecs).listTaskDefinitions(any(ListTaskDefinitionsRequest.class));
    doReturn(DeregisterTaskDefinitionResponse.builder().build()).when(ecs).deregisterTaskDefinition(any(DeregisterTaskDefinitionRequest.class));
    doThrow(new UnsupportedOperationException()).when(ecs).deleteTaskDefinitions(any(DeleteTaskDefinitionsRequest.class));

    new TaskDefinitionKind().delete(ctx, live("SBTask", "ecs.taskDefinition", arn, Map.of()));

    verify(ecs).deregisterTaskDefinition(DeregisterTaskDefinitionRequest.builder().taskDefinition(arn).build());
  }

  @Test
  void taskDefinitionRegistrationRetriesPassRolePropagation() {
    var denied = ecsError("ClientException", "User is not authorized to perform: iam:PassRole on resource: role/x");
    TaskDefinition td = TaskDefinition.builder().taskDefinitionArn("arn:aws:ecs:eu-central-1:123456789012:task-definition/f:1")
        .family("f").revision(1).status(TaskDefinitionStatus.ACTIVE).containerDefinitions(c -> c.name("a").image("i")).build();
    doThrow(denied).doReturn(RegisterTaskDefinitionResponse.builder().taskDefinition(td).tags(tags("SBTask")).build())
        .when(ecs).registerTaskDefinition(any(RegisterTaskDefinitionRequest.class));
    // after registering, the family's other ACTIVE revisions are looked at (twins of a lost answer): none here
    doReturn(software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse.builder()
            .taskDefinitionArns(td.taskDefinitionArn()).build())
        .when(ecs).listTaskDefinitions(any(software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsRequest.class));

    LiveResource live = new TaskDefinitionKind().create(ctx, desired("SBTask", "ecs.taskDefinition",
        map("family", "f", "containerDefinitions", List.of(map("name", "a", "image", "i")))));

    assertThat(live.attributes()).containsEntry("revision", 1L);
    assertThat(live.sbid()).isEqualTo("SBTask");
    verify(ecs, times(2)).registerTaskDefinition(any(RegisterTaskDefinitionRequest.class));
  }
}
