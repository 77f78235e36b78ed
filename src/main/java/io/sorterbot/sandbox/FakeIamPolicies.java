package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeIamSupport.encode;
import static io.sorterbot.sandbox.FakeIamSupport.instant;

import io.sorterbot.sandbox.IamState.PolicyRec;
import io.sorterbot.sandbox.IamState.RoleRec;
import io.sorterbot.sandbox.IamState.UserRec;
import io.sorterbot.sandbox.IamState.VersionRec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.model.*;

/** Customer managed policies, their versions (at most 5) and tags; AWS managed policies read-only. */
final class FakeIamPolicies {
  private static final int MAX_VERSIONS = 5;

  private final FakeIamSupport s;
  private final FakeIamPrincipals p;

  FakeIamPolicies(FakeIamSupport s, FakeIamPrincipals p) {
    this.s = s;
    this.p = p;
  }

  CreatePolicyResponse createPolicy(CreatePolicyRequest r) {
    String name = FakeIamSupport.name("policyName", r.policyName(), 128);
    String path = FakeIamSupport.path(r.path());
    String doc = FakeIamSupport.document("policyDocument", r.policyDocument());
    boolean taken = s.state().policies.values().stream().anyMatch(x -> x.name.equalsIgnoreCase(name));
    if (taken) throw FakeIamSupport.alreadyExists("A policy called " + name + " already exists. Duplicate names are not allowed.");
    PolicyRec rec = s.init(new PolicyRec(), "ANPA", "policy", name, path, r.tags());
    rec.description = r.description();
    rec.updatedAt = rec.createdAt;
    addVersion(rec, doc, true);
    s.state().policies.put(rec.arn, rec);
    return CreatePolicyResponse.builder().policy(toPolicy(rec, true)).build();
  }

  GetPolicyResponse getPolicy(GetPolicyRequest r) {
    FakeIamManaged.Managed m = FakeIamManaged.find(r.policyArn());
    if (m != null) return GetPolicyResponse.builder().policy(toManaged(m)).build();
    return GetPolicyResponse.builder().policy(toPolicy(p.customerPolicy(r.policyArn()), true)).build();
  }

  /** Scope All (default), Local or AWS; PathPrefix; OnlyAttached. Tags are not returned by this list. */
  ListPoliciesResponse listPolicies(ListPoliciesRequest r) {
    PolicyScopeType scope = r.scope() == null ? PolicyScopeType.ALL : r.scope();
    String prefix = r.pathPrefix();
    List<Policy> all = new ArrayList<>();
    if (scope != PolicyScopeType.LOCAL) {
      for (FakeIamManaged.Managed m : FakeIamManaged.ALL) {
        if (prefix == null || m.path().startsWith(prefix)) all.add(toManaged(m));
      }
    }
    if (scope != PolicyScopeType.AWS) {
      for (PolicyRec rec : s.state().policies.values()) {
        if (s.visible(rec) && FakeIamSupport.underPath(rec, prefix)) all.add(toPolicy(rec, false));
      }
    }
    if (Boolean.TRUE.equals(r.onlyAttached())) all.removeIf(x -> x.attachmentCount() == 0);
    FakeIamSupport.Page<Policy> page = FakeIamSupport.page(all, r.maxItems(), r.marker());
    return ListPoliciesResponse.builder().policies(page.items()).isTruncated(page.truncated()).marker(page.marker()).build();
  }

  GetPolicyVersionResponse getPolicyVersion(GetPolicyVersionRequest r) {
    FakeIamManaged.Managed m = FakeIamManaged.find(r.policyArn());
    if (m != null) {
      if (!"v1".equals(r.versionId())) throw FakeIamSupport.noSuchEntity("Policy version " + r.versionId() + " does not exist.");
      return GetPolicyVersionResponse.builder().policyVersion(v -> v.versionId("v1").isDefaultVersion(true)
          .document(encode(m.document())).createDate(instant(FakeIamManaged.createdAt()))).build();
    }
    PolicyRec rec = p.customerPolicy(r.policyArn());
    return GetPolicyVersionResponse.builder().policyVersion(toVersion(rec, version(rec, r.versionId()), true)).build();
  }

