package io.sorterbot.sandbox;

import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.*;

/**
 * A stateful fake of {@link IamClient} over a {@link SandboxAccount} (IAM is global: its state lives in the
 * {@value SandboxAccount#GLOBAL} scope whatever the region): customer managed policies and their versions, a
 * few AWS managed policies, roles, instance profiles, users and access keys, with AWS's error codes
 * ({@code NoSuchEntity}, {@code EntityAlreadyExists}, {@code DeleteConflict}, {@code LimitExceeded},
 * {@code MalformedPolicyDocument}), URL-encoded documents, tags, paths and Marker pagination. Every call
 * goes through the {@link SandboxGate}. Methods not overridden keep the interface's default and throw
 * {@link UnsupportedOperationException}, so nothing passes by accident; the SDK's paginators work.
 */
public final class FakeIam implements IamClient {
  private final SandboxGate gate;
  private final FakeIamPolicies policies;
  private final FakeIamRoles roles;
  private final FakeIamProfiles profiles;
  private final FakeIamUsers users;

  public FakeIam(SandboxGate gate) {
    this.gate = gate;
    FakeIamSupport support = new FakeIamSupport(gate);
    FakeIamPrincipals principals = new FakeIamPrincipals(support);
    this.policies = new FakeIamPolicies(support, principals);
    this.roles = new FakeIamRoles(support, principals);
    this.profiles = new FakeIamProfiles(support, principals, roles);
    this.users = new FakeIamUsers(support, principals);
  }

  @Override public String serviceName() { return SERVICE_NAME; }

  @Override public void close() {}

  private <T> T mutate(String action, Supplier<T> op) { return gate.call(FakeIamSupport.ERRORS, action, true, op); }

  private <T> T read(String action, Supplier<T> op) { return gate.call(FakeIamSupport.ERRORS, action, false, op); }

  // ---- managed policies ----

  @Override public CreatePolicyResponse createPolicy(CreatePolicyRequest r) {
    return mutate("CreatePolicy", () -> policies.createPolicy(r));
  }

  @Override public GetPolicyResponse getPolicy(GetPolicyRequest r) {
    return read("GetPolicy", () -> policies.getPolicy(r));
  }

  @Override public ListPoliciesResponse listPolicies(ListPoliciesRequest r) {
    return read("ListPolicies", () -> policies.listPolicies(r));
  }
  @Override public ListPoliciesResponse listPolicies() { return listPolicies(ListPoliciesRequest.builder().build()); }

  @Override public GetPolicyVersionResponse getPolicyVersion(GetPolicyVersionRequest r) {
    return read("GetPolicyVersion", () -> policies.getPolicyVersion(r));
  }

  @Override public ListPolicyVersionsResponse listPolicyVersions(ListPolicyVersionsRequest r) {
    return read("ListPolicyVersions", () -> policies.listPolicyVersions(r));
  }

  @Override public CreatePolicyVersionResponse createPolicyVersion(CreatePolicyVersionRequest r) {
    return mutate("CreatePolicyVersion", () -> policies.createPolicyVersion(r));
  }

  @Override public DeletePolicyVersionResponse deletePolicyVersion(DeletePolicyVersionRequest r) {
    return mutate("DeletePolicyVersion", () -> policies.deletePolicyVersion(r));
  }

  @Override public SetDefaultPolicyVersionResponse setDefaultPolicyVersion(SetDefaultPolicyVersionRequest r) {
    return mutate("SetDefaultPolicyVersion", () -> policies.setDefaultPolicyVersion(r));
  }

  @Override public DeletePolicyResponse deletePolicy(DeletePolicyRequest r) {
    return mutate("DeletePolicy", () -> policies.deletePolicy(r));
  }

  @Override public ListEntitiesForPolicyResponse listEntitiesForPolicy(ListEntitiesForPolicyRequest r) {
    return read("ListEntitiesForPolicy", () -> policies.listEntitiesForPolicy(r));
  }

  @Override public TagPolicyResponse tagPolicy(TagPolicyRequest r) {
    return mutate("TagPolicy", () -> policies.tagPolicy(r));
  }

  @Override public UntagPolicyResponse untagPolicy(UntagPolicyRequest r) {
    return mutate("UntagPolicy", () -> policies.untagPolicy(r));
  }

  @Override public ListPolicyTagsResponse listPolicyTags(ListPolicyTagsRequest r) {
    return read("ListPolicyTags", () -> policies.listPolicyTags(r));
  }

  // ---- roles ----

  @Override public CreateRoleResponse createRole(CreateRoleRequest r) {
    return mutate("CreateRole", () -> roles.createRole(r));
  }

  @Override public GetRoleResponse getRole(GetRoleRequest r) { return read("GetRole", () -> roles.getRole(r)); }

