package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeIamSupport.byName;
import static io.sorterbot.sandbox.FakeIamSupport.noSuchEntity;

import io.sorterbot.sandbox.IamState.InstanceProfileRec;
import io.sorterbot.sandbox.IamState.PolicyRec;
import io.sorterbot.sandbox.IamState.Principal;
import io.sorterbot.sandbox.IamState.RoleRec;
import io.sorterbot.sandbox.IamState.UserRec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;

/**
 * Lookups by name or ARN (with AWS's NoSuchEntity messages and the consistency lag), and what roles and users
 * share: managed policy attachments and inline policies.
 */
final class FakeIamPrincipals {
  private static final int MAX_MANAGED_PER_PRINCIPAL = 20;

  private final FakeIamSupport s;

  FakeIamPrincipals(FakeIamSupport s) { this.s = s; }

  RoleRec role(String name) {
    RoleRec r = byName(s.state().roles, FakeIamSupport.name("roleName", name, 64));
    if (r == null || !s.visible(r)) throw noSuchEntity("The role with name " + name + " cannot be found.");
    return r;
  }

  UserRec user(String name) {
    UserRec u = byName(s.state().users, FakeIamSupport.name("userName", name, 64));
    if (u == null || !s.visible(u)) throw noSuchEntity("The user with name " + name + " cannot be found.");
    return u;
  }

  InstanceProfileRec profile(String name) {
    InstanceProfileRec p = byName(s.state().instanceProfiles, FakeIamSupport.name("instanceProfileName", name, 128));
    if (p == null || !s.visible(p)) throw noSuchEntity("Instance Profile " + name + " cannot be found.");
    return p;
  }

  /** A customer managed policy of this account. */
  PolicyRec customerPolicy(String arn) {
    PolicyRec p = arn == null ? null : s.state().policies.get(arn);
    if (p == null || !s.visible(p)) throw noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
    return p;
  }

  /** The name of an attachable policy (customer or AWS managed), or NoSuchEntity. */
  String attachableName(String arn) {
    if (arn == null) throw FakeIamSupport.validation("policyArn", "null", "Member must not be null");
    if (FakeIamManaged.isAwsManaged(arn)) {
      FakeIamManaged.Managed m = FakeIamManaged.find(arn);
      if (m == null) throw noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
      return m.name();
    }
    if (!arn.startsWith("arn:aws:iam::")) throw FakeIamSupport.invalidInput("ARN " + arn + " is not valid.");
    return customerPolicy(arn).name;
  }

  // ---- managed attachments ----------------------------------------------------------------------------

  /** Attaching twice is not an error in AWS. */
  void attach(Principal p, String arn) {
    attachableName(arn);
    if (p.attachedPolicyArns.contains(arn)) return;
    if (p.attachedPolicyArns.size() >= MAX_MANAGED_PER_PRINCIPAL) {
      String quota = p instanceof RoleRec ? "PoliciesPerRole" : "PoliciesPerUser";
      throw FakeIamSupport.limitExceeded("Cannot exceed quota for " + quota + ": " + MAX_MANAGED_PER_PRINCIPAL);
    }
    p.attachedPolicyArns.add(arn);
  }

  void detach(Principal p, String arn) {
    if (!p.attachedPolicyArns.remove(arn)) throw noSuchEntity("Policy " + arn + " was not found.");
  }

  FakeIamSupport.Page<AttachedPolicy> attached(Principal p, String pathPrefix, Integer maxItems, String marker) {
    List<AttachedPolicy> all = new ArrayList<>();
    for (String arn : p.attachedPolicyArns) {
      String path = policyPath(arn);
      if (pathPrefix != null && !pathPrefix.isEmpty() && (path == null || !path.startsWith(pathPrefix))) continue;
      all.add(AttachedPolicy.builder().policyArn(arn).policyName(nameOf(arn)).build());
    }
    return FakeIamSupport.page(all, maxItems, marker);
  }

  /** How many roles and users a policy is attached to. */
  int attachments(String arn) {
    int n = 0;
    for (RoleRec r : s.state().roles.values()) if (r.attachedPolicyArns.contains(arn)) n++;
    for (UserRec u : s.state().users.values()) if (u.attachedPolicyArns.contains(arn)) n++;
    return n;
  }

  private String nameOf(String arn) {
    FakeIamManaged.Managed m = FakeIamManaged.find(arn);
    if (m != null) return m.name();
    PolicyRec p = s.state().policies.get(arn);
    return p != null ? p.name : arn.substring(arn.lastIndexOf('/') + 1);
  }

  private String policyPath(String arn) {
    FakeIamManaged.Managed m = FakeIamManaged.find(arn);
    if (m != null) return m.path();
    PolicyRec p = s.state().policies.get(arn);
    return p == null ? null : p.path;
  }

  // ---- inline policies --------------------------------------------------------------------------------

  void putInline(Principal p, String policyName, String document) {
    FakeIamSupport.name("policyName", policyName, 128);
    p.inlinePolicies.put(policyName, FakeIamSupport.document("policyDocument", document));
  }

  String inline(Principal p, String policyName, String owner) {
    String doc = p.inlinePolicies.get(policyName);
    if (doc == null) throw noSuchEntity("The " + owner + " policy with name " + policyName + " cannot be found.");
    return doc;
  }

  void deleteInline(Principal p, String policyName, String owner) {
    if (p.inlinePolicies.remove(policyName) == null) {
      throw noSuchEntity("The " + owner + " policy with name " + policyName + " cannot be found.");
    }
  }

  FakeIamSupport.Page<String> inlineNames(Principal p, Integer maxItems, String marker) {
    return FakeIamSupport.page(new ArrayList<>(p.inlinePolicies.keySet()), maxItems, marker);
  }
}
