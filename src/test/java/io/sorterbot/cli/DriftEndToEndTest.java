package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sorterbot.model.Ticker;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import io.sorterbot.testutil.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Out-of-band changes of every group are reported once each, in three formats; apply repairs them. */
class DriftEndToEndTest {
  @TempDir Path tmp;

  private Cli sb(String... args) {
    String[] all = new String[args.length + 5];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-f";
    all[args.length + 1] = tmp.resolve("network.yaml").toString();
    all[args.length + 2] = "--sandbox=" + tmp.resolve("account");
    all[args.length + 3] = "--parallelism";
    all[args.length + 4] = "1";
    return Cli.run(all);
  }

  private void ec2(Consumer<Ec2Client> change) {
    try (SandboxClients c = SandboxClients.open(tmp.resolve("account"), "eu-central-1", SandboxKnobs.none(), Ticker.SYSTEM)) {
      change.accept(c.ec2());
    }
  }

  private static Filter sbid(String v) { return Filter.builder().name("tag:SBID").values(v).build(); }

  private static String stable(String s) {
    return s.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "CHECKED-AT");
  }

  @Test
  void everyKindOfDriftIsReportedOnceAndApplyRepairsIt() throws Exception {
    Files.writeString(tmp.resolve("network.yaml"), Files.readString(Path.of("examples/network.yaml"))
        .replace("""
              SBSubnetA:
                type: ec2.subnet
            """, """
              SBSubnetA:
                type: ec2.subnet
                ignoreChanges: [mapPublicIpOnLaunch]
            """));
    assertThat(sb("apply", "--auto-approve").code()).isEqualTo(0);
    Cli clean = sb("drift");
    assertThat(clean.code()).as(clean.toString()).isEqualTo(0);
    assertThat(clean.out()).contains("No drift: live state matches network.yaml.");

    ec2(ec2 -> {
      String sg = ec2.describeSecurityGroups(b -> b.filters(sbid("SBControlSecurityGroup"))).securityGroups().get(0).groupId();
      String vpc = ec2.describeVpcs(b -> b.filters(sbid("SBVpc"))).vpcs().get(0).vpcId();
      String subnetA = ec2.describeSubnets(b -> b.filters(sbid("SBSubnetA"))).subnets().get(0).subnetId();
      String subnetB = ec2.describeSubnets(b -> b.filters(sbid("SBSubnetB"))).subnets().get(0).subnetId();
      ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(p -> p.ipProtocol("tcp").fromPort(3306).toPort(3306)
          .ipRanges(r -> r.cidrIp("0.0.0.0/0"))));
      ec2.modifyVpcAttribute(b -> b.vpcId(vpc).enableDnsHostnames(v -> v.value(false)));
      ec2.modifySubnetAttribute(b -> b.subnetId(subnetA).mapPublicIpOnLaunch(v -> v.value(false)));
      ec2.deleteSubnet(b -> b.subnetId(subnetB));
      ec2.createSecurityGroup(b -> b.groupName("stray").description("made by hand").vpcId(vpc)
          .tagSpecifications(t -> t.resourceType(ResourceType.SECURITY_GROUP).tags(
              x -> x.key("SBID").value("SBStray"), x -> x.key("SBStack").value("sorterbot-network"))));
    });

    Path json = tmp.resolve("drift.json");
    Path md = tmp.resolve("drift.md");
    Cli drift = sb("drift", "--output", json.toString(), "--output", "markdown:" + md);
    assertThat(drift.code()).as(drift.toString()).isEqualTo(2);
    Golden.assertMatches("drift/network.txt", stable(drift.out()));
    Golden.assertMatches("drift/network.json", stable(Files.readString(json)));
    Golden.assertMatches("drift/network.md", stable(Files.readString(md)));

    JsonNode r = new ObjectMapper().readTree(Files.readString(json));
    assertThat(r.at("/summary/modified").asInt()).isEqualTo(2);
    assertThat(r.at("/modified/0/sbid").asText()).isEqualTo("SBControlSecurityGroup");
    assertThat(r.at("/modified/0/differences/0/kind").asText()).isEqualTo("added");
    assertThat(r.at("/modified/1/differences/0/path").asText()).isEqualTo("enableDnsHostnames");
    assertThat(r.at("/missing/0/sbid").asText()).isEqualTo("SBSubnetB");
    assertThat(r.at("/unmanaged/0/sbid").asText()).isEqualTo("SBStray");
    assertThat(r.at("/ignored/0/differences/0/path").asText()).isEqualTo("mapPublicIpOnLaunch");
    assertThat(r.at("/summary/ignored").asInt()).isEqualTo(1);
    assertThat(drift.out()).doesNotContain("SBRouteTable"); // the deleted subnet is reported once, not downstream

    Cli repair = sb("apply", "--auto-approve");
    assertThat(repair.code()).as(repair.toString()).isEqualTo(0);
    Cli after = sb("drift", "--format", "json");
    assertThat(after.code()).as(after.toString()).isEqualTo(0);
    assertThat(after.out()).contains("\"inSync\" : true", "\"ignored\" : 1");
  }

  @Test
  void unknownOutputFormatIsAUsageError() throws Exception {
    Files.copy(Path.of("examples/network.yaml"), tmp.resolve("network.yaml"));
    Cli c = sb("drift", "--output", tmp.resolve("report.bin").toString());
    assertThat(c.code()).isEqualTo(1);
    assertThat(c.err()).contains("cannot tell the format").contains("Hint:");
  }
}
