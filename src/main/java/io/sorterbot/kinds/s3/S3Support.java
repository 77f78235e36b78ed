package io.sorterbot.kinds.s3;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.kinds.KindContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

/** What the bucket kind's pieces share: the client, bounded retries, optional reads, tags. */
final class S3Support {
  /**
   * Records the file's {@code forceDestroy: true} on the bucket, so that a delete can honour it when
   * the entry is gone from the file (prune, destroy): delete only ever sees the live resource.
   */
  static final String FORCE_DESTROY_TAG = "SBForceDestroy";
  /** S3 is strongly consistent for objects, but a new bucket's subresources may answer NoSuchBucket briefly. */
  static final Duration CONSISTENCY = Duration.ofMinutes(2);
  /** OperationAborted: another configuration change (or a just-deleted bucket of the same name) is in flight. */
  static final String CONFLICTING_OPERATION = "OperationAborted";

  private S3Support() {}

  static S3Client s3(KindContext ctx) { return ctx.clients().s3(); }

  /** Retries what a bucket created moments ago may answer: NoSuchBucket, and conflicting operations. */
  static <T> T consistent(KindContext ctx, Supplier<T> action) {
    return ctx.retry().retrying(CONSISTENCY, e -> {
      ErrorClass c = AwsErrors.classify(e);
      return c == ErrorClass.NOT_FOUND || c == ErrorClass.EVENTUAL_CONSISTENCY
          || CONFLICTING_OPERATION.equals(AwsErrors.code(e));
    }, action);
  }

  static void consistent(KindContext ctx, Runnable action) {
    consistent(ctx, () -> { action.run(); return null; });
  }

  /** Retries only conflicting operations (a NoSuchBucket there is a real answer). */
  static <T> T unconflicted(KindContext ctx, Supplier<T> action) {
    return ctx.retry().retrying(CONSISTENCY, e -> CONFLICTING_OPERATION.equals(AwsErrors.code(e)), action);
  }

  /**
   * The read's value, or null when S3 answers {@code absentCode}: S3 reports an unset subresource
   * (tags, CORS, public access block) as a 404 error rather than as an empty value.
   */
  static <T> T unlessAbsent(String absentCode, Supplier<T> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      if (absentCode.equals(AwsErrors.code(e))) return null;
      throw e;
    }
  }

  static boolean isGone(Throwable e) { return "NoSuchBucket".equals(AwsErrors.code(e)); }

  static Map<String, String> tagMap(List<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Tag t : tags) out.put(t.key(), t.value());
    return out;
  }

  static List<Tag> toTags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  /** Booleans may arrive as strings through whole-string variable references. */
  static Object bool(Object v) {
    if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) return Boolean.parseBoolean(s);
    return v;
  }

  static boolean isTrue(Object v) { return Boolean.TRUE.equals(bool(v)); }
}
