package io.sorterbot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sorterbot.aws.AwsErrors;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSubnetResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Shared helpers of the sandbox tests. */
final class Ec2TestSupport {
  private Ec2TestSupport() {}

  static SandboxClients open(Path dir) { return open(dir, SandboxKnobs.none(), new FakeTicker()); }

  static SandboxClients open(Path dir, SandboxKnobs knobs, FakeTicker ticker) {
    return SandboxClients.open(dir, "eu-west-1", knobs, ticker, () -> { throw new SimulatedCrash(); });
  }

  /** What the tests' crash point throws instead of halting the JVM. */
  static final class SimulatedCrash extends Error {
    SimulatedCrash() { super("simulated kill -9"); }
  }

  /** Asserts that the call fails with an EC2 service error of {@code code}; returns it. */
  static AwsServiceException assertCode(String code, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected AWS error %s", code).isInstanceOf(Ec2Exception.class);
    assertThat(AwsErrors.code(t)).isEqualTo(code);
    return (AwsServiceException) t;
  }

  static TagSpecification tags(ResourceType type, String... kv) {
    TagSpecification.Builder b = TagSpecification.builder().resourceType(type);
    Tag[] tags = new Tag[kv.length / 2];
    for (int i = 0; i < kv.length; i += 2) tags[i / 2] = Tag.builder().key(kv[i]).value(kv[i + 1]).build();
    return b.tags(tags).build();
  }

  static Filter filter(String name, String... values) { return Filter.builder().name(name).values(values).build(); }

  static String vpc(Ec2Client ec2, String cidr, String... kv) {
    return ec2.createVpc(r -> r.cidrBlock(cidr).tagSpecifications(tags(ResourceType.VPC, kv))).vpc().vpcId();
  }

  static String subnet(Ec2Client ec2, String vpcId, String cidr, String... kv) {
    CreateSubnetResponse r = ec2.createSubnet(b -> b.vpcId(vpcId).cidrBlock(cidr)
        .tagSpecifications(tags(ResourceType.SUBNET, kv)));
    return r.subnet().subnetId();
  }

  static List<String> tagKeys(List<Tag> tags) { return tags.stream().map(Tag::key).toList(); }
}
