package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2TestSupport.desired;
import static io.sorterbot.kinds.ec2.Ec2TestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Tags;
import io.sorterbot.sandbox.FakeSsm;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/** {@code ec2.instance} against the sandbox (EC2 and SSM), instances taking their real-life minute to boot. */
class InstanceKindSandboxTest {
  static final String AL2023 = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

  @TempDir Path dir;
  private final Ec2TestSupport.FakeTicker ticker = new Ec2TestSupport.FakeTicker();
  private final Ec2TestSupport.Notices notices = new Ec2TestSupport.Notices();
  private final InstanceKind kind = new InstanceKind();
  private SandboxClients clients;
  private Ec2Client ec2;
  private KindContext ctx;
  private String vpc;
  private String subnet;
  private String web;
  private String ssh;
  private String controlProfile;

  @BeforeEach void open() {
    clients = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none().withProvisionScale(1.0), ticker);
    ec2 = clients.ec2();
    ctx = new KindContext(Ec2TestSupport.STACK, clients, ticker, notices);
    vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    ec2.modifyVpcAttribute(b -> b.vpcId(vpc).enableDnsHostnames(v -> v.value(true)));
    subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.0.0/24").availabilityZone("eu-central-1a")).subnet().subnetId();
    web = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("web").description("web")).groupId();
    ssh = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("ssh").description("ssh")).groupId();
    ec2.createKeyPair(b -> b.keyName("sb-key"));
    controlProfile = profile("SorterBotControlRole");
    profile("OtherProfile");
  }

  /** An instance profile with a role in the sandbox's IAM, under a path as the IAM kinds make them. */
  private String profile(String name) {
    var iam = clients.iam();
    iam.createRole(r -> r.roleName(name).path("/teststack/").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
        + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
    String arn = iam.createInstanceProfile(r -> r.instanceProfileName(name).path("/teststack/")).instanceProfile().arn();
    iam.addRoleToInstanceProfile(r -> r.instanceProfileName(name).roleName(name));
    return arn;
  }

  private Map<String, Object> props() {
    Map<String, Object> p = map("imageId", AL2023, "instanceType", "t2.micro", "subnetId", subnet,
        "associatePublicIpAddress", true, "keyName", "sb-key", "securityGroupIds", List.of(web),
        "iamInstanceProfile", "SorterBotControlRole", "userData", "#!/bin/bash\ndnf install -y docker\n",
        "rootVolumeSize", 20L, "tags", Map.of("Name", "control"));
    return new LinkedHashMap<>(p);
  }

  @Test
  void lifecycle() {
    Desired d = desired("SBControl", "ec2.instance", props());
    LiveResource created = kind.create(ctx, d);
    assertMatches(d, created);
    // It waited for the boot minute, telling about it.
    assertThat(ticker.slept()).isGreaterThanOrEqualTo(Duration.ofMinutes(1)).isLessThan(Duration.ofMinutes(3));
    assertThat(notices.elapsed).isNotEmpty();
    Instance raw = ec2.describeInstances(b -> b.instanceIds(created.id())).reservations().get(0).instances().get(0);
    assertThat(raw.imageId()).isEqualTo(FakeSsm.AL2023_AMI);
    assertThat(raw.state().nameAsString()).isEqualTo("running");
    // The file's resolve:ssm string is what reads back, and its tag stays out of the tags the engine diffs.
    assertThat(created.properties()).containsEntry("imageId", AL2023);
    assertThat(created.tags()).doesNotContainKey(InstanceSupport.IMAGE_TAG);
    assertThat(created.attributes()).containsEntry("id", created.id()).containsEntry("publicIp", "203.0.113.1")
        .containsEntry("publicDnsName", "ec2-203-0-113-1.eu-central-1.compute.amazonaws.com")
        .containsEntry("privateIp", "10.0.0.4");
    assertThat(created.refs()).contains(subnet, web, controlProfile);
    assertThat(controlProfile).isEqualTo("arn:aws:iam::123456789012:instance-profile/teststack/SorterBotControlRole");
    assertThat(created.createdAt()).isNotNull();
    LiveResource found = find();
    assertThat(found.properties()).isEqualTo(created.properties());
    assertThat(found.stackTag()).isEqualTo(Ec2TestSupport.STACK);
    assertThat(ec2.describeVolumes(b -> b.filters(f -> f.name("tag:SBID").values("SBControl"))).volumes()).hasSize(1);

    // A re-run after a crash right after RunInstances finds the same instance through the client token.
    assertThat(kind.create(ctx, d).id()).isEqualTo(created.id());

    Map<String, Object> p = props();
    p.put("instanceType", "t3.small");
    p.put("userData", "#!/bin/bash\necho changed\n");
    p.put("ebsOptimized", true);
    p.put("securityGroupIds", List.of(ssh, web));
    p.put("iamInstanceProfile", "OtherProfile");
    p.put("rootVolumeSize", 30L);
    p.put("tags", Map.of("Name", "control", "Env", "test"));
    LiveResource updated = update(found, desired("SBControl", "ec2.instance", p));
    assertThat(updated.id()).isEqualTo(created.id());
    // Stopped and started again: a new public address.
    assertThat(updated.attributes().get("publicIp")).isNotNull();
    assertThat(ec2.describeInstances(b -> b.instanceIds(created.id())).reservations().get(0).instances().get(0)
        .state().nameAsString()).isEqualTo("running");

    // The subnet and groups cannot go while the instance lives.
    LiveResource subnetLive = new SubnetKind().discover(ctx).stream().filter(s -> s.id().equals(subnet)).findFirst().orElse(null);
    assertThat(subnetLive).isNull();  // untagged here: delete through the API instead
    assertThatThrownBy(() -> ec2.deleteSubnet(b -> b.subnetId(subnet)))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("DependencyViolation"));

    notices.elapsed.clear();
    kind.delete(ctx, updated);
    assertThat(notices.elapsed).isNotEmpty();
    assertThat(kind.discover(ctx)).isEmpty();
    ec2.deleteSubnet(b -> b.subnetId(subnet));
    kind.delete(ctx, updated);  // already gone = success
  }

  @Test
  void aStoppedInstanceStillReadsAsLaunchedWithAPublicAddress() {
    LiveResource live = kind.create(ctx, desired("SBControl", "ec2.instance", props()));
    ec2.stopInstances(b -> b.instanceIds(live.id()));
    ticker.sleep(Duration.ofMinutes(2));
    LiveResource stopped = find();
    assertThat(stopped.properties()).containsEntry("associatePublicIpAddress", true);
    assertThat(stopped.attributes()).doesNotContainKey("publicIp").containsEntry("publicDnsName", "");

    // Changing the type of a stopped instance leaves it stopped.
    Map<String, Object> p = props();
    p.put("instanceType", "t3.large");
    LiveResource after = kind.update(ctx, stopped, desired("SBControl", "ec2.instance", p),
        List.of(new PropertyChange("instanceType", "t2.micro", "t3.large", false)));
    assertThat(after.properties()).containsEntry("instanceType", "t3.large");
    assertThat(ec2.describeInstances(b -> b.instanceIds(live.id())).reservations().get(0).instances().get(0)
        .state().nameAsString()).isEqualTo("stopped");
  }

  @Test
  void aReplacementAfterTerminationGetsAFreshToken() {
    Desired d = desired("SBControl", "ec2.instance", props());
    LiveResource first = kind.create(ctx, d);
    kind.delete(ctx, first);
    LiveResource second = kind.create(ctx, d);
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(find().id()).isEqualTo(second.id());
  }

  @Test
  void withoutAnInterfaceSpecTheSubnetDecidesAndAPlainAmiReadsBackAsIs() {
    Map<String, Object> p = map("imageId", "ami-0123456789abcdef0", "instanceType", "t3.micro", "subnetId", subnet,
        "securityGroupIds", List.of(web), "privateIpAddress", "10.0.0.50", "availabilityZone", "eu-central-1a");
    Desired d = desired("SBPrivate", "ec2.instance", p);
    LiveResource live = kind.create(ctx, d);
    assertMatches(d, live);
    assertThat(live.properties()).containsEntry("associatePublicIpAddress", false);
    assertThat(live.attributes()).doesNotContainKey("publicIp").containsEntry("privateIp", "10.0.0.50");
  }

  @Test
  void aBadReferenceFailsWithTheAwsErrorAfterTheConsistencyWindow() {
    Map<String, Object> p = props();
    p.put("keyName", "missing-key");
    assertThatThrownBy(() -> kind.create(ctx, desired("SBControl", "ec2.instance", p)))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("InvalidKeyPair.NotFound"));
    assertThat(kind.discover(ctx)).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  private LiveResource update(LiveResource live, Desired d) {
    List<PropertyChange> changes = new ArrayList<>();
    for (var e : d.properties().entrySet()) {
      if (e.getKey().equals("tags")) continue;
      if (!kind.equivalent(e.getKey(), e.getValue(), live.properties().get(e.getKey()))) {
        changes.add(new PropertyChange(e.getKey(), live.properties().get(e.getKey()), e.getValue(), false));
      }
    }
    if (!Tags.userTags(d.tags()).equals(live.properties().get("tags"))) {
      changes.add(new PropertyChange("tags", live.properties().get("tags"), Tags.userTags(d.tags()), false));
    }
    assertThat(changes).extracting(PropertyChange::property).contains("instanceType", "userData", "ebsOptimized",
        "securityGroupIds", "iamInstanceProfile", "rootVolumeSize", "tags");
    LiveResource after = kind.update(ctx, live, d, changes);
    assertMatches(d, after);
    assertThat(find().properties()).isEqualTo(after.properties());
    return after;
  }

  private void assertMatches(Desired d, LiveResource live) {
    d.properties().forEach((p, v) -> {
      if (p.equals("tags")) return;
      assertThat(kind.normalize(p, live.properties().get(p))).as(p).isEqualTo(kind.normalize(p, v));
    });
    assertThat(live.properties().get("tags")).isEqualTo(Tags.userTags(d.tags()));
    assertThat(live.tags()).containsEntry(Tags.SBID, d.sbid()).containsEntry(Tags.STACK, Ec2TestSupport.STACK);
  }

  private LiveResource find() {
    List<LiveResource> all = kind.discover(ctx);
    assertThat(all).hasSize(1);
    return all.get(0);
  }
}
