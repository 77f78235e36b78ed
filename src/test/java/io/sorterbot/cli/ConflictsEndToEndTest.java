package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sorterbot.model.Ticker;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC "Ownership": a wanted SBID held by another stack (or, for one-per-account kinds such as IAM, by this
 * stack's run in another region) means the file cannot be reached: plan exits 1 listing it, apply refuses
 * before changing anything, drift exits 2.
 */
class ConflictsEndToEndTest {
  @TempDir Path tmp;

  private Path account() { return tmp.resolve("account"); }

  private Cli sb(Path file, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-f", file.toString(), "--sandbox=" + account()));
    return Cli.run(all.toArray(String[]::new));
  }

  private Path write(String name, String yaml) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, yaml);
    return f;
  }

  private byte[] accountBytes() throws Exception { return Files.readAllBytes(account().resolve("account.json")); }

  @Test
  void anotherStacksSbidFailsPlanAndApplyAndIsDrift() throws Exception {
    String network = Files.readString(Path.of("examples/network.yaml"));
    assertThat(sb(write("network.yaml", network), "apply", "--auto-approve").code()).isZero();
    Path other = write("other.yaml", network.replace("stack: sorterbot-network", "stack: other-network"));
    byte[] before = accountBytes();

    Cli plan = sb(other, "plan", "--detailed-exitcode");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(1);
    assertThat(plan.out()).doesNotContain("No changes")
        .contains("Conflicts (a resource with a wanted SBID that is not this stack's: never touched):",
            "  ! SBVpc (ec2.vpc) vpc-", " is tagged SBStack=sorterbot-network");
    assertThat(plan.err()).startsWith("Error: 8 conflicts: SBCloudSecurityGroup, SBControlSecurityGroup, ")
        .contains("nothing was changed").contains("Hint: SBIDs are unique per account");
    Cli json = sb(other, "plan", "--json");
    assertThat(json.code()).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(json.out()).get("conflicts")).hasSize(8);

    Cli apply = sb(other, "apply", "--auto-approve");
    assertThat(apply.code()).as(apply.toString()).isEqualTo(1);
    assertThat(apply.out()).doesNotContain("Apply complete");
    assertThat(accountBytes()).as("apply refused before changing anything").isEqualTo(before);

    Cli drift = sb(other, "drift", "--format", "json");
    assertThat(drift.code()).as(drift.toString()).isEqualTo(2);
    assertThat(new ObjectMapper().readTree(drift.out()).at("/summary/conflicts").asInt()).isEqualTo(8);
  }

  @Test
  void theStagingExampleInTheSameAccountIsRefused() throws Exception {
    assertThat(sb(write("sorterbot.yaml", SafetyTest.reference()), "apply", "--auto-approve").code()).isZero();
    Path staging = write("staging.yaml", Files.readString(Path.of("examples/staging.yaml")));
    Cli plan = sb(staging, "plan");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(1);
    assertThat(plan.out()).doesNotContain("No changes").contains("is tagged SBStack=sorterbot");
    assertThat(sb(staging, "apply", "--auto-approve").code()).isEqualTo(1);
  }

  static final String IAM = """
      version: 1
      stack: iamdemo
      region: REGION
      resources:
        SBPolicy:
          type: iam.policy
          properties:
            policyName: DemoPolicy
            policyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:ListBucket", Resource: "*"}]}
        SBRole:
          type: iam.role
          properties:
            roleName: DemoRole
            assumeRolePolicyDocument:
              Version: "2012-10-17"
              Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]
            managedPolicyArns: ["${SBPolicy.arn}"]
      """;

  private Map<String, String> roleTags() {
    Map<String, String> out = new TreeMap<>();
    try (SandboxClients c = SandboxClients.open(account(), "us-east-1", SandboxKnobs.none(), Ticker.SYSTEM)) {
      c.iam().listRoleTags(b -> b.roleName("DemoRole")).tags().forEach(t -> out.put(t.key(), t.value()));
    }
    return out;
  }

  @Test
  void theSameStackInASecondRegionDoesNotShareOrDeleteTheFirstRegionsIam() throws Exception {
    Path eu = write("eu.yaml", IAM.replace("REGION", "eu-central-1"));
    Path us = write("us.yaml", IAM.replace("REGION", "us-east-1"));
    assertThat(sb(eu, "apply", "--auto-approve").code()).isZero();
    assertThat(roleTags()).containsEntry("SBRegion", "eu-central-1").containsEntry("SBStack", "iamdemo");
    assertThat(sb(eu, "plan", "--detailed-exitcode").code()).isZero();

    Cli plan = sb(us, "plan");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(1);
    assertThat(plan.out()).contains("  ! SBRole (iam.role) ", " belongs to this stack in region eu-central-1");
    assertThat(plan.err()).contains("2 conflicts: SBPolicy, SBRole").contains("in a second region, give them other SBIDs and names");
    assertThat(sb(us, "apply", "--auto-approve").code()).isEqualTo(1);
    assertThat(sb(us, "drift").code()).isEqualTo(2);

    Cli destroy = sb(us, "destroy", "--auto-approve");
    assertThat(destroy.code()).as(destroy.toString()).isZero();
    assertThat(roleTags()).as("the other region's role is still there").containsEntry("SBRegion", "eu-central-1");
    assertThat(sb(eu, "plan", "--detailed-exitcode").code()).isZero();
  }

  @Test
  void aGlobalResourceMadeBeforeRegionsWereRecordedIsClaimedByTheNextApply() throws Exception {
    Path eu = write("eu.yaml", IAM.replace("REGION", "eu-central-1"));
    assertThat(sb(eu, "apply", "--auto-approve").code()).isZero();
    try (SandboxClients c = SandboxClients.open(account(), "eu-central-1", SandboxKnobs.none(), Ticker.SYSTEM)) {
      c.iam().untagRole(b -> b.roleName("DemoRole").tagKeys("SBRegion"));
    }
    Cli plan = sb(eu, "plan", "--detailed-exitcode");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.out()).contains("SBRegion = \"eu-central-1\"");
    assertThat(sb(eu, "apply", "--auto-approve").code()).isZero();
    assertThat(roleTags()).containsEntry("SBRegion", "eu-central-1");
  }

  /** Not a test of sorterbot: the sandbox keeps IAM once per account, as AWS does, whatever the region. */
  @Test
  void theSandboxKeepsIamGlobalAcrossRegions() {
    try (SandboxClients eu = SandboxClients.open(account(), "eu-central-1", SandboxKnobs.none(), Ticker.SYSTEM)) {
      eu.iam().createRole(b -> b.roleName("Shared").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{"
          + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
      eu.ec2().createVpc(b -> b.cidrBlock("10.0.0.0/16"));
    }
    try (SandboxClients us = SandboxClients.open(account(), "us-east-1", SandboxKnobs.none(), Ticker.SYSTEM)) {
      assertThat(us.iam().getRole(b -> b.roleName("Shared")).role().roleName()).isEqualTo("Shared");
      assertThat(us.ec2().describeVpcs().vpcs()).as("EC2 is per region").isEmpty();
    }
  }
}
