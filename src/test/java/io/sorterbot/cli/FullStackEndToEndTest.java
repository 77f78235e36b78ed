package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sorterbot.model.Ticker;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** The whole SorterBot stack (the project's sorterbot.yaml) through the CLI on the sandbox. */
class FullStackEndToEndTest {
  @TempDir Path tmp;

  private Path file;

  private Cli sb(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-f", file.toString(), "--sandbox=" + tmp.resolve("account")));
    return Cli.run(all.toArray(String[]::new));
  }

  private void aws(Consumer<SandboxClients> change) {
    try (SandboxClients c = SandboxClients.open(tmp.resolve("account"), "eu-central-1", SandboxKnobs.none(), Ticker.SYSTEM)) {
      change.accept(c);
    }
  }

  private static Filter sbid(String v) { return Filter.builder().name("tag:SBID").values(v).build(); }

  private void stack(String extra) throws Exception {
    file = tmp.resolve("sorterbot.yaml");
    String yaml = Files.readString(Path.of("sorterbot.yaml"));
    Files.writeString(file, yaml.replace("\noutputs:", extra + "\noutputs:"));
  }

  @Test
  void appliesFromEmptyThenNoChangesImageTagTaskCountOutputsAndDestroyKeepsRetained() throws Exception {
    stack("");
    Cli first = sb("plan");
    io.sorterbot.testutil.Golden.assertMatches("plan/full-stack-create.txt", first.out());
    Cli firstJson = sb("plan", "--json");
    io.sorterbot.testutil.Golden.assertMatches("plan/full-stack-create.json",
        firstJson.out().replaceAll("\"liveFingerprint\" : \"[0-9a-f]+\"", "\"liveFingerprint\" : \"FINGERPRINT\""));
    Cli apply = sb("apply", "--auto-approve");
    assertThat(apply.code()).as(apply.toString()).isEqualTo(0);
    assertThat(apply.out()).contains("Apply complete! Resources: 27 added, 0 changed, 0 destroyed.")
        .contains("controlPanelUrl  = \"http://ec2-").contains("sshCommand       = \"ssh -i ~/.ssh/sorterbot-control-ssh-key.pem ec2-user@ec2-")
        .contains("postgresEndpoint = \"sorterbot-postgres.").contains("ecrRepositoryUri = \"123456789012.dkr.ecr.eu-central-1.amazonaws.com/sorterbot_cloud\"");
    assertThat(Files.exists(tmp.resolve("account/home/.ssh/sorterbot-control-ssh-key.pem"))).as("key kept inside the sandbox").isTrue();
    // The repository was created empty: the service is not waited for, and the user is told once what to push.
    String latest = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/sorterbot_cloud:latest";
    assertThat(apply.out()).contains("cloudImageStatus = \"waiting for image " + latest + "\"")
        .contains("pushCloudImage   = \"aws ecr get-login-password --region eu-central-1 | docker login");
    assertThat(apply.err().split("waits for its image", -1)).as("one notice").hasSize(2);
    assertThat(apply.err()).startsWith("Note: SBCloudService: the ECS service waits for its image " + latest)
        .contains("docker push " + latest);

    Cli again = sb("plan", "--detailed-exitcode");
    assertThat(again.code()).as(again.toString()).isEqualTo(0);
    assertThat(again.err()).as("plan shows the service waiting").contains("SBCloudService: the ECS service waits for its image");

    Cli image = sb("plan", "--detailed-exitcode", "--var", "cloudImageTag=v2");
    assertThat(image.code()).isEqualTo(2);
    assertThat(image.out()).contains("~ ecs.taskDefinition SBCloudTaskDefinition", "~ ecs.service SBCloudService")
        .endsWith("Plan: 0 to add, 2 to change, 0 to destroy.\n");

    // desiredCount is in ignoreChanges, but a new value from the file is applied (SPEC "ignoreChanges"): it parks.
    Cli parked = sb("plan", "--detailed-exitcode", "--var", "cloudTaskCount=0");
    assertThat(parked.code()).as(parked.toString()).isEqualTo(2);
    assertThat(parked.out()).contains("~ desiredCount = 1 -> 0").endsWith("Plan: 0 to add, 1 to change, 0 to destroy.\n");

    Cli outputs = sb("outputs", "--json");
    JsonNode o = new ObjectMapper().readTree(outputs.out());
    assertThat(o.get("controlPanelUrl").asText()).startsWith("http://ec2-");
    assertThat(o.get("ecrRepositoryUri").asText()).endsWith("/sorterbot_cloud");

    Cli destroy = sb("destroy", "--auto-approve");
    assertThat(destroy.code()).as(destroy.toString()).isEqualTo(0);
    assertThat(destroy.out()).contains("# SBPostgres will be retained: deletionPolicy is retain",
        "# SBDbSubnetGroup will be retained: needed by retained SBPostgres",
        "# SBInternetGateway will be retained: VPC SBVpc keeps a publicly reachable retained resource");
    Cli after = sb("plan");
    assertThat(after.out()).doesNotContain("SBPostgres will be created").doesNotContain("SBVpc will be created")
        .contains("SBCloudService will be created", "SBControlInstance will be created");
  }

  @Test
  void driftListsExactlyTheOutOfBandChangesAndApplyRepairsThem() throws Exception {
    stack("""

          SBSpareSubnet:
            type: ec2.subnet
            properties:
              vpcId: ${SBVpc.id}
              cidrBlock: 10.0.9.0/24
              availabilityZone: ${region}c
        """);
    assertThat(sb("apply", "--auto-approve").code()).isEqualTo(0);
    assertThat(sb("drift").code()).isEqualTo(0);
    aws(c -> {
      var ec2 = c.ec2();
      String sg = ec2.describeSecurityGroups(b -> b.filters(sbid("SBControlSecurityGroup"))).securityGroups().get(0).groupId();
      String vpc = ec2.describeVpcs(b -> b.filters(sbid("SBVpc"))).vpcs().get(0).vpcId();
      ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(p -> p.ipProtocol("tcp").fromPort(3306).toPort(3306)
          .ipRanges(r -> r.cidrIp("0.0.0.0/0"))));
      ec2.modifyVpcAttribute(b -> b.vpcId(vpc).enableDnsHostnames(v -> v.value(false)));
      ec2.deleteSubnet(b -> b.subnetId(ec2.describeSubnets(x -> x.filters(sbid("SBSpareSubnet"))).subnets().get(0).subnetId()));
      ec2.createSecurityGroup(b -> b.groupName("stray").description("by hand").vpcId(vpc).tagSpecifications(t -> t
          .resourceType(ResourceType.SECURITY_GROUP).tags(x -> x.key("SBID").value("SBStray"), x -> x.key("SBStack").value("sorterbot"))));
      c.ecr().deleteLifecyclePolicy(b -> b.repositoryName("sorterbot_cloud"));
      c.ssm().putParameter(b -> b.name("SorterBotCloudPostgres").type("SecureString").value("postgresql://changed").overwrite(true));
      c.ecs().updateService(b -> b.cluster("sorterbot-cluster").service("sorterbot-cloud-service").desiredCount(3));
    });
    Path json = tmp.resolve("drift.json");
    Cli drift = sb("drift", "--output", json.toString());
    assertThat(drift.code()).as(drift.toString()).isEqualTo(2);
    assertThat(drift.out()).doesNotContain("postgresql://changed");
    JsonNode r = new ObjectMapper().readTree(Files.readString(json));
    List<String> modified = new ArrayList<>();
    r.get("modified").forEach(m -> m.get("differences").forEach(d -> modified.add(m.get("sbid").asText() + " " + d.get("path").asText()
        + " " + d.get("kind").asText())));
    assertThat(modified).containsExactlyInAnyOrder("SBControlSecurityGroup ingress added", "SBVpc enableDnsHostnames changed",
        "SBEcr lifecyclePolicy removed", "SBPostgresConnection value changed");
    assertThat(r.get("missing")).extracting(m -> m.get("sbid").asText()).containsExactly("SBSpareSubnet");
    assertThat(r.get("unmanaged")).extracting(m -> m.get("sbid").asText()).containsExactly("SBStray");
    assertThat(r.get("ignored")).extracting(m -> m.get("sbid").asText()).containsExactly("SBCloudService");
    assertThat(r.at("/summary/conflicts").asInt() + r.at("/summary/duplicates").asInt()).isZero();

    Cli repair = sb("apply", "--auto-approve");
    assertThat(repair.code()).as(repair.toString()).isEqualTo(0);
    Cli clean = sb("drift");
    assertThat(clean.code()).as(clean.toString()).isEqualTo(0);
  }
}
