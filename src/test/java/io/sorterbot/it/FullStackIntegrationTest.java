package io.sorterbot.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole SorterBot stack against a real AWS-compatible endpoint ({@code SORTERBOT_IT_ENDPOINT}; skipped
 * without it): apply from empty, no changes, a new image tag plans a revision and a service update, a
 * parked task count plans nothing, drift is clean, outputs, destroy keeps the retained database. SBIDs
 * and the names AWS keeps account-wide get a per-run suffix, so runs against a long-lived endpoint do
 * not meet (the same SBID under another stack is a conflict, never touched: see SPEC.md "Ownership").
 * Files the stack writes (SSH key, credentials profile) go to a temporary home, never the real one.
 */
@EnabledIfEnvironmentVariable(named = "SORTERBOT_IT_ENDPOINT", matches = ".+")
class FullStackIntegrationTest {
  private static final String ENDPOINT = System.getenv("SORTERBOT_IT_ENDPOINT");
  @TempDir Path tmp;

  private Path file;

  private Cli cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-f", file.toString(), "--endpoint-url", ENDPOINT, "--region", "eu-central-1"));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void wholeStackAgainstTheEndpoint() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    Path home = Files.createDirectories(tmp.resolve("home"));
    String yaml = Files.readString(Path.of("sorterbot.yaml"))
        .replace("stack: sorterbot ", "stack: it-" + suffix + " ")
        .replace("~/.ssh/", home + "/.ssh/")
        .replace("credentialsProfile: sorterbotcloud", "credentialsProfile: sorterbotcloud\n        credentialsFile: " + home + "/credentials")
        .replaceAll("(?m)^(\\s+(?:roleName|policyName|userName|instanceProfileName|repositoryName|clusterName|family|serviceName"
            + "|dbInstanceIdentifier|dbSubnetGroupName|keyName|name|bucketName): )([^$\\s]\\S*)$", "$1$2-" + suffix);
    yaml = yaml.replaceAll("\\b(SB[A-Z][A-Za-z]*)\\b(?=[:.])", "$1X" + suffix);
    file = tmp.resolve("sorterbot.yaml");
    Files.writeString(file, yaml);

    Cli apply = cli("apply", "--auto-approve");
    assertThat(apply.code()).as(apply.toString()).isEqualTo(0);
    assertThat(apply.out()).contains("Apply complete! Resources: 27 added", "controlPanelUrl  = \"http://", "ecrRepositoryUri");
    Cli same = cli("plan", "--detailed-exitcode");
    assertThat(same.code()).as(same.toString()).isEqualTo(0);
    Cli image = cli("plan", "--var", "cloudImageTag=v2");
    assertThat(image.out()).contains("~ ecs.taskDefinition SBCloudTaskDefinitionX" + suffix, "~ ecs.service SBCloudServiceX" + suffix)
        .endsWith("Plan: 0 to add, 2 to change, 0 to destroy.\n");
    assertThat(cli("plan", "--detailed-exitcode", "--var", "cloudTaskCount=0").code()).isEqualTo(0);
    Cli drift = cli("drift");
    assertThat(drift.code()).as(drift.toString()).isEqualTo(0);
    Cli outputs = cli("outputs");
    assertThat(outputs.out()).contains("postgresEndpoint", "sshCommand", "controlPanelUrl", "ecrRepositoryUri");

    Cli destroy = cli("destroy", "--auto-approve");
    assertThat(destroy.code()).as(destroy.toString()).isEqualTo(0);
    assertThat(destroy.out()).contains("# SBPostgresX" + suffix + " will be retained: deletionPolicy is retain");
  }
}
