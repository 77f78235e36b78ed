package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeIamSupport.encode;
import static io.sorterbot.sandbox.FakeIamSupport.instant;

import io.sorterbot.sandbox.IamState.InstanceProfileRec;
import io.sorterbot.sandbox.IamState.RoleRec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.model.*;

/** Roles: trust policy, managed attachments, inline policies, tags; and which instance profiles hold them. */
final class FakeIamRoles {
  private final FakeIamSupport s;
  private final FakeIamPrincipals p;

  FakeIamRoles(FakeIamSupport s, FakeIamPrincipals p) {
    this.s = s;
    this.p = p;
  }

  CreateRoleResponse createRole(CreateRoleRequest r) {
    String name = FakeIamSupport.name("roleName", r.roleName(), 64);
    String path = FakeIamSupport.path(r.path());
    String trust = FakeIamSupport.document("assumeRolePolicyDocument", r.assumeRolePolicyDocument());
    if (FakeIamSupport.byName(s.state().roles, name) != null) {
      throw FakeIamSupport.alreadyExists("Role with name " + name + " already exists.");
    }
    RoleRec rec = s.init(new RoleRec(), "AROA", "role", name, path, r.tags());
    rec.assumeRolePolicyDocument = trust;
    rec.description = description(r.description());
    if (r.maxSessionDuration() != null) rec.maxSessionDuration = sessionDuration(r.maxSessionDuration());
    s.state().roles.put(name, rec);
    return CreateRoleResponse.builder().role(toRole(rec, true)).build();
  }

  GetRoleResponse getRole(GetRoleRequest r) { return GetRoleResponse.builder().role(toRole(p.role(r.roleName()), true)).build(); }

  /** Tags are not returned by this list (as in AWS: ListRoleTags or GetRole give them). */
  ListRolesResponse listRoles(ListRolesRequest r) {
    List<Role> all = new ArrayList<>();
    for (RoleRec rec : s.state().roles.values()) {
      if (s.visible(rec) && FakeIamSupport.underPath(rec, r.pathPrefix())) all.add(toRole(rec, false));
    }
    FakeIamSupport.Page<Role> page = FakeIamSupport.page(all, r.maxItems(), r.marker());
    return ListRolesResponse.builder().roles(page.items()).isTruncated(page.truncated()).marker(page.marker()).build();
  }

  UpdateRoleResponse updateRole(UpdateRoleRequest r) {
    RoleRec rec = p.role(r.roleName());
    if (r.description() != null) rec.description = description(r.description());
    if (r.maxSessionDuration() != null) rec.maxSessionDuration = sessionDuration(r.maxSessionDuration());
    return UpdateRoleResponse.builder().build();
  }

  UpdateAssumeRolePolicyResponse updateAssumeRolePolicy(UpdateAssumeRolePolicyRequest r) {
    RoleRec rec = p.role(r.roleName());
    rec.assumeRolePolicyDocument = FakeIamSupport.document("policyDocument", r.policyDocument());
    return UpdateAssumeRolePolicyResponse.builder().build();
  }

  /** AWS refuses while the role is in a profile, has managed policies attached, or inline policies. */
  DeleteRoleResponse deleteRole(DeleteRoleRequest r) {
    RoleRec rec = p.role(r.roleName());
    boolean inProfile = s.state().instanceProfiles.values().stream().anyMatch(x -> x.roles.contains(rec.name));
    if (inProfile) throw FakeIamSupport.deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
    if (!rec.attachedPolicyArns.isEmpty()) throw FakeIamSupport.deleteConflict("Cannot delete entity, must detach all policies first.");
    if (!rec.inlinePolicies.isEmpty()) throw FakeIamSupport.deleteConflict("Cannot delete entity, must delete policies first.");
    s.state().roles.remove(rec.name);
    return DeleteRoleResponse.builder().build();
  }

  AttachRolePolicyResponse attachRolePolicy(AttachRolePolicyRequest r) {
    p.attach(p.role(r.roleName()), r.policyArn());
    return AttachRolePolicyResponse.builder().build();
  }

  DetachRolePolicyResponse detachRolePolicy(DetachRolePolicyRequest r) {
    p.detach(p.role(r.roleName()), r.policyArn());
    return DetachRolePolicyResponse.builder().build();
  }

