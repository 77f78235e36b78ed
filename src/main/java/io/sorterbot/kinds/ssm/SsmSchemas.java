package io.sorterbot.kinds.ssm;

import static io.sorterbot.model.PropSchema.prop;
import static io.sorterbot.model.ValueType.STRING;

import io.sorterbot.model.Format;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.ValueType;

/** Schemas of the SSM kinds (pure data). */
public final class SsmSchemas {
  private SsmSchemas() {}

  public static final KindSchema PARAMETER = KindSchema.builder("ssm.parameter",
          "SSM Parameter Store parameter (String, SecureString or StringList)")
      .prop(prop("name", STRING).format(Format.SSM_PARAMETER_NAME).required().immutable()
          .doc("Name of the parameter, e.g. /app/db-url or AppDbUrl"))
      .prop(prop("type", ValueType.enumOf("String", "SecureString", "StringList")).required().immutable()
          .doc("Parameter type; the value of a SecureString is never shown; a change replaces the parameter (AWS refuses type changes)"))
      .prop(prop("value", STRING).required()
          .doc("Value of the parameter (a StringList is comma-separated)"))
      .prop(prop("description", STRING)
          .doc("Description of the parameter"))
      .prop(prop("tier", ValueType.enumOf("Standard", "Advanced", "Intelligent-Tiering")).defaultValue("Standard")
          .doc("Parameter tier"))
      .prop(prop("keyId", STRING)
          .doc("KMS key that encrypts a SecureString (default: the aws/ssm key)"))
      .taggable()
      .attrs("arn", "name")
      .build();
}
