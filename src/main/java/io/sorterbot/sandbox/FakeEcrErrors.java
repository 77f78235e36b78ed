package io.sorterbot.sandbox;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.InvalidTagParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TooManyTagsException;

/** ECR's exceptions typed as the real client throws them, and ECR's tag rules. */
final class FakeEcrErrors {
  private static final int MAX_TAGS = 50;

  private FakeEcrErrors() {}

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
}
