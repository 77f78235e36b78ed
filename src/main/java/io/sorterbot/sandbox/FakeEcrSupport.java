package io.sorterbot.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.InvalidTagParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TooManyTagsException;

/** ECR's exceptions typed as the real client throws them, its tag rules and its lifecycle policy check. */
final class FakeEcrSupport {
  private static final int MAX_TAGS = 50;

  private FakeEcrSupport() {}

  static AwsServiceException build(int status, AwsErrorDetails d) {
    EcrException.Builder b = switch (d.errorCode()) {
      case "RepositoryNotFoundException" -> RepositoryNotFoundException.builder();
      case "RepositoryAlreadyExistsException" -> RepositoryAlreadyExistsException.builder();
      case "RepositoryNotEmptyException" -> RepositoryNotEmptyException.builder();
      case "LifecyclePolicyNotFoundException" -> LifecyclePolicyNotFoundException.builder();
      case "InvalidParameterException" -> InvalidParameterException.builder();
      case "InvalidTagParameterException" -> InvalidTagParameterException.builder();
      case "TooManyTagsException" -> TooManyTagsException.builder();
      case "ImageTagAlreadyExistsException" -> ImageTagAlreadyExistsException.builder();
      case "ImageNotFoundException" -> ImageNotFoundException.builder();
      default -> EcrException.builder();
    };
    return (AwsServiceException) b.statusCode(status).awsErrorDetails(d).message(d.errorMessage()).build();
  }

  static AwsServiceException invalidParameter(String parameter, String value) {
    return FakeEcr.ERRORS.error("InvalidParameterException",
        "Invalid parameter at '" + parameter + "' failed to satisfy constraint: '" + value + "' is not valid");
  }

  /** Adds {@code tags} to {@code into} after AWS's checks (aws: prefix, lengths, at most 50). */
  static void putTags(Map<String, String> into, List<Tag> tags) {
    if (tags == null) return;
    for (Tag t : tags) {
      if (t.key() == null || t.key().isEmpty() || t.key().length() > 128 || (t.value() != null && t.value().length() > 256)) {
        throw FakeEcr.ERRORS.error("InvalidTagParameterException", "Invalid tag: " + t.key());
      }
      if (t.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
        throw FakeEcr.ERRORS.error("InvalidTagParameterException", "Tag keys starting with 'aws:' are reserved for AWS use");
      }
    }
    Map<String, String> merged = new java.util.LinkedHashMap<>(into);
    tags.forEach(t -> merged.put(t.key(), t.value() == null ? "" : t.value()));
    if (merged.size() > MAX_TAGS) throw FakeEcr.ERRORS.error("TooManyTagsException", "Tag limit exceeded: at most 50 tags");
    into.clear();
    into.putAll(merged);
  }

  static List<Tag> sdkTags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  /** AWS checks the policy's shape: a JSON object with a non-empty {@code rules} list. */
  static void validatePolicy(String text) {
    JsonNode root;
    try {
      root = text == null ? null : SandboxAccount.mapper().readTree(text);
    } catch (java.io.IOException e) {
      root = null;
    }
    if (root == null || !root.path("rules").isArray() || root.path("rules").isEmpty()) {
      throw FakeEcr.ERRORS.error("InvalidParameterException", "Invalid parameter at 'LifecyclePolicyText' failed to satisfy"
          + " constraint: 'Lifecycle policy validation failure: object has missing required properties ([\"rules\"])'");
    }
    for (JsonNode rule : root.path("rules")) {
      if (!rule.path("rulePriority").canConvertToInt() || !rule.path("selection").isObject() || !rule.path("action").isObject()) {
        throw FakeEcr.ERRORS.error("InvalidParameterException", "Invalid parameter at 'LifecyclePolicyText' failed to satisfy"
            + " constraint: 'Lifecycle policy validation failure: each rule needs rulePriority, selection and action'");
      }
    }
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
