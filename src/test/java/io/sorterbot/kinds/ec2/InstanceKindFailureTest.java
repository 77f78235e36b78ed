package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2TestSupport.desired;
import static io.sorterbot.kinds.ec2.Ec2TestSupport.error;
import static io.sorterbot.kinds.ec2.Ec2TestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import io.sorterbot.aws.AwsClients;
import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.Retry;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.sts.StsClient;

/** The failures {@code ec2.instance} must survive or surface, forced with Mockito. */
class InstanceKindFailureTest {
  private static final String SSM_IMAGE = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

  private final Ec2Client ec2 = Ec2TestSupport.mockEc2();
  private final SsmClient ssm = mock(SsmClient.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS));
  private final Ec2TestSupport.FakeTicker ticker = new Ec2TestSupport.FakeTicker();
  private final Ec2TestSupport.Notices notices = new Ec2TestSupport.Notices();
  private final KindContext ctx = new KindContext(Ec2TestSupport.STACK, clients(), ticker, notices);
  private final InstanceKind kind = new InstanceKind();

  private Desired control() {
    return desired("SBControl", "ec2.instance", map("imageId", SSM_IMAGE, "instanceType", "t2.micro",
        "subnetId", "subnet-1", "associatePublicIpAddress", true, "securityGroupIds", List.of("sg-1"),
        "iamInstanceProfile", "ControlRole", "userData", "#!/bin/bash\n", "tags", Map.of("Name", "control")));
  }

  private static Instance instance(String state, boolean instanceLevelGroups) {
    GroupIdentifier g = GroupIdentifier.builder().groupId("sg-1").groupName("web").build();
    Instance.Builder b = Instance.builder().instanceId("i-1").imageId("ami-0abc").instanceType("t2.micro")
        .state(s -> s.name(state)).subnetId("subnet-1").vpcId("vpc-1").privateIpAddress("10.0.0.4")
        .publicIpAddress("203.0.113.9").publicDnsName("ec2-203-0-113-9.eu-central-1.compute.amazonaws.com")
        .launchTime(Instant.parse("2025-01-01T00:00:00Z")).placement(p -> p.availabilityZone("eu-central-1a"))
        .iamInstanceProfile(p -> p.arn("arn:aws:iam::123456789012:instance-profile/sorterbot/ControlRole"))
        .networkInterfaces(InstanceNetworkInterface.builder().networkInterfaceId("eni-1").groups(g)
            .attachment(a -> a.deviceIndex(0).attachTime(Instant.parse("2024-12-31T00:00:00Z")))
            .association(a -> a.publicIp("203.0.113.9").ipOwnerId("amazon")).build())
        .tags(Tag.builder().key(Tags.SBID).value("SBControl").build(), Tag.builder().key(Tags.STACK).value("teststack").build(),
            Tag.builder().key(InstanceSupport.IMAGE_TAG).value(SSM_IMAGE).build(), Tag.builder().key("Name").value("control").build());
    if (instanceLevelGroups) b.securityGroups(g);
    return b.build();
  }

  private static DescribeInstancesResponse described(Instance i) {
    return DescribeInstancesResponse.builder().reservations(r -> r.instances(i)).build();
  }

  private void amiIs(String ami) {
    doReturn(GetParameterResponse.builder().parameter(p -> p.name("x").value(ami)).build())
        .when(ssm).getParameter(any(GetParameterRequest.class));
  }

  private void runs(Instance answer) {
    doReturn(RunInstancesResponse.builder().instances(answer).build()).when(ec2).runInstances(any(RunInstancesRequest.class));
  }

  private void readsBack(Instance i) {
    doReturn(described(i)).when(ec2).describeInstances(any(DescribeInstancesRequest.class));
    doReturn(DescribeInstanceAttributeResponse.builder().userData(v -> v.value("IyEvYmluL2Jhc2gK")).build())
        .when(ec2).describeInstanceAttribute(any(DescribeInstanceAttributeRequest.class));
  }

  @Test
  void theAmiIsResolvedOnceAndTheFileStringIsWhatReadsBack() {
    amiIs("ami-0abc");
    runs(instance("pending", true));
    readsBack(instance("running", true));

    LiveResource live = kind.create(ctx, control());

    ArgumentCaptor<RunInstancesRequest> run = ArgumentCaptor.forClass(RunInstancesRequest.class);
    verify(ec2).runInstances(run.capture());
    RunInstancesRequest r = run.getValue();
    assertThat(r.imageId()).isEqualTo("ami-0abc");
    assertThat(r.minCount()).isEqualTo(1);
    assertThat(r.maxCount()).isEqualTo(1);
    assertThat(r.clientToken()).isNotBlank();
    assertThat(r.subnetId()).isNull();
    assertThat(r.networkInterfaces()).singleElement().satisfies(n -> {
      assertThat(n.deviceIndex()).isZero();
      assertThat(n.subnetId()).isEqualTo("subnet-1");
      assertThat(n.associatePublicIpAddress()).isTrue();
      assertThat(n.groups()).containsExactly("sg-1");
    });
    assertThat(r.iamInstanceProfile().name()).isEqualTo("ControlRole");
    assertThat(r.userData()).isEqualTo("IyEvYmluL2Jhc2gK");
    assertThat(r.tagSpecifications()).extracting(TagSpecification::resourceType)
        .containsExactly(ResourceType.INSTANCE, ResourceType.VOLUME);
    assertThat(r.tagSpecifications()).allSatisfy(t -> assertThat(t.tags()).contains(
        Tag.builder().key(InstanceSupport.IMAGE_TAG).value(SSM_IMAGE).build(),
        Tag.builder().key(Tags.SBID).value("SBControl").build(), Tag.builder().key("Name").value("control").build()));
    verify(ssm, times(1)).getParameter(any(GetParameterRequest.class));

    assertThat(live.properties()).containsEntry("imageId", SSM_IMAGE).containsEntry("associatePublicIpAddress", true)
        .containsEntry("iamInstanceProfile", "ControlRole").containsEntry("userData", "#!/bin/bash\n")
        .containsEntry("tags", Map.of("Name", "control"));
    assertThat(live.tags()).doesNotContainKey(InstanceSupport.IMAGE_TAG);
    assertThat(live.createdAt()).isEqualTo(Instant.parse("2024-12-31T00:00:00Z"));
    assertThat(live.refs()).contains("subnet-1", "sg-1", "arn:aws:iam::123456789012:instance-profile/sorterbot/ControlRole");
  }

  @Test
  void aMissingParameterSurfacesBeforeAnythingIsLaunched() {
    doThrow(ParameterNotFoundException.builder().statusCode(400).message("ParameterNotFound")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ParameterNotFound").build()).build())
        .when(ssm).getParameter(any(GetParameterRequest.class));
    assertThatThrownBy(() -> kind.create(ctx, control()))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("ParameterNotFound"));
    verify(ec2, never()).runInstances(any(RunInstancesRequest.class));
  }

  @Test
  void iamPropagationIsRetriedForAboutTwoMinutes() {
    amiIs("ami-0abc");
    doThrow(iamNotReady()).doThrow(iamNotReady())
        .doReturn(RunInstancesResponse.builder().instances(instance("pending", true)).build())
        .when(ec2).runInstances(any(RunInstancesRequest.class));
    readsBack(instance("running", true));
    assertThat(kind.create(ctx, control()).id()).isEqualTo("i-1");
    verify(ec2, times(3)).runInstances(any(RunInstancesRequest.class));
    assertThat(ticker.slept()).isPositive().isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void iamPropagationPastTheBudgetSurfacesTheAwsError() {
    amiIs("ami-0abc");
    doThrow(iamNotReady()).when(ec2).runInstances(any(RunInstancesRequest.class));
    assertThatThrownBy(() -> kind.create(ctx, control()))
        .satisfies(e -> assertThat(AwsErrors.message(e)).contains("Invalid IAM Instance Profile name"));
    assertThat(ticker.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(90)).isLessThan(Duration.ofMinutes(3));
  }

  @Test
  void tokensOfTerminatedInstancesAreSkipped() {
    amiIs("ami-0abc");
    doReturn(RunInstancesResponse.builder().instances(instance("terminated", true)).build())
        .doThrow(error("IdempotentInstanceTerminated"))
        .doThrow(error("IdempotentParameterMismatch"))
        .doReturn(RunInstancesResponse.builder().instances(instance("pending", true)).build())
        .when(ec2).runInstances(any(RunInstancesRequest.class));
    readsBack(instance("running", true));
    kind.create(ctx, control());
    ArgumentCaptor<RunInstancesRequest> run = ArgumentCaptor.forClass(RunInstancesRequest.class);
    verify(ec2, times(4)).runInstances(run.capture());
    assertThat(run.getAllValues()).extracting(RunInstancesRequest::clientToken).doesNotHaveDuplicates();
    // Deterministic: the same stack, SBID and subnet always try the same tokens in the same order.
    assertThat(run.getAllValues().get(0).clientToken())
        .isEqualTo(Ec2Support.clientToken(Ec2TestSupport.STACK, "SBControl/subnet-1"));
  }

  @Test
  void otherLaunchErrorsAreNotRetried() {
    amiIs("ami-0abc");
    doThrow(error("InsufficientInstanceCapacity")).when(ec2).runInstances(any(RunInstancesRequest.class));
    assertThatThrownBy(() -> kind.create(ctx, control()))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("InsufficientInstanceCapacity"));
    verify(ec2, times(1)).runInstances(any(RunInstancesRequest.class));
  }

  @Test
  void anInstanceThatDiesWhileBootingFailsTheCreateWithItsReason() {
    amiIs("ami-0abc");
    runs(instance("pending", true));
    Instance dead = instance("terminated", true).toBuilder()
        .stateReason(s -> s.code("Server.InternalError").message("Server.InternalError: Internal error on launch")).build();
    doReturn(described(instance("pending", true))).doReturn(described(dead))
        .when(ec2).describeInstances(any(DescribeInstancesRequest.class));
    assertThatThrownBy(() -> kind.create(ctx, control()))
        .hasMessageContaining("terminated").hasMessageContaining("Internal error on launch");
  }

  @Test
  void anInstanceThatNeverBootsTimesOutAfterTenMinutesWithProgress() {
    amiIs("ami-0abc");
    runs(instance("pending", true));
    doThrow(error("InvalidInstanceID.NotFound")).doReturn(described(instance("pending", true)))
        .when(ec2).describeInstances(any(DescribeInstancesRequest.class));
    assertThatThrownBy(() -> kind.create(ctx, control())).isInstanceOf(Retry.WaitTimeoutException.class);
    assertThat(ticker.slept()).isGreaterThanOrEqualTo(Duration.ofMinutes(10)).isLessThan(Duration.ofMinutes(11));
    // About every 10 s of waiting, not every poll.
    assertThat(notices.elapsed).hasSizeBetween(55, 61);
  }

  @Test
  void groupsComeFromTheInterfaceWhenTheInstanceListsNone() {
    readsBack(instance("running", false));
    doReturn(DescribeVolumesResponse.builder().build()).when(ec2).describeVolumes(any(DescribeVolumesRequest.class));
    List<LiveResource> found = kind.discover(ctx);
    assertThat(found).singleElement().satisfies(l -> assertThat(l.properties()).containsEntry("securityGroupIds", List.of("sg-1")));
    ArgumentCaptor<DescribeInstancesRequest> req = ArgumentCaptor.forClass(DescribeInstancesRequest.class);
    verify(ec2).describeInstances(req.capture());
    assertThat(req.getValue().filters()).extracting(Filter::name).containsExactlyInAnyOrder("tag-key", "instance-state-name");
    assertThat(req.getValue().filters().stream().filter(f -> f.name().equals("instance-state-name")).findFirst().orElseThrow()
        .values()).containsExactlyInAnyOrder("pending", "running", "stopping", "stopped");
  }

  @Test
  void deleteTerminatesAndWaitsReportingProgress() {
    doReturn(TerminateInstancesResponse.builder().build()).when(ec2).terminateInstances(any(TerminateInstancesRequest.class));
    Instance going = instance("shutting-down", true);
    doReturn(described(going)).doReturn(described(going)).doReturn(described(going)).doReturn(described(going))
        .doReturn(described(instance("terminated", true)))
        .when(ec2).describeInstances(any(DescribeInstancesRequest.class));
    kind.delete(ctx, live());
    verify(ec2, times(5)).describeInstances(any(DescribeInstancesRequest.class));
    assertThat(notices.elapsed).isNotEmpty();
  }

  @Test
  void deletingAnInstanceAlreadyGoneSucceeds() {
    doThrow(error("InvalidInstanceID.NotFound")).when(ec2).terminateInstances(any(TerminateInstancesRequest.class));
    doThrow(error("InvalidInstanceID.NotFound")).when(ec2).describeInstances(any(DescribeInstancesRequest.class));
    kind.delete(ctx, live());
    assertThat(ticker.slept()).isZero();
  }

  @Test
  void aNewInstanceProfileIsRetriedWhileIamPropagates() {
    doReturn(DescribeIamInstanceProfileAssociationsResponse.builder().iamInstanceProfileAssociations(a -> a
        .associationId("iip-assoc-1").instanceId("i-1")).build())
        .when(ec2).describeIamInstanceProfileAssociations(any(DescribeIamInstanceProfileAssociationsRequest.class));
    doThrow(iamNotReady()).doReturn(ReplaceIamInstanceProfileAssociationResponse.builder().build())
        .when(ec2).replaceIamInstanceProfileAssociation(any(ReplaceIamInstanceProfileAssociationRequest.class));
    readsBack(instance("running", true));
    kind.update(ctx, live(), control(), List.of(new io.sorterbot.model.PropertyChange("iamInstanceProfile", "Old",
        "ControlRole", false)));
    verify(ec2, times(2)).replaceIamInstanceProfileAssociation(any(ReplaceIamInstanceProfileAssociationRequest.class));
    verify(ec2, never()).associateIamInstanceProfile(any(AssociateIamInstanceProfileRequest.class));
  }

  private LiveResource live() {
    return new LiveResource("SBControl", "ec2.instance", Ec2TestSupport.STACK, "i-1", Map.of(), Map.of("id", "i-1"),
        Map.of(Tags.SBID, "SBControl", Tags.STACK, Ec2TestSupport.STACK), List.of(), null);
  }

  private static Ec2Exception iamNotReady() {
    return (Ec2Exception) Ec2Exception.builder().statusCode(400).message("Invalid IAM Instance Profile name")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidParameterValue")
            .errorMessage("Value (ControlRole) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name")
            .build()).build();
  }

  private AwsClients clients() {
    return new AwsClients() {
      @Override public String region() { return "eu-central-1"; }
      @Override public Ec2Client ec2() { return ec2; }
      @Override public SsmClient ssm() { return ssm; }
      @Override public RdsClient rds() { throw new UnsupportedOperationException(); }
      @Override public IamClient iam() { throw new UnsupportedOperationException(); }
      @Override public EcsClient ecs() { throw new UnsupportedOperationException(); }
      @Override public EcrClient ecr() { throw new UnsupportedOperationException(); }
      @Override public S3Client s3() { throw new UnsupportedOperationException(); }
      @Override public StsClient sts() { throw new UnsupportedOperationException(); }
      @Override public void close() {}
    };
  }
}
