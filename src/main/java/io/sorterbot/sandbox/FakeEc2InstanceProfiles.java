package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.Ec2Support.invalidParameter;

import io.sorterbot.sandbox.Ec2InstanceState.IamAssociationRec;
import io.sorterbot.sandbox.Ec2InstanceState.InstanceRec;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfile;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;

/**
 * IAM instance profiles as EC2 sees them: looked up in the sandbox's IAM state ({@link IamState}, read inside
 * EC2's own operation), and the association records between instances and profiles.
 */
final class FakeEc2InstanceProfiles {
  private static final Pattern PROFILE_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");

  private final Ec2Support s;

  FakeEc2InstanceProfiles(Ec2Support support) { this.s = support; }

  /** Associates an instance profile (found by {@link #profile}). */
  IamAssociationRec associate(Ec2State st, InstanceRec i, IamState.InstanceProfileRec profile) {
    IamAssociationRec a = s.init(new IamAssociationRec(), "iip-assoc", Map.of());
    a.instanceId = i.id;
    a.state = "associated";
    setProfile(a, profile);
    st.iamAssociations.put(a.id, a);
    return a;
  }

  static void setProfile(IamAssociationRec a, IamState.InstanceProfileRec profile) {
    a.profileArn = profile.arn;
    a.profileId = profile.id;
  }

  /**
   * The instance profile of a specification (by name or ARN) in the sandbox's IAM, which must know it, have
   * a role in it, and have propagated (a profile created seconds ago is refused as in AWS while IAM
   * propagates, {@link SandboxGate#propagated}); null when the specification names none.
   */
  IamState.InstanceProfileRec profile(IamInstanceProfileSpecification spec) {
    if (spec == null || (spec.name() == null && spec.arn() == null)) return null;
    String given = spec.arn() != null ? spec.arn() : spec.name();
    String parameter = spec.arn() != null ? "iamInstanceProfile.arn" : "iamInstanceProfile.name";
    if (spec.arn() != null ? !spec.arn().matches("arn:aws:iam::\\d{12}:instance-profile/.+")
        : !PROFILE_NAME.matcher(spec.name()).matches()) {
      throw invalidParameter("Value (" + given + ") for parameter " + parameter + " is invalid. Invalid IAM Instance Profile name");
    }
    IamState iam = s.account.state("iam", SandboxAccount.GLOBAL, IamState.class);
    IamState.InstanceProfileRec p = spec.arn() != null
        ? iam.instanceProfiles.values().stream().filter(x -> x.arn.equals(spec.arn())).findFirst().orElse(null)
        : iam.instanceProfiles.get(spec.name());
    // IAM instance profiles take seconds to reach EC2 (the Terraform provider retries "Invalid IAM Instance
    // Profile" on RunInstances, citing AWS's "can take ~10 seconds to propagate").
    if (p == null || !s.gate.propagated(p.createdAt)) {
      throw invalidParameter("Value (" + given + ") for parameter " + parameter + " is invalid. Invalid IAM Instance Profile name");
    }
    if (p.roles.isEmpty()) {
      throw invalidParameter("Value (" + given + ") for parameter " + parameter + " is invalid. The instance profile "
          + p.name + " has no associated IAM Roles");
    }
    return p;
  }

  static IamInstanceProfileAssociation toAssociation(IamAssociationRec a) {
    return IamInstanceProfileAssociation.builder().associationId(a.id).instanceId(a.instanceId).state(a.state)
        .iamInstanceProfile(IamInstanceProfile.builder().arn(a.profileArn).id(a.profileId).build())
        .timestamp(Instant.parse(a.createdAt)).build();
  }
}
