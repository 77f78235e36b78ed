package io.sorterbot.kinds.iam;

import static io.sorterbot.model.PropSchema.prop;
import static io.sorterbot.model.ValueType.DOCUMENT;
import static io.sorterbot.model.ValueType.INTEGER;
import static io.sorterbot.model.ValueType.STRING;
import static io.sorterbot.model.ValueType.STRING_LIST;

import io.sorterbot.model.Format;
import io.sorterbot.model.KindHints;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.PropSchema;
import io.sorterbot.model.ValueType;

/** Schemas of the IAM kinds (pure data). IAM is global: these resources have no region. */
public final class IamSchemas {
  private IamSchemas() {}

  /** One per account (global), found by path: every IAM kind. */
  private static final KindHints IAM = KindHints.NONE.perAccount().path("path");

  private static PropSchema.Builder path() {
    return prop("path", STRING).format(Format.IAM_PATH)
        .doc("IAM path of the entity; default \"/<stack>/\" (sorterbot finds its entities by this path)");
  }

  public static final KindSchema POLICY = KindSchema.builder("iam.policy",
          "Customer managed IAM policy")
      .prop(prop("policyName", STRING).format(Format.IAM_NAME_128).required().immutable()
          .doc("Name of the policy"))
      .prop(prop("policyDocument", DOCUMENT).required()
          .doc("Policy document as a YAML mapping or a JSON string; a change adds a new default version"))
      .prop(path().immutable())
      .taggable()
      .attrs("arn", "name")
      .hints(IAM)
      .build();

  private static final ValueType INLINE_POLICY = ValueType.objectOf(
      prop("policyName", STRING).format(Format.IAM_NAME_128).required().doc("Name of the inline policy").build(),
      prop("policyDocument", DOCUMENT).required().doc("Policy document as a YAML mapping or a JSON string").build());

  public static final KindSchema ROLE = KindSchema.builder("iam.role",
          "IAM role with its trust policy, managed policy attachments and inline policies")
      .prop(prop("roleName", STRING).format(Format.IAM_NAME_64).required().immutable()
          .doc("Name of the role"))
      .prop(prop("assumeRolePolicyDocument", DOCUMENT).required()
          .doc("Trust policy as a YAML mapping or a JSON string"))
      .prop(prop("description", STRING)
          .doc("Description of the role"))
      .prop(prop("maxSessionDuration", INTEGER)
          .doc("Maximum session duration in seconds, 3600 to 43200"))
      .prop(prop("managedPolicyArns", STRING_LIST)
          .doc("ARNs of the managed policies attached to the role (the complete set)"))
      .prop(prop("policies", ValueType.listOf(INLINE_POLICY))
          .doc("Inline policies of the role (the complete set)"))
      .prop(path().immutable())
      .taggable()
      .attrs("arn", "name")
      .hints(IAM)
      .build();

  public static final KindSchema INSTANCE_PROFILE = KindSchema.builder("iam.instanceProfile",
          "IAM instance profile and its role")
      .prop(prop("instanceProfileName", STRING).format(Format.IAM_NAME_128).required().immutable()
          .doc("Name of the instance profile"))
      .prop(prop("roles", STRING_LIST)
          .doc("Names of the roles in the profile (AWS allows at most one)"))
      .prop(path().immutable())
      .taggable()
      .attrs("arn", "name")
      .hints(IAM)
      .build();

  private static final ValueType ACCESS_KEY = ValueType.objectOf(
      prop("credentialsProfile", STRING).required()
          .doc("Profile name under which the new key is written once to the credentials file").build(),
      prop("credentialsFile", STRING)
          .doc("Credentials file to write to (default ~/.aws/credentials), mode 0600").build());

  public static final KindSchema USER = KindSchema.builder("iam.user",
          "IAM user with managed policy attachments and an optional access key")
      .prop(prop("userName", STRING).format(Format.IAM_NAME_64).required().immutable()
          .doc("Name of the user"))
      .prop(prop("managedPolicyArns", STRING_LIST)
          .doc("ARNs of the managed policies attached to the user (the complete set)"))
      .prop(prop("accessKey", ACCESS_KEY)
          .doc("Create one access key, written once to a credentials profile; the secret is never shown"))
      .prop(path())
      .taggable()
      .attrs("arn", "name")
      .hints(IAM)
      .build();
}
