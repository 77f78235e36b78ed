package io.sorterbot.kinds.iam;

import static io.sorterbot.kinds.iam.IamTestSupport.allow;
import static io.sorterbot.kinds.iam.IamTestSupport.desired;
import static io.sorterbot.kinds.iam.IamTestSupport.diff;
import static io.sorterbot.kinds.iam.IamTestSupport.map;
import static io.sorterbot.kinds.iam.IamTestSupport.trust;
import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.model.Desired;
import io.sorterbot.model.LiveResource;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IAM part of reference/sorterbot.yaml, applied in dependency order on a sandbox whose new entities stay
 * invisible for a while (IAM propagation): every follow-up waits it out, then nothing differs, then all goes.
 */
class IamReferenceStackTest {
  @TempDir Path dir;
  @TempDir Path home;

  private final PolicyKind policies = new PolicyKind();
  private final RoleKind roles = new RoleKind();
  private final InstanceProfileKind profiles = new InstanceProfileKind();
  private UserKind users;

  private record Step(ResourceKind kind, Desired desired) {}

  @Test
  void createDiscoverDestroyDespitePropagationLag() {
    IamSandbox sb = new IamSandbox(dir, SandboxKnobs.none().withConsistencyLag(Duration.ofSeconds(8)));
    users = new UserKind(List.of(), Map.of(), home);
    Map<String, LiveResource> made = new LinkedHashMap<>();
    List<Step> steps = new ArrayList<>();

    steps.add(new Step(policies, desired("SBControlPolicy", "iam.policy", map("policyName", "SorterBotControlPolicy",
        "policyDocument", allow(List.of("ec2:DescribeNetworkInterfaces", "ecs:*"), "*")))));
    steps.add(new Step(policies, desired("SBSecretsForEcsPolicy", "iam.policy", map("policyName", "SecretsForECSPolicy",
        "policyDocument", allow(List.of("ssm:GetParameters", "secretsmanager:GetSecretValue", "kms:Decrypt"), List.of("*"))))));
    steps.add(new Step(policies, desired("SBCloudEcrPolicy", "iam.policy", map("policyName", "SorterBotCloudECR",
        "policyDocument", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}]}"))));
    for (Step s : steps) made.put(s.desired().sbid(), s.kind().create(sb.ctx, s.desired()));

    List<Step> dependents = List.of(
        new Step(roles, desired("SBControlRole", "iam.role", map("roleName", "SorterBotControlRole",
            "assumeRolePolicyDocument", trust("ec2.amazonaws.com"),
            "managedPolicyArns", List.of(arn(made, "SBControlPolicy"))))),
        new Step(roles, desired("SBCloudServiceRole", "iam.role", map("roleName", "SorterBotCloudServiceRole",
            "assumeRolePolicyDocument", trust("ecs-tasks.amazonaws.com"),
            "managedPolicyArns", List.of(IamSandboxLifecycleTest.S3_FULL, IamSandboxLifecycleTest.ECS_EXEC,
                arn(made, "SBSecretsForEcsPolicy"))))),
        new Step(profiles, desired("SBControlInstanceProfile", "iam.instanceProfile",
            map("instanceProfileName", "SorterBotControlRole", "roles", List.of("SorterBotControlRole")))),
        new Step(users, desired("SBCloudUser", "iam.user", map("userName", "SorterBotCloudUser",
            "managedPolicyArns", List.of(arn(made, "SBCloudEcrPolicy"), IamSandboxLifecycleTest.S3_FULL),
            "accessKey", map("credentialsProfile", "sorterbotcloud")))));
    for (Step s : dependents) made.put(s.desired().sbid(), s.kind().create(sb.ctx, s.desired()));
    steps.addAll(dependents);
    assertThat(sb.ticker.slept()).as("waited for propagation").isPositive().isLessThan(Duration.ofMinutes(2));

    sb.ticker.sleep(Duration.ofSeconds(10));
    for (Step s : steps) {
      List<LiveResource> found = s.kind().discover(sb.ctx).stream().filter(l -> l.sbid().equals(s.desired().sbid())).toList();
      assertThat(found).as(s.desired().sbid()).singleElement()
          .satisfies(l -> assertThat(diff(s.kind(), s.desired(), l)).as(s.desired().sbid()).isEmpty());
    }

    for (int i = steps.size() - 1; i >= 0; i--) {
      Step s = steps.get(i);
      s.kind().delete(sb.ctx, made.get(s.desired().sbid()));
    }
    for (ResourceKind k : List.<ResourceKind>of(policies, roles, profiles, users)) assertThat(k.discover(sb.ctx)).isEmpty();
  }

  private static String arn(Map<String, LiveResource> made, String sbid) { return made.get(sbid).id(); }
}
