package io.sorterbot.kinds.iam;

import static io.sorterbot.kinds.iam.IamTestSupport.allow;
import static io.sorterbot.kinds.iam.IamTestSupport.desired;
import static io.sorterbot.kinds.iam.IamTestSupport.map;
import static io.sorterbot.kinds.iam.IamTestSupport.trust;
import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.model.Desired;
import io.sorterbot.model.LiveResource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/** Policies, roles and instance profiles against the sandbox's IAM: create → discover → update → delete. */
class IamSandboxLifecycleTest {
  static final String S3_FULL = "arn:aws:iam::aws:policy/AmazonS3FullAccess";
  static final String ECS_EXEC = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
  static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

  @TempDir Path dir;
  private IamSandbox sb;
  private final PolicyKind policies = new PolicyKind();
  private final RoleKind roles = new RoleKind();
  private final InstanceProfileKind profiles = new InstanceProfileKind();

  @BeforeEach
  void open() { sb = new IamSandbox(dir); }

  @Test
  void policy() {
    Desired d = desired("SBPolicy", "iam.policy", map("policyName", "SorterBotControlPolicy",
        "policyDocument", allow(List.of("ec2:DescribeNetworkInterfaces", "ecs:*"), "*"), "tags", Map.of("Name", "p")));
    LiveResource live = sb.roundTrip(policies, d);
    assertThat(live.id()).isEqualTo("arn:aws:iam::123456789012:policy/teststack/SorterBotControlPolicy");
    assertThat(live.attributes()).containsEntry("name", "SorterBotControlPolicy");
    assertThat(live.properties()).containsEntry("path", "/teststack/");

    // the same document as a JSON string, reordered, is no change
    Desired asJson = desired("SBPolicy", "iam.policy", map("policyName", "SorterBotControlPolicy", "policyDocument",
        "{\"Statement\":[{\"Resource\":[\"*\"],\"Action\":[\"ecs:*\",\"ec2:DescribeNetworkInterfaces\"],\"Effect\":\"Allow\"}],"
            + "\"Version\":\"2012-10-17\"}", "tags", Map.of("Name", "p")));
    assertThat(IamTestSupport.diff(policies, asJson, live)).isEmpty();

    // six document changes: AWS keeps 5 versions, so the oldest non-default ones make room
    for (int i = 1; i <= 6; i++) {
      live = sb.update(policies, live, desired("SBPolicy", "iam.policy", map("policyName", "SorterBotControlPolicy",
          "policyDocument", allow("ecs:Describe" + i, "*"), "tags", Map.of("Name", "p"))));
    }
    String arn = live.id();
    List<PolicyVersion> versions = sb.iam().listPolicyVersions(b -> b.policyArn(arn)).versions();
    assertThat(versions).hasSize(5).filteredOn(PolicyVersion::isDefaultVersion).singleElement()
        .satisfies(v -> assertThat(v.versionId()).isEqualTo("v7"));

    LiveResource retagged = sb.update(policies, live, desired("SBPolicy", "iam.policy", map("policyName", "SorterBotControlPolicy",
        "policyDocument", allow("ecs:Describe6", "*"), "tags", Map.of("Env", "test"))));
    assertThat(retagged.tags()).containsEntry("Env", "test").doesNotContainKey("Name");

    // attached to an entity that is not in the file: delete detaches it first
    sb.iam().createRole(b -> b.roleName("Outsider").assumeRolePolicyDocument(PolicyDocuments.toJson(trust("ec2.amazonaws.com"))));
    sb.iam().attachRolePolicy(b -> b.roleName("Outsider").policyArn(arn));
    policies.delete(sb.ctx, retagged);
    assertThat(sb.find(policies, "SBPolicy")).isNull();
    assertThat(sb.iam().listAttachedRolePolicies(b -> b.roleName("Outsider")).attachedPolicies()).isEmpty();
    policies.delete(sb.ctx, retagged);  // already gone = success
  }

