package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.model.Ticker;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/** The scenario through the real CLI on the sandbox: apply, no changes, drift, repair, prune, replace, destroy. */
class NetworkEndToEndTest {
  @TempDir Path tmp;

  private Path file() throws Exception {
    Path f = tmp.resolve("network.yaml");
    if (!Files.exists(f)) Files.copy(Path.of("examples/network.yaml"), f);
    return f;
  }

  private Cli sb(String... args) throws Exception {
    String[] all = new String[args.length + 3];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-f";
    all[args.length + 1] = file().toString();
    all[args.length + 2] = "--sandbox=" + tmp.resolve("account");
    return Cli.run(all);
  }

  private void outOfBand(Consumer<Ec2Client> change) {
    try (SandboxClients c = SandboxClients.open(tmp.resolve("account"), "eu-central-1", SandboxKnobs.none(), Ticker.SYSTEM)) {
      change.accept(c.ec2());
    }
  }

  private String id(String sbid, String type) {
    String[] out = new String[1];
    outOfBand(ec2 -> {
      Filter f = Filter.builder().name("tag:SBID").values(sbid).build();
      out[0] = switch (type) {
        case "vpc" -> ec2.describeVpcs(b -> b.filters(f)).vpcs().get(0).vpcId();
        case "sg" -> ec2.describeSecurityGroups(b -> b.filters(f)).securityGroups().get(0).groupId();
        default -> throw new IllegalArgumentException(type);
      };
    });
    return out[0];
  }

  @Test
  void applyReplanDriftRepairPruneReplaceDestroy() throws Exception {
    Cli apply = sb("apply", "--auto-approve");
    assertThat(apply.code()).as(apply.toString()).isEqualTo(0);
    assertThat(apply.out()).contains("Apply complete! Resources: 8 added, 0 changed, 0 destroyed.").contains("vpcId");

    Cli plan = sb("plan", "--detailed-exitcode");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(0);
    assertThat(plan.out()).isEqualTo("No changes. Live state matches network.yaml.\n");

    String sg = id("SBControlSecurityGroup", "sg");
    String vpc = id("SBVpc", "vpc");
    outOfBand(ec2 -> {
      ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(p -> p.ipProtocol("tcp").fromPort(3306).toPort(3306)
          .ipRanges(r -> r.cidrIp("0.0.0.0/0"))));
      ec2.modifyVpcAttribute(b -> b.vpcId(vpc).enableDnsHostnames(v -> v.value(false)));
    });
    Cli drift = sb("plan", "--detailed-exitcode");
    assertThat(drift.code()).as(drift.toString()).isEqualTo(2);
    assertThat(drift.out()).contains("~ ec2.securityGroup SBControlSecurityGroup", "~ ec2.vpc SBVpc",
        "~ enableDnsHostnames = false -> true", "3306").endsWith("Plan: 0 to add, 2 to change, 0 to destroy.\n");

    assertThat(sb("apply", "--auto-approve").code()).isEqualTo(0);
    assertThat(sb("plan", "--detailed-exitcode").code()).isEqualTo(0);

    String yaml = Files.readString(file());
    String withoutCloudSg = yaml.substring(0, yaml.indexOf("  SBCloudSecurityGroup:")) + yaml.substring(yaml.indexOf("outputs:"));
    Files.writeString(file(), withoutCloudSg);
    Cli prune = sb("plan");
    assertThat(prune.out()).contains("# SBCloudSecurityGroup will be destroyed (not in the file)")
        .endsWith("Plan: 0 to add, 0 to change, 1 to destroy.\n");

    Files.writeString(file(), yaml.replace("cidrBlock: 10.0.1.0/24", "cidrBlock: 10.0.7.0/24"));
    Cli replace = sb("plan");
    assertThat(replace.out()).contains("-/+ ec2.subnet SBSubnetB", "# forces replacement", "~ ec2.routeTable SBRouteTable")
        .endsWith("Plan: 1 to add, 1 to change, 1 to destroy.\n");
    Cli replaced = sb("apply", "--auto-approve");
    assertThat(replaced.code()).as(replaced.toString()).isEqualTo(0);
    assertThat(sb("plan", "--detailed-exitcode").code()).isEqualTo(0);