  /** Newest first, without documents (as AWS lists them). */
  ListPolicyVersionsResponse listPolicyVersions(ListPolicyVersionsRequest r) {
    PolicyRec rec = p.customerPolicy(r.policyArn());
    List<PolicyVersion> all = new ArrayList<>();
    for (int i = rec.versions.size() - 1; i >= 0; i--) all.add(toVersion(rec, rec.versions.get(i), false));
    FakeIamSupport.Page<PolicyVersion> page = FakeIamSupport.page(all, r.maxItems(), r.marker());
    return ListPolicyVersionsResponse.builder().versions(page.items()).isTruncated(page.truncated())
        .marker(page.marker()).build();
  }

  CreatePolicyVersionResponse createPolicyVersion(CreatePolicyVersionRequest r) {
    PolicyRec rec = p.customerPolicy(r.policyArn());
    String doc = FakeIamSupport.document("policyDocument", r.policyDocument());
    if (rec.versions.size() >= MAX_VERSIONS) {
      throw FakeIamSupport.limitExceeded("A managed policy can have up to " + MAX_VERSIONS
          + " versions. Before you create a new version, you must delete an existing version.");
    }
    VersionRec v = addVersion(rec, doc, Boolean.TRUE.equals(r.setAsDefault()));
    return CreatePolicyVersionResponse.builder().policyVersion(toVersion(rec, v, false)).build();
  }

  DeletePolicyVersionResponse deletePolicyVersion(DeletePolicyVersionRequest r) {
    PolicyRec rec = p.customerPolicy(r.policyArn());
    VersionRec v = version(rec, r.versionId());
    if (v.versionId.equals(rec.defaultVersionId)) {
      throw FakeIamSupport.deleteConflict("Cannot delete the default version of a policy.");
    }
    rec.versions.remove(v);
    return DeletePolicyVersionResponse.builder().build();
  }

  SetDefaultPolicyVersionResponse setDefaultPolicyVersion(SetDefaultPolicyVersionRequest r) {
    PolicyRec rec = p.customerPolicy(r.policyArn());
    rec.defaultVersionId = version(rec, r.versionId()).versionId;
    rec.updatedAt = s.now();
    return SetDefaultPolicyVersionResponse.builder().build();
  }

  DeletePolicyResponse deletePolicy(DeletePolicyRequest r) {
    PolicyRec rec = p.customerPolicy(r.policyArn());
    if (p.attachments(rec.arn) > 0) throw FakeIamSupport.deleteConflict("Cannot delete a policy attached to entities.");
    if (rec.versions.size() > 1) {
      throw FakeIamSupport.deleteConflict("This policy has more than one version. Before you delete a policy, you must "
          + "delete the policy's versions. The default version is deleted with the policy.");
    }
    s.state().policies.remove(rec.arn);
    return DeletePolicyResponse.builder().build();
  }

  /** Roles and users the policy is attached to (groups are not simulated: always empty). */
  ListEntitiesForPolicyResponse listEntitiesForPolicy(ListEntitiesForPolicyRequest r) {
    p.attachableName(r.policyArn());
    EntityType filter = r.entityFilter();
    List<Object> all = new ArrayList<>();
    if (filter == null || filter == EntityType.ROLE) {
      for (RoleRec x : s.state().roles.values()) {
        if (x.attachedPolicyArns.contains(r.policyArn()) && FakeIamSupport.underPath(x, r.pathPrefix())) {
          all.add(PolicyRole.builder().roleName(x.name).roleId(x.id).build());
        }
      }
    }
    if (filter == null || filter == EntityType.USER) {
      for (UserRec x : s.state().users.values()) {
        if (x.attachedPolicyArns.contains(r.policyArn()) && FakeIamSupport.underPath(x, r.pathPrefix())) {
          all.add(PolicyUser.builder().userName(x.name).userId(x.id).build());
        }
      }
    }
    FakeIamSupport.Page<Object> page = FakeIamSupport.page(all, r.maxItems(), r.marker());
    return ListEntitiesForPolicyResponse.builder()
        .policyRoles(page.items().stream().filter(PolicyRole.class::isInstance).map(PolicyRole.class::cast).toList())
        .policyUsers(page.items().stream().filter(PolicyUser.class::isInstance).map(PolicyUser.class::cast).toList())
        .policyGroups(List.of()).isTruncated(page.truncated()).marker(page.marker()).build();
  }

