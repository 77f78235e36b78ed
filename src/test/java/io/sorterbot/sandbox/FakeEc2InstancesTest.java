package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.Ec2TestSupport.assertCode;
import static io.sorterbot.sandbox.Ec2TestSupport.filter;
import static io.sorterbot.sandbox.Ec2TestSupport.subnet;
import static io.sorterbot.sandbox.Ec2TestSupport.tags;
import static io.sorterbot.sandbox.Ec2TestSupport.vpc;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;

/** Instances of the fake at real-life provisioning durations, on a clock the test moves. */
class FakeEc2InstancesTest {
  @TempDir Path dir;
  final FakeTicker ticker = new FakeTicker();
  SandboxClients clients;
  Ec2Client ec2;
  String vpc;
  String subnet;
  String sg;

  @BeforeEach void setUp() {
    clients = Ec2TestSupport.open(dir, SandboxKnobs.none().withProvisionScale(1.0), ticker);
    ec2 = clients.ec2();
    vpc = vpc(ec2, "10.0.0.0/16");
    ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(a -> a.value(true)));
    subnet = subnet(ec2, vpc, "10.0.1.0/24");
    sg = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("web")).groupId();
  }

  private Instance run(Consumer<RunInstancesRequest.Builder> extra) {
    RunInstancesRequest.Builder b = RunInstancesRequest.builder().imageId(FakeSsm.AL2023_AMI).instanceType("t3.micro")
        .minCount(1).maxCount(1);
    extra.accept(b);
    return ec2.runInstances(b.build()).instances().get(0);
  }

  private Instance publicInstance(String token) {
    return run(b -> b.clientToken(token).networkInterfaces(n -> n.deviceIndex(0).subnetId(subnet)
        .associatePublicIpAddress(true).groups(sg)).tagSpecifications(tags(ResourceType.INSTANCE, "SBID", "Box"),
        tags(ResourceType.VOLUME, "SBID", "Box")));
  }

  private Instance describe(String id) {
    return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
  }

  @Test void launchGoesFromPendingToRunningWithAddressesAndTags() {
    Instance i = publicInstance("token-1");
    assertThat(i.instanceId()).matches("i-[0-9a-f]{17}");
    assertThat(i.state().nameAsString()).isEqualTo("pending");
    assertThat(i.state().code()).isZero();
    assertThat(describe(i.instanceId()).state().nameAsString()).isEqualTo("pending");
    ticker.advance(Duration.ofSeconds(61));
    Instance up = describe(i.instanceId());
    assertThat(up.state().nameAsString()).isEqualTo("running");
    assertThat(up.state().code()).isEqualTo(16);
    assertThat(up.privateIpAddress()).isEqualTo("10.0.1.4");
    assertThat(up.privateDnsName()).isEqualTo("ip-10-0-1-4.eu-west-1.compute.internal");
    assertThat(up.publicIpAddress()).isEqualTo("203.0.113.1");
    assertThat(up.publicDnsName()).isEqualTo("ec2-203-0-113-1.eu-west-1.compute.amazonaws.com");
    assertThat(up.subnetId()).isEqualTo(subnet);
    assertThat(up.vpcId()).isEqualTo(vpc);
    assertThat(up.placement().availabilityZone()).isEqualTo("eu-west-1a");
    assertThat(up.securityGroups()).extracting(GroupIdentifier::groupId).containsExactly(sg);
    assertThat(up.networkInterfaces()).singleElement().satisfies(n -> {
      assertThat(n.association().publicIp()).isEqualTo("203.0.113.1");
      assertThat(n.association().ipOwnerId()).isEqualTo("amazon");
      assertThat(n.attachment().deviceIndex()).isZero();
      assertThat(n.groups()).extracting(GroupIdentifier::groupId).containsExactly(sg);
    });
    assertThat(up.clientToken()).isEqualTo("token-1");
    assertThat(up.tags()).containsExactly(Tag.builder().key("SBID").value("Box").build());
    String vol = up.blockDeviceMappings().get(0).ebs().volumeId();
    Volume v = ec2.describeVolumes(r -> r.volumeIds(vol)).volumes().get(0);
    assertThat(v.size()).isEqualTo(8);
    assertThat(v.tags()).containsExactly(Tag.builder().key("SBID").value("Box").build());
    assertThat(v.attachments()).singleElement().satisfies(a -> assertThat(a.instanceId()).isEqualTo(i.instanceId()));
    // The next one gets the next addresses.
    Instance second = run(b -> b.subnetId(subnet).securityGroupIds(sg));
    assertThat(second.privateIpAddress()).isEqualTo("10.0.1.5");
    assertThat(second.publicIpAddress()).isNull();
  }

  @Test void publicDnsNeedsDnsHostnamesInTheVpc() {
    ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(a -> a.value(false)));
    Instance i = publicInstance("t");
    assertThat(describe(i.instanceId()).publicDnsName()).isEmpty();
    assertThat(describe(i.instanceId()).publicIpAddress()).isNotNull();
  }

  @Test void theSubnetDecidesAboutAPublicAddressUnlessTheInterfaceSays() {
    ec2.modifySubnetAttribute(r -> r.subnetId(subnet).mapPublicIpOnLaunch(a -> a.value(true)));
    assertThat(run(b -> b.subnetId(subnet)).publicIpAddress()).isNotNull();
    assertThat(run(b -> b.networkInterfaces(n -> n.deviceIndex(0).subnetId(subnet).associatePublicIpAddress(false)))
        .publicIpAddress()).isNull();
  }

  @Test void clientTokensMakeLaunchesIdempotent() {
    Instance first = publicInstance("same");
    Instance again = publicInstance("same");
    assertThat(again.instanceId()).isEqualTo(first.instanceId());
    assertThat(ec2.describeInstances().reservations()).hasSize(1);
    assertCode("IdempotentParameterMismatch", () -> run(b -> b.clientToken("same").subnetId(subnet)));
    ec2.terminateInstances(r -> r.instanceIds(first.instanceId()));
    ticker.advance(Duration.ofMinutes(2));
    // The token still answers with its (now terminated) instance, as AWS does for a day.
    assertThat(publicInstance("same").state().nameAsString()).isEqualTo("terminated");
    assertThat(publicInstance("other").instanceId()).isNotEqualTo(first.instanceId());
  }

  @Test void launchValidatesWhatItReferences() {
    assertCode("InvalidSubnetID.NotFound", () -> run(b -> b.subnetId("subnet-0123456789abcdef0")));
    assertCode("InvalidGroup.NotFound", () -> run(b -> b.subnetId(subnet).securityGroupIds("sg-0123456789abcdef0")));
    assertCode("InvalidKeyPair.NotFound", () -> run(b -> b.subnetId(subnet).keyName("nobody")));
    assertCode("InvalidAMIID.Malformed", () -> run(b -> b.subnetId(subnet).imageId("ubuntu")));
    assertCode("VPCIdNotSpecified", () -> run(b -> {}));
    assertCode("InvalidParameterCombination", () -> run(b -> b.subnetId(subnet)
        .networkInterfaces(n -> n.deviceIndex(0).subnetId(subnet))));
    assertCode("InvalidParameterCombination", () -> run(b -> b.securityGroupIds(sg)
        .networkInterfaces(n -> n.deviceIndex(0).subnetId(subnet))));
    assertCode("InvalidParameterValue", () -> run(b -> b.subnetId(subnet).userData("not base64!")));
    assertCode("InvalidParameterValue", () -> run(b -> b.subnetId(subnet).instanceType("huge")));
    assertCode("InvalidParameterValue", () -> run(b -> b.subnetId(subnet).placement(p -> p.availabilityZone("eu-west-1b"))));
    assertCode("InvalidBlockDeviceMapping", () -> run(b -> b.subnetId(subnet)
        .blockDeviceMappings(m -> m.deviceName("/dev/xvda").ebs(e -> e.volumeSize(4)))));
    String otherVpc = vpc(ec2, "10.1.0.0/16");
    String foreign = ec2.createSecurityGroup(r -> r.vpcId(otherVpc).groupName("x").description("x")).groupId();
    assertCode("InvalidParameter", () -> run(b -> b.subnetId(subnet).securityGroupIds(foreign)));
    run(b -> b.subnetId(subnet).privateIpAddress("10.0.1.10"));
    assertCode("InvalidIPAddress.InUse", () -> run(b -> b.subnetId(subnet).privateIpAddress("10.0.1.10")));
    assertCode("InvalidParameterValue", () -> run(b -> b.subnetId(subnet).privateIpAddress("10.0.1.1")));
    assertCode("InvalidParameterValue", () -> run(b -> b.subnetId(subnet).privateIpAddress("10.0.2.10")));
    assertThat(ec2.describeInstances().reservations()).hasSize(1);
    // Without groups the instance gets the VPC's default group.
    Instance d = run(b -> b.subnetId(subnet));
    assertThat(d.securityGroups()).extracting(GroupIdentifier::groupName).containsExactly("default");
  }

  @Test void describeFiltersAndTerminatedInstancesFadeAway() {
    Instance a = publicInstance("a");
    Instance b = run(x -> x.subnetId(subnet).tagSpecifications(tags(ResourceType.INSTANCE, "Other", "1")));
    assertThat(ids(ec2.describeInstances(r -> r.filters(filter("tag-key", "SBID"))))).containsExactly(a.instanceId());
    assertThat(ids(ec2.describeInstances(r -> r.filters(filter("tag:Other", "1"))))).containsExactly(b.instanceId());
    ticker.advance(Duration.ofMinutes(2));
    ec2.terminateInstances(r -> r.instanceIds(b.instanceId()));
    assertThat(ids(ec2.describeInstances(r -> r.filters(filter("instance-state-name", "shutting-down")))))
        .containsExactly(b.instanceId());
    ticker.advance(Duration.ofMinutes(2));
    assertThat(ids(ec2.describeInstances(r -> r.filters(filter("instance-state-name", "running", "pending")))))
        .containsExactly(a.instanceId());
    Instance gone = describe(b.instanceId());
    assertThat(gone.state().nameAsString()).isEqualTo("terminated");
    assertThat(gone.publicIpAddress()).isNull();
    assertThat(gone.networkInterfaces()).isEmpty();
    assertThat(ec2.describeVolumes(r -> r.filters(filter("attachment.instance-id", b.instanceId()))).volumes()).isEmpty();
    ticker.advance(Duration.ofHours(1));
    assertThat(ids(ec2.describeInstances())).containsExactly(a.instanceId());
    assertCode("InvalidInstanceID.NotFound", () -> describe(b.instanceId()));
    assertCode("InvalidInstanceID.Malformed", () -> describe("instance-1"));
    assertCode("InvalidParameterValue", () -> ec2.describeInstances(r -> r.filters(filter("colour", "red"))));
  }

  @Test void aLiveInstanceBlocksItsSubnetGroupsAndGatewayDetach() {
    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    Instance i = publicInstance("t");
    assertCode("DependencyViolation", () -> ec2.deleteSubnet(r -> r.subnetId(subnet)));
    assertCode("DependencyViolation", () -> ec2.deleteSecurityGroup(r -> r.groupId(sg)));
    assertCode("DependencyViolation", () -> ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc)));
    assertThat(ec2.describeSubnets(r -> r.subnetIds(subnet)).subnets().get(0).availableIpAddressCount()).isEqualTo(250);
    ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
    // Shutting down still holds the interface and its address.
    assertCode("DependencyViolation", () -> ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc)));
    ticker.advance(Duration.ofMinutes(1));
    ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    ec2.deleteSecurityGroup(r -> r.groupId(sg));
    ec2.deleteSubnet(r -> r.subnetId(subnet));
  }

  @Test void stopModifyStartAsAws() {
    Instance i = publicInstance("t");
    String id = i.instanceId();
    assertCode("IncorrectInstanceState", () -> ec2.stopInstances(r -> r.instanceIds(id)));  // still pending
    ticker.advance(Duration.ofMinutes(1));
    assertCode("IncorrectInstanceState", () -> ec2.modifyInstanceAttribute(r -> r.instanceId(id)
        .instanceType(v -> v.value("t3.small"))));
    StopInstancesResponse stop = ec2.stopInstances(r -> r.instanceIds(id));
    assertThat(stop.stoppingInstances().get(0).currentState().nameAsString()).isEqualTo("stopping");
    assertThat(describe(id).publicIpAddress()).isNull();
    assertCode("IncorrectInstanceState", () -> ec2.startInstances(r -> r.instanceIds(id)));  // still stopping
    ticker.advance(Duration.ofMinutes(1));
    assertThat(describe(id).state().nameAsString()).isEqualTo("stopped");
    assertThat(ec2.describeNetworkInterfaceAttribute(r -> r.networkInterfaceId(i.networkInterfaces().get(0)
        .networkInterfaceId()).attribute(NetworkInterfaceAttribute.ASSOCIATE_PUBLIC_IP_ADDRESS)).associatePublicIpAddress())
        .isTrue();
    ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(v -> v.value("t3.small")));
    ec2.modifyInstanceAttribute(r -> r.instanceId(id).userData(v -> v.value(software.amazon.awssdk.core.SdkBytes
        .fromUtf8String("#!/bin/sh\necho hi\n"))));
    ec2.modifyInstanceAttribute(r -> r.instanceId(id).ebsOptimized(v -> v.value(true)));
    assertCode("InvalidParameterCombination", () -> ec2.modifyInstanceAttribute(r -> r.instanceId(id)
        .ebsOptimized(v -> v.value(true)).groups(sg)));
    String userData = ec2.describeInstanceAttribute(r -> r.instanceId(id).attribute(InstanceAttributeName.USER_DATA))
        .userData().value();
    assertThat(new String(Base64.getDecoder().decode(userData))).isEqualTo("#!/bin/sh\necho hi\n");
    ec2.startInstances(r -> r.instanceIds(id));
    ticker.advance(Duration.ofMinutes(1));
    Instance up = describe(id);
    assertThat(up.state().nameAsString()).isEqualTo("running");
    assertThat(up.instanceTypeAsString()).isEqualTo("t3.small");
    assertThat(up.ebsOptimized()).isTrue();
    assertThat(up.publicIpAddress()).startsWith("203.0.113.");
  }

  @Test void groupsChangeLiveOnTheInstanceOrItsInterface() {
    Instance i = publicInstance("t");
    String other = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("db").description("db")).groupId();
    ec2.modifyInstanceAttribute(r -> r.instanceId(i.instanceId()).groups(other, sg));
    assertThat(describe(i.instanceId()).securityGroups()).extracting(GroupIdentifier::groupId).containsExactly(other, sg);
    String eni = i.networkInterfaces().get(0).networkInterfaceId();
    ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni).groups(other));
    assertThat(ec2.describeInstanceAttribute(r -> r.instanceId(i.instanceId()).attribute(InstanceAttributeName.GROUP_SET))
        .groups()).extracting(GroupIdentifier::groupId).containsExactly(other);
    assertCode("InvalidGroup.NotFound", () -> ec2.modifyInstanceAttribute(r -> r.instanceId(i.instanceId())
        .groups("sg-0123456789abcdef0")));
    assertCode("InvalidNetworkInterfaceID.NotFound", () -> ec2.modifyNetworkInterfaceAttribute(r -> r
        .networkInterfaceId("eni-0123456789abcdef0").groups(sg)));
    ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni).associatePublicIpAddress(false));
    assertThat(describe(i.instanceId()).publicIpAddress()).isNull();
  }

  /** An instance profile with a role in the sandbox's IAM (EC2 refuses profiles IAM does not know). */
  private String profile(String name, boolean withRole) {
    var iam = clients.iam();
    String arn = iam.createInstanceProfile(r -> r.instanceProfileName(name).path("/app/")).instanceProfile().arn();
    if (withRole) {
      iam.createRole(r -> r.roleName(name + "Role").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
          + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
      iam.addRoleToInstanceProfile(r -> r.instanceProfileName(name).roleName(name + "Role"));
    }
    ticker.advance(SandboxKnobs.DEFAULT_IAM_PROPAGATION);  // past IAM's propagation (FakeAwsDelaysTest)
    return arn;
  }

  @Test void instanceProfilesMustBeKnownToIamWithARole() {
    profile("Empty", false);
    assertThat(assertCode("InvalidParameterValue", () -> run(b -> b.subnetId(subnet).iamInstanceProfile(p -> p.name("Nobody"))))
        .awsErrorDetails().errorMessage()).contains("Invalid IAM Instance Profile name");
    assertThat(assertCode("InvalidParameterValue", () -> run(b -> b.subnetId(subnet).iamInstanceProfile(p -> p.name("Empty"))))
        .awsErrorDetails().errorMessage()).contains("has no associated IAM Roles");
    assertCode("InvalidParameterValue", () -> run(b -> b.subnetId(subnet).iamInstanceProfile(p -> p.name("no spaces"))));
    assertThat(ec2.describeInstances().reservations()).isEmpty();
  }

  @Test void aProfileIamCreatedMomentsAgoIsRefusedUntilItPropagates() {
    profile("Fresh", true);
    // The same account seen with a consistency lag: the profile is seconds old.
    Ec2Client lagging = Ec2TestSupport.open(dir, SandboxKnobs.none().withConsistencyLag(Duration.ofSeconds(30)), ticker).ec2();
    RunInstancesRequest r = RunInstancesRequest.builder().imageId(FakeSsm.AL2023_AMI).minCount(1).maxCount(1)
        .subnetId(subnet).iamInstanceProfile(p -> p.name("Fresh")).build();
    assertThat(assertCode("InvalidParameterValue", () -> lagging.runInstances(r)).awsErrorDetails().errorMessage())
        .contains("Invalid IAM Instance Profile name");
    ticker.advance(Duration.ofSeconds(31));
    assertThat(lagging.runInstances(r).instances().get(0).iamInstanceProfile().arn())
        .isEqualTo("arn:aws:iam::123456789012:instance-profile/app/Fresh");
  }

  @Test void instanceProfileAssociations() {
    String first = profile("First", true);
    profile("Second", true);
    profile("Third", true);
    Instance i = run(b -> b.subnetId(subnet).iamInstanceProfile(p -> p.name("First")));
    String id = i.instanceId();
    assertThat(i.iamInstanceProfile().arn()).isEqualTo(first).isEqualTo("arn:aws:iam::123456789012:instance-profile/app/First");
    assertThat(i.iamInstanceProfile().id()).startsWith("AIPA");
    List<IamInstanceProfileAssociation> now = ec2.describeIamInstanceProfileAssociations(r -> r
        .filters(filter("instance-id", id))).iamInstanceProfileAssociations();
    assertThat(now).singleElement().satisfies(a -> assertThat(a.stateAsString()).isEqualTo("associated"));
    assertCode("IncorrectState", () -> ec2.associateIamInstanceProfile(r -> r.instanceId(id)
        .iamInstanceProfile(p -> p.name("Second"))));
    ec2.replaceIamInstanceProfileAssociation(r -> r.associationId(now.get(0).associationId())
        .iamInstanceProfile(p -> p.name("Second")));
    assertThat(describe(id).iamInstanceProfile().arn()).endsWith("instance-profile/app/Second");
    ec2.disassociateIamInstanceProfile(r -> r.associationId(now.get(0).associationId()));
    assertThat(describe(id).iamInstanceProfile()).isNull();
    ec2.associateIamInstanceProfile(r -> r.instanceId(id).iamInstanceProfile(p -> p.name("Third")));
    assertThat(describe(id).iamInstanceProfile().arn()).endsWith("instance-profile/app/Third");
    ec2.replaceIamInstanceProfileAssociation(r -> r.associationId(ec2.describeIamInstanceProfileAssociations(x -> x
        .filters(filter("instance-id", id))).iamInstanceProfileAssociations().get(0).associationId())
        .iamInstanceProfile(p -> p.arn(first)));
    assertThat(describe(id).iamInstanceProfile().arn()).isEqualTo(first);
  }

  @Test void rootVolumesGrowOncePerSixHoursAndGoWithTheInstance() {
    Instance i = run(b -> b.subnetId(subnet).blockDeviceMappings(m -> m.deviceName("/dev/xvda").ebs(e -> e.volumeSize(20))));
    String vol = i.blockDeviceMappings().get(0).ebs().volumeId();
    assertThat(ec2.describeVolumes(r -> r.volumeIds(vol)).volumes().get(0).size()).isEqualTo(20);
    assertCode("InvalidParameterValue", () -> ec2.modifyVolume(r -> r.volumeId(vol).size(10)));
    assertThat(ec2.modifyVolume(r -> r.volumeId(vol).size(30)).volumeModification().targetSize()).isEqualTo(30);
    assertCode("VolumeModificationRateExceeded", () -> ec2.modifyVolume(r -> r.volumeId(vol).size(40)));
    ticker.advance(Duration.ofHours(6));
    ec2.modifyVolume(r -> r.volumeId(vol).size(40));
    assertThat(ec2.describeVolumes(r -> r.volumeIds(vol)).volumes().get(0).size()).isEqualTo(40);
    ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
    ticker.advance(Duration.ofMinutes(1));
    assertCode("InvalidVolume.NotFound", () -> ec2.describeVolumes(r -> r.volumeIds(vol)));
  }

  @Test void imagesAreAnyAmiId() {
    Image img = ec2.describeImages(r -> r.imageIds(FakeSsm.AL2023_AMI)).images().get(0);
    assertThat(img.rootDeviceName()).isEqualTo("/dev/xvda");
    assertThat(img.blockDeviceMappings().get(0).ebs().volumeSize()).isEqualTo(8);
    assertCode("InvalidAMIID.Malformed", () -> ec2.describeImages(r -> r.imageIds("debian")));
  }

  @Test void stateSurvivesReopeningTheAccount() {
    Instance i = publicInstance("t");
    Ec2Client reopened = Ec2TestSupport.open(dir, SandboxKnobs.none().withProvisionScale(1.0), ticker).ec2();
    assertThat(reopened.describeInstances(r -> r.instanceIds(i.instanceId())).reservations()).hasSize(1);
    assertCode("DependencyViolation", () -> reopened.deleteSubnet(r -> r.subnetId(subnet)));
  }

  private static List<String> ids(DescribeInstancesResponse r) {
    return r.reservations().stream().flatMap(x -> x.instances().stream()).map(Instance::instanceId).toList();
  }
}
