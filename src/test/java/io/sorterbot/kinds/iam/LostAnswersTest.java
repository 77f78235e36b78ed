package io.sorterbot.kinds.iam;

import static io.sorterbot.kinds.iam.IamTestSupport.allow;
import static io.sorterbot.kinds.iam.IamTestSupport.desired;
import static io.sorterbot.kinds.iam.IamTestSupport.map;
import static io.sorterbot.kinds.iam.IamTestSupport.trust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.model.Desired;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.Tags;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/**
 * Every mutating IAM call's first answer lost (the sandbox's lost rate 1): each call is done twice, the SDK's
 * retry getting the second answer. Each entity must still exist once, be the one returned, update and delete;
 * a same-named entity of another stack must still fail the create.
 */
class LostAnswersTest {
  @TempDir Path dir;
  @TempDir Path home;
  /** Every mutation sent twice. */
  private IamSandbox lost;
  /** The same account without faults: setup and inspection. */
  private IamSandbox plain;

  @BeforeEach
  void open() {
    plain = new IamSandbox(dir);
    lost = new IamSandbox(dir, SandboxKnobs.none().withLostRate(1.0));
  }

  @Test
  void policyIsMadeOnceAndItsVersionsStayWithinFive() {
    PolicyKind kind = new PolicyKind();
    Desired d = desired("SBPolicy", "iam.policy", map("policyName", "LostPolicy", "policyDocument", allow("ecs:*", "*")));
    LiveResource live = lost.roundTrip(kind, d);
    List<Policy> all = plain.iam().listPolicies(b -> b.scope(PolicyScopeType.LOCAL)).policies();
    assertThat(all).singleElement().satisfies(p -> assertThat(p.arn()).isEqualTo(live.id()));

    LiveResource now = live;
    for (int i = 1; i <= 6; i++) {
      now = lost.update(kind, now, desired("SBPolicy", "iam.policy", map("policyName", "LostPolicy",
          "policyDocument", allow("ecs:Describe" + i, "*"))));
      List<PolicyVersion> versions = plain.iam().listPolicyVersions(b -> b.policyArn(live.id())).versions();
      // the twin of each CreatePolicyVersion is gone: one slot per update, never more than IAM's five
      assertThat(versions).hasSize(Math.min(5, i + 1)).filteredOn(PolicyVersion::isDefaultVersion).hasSize(1);
    }
    kind.delete(lost.ctx, now);
    assertThat(plain.iam().listPolicies(b -> b.scope(PolicyScopeType.LOCAL)).policies()).isEmpty();
  }

  @Test
  void roleIsMadeOnceAndUpdatesAndDeletes() {
    RoleKind kind = new RoleKind();
    Map<String, Object> logs = map("policyName", "logs", "policyDocument", allow("logs:*", "*"));
    Desired d = desired("SBRole", "iam.role", map("roleName", "LostRole", "assumeRolePolicyDocument",
        trust("ecs-tasks.amazonaws.com"), "managedPolicyArns", List.of(IamSandboxLifecycleTest.S3_FULL),
        "policies", List.of(logs)));
    LiveResource live = lost.roundTrip(kind, d);
    assertThat(plain.iam().listRoles().roles()).singleElement().extracting(Role::arn).isEqualTo(live.id());

    Map<String, Object> s3 = map("policyName", "s3", "policyDocument", allow("s3:GetObject", "*"));
    LiveResource updated = lost.update(kind, live, desired("SBRole", "iam.role", map("roleName", "LostRole",
        "assumeRolePolicyDocument", trust("ec2.amazonaws.com"), "description", "changed",
        "managedPolicyArns", List.of(IamSandboxLifecycleTest.READ_ONLY), "policies", List.of(s3), "tags", Map.of("Env", "x"))));
    assertThat(updated.tags()).containsEntry("Env", "x");

    kind.delete(lost.ctx, updated);
    assertThat(plain.iam().listRoles().roles()).isEmpty();
  }

  @Test
  void instanceProfileIsMadeOnceWithItsRoleAndChangesRole() {
    RoleKind roles = new RoleKind();
    InstanceProfileKind kind = new InstanceProfileKind();
    roles.create(lost.ctx, desired("SBA", "iam.role", map("roleName", "RoleA", "assumeRolePolicyDocument", trust("ec2.amazonaws.com"))));
    roles.create(lost.ctx, desired("SBB", "iam.role", map("roleName", "RoleB", "assumeRolePolicyDocument", trust("ec2.amazonaws.com"))));

    Desired d = desired("SBProfile", "iam.instanceProfile", map("instanceProfileName", "LostProfile", "roles", List.of("RoleA")));
    LiveResource live = lost.roundTrip(kind, d);
    List<InstanceProfile> all = plain.iam().listInstanceProfiles().instanceProfiles();
    assertThat(all).singleElement().satisfies(p -> {
      assertThat(p.arn()).isEqualTo(live.id());
      assertThat(p.roles()).extracting(Role::roleName).containsExactly("RoleA");
    });

    LiveResource updated = lost.update(kind, live, desired("SBProfile", "iam.instanceProfile",
        map("instanceProfileName", "LostProfile", "roles", List.of("RoleB"))));
    assertThat(updated.properties().get("roles")).isEqualTo(List.of("RoleB"));

    kind.delete(lost.ctx, updated);
    assertThat(plain.iam().listInstanceProfiles().instanceProfiles()).isEmpty();
  }