  @Test
  void role() {
    String custom = policies.create(sb.ctx, desired("SBSecrets", "iam.policy", map("policyName", "SecretsForECSPolicy",
        "policyDocument", allow(List.of("ssm:GetParameters", "kms:Decrypt"), List.of("*"))))).id();
    Map<String, Object> logs = map("policyName", "logs", "policyDocument", allow("logs:*", "*"));
    Map<String, Object> s3 = map("policyName", "s3", "policyDocument", "{\"Version\":\"2012-10-17\",\"Statement\":"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::b/*\"}}");
    Desired d = desired("SBRole", "iam.role", map("roleName", "SorterBotCloudServiceRole",
        "assumeRolePolicyDocument", trust("ecs-tasks.amazonaws.com"), "description", "cloud tasks",
        "maxSessionDuration", 3600L, "managedPolicyArns", List.of(S3_FULL, ECS_EXEC, custom),
        "policies", List.of(logs, s3), "tags", Map.of("Name", "r")));
    LiveResource live = sb.roundTrip(roles, d);
    assertThat(live.id()).isEqualTo("arn:aws:iam::123456789012:role/teststack/SorterBotCloudServiceRole");
    assertThat(live.refs()).contains(custom);

    Map<String, Object> s3b = map("policyName", "s3", "policyDocument", allow("s3:PutObject", "arn:aws:s3:::b/*"));
    Map<String, Object> ecr = map("policyName", "ecr", "policyDocument", allow("ecr:*", "*"));
    live = sb.update(roles, live, desired("SBRole", "iam.role", map("roleName", "SorterBotCloudServiceRole",
        "assumeRolePolicyDocument", trust("ec2.amazonaws.com"), "description", "control panel",
        "maxSessionDuration", 7200L, "managedPolicyArns", List.of(custom, READ_ONLY),
        "policies", List.of(ecr, s3b), "tags", Map.of("Name", "r2"))));
    assertThat(live.properties().get("managedPolicyArns")).asList().containsExactlyInAnyOrder(custom, READ_ONLY);
    assertThat(sb.iam().listRolePolicies(b -> b.roleName("SorterBotCloudServiceRole")).policyNames()).containsExactly("ecr", "s3");

    // in a profile, with policies and inline policies: delete removes all of that first
    LiveResource profile = profiles.create(sb.ctx, desired("SBProfile", "iam.instanceProfile",
        map("instanceProfileName", "P", "roles", List.of("SorterBotCloudServiceRole"))));
    roles.delete(sb.ctx, live);
    assertThat(sb.find(roles, "SBRole")).isNull();
    assertThat(sb.find(profiles, "SBProfile").properties().get("roles")).isEqualTo(List.of());
    roles.delete(sb.ctx, live);
    profiles.delete(sb.ctx, profile);
  }

  @Test
  void instanceProfile() {
    roles.create(sb.ctx, desired("SBRoleA", "iam.role", map("roleName", "RoleA", "assumeRolePolicyDocument", trust("ec2.amazonaws.com"))));
    LiveResource roleB = roles.create(sb.ctx, desired("SBRoleB", "iam.role",
        map("roleName", "RoleB", "assumeRolePolicyDocument", trust("ec2.amazonaws.com"))));
    LiveResource live = sb.roundTrip(profiles, desired("SBProfile", "iam.instanceProfile",
        map("instanceProfileName", "SorterBotControlRole", "roles", List.of("RoleA"), "tags", Map.of("Name", "ip"))));
    assertThat(live.id()).isEqualTo("arn:aws:iam::123456789012:instance-profile/teststack/SorterBotControlRole");

    live = sb.update(profiles, live, desired("SBProfile", "iam.instanceProfile",
        map("instanceProfileName", "SorterBotControlRole", "roles", List.of("RoleB"), "tags", Map.of("Name", "ip"))));
    assertThat(live.refs()).containsExactly(roleB.id());
    live = sb.update(profiles, live, desired("SBProfile", "iam.instanceProfile",
        map("instanceProfileName", "SorterBotControlRole", "roles", List.of(), "tags", Map.of("Name", "ip2"))));

    live = sb.update(profiles, live, desired("SBProfile", "iam.instanceProfile",
        map("instanceProfileName", "SorterBotControlRole", "roles", List.of("RoleA"))));
    profiles.delete(sb.ctx, live);
    assertThat(sb.find(profiles, "SBProfile")).isNull();
    profiles.delete(sb.ctx, live);
    assertThat(sb.iam().getRole(b -> b.roleName("RoleA")).role()).isNotNull();
  }

  @Test
  void discoveryFindsOnlyTaggedEntitiesUnderTheStackPathAndTheExplicitPaths() {
    String doc = PolicyDocuments.toJson(trust("ec2.amazonaws.com"));
    sb.iam().createRole(b -> b.roleName("Untagged").path("/teststack/").assumeRolePolicyDocument(doc));
    sb.iam().createRole(b -> b.roleName("Elsewhere").path("/").assumeRolePolicyDocument(doc)
        .tags(t -> t.key("SBID").value("SBElsewhere")));
    sb.iam().createRole(b -> b.roleName("OtherStack").path("/teststack/").assumeRolePolicyDocument(doc)
        .tags(t -> t.key("SBID").value("SBOther"), t -> t.key("SBStack").value("another")));
    roles.create(sb.ctx, desired("SBCustom", "iam.role", map("roleName", "Custom", "path", "/custom/",
        "assumeRolePolicyDocument", trust("ec2.amazonaws.com"))));

    assertThat(roles.discover(sb.ctx)).extracting(LiveResource::sbid).containsExactly("SBOther");
    assertThat(roles.discover(sb.ctx)).singleElement().satisfies(l -> assertThat(l.stackTag()).isEqualTo("another"));
    assertThat(new RoleKind(List.of("/custom/")).discover(sb.ctx)).extracting(LiveResource::sbid)
        .containsExactlyInAnyOrder("SBOther", "SBCustom");
  }
}
