package io.sorterbot.kinds.iam;

import static io.sorterbot.kinds.iam.IamTestSupport.allow;
import static io.sorterbot.kinds.iam.IamTestSupport.ctx;
import static io.sorterbot.kinds.iam.IamTestSupport.desired;
import static io.sorterbot.kinds.iam.IamTestSupport.error;
import static io.sorterbot.kinds.iam.IamTestSupport.live;
import static io.sorterbot.kinds.iam.IamTestSupport.map;
import static io.sorterbot.kinds.iam.IamTestSupport.trust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Tags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.*;

/** The specific AWS failures the IAM kinds retry, tolerate or surface, forced with Mockito. */
class IamFailureTest {
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/teststack/R";
  private static final String POLICY_ARN = "arn:aws:iam::123456789012:policy/teststack/P";

  private final IamClient iam = IamTestSupport.mockIam();
  private final IamTestSupport.FakeTicker ticker = new IamTestSupport.FakeTicker();
  private final IamTestSupport.Notices notices = new IamTestSupport.Notices();
  private final KindContext ctx = ctx(iam, ticker, notices);

  private void roleReadable() {
    Role role = Role.builder().roleName("R").arn(ROLE_ARN).path("/teststack/").createDate(Instant.EPOCH)
        .assumeRolePolicyDocument("%7B%22Statement%22%3A%5B%5D%7D")
        .tags(Tag.builder().key(Tags.SBID).value("SBRole").build(), Tag.builder().key(Tags.STACK).value("teststack").build())
        .build();
    doReturn(GetRoleResponse.builder().role(role).build()).when(iam).getRole(any(GetRoleRequest.class));
    doReturn(ListAttachedRolePoliciesResponse.builder().attachedPolicies(AttachedPolicy.builder().policyArn(POLICY_ARN).build())
        .isTruncated(false).build()).when(iam).listAttachedRolePolicies(any(ListAttachedRolePoliciesRequest.class));
    doReturn(ListRolePoliciesResponse.builder().isTruncated(false).build()).when(iam).listRolePolicies(any(ListRolePoliciesRequest.class));
  }

  private void roleHasNothingAttached() {
    doReturn(ListInstanceProfilesForRoleResponse.builder().isTruncated(false).build())
        .when(iam).listInstanceProfilesForRole(any(ListInstanceProfilesForRoleRequest.class));
    doReturn(ListAttachedRolePoliciesResponse.builder().isTruncated(false).build())
        .when(iam).listAttachedRolePolicies(any(ListAttachedRolePoliciesRequest.class));
    doReturn(ListRolePoliciesResponse.builder().isTruncated(false).build()).when(iam).listRolePolicies(any(ListRolePoliciesRequest.class));
  }

  @Test
  void aNewRoleNotYetPropagatedIsRetriedThenAttached() {
    doReturn(CreateRoleResponse.builder().role(r -> r.roleName("R").arn(ROLE_ARN)).build()).when(iam).createRole(any(CreateRoleRequest.class));
    doThrow(error("NoSuchEntity", 404)).doThrow(error("NoSuchEntity", 404))
        .doReturn(AttachRolePolicyResponse.builder().build()).when(iam).attachRolePolicy(any(AttachRolePolicyRequest.class));
    roleReadable();

    LiveResource live = new RoleKind().create(ctx, desired("SBRole", "iam.role", map("roleName", "R",
        "assumeRolePolicyDocument", trust("ec2.amazonaws.com"), "managedPolicyArns", List.of(POLICY_ARN), "tags", Map.of("Name", "r"))));

    assertThat(live.id()).isEqualTo(ROLE_ARN);
    assertThat(live.stackTag()).isEqualTo("teststack");
    verify(iam, times(3)).attachRolePolicy(any(AttachRolePolicyRequest.class));
    assertThat(ticker.slept()).isPositive().isLessThan(Duration.ofMinutes(1));
    ArgumentCaptor<CreateRoleRequest> create = ArgumentCaptor.forClass(CreateRoleRequest.class);
    verify(iam).createRole(create.capture());
    assertThat(create.getValue().path()).isEqualTo("/teststack/");
    assertThat(create.getValue().tags()).contains(Tag.builder().key(Tags.SBID).value("SBRole").build(),
        Tag.builder().key(Tags.STACK).value("teststack").build(), Tag.builder().key("Name").value("r").build());
    assertThat(create.getValue().assumeRolePolicyDocument()).doesNotContain(" ", "\n")
        .isEqualTo(PolicyDocuments.toJson(trust("ec2.amazonaws.com")));
  }

