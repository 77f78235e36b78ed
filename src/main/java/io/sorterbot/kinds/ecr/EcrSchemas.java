package io.sorterbot.kinds.ecr;

import static io.sorterbot.model.PropSchema.prop;
import static io.sorterbot.model.ValueType.BOOLEAN;
import static io.sorterbot.model.ValueType.DOCUMENT;
import static io.sorterbot.model.ValueType.STRING;

import io.sorterbot.model.Format;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.ValueType;

/** Schemas of the ECR kinds (pure data). */
public final class EcrSchemas {
  private EcrSchemas() {}

  public static final KindSchema REPOSITORY = KindSchema.builder("ecr.repository",
          "ECR image repository with its lifecycle policy; attribute loginCommand is the docker login command of its"
              + " registry, for an output that says how to push an image")
      .prop(prop("repositoryName", STRING).format(Format.ECR_REPOSITORY_NAME).required().immutable()
          .doc("Name of the repository"))
      .prop(prop("imageTagMutability", ValueType.enumOf("MUTABLE", "IMMUTABLE")).defaultValue("MUTABLE")
          .doc("Whether image tags can be overwritten"))
      .prop(prop("scanOnPush", BOOLEAN).defaultValue(false)
          .doc("Whether images are scanned for vulnerabilities when pushed"))
      .prop(prop("lifecyclePolicy", DOCUMENT)
          .doc("Lifecycle policy as a YAML mapping or a JSON string ({rules: [...]})"))
      .prop(prop("forceDelete", BOOLEAN).defaultValue(true)
          .doc("Delete the repository even when it still holds images"))
      .taggable()
      .attrs("arn", "repositoryUri", "loginCommand")
      .build();
}