  TagPolicyResponse tagPolicy(TagPolicyRequest r) {
    FakeIamSupport.tag(p.customerPolicy(r.policyArn()), r.tags());
    return TagPolicyResponse.builder().build();
  }

  UntagPolicyResponse untagPolicy(UntagPolicyRequest r) {
    FakeIamSupport.untag(p.customerPolicy(r.policyArn()), r.tagKeys());
    return UntagPolicyResponse.builder().build();
  }

  ListPolicyTagsResponse listPolicyTags(ListPolicyTagsRequest r) {
    PolicyRec rec = p.customerPolicy(r.policyArn());
    FakeIamSupport.Page<Tag> page = FakeIamSupport.page(FakeIamSupport.sdkTags(rec.tags), r.maxItems(), r.marker());
    return ListPolicyTagsResponse.builder().tags(page.items()).isTruncated(page.truncated()).marker(page.marker()).build();
  }

  // ---------------------------------------------------------------------------------------------------

  private VersionRec addVersion(PolicyRec rec, String doc, boolean asDefault) {
    VersionRec v = new VersionRec();
    v.versionId = "v" + rec.nextVersion++;
    v.document = doc;
    v.createdAt = s.now();
    rec.versions.add(v);
    if (asDefault || rec.defaultVersionId == null) {
      rec.defaultVersionId = v.versionId;
      rec.updatedAt = v.createdAt;
    }
    return v;
  }

  private static VersionRec version(PolicyRec rec, String versionId) {
    return rec.versions.stream().filter(v -> v.versionId.equals(versionId)).findFirst()
        .orElseThrow(() -> FakeIamSupport.noSuchEntity("Policy " + rec.arn + " version " + versionId + " does not exist or is not attachable."));
  }

  private static PolicyVersion toVersion(PolicyRec rec, VersionRec v, boolean withDocument) {
    return PolicyVersion.builder().versionId(v.versionId).isDefaultVersion(v.versionId.equals(rec.defaultVersionId))
        .document(withDocument ? encode(v.document) : null).createDate(instant(v.createdAt)).build();
  }

  private Policy toPolicy(PolicyRec rec, boolean withTags) {
    Policy.Builder b = Policy.builder().policyName(rec.name).policyId(rec.id).arn(rec.arn).path(rec.path)
        .defaultVersionId(rec.defaultVersionId).attachmentCount(p.attachments(rec.arn)).permissionsBoundaryUsageCount(0)
        .isAttachable(true).description(rec.description).createDate(instant(rec.createdAt))
        .updateDate(instant(rec.updatedAt));
    if (withTags) b.tags(FakeIamSupport.sdkTags(rec.tags));
    return b.build();
  }

  private Policy toManaged(FakeIamManaged.Managed m) {
    return Policy.builder().policyName(m.name()).policyId(m.id()).arn(m.arn()).path(m.path()).defaultVersionId("v1")
        .attachmentCount(p.attachments(m.arn())).permissionsBoundaryUsageCount(0).isAttachable(true)
        .createDate(instant(FakeIamManaged.createdAt())).updateDate(instant(FakeIamManaged.createdAt())).build();
  }
}
