package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeIamSupport.encode;
import static io.sorterbot.sandbox.FakeIamSupport.instant;

import io.sorterbot.sandbox.IamState.AccessKeyRec;
import io.sorterbot.sandbox.IamState.UserRec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.model.*;

/** Users: managed attachments, inline policies, access keys (at most 2, secret shown once), tags. */
final class FakeIamUsers {
  private static final int MAX_KEYS = 2;

  private final FakeIamSupport s;
  private final FakeIamPrincipals p;

  FakeIamUsers(FakeIamSupport s, FakeIamPrincipals p) {
    this.s = s;
    this.p = p;
  }

  CreateUserResponse createUser(CreateUserRequest r) {
    String name = FakeIamSupport.name("userName", r.userName(), 64);
    String path = FakeIamSupport.path(r.path());
    if (FakeIamSupport.byName(s.state().users, name) != null) {
      throw FakeIamSupport.alreadyExists("User with name " + name + " already exists.");
    }
    UserRec rec = s.init(new UserRec(), "AIDA", "user", name, path, r.tags());
    s.state().users.put(name, rec);
    return CreateUserResponse.builder().user(toUser(rec, true)).build();
  }

  GetUserResponse getUser(GetUserRequest r) {
    if (r.userName() == null) throw FakeIamSupport.validation("userName", "null", "the sandbox has no caller user");
    return GetUserResponse.builder().user(toUser(p.user(r.userName()), true)).build();
  }

  ListUsersResponse listUsers(ListUsersRequest r) {
    List<User> all = new ArrayList<>();
    for (UserRec rec : s.state().users.values()) {
      if (s.visible(rec) && FakeIamSupport.underPath(rec, r.pathPrefix())) all.add(toUser(rec, false));
    }
    FakeIamSupport.Page<User> page = FakeIamSupport.page(all, r.maxItems(), r.marker());
    return ListUsersResponse.builder().users(page.items()).isTruncated(page.truncated()).marker(page.marker()).build();
  }

  /** A new path changes the ARN (renaming is not simulated). */
  UpdateUserResponse updateUser(UpdateUserRequest r) {
    UserRec rec = p.user(r.userName());
    if (r.newUserName() != null && !r.newUserName().equals(rec.name)) {
      throw new UnsupportedOperationException("the sandbox does not simulate renaming IAM users");
    }
    if (r.newPath() != null) {
      rec.path = FakeIamSupport.path(r.newPath());
      rec.arn = s.arn("user", rec.path, rec.name);
    }
    return UpdateUserResponse.builder().build();
  }

  DeleteUserResponse deleteUser(DeleteUserRequest r) {
    UserRec rec = p.user(r.userName());
    if (!rec.accessKeys.isEmpty()) throw FakeIamSupport.deleteConflict("Cannot delete entity, must delete access keys first.");
    if (rec.loginProfile) throw FakeIamSupport.deleteConflict("Cannot delete entity, must delete login profile first.");
    if (!rec.attachedPolicyArns.isEmpty()) throw FakeIamSupport.deleteConflict("Cannot delete entity, must detach all policies first.");
    if (!rec.inlinePolicies.isEmpty()) throw FakeIamSupport.deleteConflict("Cannot delete entity, must delete policies first.");
    s.state().users.remove(rec.name);
    return DeleteUserResponse.builder().build();
  }

  AttachUserPolicyResponse attachUserPolicy(AttachUserPolicyRequest r) {
    p.attach(p.user(r.userName()), r.policyArn());
    return AttachUserPolicyResponse.builder().build();
  }

  DetachUserPolicyResponse detachUserPolicy(DetachUserPolicyRequest r) {
    p.detach(p.user(r.userName()), r.policyArn());
    return DetachUserPolicyResponse.builder().build();
  }

  ListAttachedUserPoliciesResponse listAttachedUserPolicies(ListAttachedUserPoliciesRequest r) {
    FakeIamSupport.Page<AttachedPolicy> page = p.attached(p.user(r.userName()), r.pathPrefix(), r.maxItems(), r.marker());
    return ListAttachedUserPoliciesResponse.builder().attachedPolicies(page.items()).isTruncated(page.truncated())
        .marker(page.marker()).build();
  }

  PutUserPolicyResponse putUserPolicy(PutUserPolicyRequest r) {
    p.putInline(p.user(r.userName()), r.policyName(), r.policyDocument());
    return PutUserPolicyResponse.builder().build();
  }

  GetUserPolicyResponse getUserPolicy(GetUserPolicyRequest r) {
    UserRec rec = p.user(r.userName());
    return GetUserPolicyResponse.builder().userName(rec.name).policyName(r.policyName())
        .policyDocument(encode(p.inline(rec, r.policyName(), "user"))).build();
  }

  DeleteUserPolicyResponse deleteUserPolicy(DeleteUserPolicyRequest r) {
    p.deleteInline(p.user(r.userName()), r.policyName(), "user");
    return DeleteUserPolicyResponse.builder().build();
  }