    Cli destroy = sb("destroy", "--auto-approve");
    assertThat(destroy.code()).as(destroy.toString()).isEqualTo(0);
    outOfBand(ec2 -> {
      assertThat(ec2.describeVpcs(b -> b.filters(Filter.builder().name("tag-key").values("SBID").build())).vpcs()).isEmpty();
      assertThat(ec2.describeSecurityGroups(b -> b.filters(Filter.builder().name("tag-key").values("SBID").build())).securityGroups()).isEmpty();
    });
  }

  @Test
  void retainedResourcesSurviveDestroyWithWhatTheyNeed() throws Exception {
    String yaml = Files.readString(file()).replace("""
          SBPostgresSecurityGroup:
            type: ec2.securityGroup
        """, """
          SBPostgresSecurityGroup:
            type: ec2.securityGroup
            deletionPolicy: retain
        """);
    Files.writeString(file(), yaml);
    assertThat(sb("apply", "--auto-approve").code()).isEqualTo(0);
    Cli destroy = sb("destroy", "--auto-approve");
    assertThat(destroy.code()).as(destroy.toString()).isEqualTo(0);
    assertThat(destroy.out()).contains("# SBPostgresSecurityGroup will be retained: deletionPolicy is retain",
        "# SBVpc will be retained: needed by retained SBPostgresSecurityGroup");
    Cli after = sb("plan");
    assertThat(after.out()).doesNotContain("SBPostgresSecurityGroup will be created").doesNotContain("SBVpc will be created");
  }

  @Test
  void savedPlanAppliesExactlyAndIsRefusedWhenStale() throws Exception {
    Path planFile = tmp.resolve("net.plan");
    assertThat(sb("plan", "--out", planFile.toString()).code()).isEqualTo(0);
    Cli other = Cli.run("apply", planFile.toString(), "--auto-approve", "-f", "sorterbot.yaml", "--sandbox=" + tmp.resolve("account"));
    assertThat(other.code()).as(other.toString()).isEqualTo(1);
    assertThat(other.err()).contains("was made from").contains("Hint: drop -f");
    Cli ok = Cli.run("apply", planFile.toString(), "--auto-approve", "--sandbox=" + tmp.resolve("account"));
    assertThat(ok.code()).as(ok.toString()).isEqualTo(0);
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(planFile.toFile()).path("file").asText())
        .as("the plan names its file absolutely, so it applies from any folder").startsWith("/");

    assertThat(sb("plan", "--out", planFile.toString()).code()).isEqualTo(0);
    String vpc = id("SBVpc", "vpc");
    outOfBand(ec2 -> ec2.modifyVpcAttribute(b -> b.vpcId(vpc).enableDnsSupport(v -> v.value(false))));
    Cli stale = Cli.run("apply", planFile.toString(), "--auto-approve", "--sandbox=" + tmp.resolve("account"));
    assertThat(stale.code()).isEqualTo(1);
    assertThat(stale.err()).contains("is stale: live state has changed since the plan was made");
  }

  @Test
  void unattendedApplyAndDestroyRefuseWithoutAutoApprove() throws Exception {
    Cli apply = sb("apply");
    assertThat(apply.code()).isEqualTo(1);
    assertThat(apply.err()).contains("refusing to apply without a terminal").contains("--auto-approve");
    Cli destroy = sb("destroy");
    assertThat(destroy.code()).isEqualTo(1);
    assertThat(destroy.err()).contains("refusing to destroy without a terminal");
    assertThat(sb("plan").out()).contains("Plan: 8 to add");
  }

  @Test
  void planJsonIsVersionedAndBadFlagsExitOne() throws Exception {
    Cli json = sb("plan", "--json");
    assertThat(json.out()).contains("\"formatVersion\" : 1", "\"action\" : \"create\"");
    Cli bad = sb("plan", "--no-such-flag");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("Unknown option").contains("Hint:").doesNotContain("Exception");
  }
}
