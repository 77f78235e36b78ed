package io.sorterbot.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.aws.SdkClients;
import io.sorterbot.cli.Cli;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The networking scenario against a real AWS-compatible endpoint (LocalStack, moto server...):
 * {@code SORTERBOT_IT_ENDPOINT=http://127.0.0.1:5000 mvn verify}. Skipped when the variable is unset.
 * Each run uses a fresh stack name, so runs against a long-lived endpoint do not meet each other.
 */
@EnabledIfEnvironmentVariable(named = "SORTERBOT_IT_ENDPOINT", matches = ".+")
class EndpointIntegrationTest {
  private static final String ENDPOINT = System.getenv("SORTERBOT_IT_ENDPOINT");
  @TempDir Path tmp;

  private Path file(String stack) throws Exception {
    Path f = tmp.resolve("network.yaml");
    Files.writeString(f, Files.readString(Path.of("examples/network.yaml"))
        .replace("stack: sorterbot-network", "stack: " + stack));
    return f;
  }

  private static Cli cli(Path f, String... args) {
    String[] all = new String[args.length + 6];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-f";
    all[args.length + 1] = f.toString();
    all[args.length + 2] = "--endpoint-url";
    all[args.length + 3] = ENDPOINT;
    all[args.length + 4] = "--region";
    all[args.length + 5] = "eu-central-1";
    return Cli.run(all);
  }

  @Test
  void networkingStackAppliesReplansDriftsRepairsAndDestroys() throws Exception {
    String stack = "it-" + UUID.randomUUID().toString().substring(0, 8);
    Path f = file(stack);
    Cli apply = cli(f, "apply", "--auto-approve");
    assertThat(apply.code()).as(apply.toString()).isEqualTo(0);
    Cli plan = cli(f, "plan", "--detailed-exitcode");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(0);

    try (SdkClients c = new SdkClients("eu-central-1", null, URI.create(ENDPOINT))) {
      Ec2Client ec2 = c.ec2();
      Filter mine = Filter.builder().name("tag:SBStack").values(stack).build();
      String vpc = ec2.describeVpcs(b -> b.filters(mine)).vpcs().get(0).vpcId();
      String sg = ec2.describeSecurityGroups(b -> b.filters(mine, Filter.builder().name("tag:SBID")
          .values("SBCloudSecurityGroup").build())).securityGroups().get(0).groupId();
      ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(p -> p.ipProtocol("tcp").fromPort(3306)
          .toPort(3306).ipRanges(r -> r.cidrIp("0.0.0.0/0"))));
      ec2.modifyVpcAttribute(b -> b.vpcId(vpc).enableDnsHostnames(v -> v.value(false)));
    }
    Cli drift = cli(f, "plan", "--detailed-exitcode");
    assertThat(drift.code()).as(drift.toString()).isEqualTo(2);
    assertThat(drift.out()).contains("~ enableDnsHostnames = false -> true", "3306")
        .endsWith("Plan: 0 to add, 2 to change, 0 to destroy.\n");
    assertThat(cli(f, "apply", "--auto-approve").code()).isEqualTo(0);
    assertThat(cli(f, "plan", "--detailed-exitcode").code()).isEqualTo(0);

    Files.writeString(f, Files.readString(f).replace("cidrBlock: 10.0.1.0/24", "cidrBlock: 10.0.9.0/24"));
    Cli replace = cli(f, "apply", "--auto-approve");
    assertThat(replace.code()).as(replace.toString()).isEqualTo(0);
    assertThat(replace.out()).contains("-/+ ec2.subnet SBSubnetB", "# forces replacement");
    assertThat(cli(f, "plan", "--detailed-exitcode").code()).isEqualTo(0);

    Cli destroy = cli(f, "destroy", "--auto-approve");
    assertThat(destroy.code()).as(destroy.toString()).isEqualTo(0);
    Cli after = cli(f, "plan");
    assertThat(after.out()).endsWith("Plan: 8 to add, 0 to change, 0 to destroy.\n");
  }
}
