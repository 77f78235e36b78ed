package io.sorterbot.sandbox;

import io.sorterbot.sandbox.IamState.InstanceProfileRec;
import io.sorterbot.sandbox.IamState.RoleRec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.model.*;

/** Instance profiles: at most one role each, tags. */
final class FakeIamProfiles {
  private final FakeIamSupport s;
  private final FakeIamPrincipals p;
  private final FakeIamRoles roles;

  FakeIamProfiles(FakeIamSupport s, FakeIamPrincipals p, FakeIamRoles roles) {
    this.s = s;
    this.p = p;
    this.roles = roles;
  }

  CreateInstanceProfileResponse createInstanceProfile(CreateInstanceProfileRequest r) {
    String name = FakeIamSupport.name("instanceProfileName", r.instanceProfileName(), 128);
    String path = FakeIamSupport.path(r.path());
    if (FakeIamSupport.byName(s.state().instanceProfiles, name) != null) {
      throw FakeIamSupport.alreadyExists("Instance Profile " + name + " already exists.");
    }
    InstanceProfileRec rec = s.init(new InstanceProfileRec(), "AIPA", "instance-profile", name, path, r.tags());
    s.state().instanceProfiles.put(name, rec);
    return CreateInstanceProfileResponse.builder().instanceProfile(roles.toProfile(rec, true)).build();
  }

  GetInstanceProfileResponse getInstanceProfile(GetInstanceProfileRequest r) {
    return GetInstanceProfileResponse.builder().instanceProfile(roles.toProfile(p.profile(r.instanceProfileName()), true)).build();
  }

  /** Each profile with its roles; tags are not returned by this list. */
  ListInstanceProfilesResponse listInstanceProfiles(ListInstanceProfilesRequest r) {
    List<InstanceProfile> all = new ArrayList<>();
    for (InstanceProfileRec rec : s.state().instanceProfiles.values()) {
      if (s.visible(rec) && FakeIamSupport.underPath(rec, r.pathPrefix())) all.add(roles.toProfile(rec, false));
    }
    FakeIamSupport.Page<InstanceProfile> page = FakeIamSupport.page(all, r.maxItems(), r.marker());
    return ListInstanceProfilesResponse.builder().instanceProfiles(page.items()).isTruncated(page.truncated())
        .marker(page.marker()).build();
  }

  AddRoleToInstanceProfileResponse addRoleToInstanceProfile(AddRoleToInstanceProfileRequest r) {
    InstanceProfileRec rec = p.profile(r.instanceProfileName());
    RoleRec role = p.role(r.roleName());
    if (!rec.roles.isEmpty()) throw FakeIamSupport.limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
    rec.roles.add(role.name);
    return AddRoleToInstanceProfileResponse.builder().build();
  }

  RemoveRoleFromInstanceProfileResponse removeRoleFromInstanceProfile(RemoveRoleFromInstanceProfileRequest r) {
    InstanceProfileRec rec = p.profile(r.instanceProfileName());
    RoleRec role = p.role(r.roleName());
    if (!rec.roles.remove(role.name)) {
      throw FakeIamSupport.noSuchEntity("The role with name " + r.roleName() + " cannot be found.");
    }
    return RemoveRoleFromInstanceProfileResponse.builder().build();
  }

  DeleteInstanceProfileResponse deleteInstanceProfile(DeleteInstanceProfileRequest r) {
    InstanceProfileRec rec = p.profile(r.instanceProfileName());
    if (!rec.roles.isEmpty()) throw FakeIamSupport.deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
    s.state().instanceProfiles.remove(rec.name);
    return DeleteInstanceProfileResponse.builder().build();
  }

  TagInstanceProfileResponse tagInstanceProfile(TagInstanceProfileRequest r) {
    FakeIamSupport.tag(p.profile(r.instanceProfileName()), r.tags());
    return TagInstanceProfileResponse.builder().build();
  }

  UntagInstanceProfileResponse untagInstanceProfile(UntagInstanceProfileRequest r) {
    FakeIamSupport.untag(p.profile(r.instanceProfileName()), r.tagKeys());
    return UntagInstanceProfileResponse.builder().build();
  }

  ListInstanceProfileTagsResponse listInstanceProfileTags(ListInstanceProfileTagsRequest r) {
    FakeIamSupport.Page<Tag> page = FakeIamSupport.page(FakeIamSupport.sdkTags(p.profile(r.instanceProfileName()).tags),
        r.maxItems(), r.marker());
    return ListInstanceProfileTagsResponse.builder().tags(page.items()).isTruncated(page.truncated())
        .marker(page.marker()).build();
  }
}
