package io.sorterbot.kinds.ssm;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.kinds.TagDelta;
import io.sorterbot.model.PropertyChange;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

/** Parameter Store plumbing of the ssm kind: batched reads, tags, bounded retries. */
final class SsmSupport {
  /** GetParameters takes at most ten names per call. */
  static final int GET_BATCH = 10;
  /** Parameter Store is quick to agree with itself; a short window covers a just-written parameter. */
  static final Duration CONSISTENCY = Duration.ofMinutes(2);

  private SsmSupport() {}

  static SsmClient ssm(KindContext ctx) { return ctx.clients().ssm(); }

  static List<Tag> sdk(Map<String, String> tags) { return TagDelta.list(tags, (k, v) -> Tag.builder().key(k).value(v).build()); }

  /** Every tag of a parameter (DescribeParameters does not return them: one call per parameter). */
  static Map<String, String> tags(KindContext ctx, String name) {
    return TagDelta.map(ssm(ctx).listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name))
        .tagList(), Tag::key, Tag::value);
  }

  /** Decrypted parameters by name, ten names per GetParameters call; names gone meanwhile are simply absent. */
  static Map<String, Parameter> values(KindContext ctx, List<String> names) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i += GET_BATCH) {
      List<String> batch = names.subList(i, Math.min(names.size(), i + GET_BATCH));
      ssm(ctx).getParameters(b -> b.names(batch).withDecryption(true)).parameters().forEach(p -> out.put(p.name(), p));
    }
    return out;
  }

  /** A parameter written moments ago may answer ParameterNotFound / InvalidResourceId for a short while. */
  static <T> T consistent(KindContext ctx, Supplier<T> action) {
    return ctx.retry().retrying(CONSISTENCY, e -> {
      ErrorClass c = AwsErrors.classify(e);
      return c == ErrorClass.NOT_FOUND || c == ErrorClass.EVENTUAL_CONSISTENCY || "InvalidResourceId".equals(AwsErrors.code(e));
    }, action);
  }

  static void consistent(KindContext ctx, Runnable action) {
    consistent(ctx, () -> { action.run(); return null; });
  }

  static void syncTags(KindContext ctx, String name, Map<String, String> live, Desired d, List<PropertyChange> changes) {
    TagDelta.of(live, d, changes).apply(
        put -> consistent(ctx, () -> ssm(ctx).addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER)
            .resourceId(name).tags(sdk(put)))),
        remove -> consistent(ctx, () -> ssm(ctx).removeTagsFromResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER)
            .resourceId(name).tagKeys(remove))));
  }

  /** The ParameterNotFound SSM would give, for a describe that answers with an empty list instead. */
  static ParameterNotFoundException notFound(String name) {
    return (ParameterNotFoundException) ParameterNotFoundException.builder().statusCode(400).message("Parameter " + name + " not found.")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ParameterNotFound").errorMessage("Parameter " + name + " not found.")
            .serviceName("Ssm").build())
        .build();
  }
}
