package io.sorterbot.kinds.ecs;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Tags;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * What the container kinds (ECS, and ECR's repository) share: tags, bounded retries, deletes, parallel
 * per-resource reads, and the LiveResource shape.
 */
public final class EcsSupport {
  /** ECS/ECR resources (and IAM roles they use) may answer NotFound for a while after their creation. */
  public static final Duration CONSISTENCY = Duration.ofMinutes(2);
  /** Services draining their tasks keep a cluster busy for minutes. */
  public static final Duration DEPENDENCY = Duration.ofMinutes(10);

  private EcsSupport() {}

  static EcsClient ecs(KindContext ctx) { return ctx.clients().ecs(); }

  static List<Tag> toTags(Map<String, String> tags) {
    List<Tag> out = new ArrayList<>();
    tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
    return out;
  }

  static Map<String, String> tagMap(List<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tags != null) tags.forEach(t -> out.put(t.key(), t.value()));
    return out;
  }

  /** Idempotency token (36 characters, ECS's limit): the same inputs after a crash yield the same token. */
  static String clientToken(String stack, String key) {
    return UUID.nameUUIDFromBytes((stack + "/" + key).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Builds the LiveResource; {@code props} gets {@code tags} (user tags), nulls are dropped. */
  public static LiveResource live(String type, String id, Map<String, String> tags, Map<String, Object> props,
                                  Map<String, Object> attrs, List<String> refs, Instant createdAt) {
    return io.sorterbot.model.LiveResources.of(type, id, tags, props, attrs, refs, createdAt);
  }

  public static Map<String, Object> props(Object... kv) {
    return io.sorterbot.model.LiveResources.props(kv);
  }

  /** Something created moments ago (by us or upstream: a cluster, a role) may not be found yet. */
  public static <T> T consistent(KindContext ctx, Supplier<T> action) {
    return ctx.retry().retryingOn(CONSISTENCY, action, ErrorClass.EVENTUAL_CONSISTENCY, ErrorClass.NOT_FOUND);
  }

  public static void consistent(KindContext ctx, Runnable action) {
    consistent(ctx, () -> { action.run(); return null; });
  }

  /**
   * A destroying step: retries dependency errors (ClusterContainsServicesException...) for minutes with
   * progress; NotFound means it is already gone, which is what we wanted.
   */
  public static void destroying(KindContext ctx, String sbid, Runnable action) {
    io.sorterbot.kinds.Destroying.run(ctx, sbid, DEPENDENCY, action);
  }

  /** The value read, or null when the resource is already gone. */
  public static <T> T unlessGone(Supplier<T> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      if (AwsErrors.isNotFound(e)) return null;
      throw e;
    }
  }

  /** Runs {@code action}; the AWS error {@code code} counts as success (the outcome is already there). */
  public static void tolerating(String code, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      if (!code.equals(AwsErrors.code(e))) throw e;
    }
  }

  public static boolean changed(List<PropertyChange> changes, String property) {
    return changes.stream().anyMatch(c -> c.property().equals(property));
  }

  /** The NotFound ECS would give, for describes that answer with a MISSING failure instead. */
  static EcsException notFound(String code, String what) {
    return (EcsException) EcsException.builder().statusCode(400).message(code + ": " + what)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(what + " was not found")
            .serviceName("Ecs").build())
        .build();
  }

  /**
   * The tag changes an update makes, as ({@code put}, {@code remove}): system tags (SBID, SBStack,
   * SBDeletionPolicy) follow {@code desired.tags()} on every update, because retain is a tag and must
   * protect even when nothing else changed; user tags only when the {@code tags} property changed.
   */
  public record TagDelta(Map<String, String> put, List<String> remove) {
    public boolean isEmpty() { return put.isEmpty() && remove.isEmpty(); }

    public static TagDelta of(Map<String, String> live, Desired d, List<PropertyChange> changes) {
      boolean userTags = changed(changes, "tags");
      Map<String, String> put = new LinkedHashMap<>();
      List<String> remove = new ArrayList<>();
      d.tags().forEach((k, v) -> {
        if ((userTags || ours(k)) && !v.equals(live.get(k))) put.put(k, v);
      });
      live.forEach((k, v) -> {
        if (k.startsWith("aws:") || d.tags().containsKey(k)) return;
        if (userTags || ours(k)) remove.add(k);
      });
      return new TagDelta(put, remove);
    }

    private static boolean ours(String key) { return Tags.isSystem(key) && !key.startsWith("aws:"); }
  }

  static void syncTags(KindContext ctx, String arn, Map<String, String> live, Desired d, List<PropertyChange> changes) {
    TagDelta delta = TagDelta.of(live, d, changes);
    if (!delta.put().isEmpty()) consistent(ctx, () -> ecs(ctx).tagResource(b -> b.resourceArn(arn).tags(toTags(delta.put()))));
    if (!delta.remove().isEmpty()) consistent(ctx, () -> ecs(ctx).untagResource(b -> b.resourceArn(arn).tagKeys(delta.remove())));
  }

  /**
   * {@code read} applied to each item, on a few threads: for the per-resource reads that the APIs force
   * (tags, lifecycle policies, task definitions). Order is kept; the first failure is rethrown.
   */
  public static <A, B> List<B> parallel(List<A> items, Function<A, B> read) {
    return io.sorterbot.kinds.ParallelReads.map(items, read);
  }

  /** Booleans may arrive as strings through whole-string variable references. */
  public static Object bool(Object v) {
    if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) return Boolean.parseBoolean(s);
    return v;
  }

  /** Numbers may arrive as strings through whole-string variable references. */
  static Object number(Object v) {
    if (v instanceof String s && s.trim().matches("-?\\d+")) return Long.parseLong(s.trim());
    return v;
  }

  static Integer integer(Object v) {
    Object n = number(v);
    return n == null ? null : ((Number) n).intValue();
  }
}