  ListUserPoliciesResponse listUserPolicies(ListUserPoliciesRequest r) {
    FakeIamSupport.Page<String> page = p.inlineNames(p.user(r.userName()), r.maxItems(), r.marker());
    return ListUserPoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated())
        .marker(page.marker()).build();
  }

  /** The secret is in this answer only: the sandbox does not keep it. */
  CreateAccessKeyResponse createAccessKey(CreateAccessKeyRequest r) {
    if (r.userName() == null) throw FakeIamSupport.validation("userName", "null", "the sandbox has no caller user");
    UserRec rec = p.user(r.userName());
    if (rec.accessKeys.size() >= MAX_KEYS) throw FakeIamSupport.limitExceeded("Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS);
    AccessKeyRec key = new AccessKeyRec();
    key.id = s.newId("AKIA", 16);
    key.createdAt = s.now();
    rec.accessKeys.put(key.id, key);
    return CreateAccessKeyResponse.builder().accessKey(k -> k.userName(rec.name).accessKeyId(key.id)
        .status(StatusType.ACTIVE).secretAccessKey(s.newSecret()).createDate(instant(key.createdAt))).build();
  }

  ListAccessKeysResponse listAccessKeys(ListAccessKeysRequest r) {
    if (r.userName() == null) throw FakeIamSupport.validation("userName", "null", "the sandbox has no caller user");
    UserRec rec = p.user(r.userName());
    List<AccessKeyMetadata> all = new ArrayList<>();
    for (AccessKeyRec k : rec.accessKeys.values()) {
      all.add(AccessKeyMetadata.builder().userName(rec.name).accessKeyId(k.id).status(k.status)
          .createDate(instant(k.createdAt)).build());
    }
    FakeIamSupport.Page<AccessKeyMetadata> page = FakeIamSupport.page(all, r.maxItems(), r.marker());
    return ListAccessKeysResponse.builder().accessKeyMetadata(page.items()).isTruncated(page.truncated())
        .marker(page.marker()).build();
  }

  DeleteAccessKeyResponse deleteAccessKey(DeleteAccessKeyRequest r) {
    if (r.userName() == null) throw FakeIamSupport.validation("userName", "null", "the sandbox has no caller user");
    UserRec rec = p.user(r.userName());
    if (rec.accessKeys.remove(r.accessKeyId()) == null) {
      throw FakeIamSupport.noSuchEntity("The Access Key with id " + r.accessKeyId() + " cannot be found.");
    }
    return DeleteAccessKeyResponse.builder().build();
  }

  /** The password is not kept: only that the user has one (it blocks DeleteUser). */
  CreateLoginProfileResponse createLoginProfile(CreateLoginProfileRequest r) {
    UserRec rec = p.user(r.userName());
    if (r.password() == null || r.password().isEmpty()) throw FakeIamSupport.validation("password", "", "Member must not be empty");
    if (rec.loginProfile) throw FakeIamSupport.alreadyExists("Login Profile for user " + rec.name + " already exists.");
    rec.loginProfile = true;
    return CreateLoginProfileResponse.builder().loginProfile(l -> l.userName(rec.name).createDate(instant(s.now()))
        .passwordResetRequired(Boolean.TRUE.equals(r.passwordResetRequired()))).build();
  }

  GetLoginProfileResponse getLoginProfile(GetLoginProfileRequest r) {
    UserRec rec = p.user(r.userName());
    if (!rec.loginProfile) throw noLoginProfile(rec);
    return GetLoginProfileResponse.builder().loginProfile(l -> l.userName(rec.name).createDate(instant(rec.createdAt))
        .passwordResetRequired(false)).build();
  }

  DeleteLoginProfileResponse deleteLoginProfile(DeleteLoginProfileRequest r) {
    UserRec rec = p.user(r.userName());
    if (!rec.loginProfile) throw noLoginProfile(rec);
    rec.loginProfile = false;
    return DeleteLoginProfileResponse.builder().build();
  }

  TagUserResponse tagUser(TagUserRequest r) {
    FakeIamSupport.tag(p.user(r.userName()), r.tags());
    return TagUserResponse.builder().build();
  }

  UntagUserResponse untagUser(UntagUserRequest r) {
    FakeIamSupport.untag(p.user(r.userName()), r.tagKeys());
    return UntagUserResponse.builder().build();
  }

  ListUserTagsResponse listUserTags(ListUserTagsRequest r) {
    FakeIamSupport.Page<Tag> page = FakeIamSupport.page(FakeIamSupport.sdkTags(p.user(r.userName()).tags),
        r.maxItems(), r.marker());
    return ListUserTagsResponse.builder().tags(page.items()).isTruncated(page.truncated()).marker(page.marker()).build();
  }

  // ---------------------------------------------------------------------------------------------------

  private static RuntimeException noLoginProfile(UserRec rec) {
    return FakeIamSupport.noSuchEntity("Login Profile for User " + rec.name + " cannot be found.");
  }

  private static User toUser(UserRec rec, boolean withTags) {
    User.Builder b = User.builder().userName(rec.name).userId(rec.id).arn(rec.arn).path(rec.path)
        .createDate(instant(rec.createdAt));
    if (withTags) b.tags(FakeIamSupport.sdkTags(rec.tags));
    return b.build();
  }
}