  @Test
  void aRoleThatNeverAppearsFailsWithTheAwsErrorAfterAboutTwoMinutes() {
    doReturn(CreateInstanceProfileResponse.builder().build()).when(iam).createInstanceProfile(any(CreateInstanceProfileRequest.class));
    doThrow(error("NoSuchEntity", 404)).when(iam).addRoleToInstanceProfile(any(AddRoleToInstanceProfileRequest.class));
    assertThatThrownBy(() -> new InstanceProfileKind().create(ctx, desired("SBProfile", "iam.instanceProfile",
        map("instanceProfileName", "P", "roles", List.of("Missing")))))
        .isInstanceOf(IamException.class).satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("NoSuchEntity"));
    assertThat(ticker.slept()).isGreaterThan(Duration.ofSeconds(60)).isLessThanOrEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void otherErrorsAreNotRetriedNorSwallowed() {
    doThrow(error("MalformedPolicyDocument", 400)).when(iam).createPolicy(any(CreatePolicyRequest.class));
    assertThatThrownBy(() -> new PolicyKind().create(ctx, desired("SBPolicy", "iam.policy",
        map("policyName", "P", "policyDocument", "{broken"))))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("MalformedPolicyDocument"));
    ArgumentCaptor<CreatePolicyRequest> sent = ArgumentCaptor.forClass(CreatePolicyRequest.class);
    verify(iam).createPolicy(sent.capture());
    assertThat(sent.getValue().policyDocument()).isEqualTo("{broken");
    assertThat(ticker.slept()).isZero();
  }

  @Test
  void deleteConflictIsRetriedThenTheRoleGoes() {
    roleHasNothingAttached();
    var conflict = error("DeleteConflict", 409);
    // 8 conflicts: even with the shortest jittered backoffs the waits pass the 10 s after which progress is shown
    doThrow(conflict, conflict, conflict, conflict, conflict, conflict, conflict, conflict)
        .doReturn(DeleteRoleResponse.builder().build()).when(iam).deleteRole(any(DeleteRoleRequest.class));
    new RoleKind().delete(ctx, live("SBRole", "iam.role", ROLE_ARN, "R", Map.of()));
    verify(iam, times(9)).deleteRole(any(DeleteRoleRequest.class));
    // every retry redoes the prerequisites: something may have been attached meanwhile
    verify(iam, times(9)).listInstanceProfilesForRole(any(ListInstanceProfilesForRoleRequest.class));
    assertThat(notices.elapsed).isNotEmpty().allSatisfy(e -> assertThat(e).isGreaterThanOrEqualTo(Duration.ofSeconds(10)));
  }

  @Test
  void deleteConflictPastTheBudgetFailsWithTheAwsError() {
    roleHasNothingAttached();
    doThrow(error("DeleteConflict", 409)).when(iam).deleteRole(any(DeleteRoleRequest.class));
    assertThatThrownBy(() -> new RoleKind().delete(ctx, live("SBRole", "iam.role", ROLE_ARN, "R", Map.of())))
        .isInstanceOf(IamException.class).satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("DeleteConflict"));
    assertThat(ticker.slept()).isGreaterThan(Duration.ofMinutes(3)).isLessThanOrEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void noSuchEntityOnDeleteMeansAlreadyGone() {
    doThrow(error("NoSuchEntity", 404)).when(iam).listInstanceProfilesForRole(any(ListInstanceProfilesForRoleRequest.class));
    new RoleKind().delete(ctx, live("SBRole", "iam.role", ROLE_ARN, "R", Map.of()));
    doThrow(error("NoSuchEntity", 404)).when(iam).listEntitiesForPolicy(any(ListEntitiesForPolicyRequest.class));
    new PolicyKind().delete(ctx, live("SBPolicy", "iam.policy", POLICY_ARN, "P", Map.of()));
    verify(iam, never()).deleteRole(any(DeleteRoleRequest.class));
    assertThat(ticker.slept()).isZero();
  }

  @Test
  void aSixthVersionFirstDeletesTheOldestNonDefaultOne() {
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    doReturn(ListPolicyVersionsResponse.builder().isTruncated(false).versions(
        version("v6", t.plusSeconds(50), false), version("v5", t.plusSeconds(40), true), version("v4", t.plusSeconds(30), false),
        version("v3", t.plusSeconds(20), false), version("v2", t.plusSeconds(10), false)).build())
        .when(iam).listPolicyVersions(any(ListPolicyVersionsRequest.class));
    doReturn(DeletePolicyVersionResponse.builder().build()).when(iam).deletePolicyVersion(any(DeletePolicyVersionRequest.class));
    doReturn(CreatePolicyVersionResponse.builder().build()).when(iam).createPolicyVersion(any(CreatePolicyVersionRequest.class));
    doReturn(GetPolicyResponse.builder().policy(p -> p.arn(POLICY_ARN).policyName("P").defaultVersionId("v7").path("/teststack/"))
        .build()).when(iam).getPolicy(any(GetPolicyRequest.class));
    doReturn(ListPolicyTagsResponse.builder().isTruncated(false).tags(Tag.builder().key(Tags.SBID).value("SBPolicy").build()).build())
        .when(iam).listPolicyTags(any(ListPolicyTagsRequest.class));
    doReturn(GetPolicyVersionResponse.builder().policyVersion(v -> v.document(PolicyDocuments.toJson(allow("s3:*", "*")))).build())
        .when(iam).getPolicyVersion(any(GetPolicyVersionRequest.class));

    LiveResource before = live("SBPolicy", "iam.policy", POLICY_ARN, "P", Map.of("policyDocument", allow("ecr:*", "*")));
    new PolicyKind().update(ctx, before, desired("SBPolicy", "iam.policy", map("policyName", "P", "policyDocument", allow("s3:*", "*"))),
        List.of(new PropertyChange("policyDocument", null, null, false)));

    InOrder order = inOrder(iam);
    ArgumentCaptor<DeletePolicyVersionRequest> deleted = ArgumentCaptor.forClass(DeletePolicyVersionRequest.class);
    order.verify(iam).deletePolicyVersion(deleted.capture());
    ArgumentCaptor<CreatePolicyVersionRequest> created = ArgumentCaptor.forClass(CreatePolicyVersionRequest.class);
    order.verify(iam).createPolicyVersion(created.capture());
    assertThat(deleted.getValue().versionId()).isEqualTo("v2");
    assertThat(created.getValue().setAsDefault()).isTrue();
    assertThat(created.getValue().policyDocument()).isEqualTo(PolicyDocuments.toJson(allow("s3:*", "*")));
  }

  @Test
  void aKeyThatCannotBeWrittenIsDeletedAndItsSecretShownNowhere(@TempDir Path home) throws Exception {
    Files.writeString(home.resolve("not-a-dir"), "x");
    String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    doReturn(CreateUserResponse.builder().build()).when(iam).createUser(any(CreateUserRequest.class));
    doReturn(CreateAccessKeyResponse.builder().accessKey(k -> k.accessKeyId("AKIAEXAMPLE").secretAccessKey(secret)).build())
        .when(iam).createAccessKey(any(CreateAccessKeyRequest.class));
    doReturn(DeleteAccessKeyResponse.builder().build()).when(iam).deleteAccessKey(any(DeleteAccessKeyRequest.class));
    doReturn(ListUserTagsResponse.builder().isTruncated(false).build()).when(iam).listUserTags(any(ListUserTagsRequest.class));
    doReturn(ListAccessKeysResponse.builder().isTruncated(false).build()).when(iam).listAccessKeys(any(ListAccessKeysRequest.class));
    doReturn(TagUserResponse.builder().build()).when(iam).tagUser(any(TagUserRequest.class));
    doReturn(UntagUserResponse.builder().build()).when(iam).untagUser(any(UntagUserRequest.class));
    UserKind users = new UserKind(List.of(), Map.of(), home);

    assertThatThrownBy(() -> users.create(ctx, desired("SBUser", "iam.user", map("userName", "U",
        "accessKey", map("credentialsProfile", "p", "credentialsFile", home.resolve("not-a-dir/credentials").toString())))))
        .satisfies(e -> {
          for (Throwable c = e; c != null; c = c.getCause()) assertThat(String.valueOf(c.getMessage())).doesNotContain(secret);
        });
    ArgumentCaptor<DeleteAccessKeyRequest> deleted = ArgumentCaptor.forClass(DeleteAccessKeyRequest.class);
    verify(iam).deleteAccessKey(deleted.capture());
    assertThat(deleted.getValue().accessKeyId()).isEqualTo("AKIAEXAMPLE");
    assertThat(deleted.getValue().userName()).isEqualTo("U");
    // marked pending before the key was made, and the mark taken back with the key: nothing left to finish
    InOrder order = inOrder(iam);
    ArgumentCaptor<TagUserRequest> marked = ArgumentCaptor.forClass(TagUserRequest.class);
    order.verify(iam).tagUser(marked.capture());
    order.verify(iam).createAccessKey(any(CreateAccessKeyRequest.class));
    order.verify(iam).deleteAccessKey(any(DeleteAccessKeyRequest.class));
    ArgumentCaptor<UntagUserRequest> unmarked = ArgumentCaptor.forClass(UntagUserRequest.class);
    order.verify(iam).untagUser(unmarked.capture());
    assertThat(marked.getValue().tags()).extracting(Tag::key).containsExactly(AccessKeyMarks.PENDING_TAG);
    assertThat(unmarked.getValue().tagKeys()).containsExactly(AccessKeyMarks.PENDING_TAG);
  }

  @Test
  void aFullUserGetsAClearErrorAndKeepsItsKeys(@TempDir Path home) {
    doReturn(ListUserTagsResponse.builder().tags(Tag.builder().key(AccessKeyMarks.RECORDED_TAG).value("AKIAGONE").build())
        .isTruncated(false).build()).when(iam).listUserTags(any(ListUserTagsRequest.class));
    doReturn(ListAccessKeysResponse.builder().accessKeyMetadata(
        AccessKeyMetadata.builder().accessKeyId("AKIAHAND1").createDate(Instant.EPOCH).build(),
        AccessKeyMetadata.builder().accessKeyId("AKIAHAND2").createDate(Instant.EPOCH).build())
        .isTruncated(false).build()).when(iam).listAccessKeys(any(ListAccessKeysRequest.class));
    UserKind users = new UserKind(List.of(), Map.of(), home);
    LiveResource keyless = live("SBUser", "iam.user", "arn:aws:iam::123456789012:user/teststack/U", "U", Map.of());

    assertThatThrownBy(() -> users.update(ctx, keyless, desired("SBUser", "iam.user", map("userName", "U",
        "accessKey", map("credentialsProfile", "p"))), List.of(new PropertyChange("accessKey", null, Map.of(), false))))
        .hasMessageContaining("AKIAHAND1").hasMessageContaining("the most IAM allows")
        .hasMessageContaining("aws iam delete-access-key --user-name U");
    verify(iam, never()).createAccessKey(any(CreateAccessKeyRequest.class));
    verify(iam, never()).deleteAccessKey(any(DeleteAccessKeyRequest.class));
    verify(iam, never()).tagUser(any(TagUserRequest.class));
  }

  @Test
  void aLimitExceededFromIamIsExplainedAndTheMarkTakenBack(@TempDir Path home) {
    doReturn(CreateUserResponse.builder().build()).when(iam).createUser(any(CreateUserRequest.class));
    doReturn(ListUserTagsResponse.builder().isTruncated(false).build()).when(iam).listUserTags(any(ListUserTagsRequest.class));
    doReturn(ListAccessKeysResponse.builder().isTruncated(false).build()).when(iam).listAccessKeys(any(ListAccessKeysRequest.class));
    doReturn(TagUserResponse.builder().build()).when(iam).tagUser(any(TagUserRequest.class));
    doReturn(UntagUserResponse.builder().build()).when(iam).untagUser(any(UntagUserRequest.class));
    doThrow(error("LimitExceeded", 409)).when(iam).createAccessKey(any(CreateAccessKeyRequest.class));
    UserKind users = new UserKind(List.of(), Map.of(), home);

    assertThatThrownBy(() -> users.create(ctx, desired("SBUser", "iam.user", map("userName", "U",
        "accessKey", map("credentialsProfile", "p")))))
        .hasMessageContaining("the most IAM allows").hasMessageContaining("then apply again");
    verify(iam).untagUser(any(UntagUserRequest.class));
    assertThat(home.resolve(".aws/credentials")).doesNotExist();
  }

  private static PolicyVersion version(String id, Instant created, boolean isDefault) {
    return PolicyVersion.builder().versionId(id).createDate(created).isDefaultVersion(isDefault).build();
  }
}