  ListAttachedRolePoliciesResponse listAttachedRolePolicies(ListAttachedRolePoliciesRequest r) {
    FakeIamSupport.Page<AttachedPolicy> page = p.attached(p.role(r.roleName()), r.pathPrefix(), r.maxItems(), r.marker());
    return ListAttachedRolePoliciesResponse.builder().attachedPolicies(page.items()).isTruncated(page.truncated())
        .marker(page.marker()).build();
  }

  PutRolePolicyResponse putRolePolicy(PutRolePolicyRequest r) {
    p.putInline(p.role(r.roleName()), r.policyName(), r.policyDocument());
    return PutRolePolicyResponse.builder().build();
  }

  GetRolePolicyResponse getRolePolicy(GetRolePolicyRequest r) {
    RoleRec rec = p.role(r.roleName());
    return GetRolePolicyResponse.builder().roleName(rec.name).policyName(r.policyName())
        .policyDocument(encode(p.inline(rec, r.policyName(), "role"))).build();
  }

  DeleteRolePolicyResponse deleteRolePolicy(DeleteRolePolicyRequest r) {
    p.deleteInline(p.role(r.roleName()), r.policyName(), "role");
    return DeleteRolePolicyResponse.builder().build();
  }

  ListRolePoliciesResponse listRolePolicies(ListRolePoliciesRequest r) {
    FakeIamSupport.Page<String> page = p.inlineNames(p.role(r.roleName()), r.maxItems(), r.marker());
    return ListRolePoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated())
        .marker(page.marker()).build();
  }

  TagRoleResponse tagRole(TagRoleRequest r) {
    FakeIamSupport.tag(p.role(r.roleName()), r.tags());
    return TagRoleResponse.builder().build();
  }

  UntagRoleResponse untagRole(UntagRoleRequest r) {
    FakeIamSupport.untag(p.role(r.roleName()), r.tagKeys());
    return UntagRoleResponse.builder().build();
  }

  ListRoleTagsResponse listRoleTags(ListRoleTagsRequest r) {
    FakeIamSupport.Page<Tag> page = FakeIamSupport.page(FakeIamSupport.sdkTags(p.role(r.roleName()).tags),
        r.maxItems(), r.marker());
    return ListRoleTagsResponse.builder().tags(page.items()).isTruncated(page.truncated()).marker(page.marker()).build();
  }

  ListInstanceProfilesForRoleResponse listInstanceProfilesForRole(ListInstanceProfilesForRoleRequest r) {
    RoleRec rec = p.role(r.roleName());
    List<InstanceProfile> all = new ArrayList<>();
    for (InstanceProfileRec x : s.state().instanceProfiles.values()) {
      if (x.roles.contains(rec.name)) all.add(toProfile(x, false));
    }
    FakeIamSupport.Page<InstanceProfile> page = FakeIamSupport.page(all, r.maxItems(), r.marker());
    return ListInstanceProfilesForRoleResponse.builder().instanceProfiles(page.items()).isTruncated(page.truncated())
        .marker(page.marker()).build();
  }

  // ---------------------------------------------------------------------------------------------------

  Role toRole(RoleRec rec, boolean withTags) {
    Role.Builder b = Role.builder().roleName(rec.name).roleId(rec.id).arn(rec.arn).path(rec.path)
        .createDate(instant(rec.createdAt)).assumeRolePolicyDocument(encode(rec.assumeRolePolicyDocument))
        .description(rec.description).maxSessionDuration(rec.maxSessionDuration);
    if (withTags) b.tags(FakeIamSupport.sdkTags(rec.tags));
    return b.build();
  }

  InstanceProfile toProfile(InstanceProfileRec rec, boolean withTags) {
    List<Role> roles = new ArrayList<>();
    for (String name : rec.roles) {
      RoleRec role = s.state().roles.get(name);
      if (role != null) roles.add(toRole(role, false));
    }
    InstanceProfile.Builder b = InstanceProfile.builder().instanceProfileName(rec.name).instanceProfileId(rec.id)
        .arn(rec.arn).path(rec.path).createDate(instant(rec.createdAt)).roles(roles);
    if (withTags) b.tags(FakeIamSupport.sdkTags(rec.tags));
    return b.build();
  }

  private static String description(String d) {
    if (d != null && d.length() > 1000) throw FakeIamSupport.validation("description", d, "Member must have length less than or equal to 1000");
    return d;
  }

  private static int sessionDuration(int seconds) {
    if (seconds < 3600 || seconds > 43200) {
      throw FakeIamSupport.validation("maxSessionDuration", String.valueOf(seconds), "Member must have value between 3600 and 43200");
    }
    return seconds;
  }
}
