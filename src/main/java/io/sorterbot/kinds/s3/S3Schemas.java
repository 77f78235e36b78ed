package io.sorterbot.kinds.s3;

import static io.sorterbot.model.PropSchema.prop;
import static io.sorterbot.model.ValueType.BOOLEAN;
import static io.sorterbot.model.ValueType.INTEGER;
import static io.sorterbot.model.ValueType.STRING;
import static io.sorterbot.model.ValueType.STRING_LIST;

import io.sorterbot.model.Format;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.ValueType;

/** Schemas of the S3 kinds (pure data). */
public final class S3Schemas {
  private S3Schemas() {}

  private static final ValueType CORS_RULE = ValueType.objectOf(
      prop("allowedHeaders", STRING_LIST).doc("Headers allowed in a preflight request (may be *)").build(),
      prop("allowedMethods", STRING_LIST).required().doc("HTTP methods allowed: GET, PUT, POST, DELETE, HEAD").build(),
      prop("allowedOrigins", STRING_LIST).required().doc("Origins allowed to make cross-origin requests (may be *)").build(),
      prop("exposeHeaders", STRING_LIST).doc("Response headers the browser may read").build(),
      prop("maxAgeSeconds", INTEGER).doc("Seconds the browser caches a preflight response").build());

  private static final ValueType PUBLIC_ACCESS_BLOCK = ValueType.objectOf(
      prop("blockPublicAcls", BOOLEAN).doc("Reject requests that set public ACLs").build(),
      prop("ignorePublicAcls", BOOLEAN).doc("Ignore public ACLs on the bucket and its objects").build(),
      prop("blockPublicPolicy", BOOLEAN).doc("Reject bucket policies that grant public access").build(),
      prop("restrictPublicBuckets", BOOLEAN).doc("Restrict access to a bucket with a public policy to AWS services and the owner").build());

  public static final KindSchema BUCKET = KindSchema.builder("s3.bucket",
          "S3 bucket with its CORS rules, public access block and versioning")
      .prop(prop("bucketName", STRING).format(Format.S3_BUCKET_NAME).required().immutable()
          .doc("Globally unique name of the bucket"))
      .prop(prop("corsRules", ValueType.listOf(CORS_RULE))
          .doc("CORS rules of the bucket (the complete set)"))
      .prop(prop("publicAccessBlock", PUBLIC_ACCESS_BLOCK)
          .doc("Public access block settings of the bucket"))
      .prop(prop("versioning", BOOLEAN)
          .doc("Whether object versioning is enabled (false suspends it)"))
      .prop(prop("forceDestroy", BOOLEAN).defaultValue(false)
          .doc("Let sorterbot empty the bucket (every object version and delete marker) before deleting it; kept on the "
              + "bucket as the tag SBForceDestroy=true, so a prune or destroy honours it once the entry is gone from the file"))
      .taggable()
      .attrs("arn", "name")
      .build();
}
