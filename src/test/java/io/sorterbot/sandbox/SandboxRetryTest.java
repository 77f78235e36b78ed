package io.sorterbot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.testutil.FakeTicker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;

/** Injected throttling and 5xx are absorbed by the SDK's retry strategy, as a real client's pipeline does. */
class SandboxRetryTest {
  @TempDir Path dir;

  @Test
  void throttlingAndServerErrorsAreRetriedAndEachMutationAppliesOnce() {
    SandboxKnobs knobs = SandboxKnobs.none().withThrottleRate(0.2).withErrorRate(0.05).withSeed(7);
    try (SandboxClients c = SandboxClients.open(dir, "eu-central-1", knobs, new FakeTicker())) {
      for (int i = 0; i < 40; i++) {
        int n = i;
        c.ec2().createVpc(b -> b.cidrBlock("10." + n + ".0.0/16")
            .tagSpecifications(t -> t.resourceType("vpc").tags(x -> x.key("SBID").value("V" + n))));
      }
      assertThat(c.ec2().describeVpcs(b -> b.filters(Filter.builder().name("tag-key").values("SBID").build())).vpcs())
          .hasSize(40);
      assertThat(c.callStats().totalFaults()).isPositive();
      assertThat(c.callStats().totalRetries()).isEqualTo(c.callStats().totalFaults());
    }
  }

  @Test
  void aCallThatKeepsFailingSurfacesTheAwsErrorAfterTheStrategyGivesUp() {
    SandboxKnobs knobs = SandboxKnobs.none().withThrottleRate(1.0);
    try (SandboxClients c = SandboxClients.open(dir, "eu-central-1", knobs, new FakeTicker())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.ec2().describeVpcs())
          .satisfies(e -> assertThat(io.sorterbot.aws.AwsErrors.code(e)).isEqualTo("RequestLimitExceeded"));
      assertThat(c.callStats().count("ec2", "DescribeVpcs")).isEqualTo(io.sorterbot.aws.RetryPolicy.MAX_ATTEMPTS);
    }
  }
}