  @Override public ListRolesResponse listRoles(ListRolesRequest r) {
    return read("ListRoles", () -> roles.listRoles(r));
  }
  @Override public ListRolesResponse listRoles() { return listRoles(ListRolesRequest.builder().build()); }

  @Override public UpdateRoleResponse updateRole(UpdateRoleRequest r) {
    return mutate("UpdateRole", () -> roles.updateRole(r));
  }

  @Override public UpdateAssumeRolePolicyResponse updateAssumeRolePolicy(UpdateAssumeRolePolicyRequest r) {
    return mutate("UpdateAssumeRolePolicy", () -> roles.updateAssumeRolePolicy(r));
  }

  @Override public DeleteRoleResponse deleteRole(DeleteRoleRequest r) {
    return mutate("DeleteRole", () -> roles.deleteRole(r));
  }

  @Override public AttachRolePolicyResponse attachRolePolicy(AttachRolePolicyRequest r) {
    return mutate("AttachRolePolicy", () -> roles.attachRolePolicy(r));
  }

  @Override public DetachRolePolicyResponse detachRolePolicy(DetachRolePolicyRequest r) {
    return mutate("DetachRolePolicy", () -> roles.detachRolePolicy(r));
  }

  @Override public ListAttachedRolePoliciesResponse listAttachedRolePolicies(ListAttachedRolePoliciesRequest r) {
    return read("ListAttachedRolePolicies", () -> roles.listAttachedRolePolicies(r));
  }

  @Override public PutRolePolicyResponse putRolePolicy(PutRolePolicyRequest r) {
    return mutate("PutRolePolicy", () -> roles.putRolePolicy(r));
  }

  @Override public GetRolePolicyResponse getRolePolicy(GetRolePolicyRequest r) {
    return read("GetRolePolicy", () -> roles.getRolePolicy(r));
  }

  @Override public DeleteRolePolicyResponse deleteRolePolicy(DeleteRolePolicyRequest r) {
    return mutate("DeleteRolePolicy", () -> roles.deleteRolePolicy(r));
  }

  @Override public ListRolePoliciesResponse listRolePolicies(ListRolePoliciesRequest r) {
    return read("ListRolePolicies", () -> roles.listRolePolicies(r));
  }

  @Override public TagRoleResponse tagRole(TagRoleRequest r) { return mutate("TagRole", () -> roles.tagRole(r)); }

  @Override public UntagRoleResponse untagRole(UntagRoleRequest r) {
    return mutate("UntagRole", () -> roles.untagRole(r));
  }

  @Override public ListRoleTagsResponse listRoleTags(ListRoleTagsRequest r) {
    return read("ListRoleTags", () -> roles.listRoleTags(r));
  }

  @Override public ListInstanceProfilesForRoleResponse listInstanceProfilesForRole(ListInstanceProfilesForRoleRequest r) {
    return read("ListInstanceProfilesForRole", () -> roles.listInstanceProfilesForRole(r));
  }

  // ---- instance profiles ----

  @Override public CreateInstanceProfileResponse createInstanceProfile(CreateInstanceProfileRequest r) {
    return mutate("CreateInstanceProfile", () -> profiles.createInstanceProfile(r));
  }

  @Override public GetInstanceProfileResponse getInstanceProfile(GetInstanceProfileRequest r) {
    return read("GetInstanceProfile", () -> profiles.getInstanceProfile(r));
  }

  @Override public ListInstanceProfilesResponse listInstanceProfiles(ListInstanceProfilesRequest r) {
    return read("ListInstanceProfiles", () -> profiles.listInstanceProfiles(r));
  }
  @Override public ListInstanceProfilesResponse listInstanceProfiles() {
    return listInstanceProfiles(ListInstanceProfilesRequest.builder().build());
  }

  @Override public AddRoleToInstanceProfileResponse addRoleToInstanceProfile(AddRoleToInstanceProfileRequest r) {
    return mutate("AddRoleToInstanceProfile", () -> profiles.addRoleToInstanceProfile(r));
  }

  @Override public RemoveRoleFromInstanceProfileResponse removeRoleFromInstanceProfile(RemoveRoleFromInstanceProfileRequest r) {
    return mutate("RemoveRoleFromInstanceProfile", () -> profiles.removeRoleFromInstanceProfile(r));
  }

  @Override public DeleteInstanceProfileResponse deleteInstanceProfile(DeleteInstanceProfileRequest r) {
    return mutate("DeleteInstanceProfile", () -> profiles.deleteInstanceProfile(r));
  }

  @Override public TagInstanceProfileResponse tagInstanceProfile(TagInstanceProfileRequest r) {
    return mutate("TagInstanceProfile", () -> profiles.tagInstanceProfile(r));
  }

