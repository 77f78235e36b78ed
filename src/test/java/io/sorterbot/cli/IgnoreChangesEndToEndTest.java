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
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC "ignoreChanges" on the reference stack's SBCloudService (desiredCount is ignored: the Control Panel
 * scales it): the file's value is recorded as last applied, so a new value from the file is set (parking
 * with {@code --var cloudTaskCount=0}) while the Control Panel's later changes are kept; and a saved plan is
 * not made stale by the Control Panel scaling between {@code plan --out} and {@code apply PLANFILE}.
 */
class IgnoreChangesEndToEndTest {
  @TempDir Path tmp;
  private Path file;

  @BeforeEach
  void applyReferenceStack() throws Exception {
    file = tmp.resolve("sorterbot.yaml");
    Files.writeString(file, SafetyTest.reference());
    Cli apply = sb("apply", "--auto-approve");
    assertThat(apply.code()).as(apply.toString()).isZero();
  }

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

  /** What the Control Panel does: change the desired count of the service. */
  private void controlPanelScales(int count) {
    aws(c -> c.ecs().updateService(b -> b.cluster("sorterbot-cluster").service("sorterbot-cloud-service").desiredCount(count)));
  }

  private int desiredCount() {
    int[] n = new int[1];
    aws(c -> n[0] = c.ecs().describeServices(b -> b.cluster("sorterbot-cluster").services("sorterbot-cloud-service"))
        .services().get(0).desiredCount());
    return n[0];
  }

  private Map<String, String> serviceTags() {
    Map<String, String> out = new java.util.TreeMap<>();
    aws(c -> {
      String arn = c.ecs().describeServices(b -> b.cluster("sorterbot-cluster").services("sorterbot-cloud-service"))
          .services().get(0).serviceArn();
      out.putAll(c.ecs().listTagsForResource(b -> b.resourceArn(arn)).tags().stream()
          .collect(Collectors.toMap(t -> t.key(), t -> t.value())));
    });
    return out;
  }

  @Test
  void aNewFileValueParksTheServiceWhileTheControlPanelsChangesAreKept() throws Exception {
    assertThat(serviceTags()).containsEntry("SBApplied:desiredCount", "1");
    controlPanelScales(3);
    Cli plan = sb("plan", "--detailed-exitcode");
    assertThat(plan.code()).as("the Control Panel's count is not reverted\n" + plan).isZero();
    Cli drift = sb("drift", "--format", "json");
    assertThat(drift.code()).as(drift.toString()).isZero();
    JsonNode ignored = new ObjectMapper().readTree(drift.out()).get("ignored");
    assertThat(ignored).singleElement().satisfies(i -> assertThat(i.get("sbid").asText()).isEqualTo("SBCloudService"));

    Cli parkPlan = sb("plan", "--detailed-exitcode", "--var", "cloudTaskCount=0");
    assertThat(parkPlan.code()).as(parkPlan.toString()).isEqualTo(2);
    assertThat(parkPlan.out()).contains("~ ecs.service SBCloudService", "~ desiredCount = 3 -> 0")
        .doesNotContain("SBApplied").endsWith("Plan: 0 to add, 1 to change, 0 to destroy.\n");
    Cli park = sb("apply", "--auto-approve", "--var", "cloudTaskCount=0");
    assertThat(park.code()).as(park.toString()).isZero();
    assertThat(desiredCount()).isZero();
    assertThat(serviceTags()).containsEntry("SBApplied:desiredCount", "0");
    assertThat(sb("plan", "--detailed-exitcode", "--var", "cloudTaskCount=0").code()).isZero();

    controlPanelScales(2); // later, the Control Panel starts SorterBot Cloud again
    Cli same = sb("apply", "--auto-approve", "--var", "cloudTaskCount=0");
    assertThat(same.code()).as(same.toString()).isZero();
    assertThat(same.out()).contains("No changes.");
    assertThat(desiredCount()).as("a re-run with the same file keeps the Control Panel's count").isEqualTo(2);

    Cli back = sb("plan", "--detailed-exitcode");
    assertThat(back.code()).as("the file's value changed again (0 -> 1)\n" + back).isEqualTo(2);
    assertThat(back.out()).contains("~ desiredCount = 2 -> 1");
  }

  @Test
  void aResourceWithoutARecordIsIgnoredAndTheRecordIsAdded() {
    aws(c -> {
      String arn = c.ecs().describeServices(b -> b.cluster("sorterbot-cluster").services("sorterbot-cloud-service"))
          .services().get(0).serviceArn();
      c.ecs().untagResource(b -> b.resourceArn(arn).tagKeys("SBApplied:desiredCount"));
    });
    controlPanelScales(4);
    Cli plan = sb("plan", "--detailed-exitcode", "--var", "cloudTaskCount=0");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.out()).as("unknown what was applied last: never reverted, only recorded")
        .doesNotContain("~ desiredCount").contains("SBApplied:desiredCount = \"0\"");
    assertThat(sb("drift").code()).as("a missing record is bookkeeping, not drift").isZero();
    assertThat(sb("apply", "--auto-approve", "--var", "cloudTaskCount=0").code()).isZero();
    assertThat(desiredCount()).isEqualTo(4);
    assertThat(serviceTags()).containsEntry("SBApplied:desiredCount", "0");
    assertThat(sb("plan", "--detailed-exitcode", "--var", "cloudTaskCount=0").code()).isZero();
  }

  @Test
  void theControlPanelScalingAfterPlanOutDoesNotMakeTheSavedPlanStale() {
    Path saved = tmp.resolve("image.plan");
    Cli plan = sb("plan", "--var", "cloudImageTag=v2", "--out", saved.toString());
    assertThat(plan.code()).as(plan.toString()).isZero();
    controlPanelScales(5);
    Cli apply = Cli.run("apply", saved.toString(), "--auto-approve", "--sandbox=" + tmp.resolve("account"));
    assertThat(apply.code()).as(apply.toString()).isZero();
    assertThat(apply.out()).contains("Apply complete! Resources: 0 added, 2 changed, 0 destroyed.");
    assertThat(desiredCount()).isEqualTo(5);

    Path again = tmp.resolve("again.plan");
    assertThat(sb("plan", "--var", "cloudImageTag=v3", "--out", again.toString()).code()).isZero();
    aws(c -> {
      String vpc = c.ec2().describeVpcs(b -> b.filters(f -> f.name("tag:SBID").values("SBVpc"))).vpcs().get(0).vpcId();
      c.ec2().modifyVpcAttribute(b -> b.vpcId(vpc).enableDnsHostnames(v -> v.value(false)));
    });
    Cli stale = Cli.run("apply", again.toString(), "--auto-approve", "--sandbox=" + tmp.resolve("account"));
    assertThat(stale.code()).as("a change of a property the file owns still makes it stale\n" + stale).isEqualTo(1);
    assertThat(stale.err()).contains("is stale: live state has changed since the plan was made");
  }
}