  @Test
  void userIsMadeOnceWithExactlyOneAccessKeyTheProfileHolds() {
    UserKind kind = new UserKind(List.of(), Map.of(), home);
    Desired d = desired("SBUser", "iam.user", map("userName", "LostUser", "managedPolicyArns",
        List.of(IamSandboxLifecycleTest.S3_FULL), "accessKey", map("credentialsProfile", "lost")));
    LiveResource live = lost.roundTrip(kind, d);
    assertThat(plain.iam().listUsers().users()).singleElement().extracting(User::arn).isEqualTo(live.id());
    List<AccessKeyMetadata> keys = plain.iam().listAccessKeys(b -> b.userName("LostUser")).accessKeyMetadata();
    assertThat(keys).hasSize(1);
    assertThat(CredentialsFile.resolve(null, Map.of(), home).accessKeyIdOf("lost")).isEqualTo(keys.get(0).accessKeyId());
    // the issue finished: no pending mark left, so the user has its key
    assertThat(live.properties()).containsEntry("accessKey", Map.of());

    LiveResource updated = lost.update(kind, live, desired("SBUser", "iam.user", map("userName", "LostUser",
        "managedPolicyArns", List.of(IamSandboxLifecycleTest.READ_ONLY), "accessKey", map("credentialsProfile", "lost"),
        "path", "/teststack/moved/")));
    assertThat(plain.iam().listAccessKeys(b -> b.userName("LostUser")).accessKeyMetadata()).hasSize(1);

    kind.delete(lost.ctx, updated);
    assertThat(plain.iam().listUsers().users()).isEmpty();
  }

  @Test
  void aKeyWhoseEveryAnswerIsLostInTheLastFreeSlotLeavesNoUnsavedKeyBehind() {
    // ours (a crash after the create): adopted; it already has one key, so each CreateAccessKey's first call takes
    // the last slot and its resend is refused with LimitExceeded; at lost rate 1 no try can ever get a secret
    plain.iam().createUser(b -> b.userName("Full").path("/teststack/").tags(
        Tag.builder().key(Tags.SBID).value("SBFull").build(), Tag.builder().key(Tags.STACK).value(IamTestSupport.STACK).build()));
    String mine = plain.iam().createAccessKey(b -> b.userName("Full")).accessKey().accessKeyId();
    UserKind kind = new UserKind(List.of(), Map.of(), home);
    assertThatThrownBy(() -> kind.create(lost.ctx, desired("SBFull", "iam.user", map("userName", "Full",
        "accessKey", map("credentialsProfile", "full"))))).hasMessageContaining("already has");
    assertThat(plain.iam().listAccessKeys(b -> b.userName("Full")).accessKeyMetadata())
        .extracting(AccessKeyMetadata::accessKeyId).containsExactly(mine);
    assertThat(plain.iam().listUserTags(b -> b.userName("Full")).tags()).extracting(Tag::key)
        .doesNotContain(AccessKeyMarks.PENDING_TAG);
  }

  @Test
  void sameNamedEntitiesOfAnotherStackStillFailTheCreate() {
    List<Tag> foreign = List.of(Tag.builder().key(Tags.SBID).value("SBX").build(),
        Tag.builder().key(Tags.STACK).value("otherstack").build());
    String doc = PolicyDocuments.toJson(allow("ecs:*", "*"));
    plain.iam().createRole(b -> b.roleName("Taken").path("/teststack/").tags(foreign)
        .assumeRolePolicyDocument(PolicyDocuments.toJson(trust("ec2.amazonaws.com"))));
    plain.iam().createPolicy(b -> b.policyName("Taken").path("/teststack/").policyDocument(doc).tags(foreign));
    plain.iam().createInstanceProfile(b -> b.instanceProfileName("Taken").path("/teststack/").tags(foreign));
    plain.iam().createUser(b -> b.userName("Taken").path("/teststack/").tags(foreign));

    assertThatThrownBy(() -> new RoleKind().create(lost.ctx, desired("SBX", "iam.role",
        map("roleName", "Taken", "assumeRolePolicyDocument", trust("ec2.amazonaws.com")))))
        .hasMessageContaining("already exists");
    assertThatThrownBy(() -> new PolicyKind().create(lost.ctx, desired("SBX", "iam.policy",
        map("policyName", "Taken", "policyDocument", allow("ecs:*", "*"))))).hasMessageContaining("already exists");
    assertThatThrownBy(() -> new InstanceProfileKind().create(lost.ctx, desired("SBX", "iam.instanceProfile",
        map("instanceProfileName", "Taken")))).hasMessageContaining("already exists");
    assertThatThrownBy(() -> new UserKind(List.of(), Map.of(), home).create(lost.ctx, desired("SBX", "iam.user",
        map("userName", "Taken")))).hasMessageContaining("already exists");
    // nothing of ours was left behind, and the foreign ones are untouched
    assertThat(plain.iam().listRoles().roles()).singleElement().extracting(Role::roleName).isEqualTo("Taken");
    assertThat(plain.iam().listPolicies(b -> b.scope(PolicyScopeType.LOCAL)).policies()).hasSize(1);
    assertThat(plain.iam().listUsers().users()).hasSize(1);
  }
}