  @Override public UntagInstanceProfileResponse untagInstanceProfile(UntagInstanceProfileRequest r) {
    return mutate("UntagInstanceProfile", () -> profiles.untagInstanceProfile(r));
  }

  @Override public ListInstanceProfileTagsResponse listInstanceProfileTags(ListInstanceProfileTagsRequest r) {
    return read("ListInstanceProfileTags", () -> profiles.listInstanceProfileTags(r));
  }

  // ---- users and access keys ----

  @Override public CreateUserResponse createUser(CreateUserRequest r) {
    return mutate("CreateUser", () -> users.createUser(r));
  }

  @Override public GetUserResponse getUser(GetUserRequest r) { return read("GetUser", () -> users.getUser(r)); }
  @Override public GetUserResponse getUser() { return getUser(GetUserRequest.builder().build()); }

  @Override public ListUsersResponse listUsers(ListUsersRequest r) {
    return read("ListUsers", () -> users.listUsers(r));
  }
  @Override public ListUsersResponse listUsers() { return listUsers(ListUsersRequest.builder().build()); }

  @Override public UpdateUserResponse updateUser(UpdateUserRequest r) {
    return mutate("UpdateUser", () -> users.updateUser(r));
  }

  @Override public DeleteUserResponse deleteUser(DeleteUserRequest r) {
    return mutate("DeleteUser", () -> users.deleteUser(r));
  }

  @Override public AttachUserPolicyResponse attachUserPolicy(AttachUserPolicyRequest r) {
    return mutate("AttachUserPolicy", () -> users.attachUserPolicy(r));
  }

  @Override public DetachUserPolicyResponse detachUserPolicy(DetachUserPolicyRequest r) {
    return mutate("DetachUserPolicy", () -> users.detachUserPolicy(r));
  }

  @Override public ListAttachedUserPoliciesResponse listAttachedUserPolicies(ListAttachedUserPoliciesRequest r) {
    return read("ListAttachedUserPolicies", () -> users.listAttachedUserPolicies(r));
  }

  @Override public PutUserPolicyResponse putUserPolicy(PutUserPolicyRequest r) {
    return mutate("PutUserPolicy", () -> users.putUserPolicy(r));
  }

  @Override public GetUserPolicyResponse getUserPolicy(GetUserPolicyRequest r) {
    return read("GetUserPolicy", () -> users.getUserPolicy(r));
  }

  @Override public DeleteUserPolicyResponse deleteUserPolicy(DeleteUserPolicyRequest r) {
    return mutate("DeleteUserPolicy", () -> users.deleteUserPolicy(r));
  }

  @Override public ListUserPoliciesResponse listUserPolicies(ListUserPoliciesRequest r) {
    return read("ListUserPolicies", () -> users.listUserPolicies(r));
  }

  @Override public CreateAccessKeyResponse createAccessKey(CreateAccessKeyRequest r) {
    return mutate("CreateAccessKey", () -> users.createAccessKey(r));
  }
  @Override public CreateAccessKeyResponse createAccessKey() {
    return createAccessKey(CreateAccessKeyRequest.builder().build());
  }

  @Override public ListAccessKeysResponse listAccessKeys(ListAccessKeysRequest r) {
    return read("ListAccessKeys", () -> users.listAccessKeys(r));
  }
  @Override public ListAccessKeysResponse listAccessKeys() {
    return listAccessKeys(ListAccessKeysRequest.builder().build());
  }

  @Override public DeleteAccessKeyResponse deleteAccessKey(DeleteAccessKeyRequest r) {
    return mutate("DeleteAccessKey", () -> users.deleteAccessKey(r));
  }

  @Override public CreateLoginProfileResponse createLoginProfile(CreateLoginProfileRequest r) {
    return mutate("CreateLoginProfile", () -> users.createLoginProfile(r));
  }

  @Override public GetLoginProfileResponse getLoginProfile(GetLoginProfileRequest r) {
    return read("GetLoginProfile", () -> users.getLoginProfile(r));
  }

  @Override public DeleteLoginProfileResponse deleteLoginProfile(DeleteLoginProfileRequest r) {
    return mutate("DeleteLoginProfile", () -> users.deleteLoginProfile(r));
  }

  @Override public TagUserResponse tagUser(TagUserRequest r) { return mutate("TagUser", () -> users.tagUser(r)); }

  @Override public UntagUserResponse untagUser(UntagUserRequest r) {
    return mutate("UntagUser", () -> users.untagUser(r));
  }

  @Override public ListUserTagsResponse listUserTags(ListUserTagsRequest r) {
    return read("ListUserTags", () -> users.listUserTags(r));
  }

}
