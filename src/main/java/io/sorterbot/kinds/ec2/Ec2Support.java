package io.sorterbot.kinds.ec2;

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
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** What the five networking kinds share: tags, the discovery filter, bounded retries, deletes. */
final class Ec2Support {
  /** EC2's documented window for a new id to become visible everywhere. */
  static final Duration CONSISTENCY = Duration.ofMinutes(5);
  /** ENIs of Fargate tasks, RDS and instances take minutes to be released. */
  static final Duration DEPENDENCY = Duration.ofMinutes(10);

  private Ec2Support() {}

  static Ec2Client ec2(KindContext ctx) { return ctx.clients().ec2(); }

  static TagSpecification tagSpec(ResourceType type, Desired d) {
    return TagSpecification.builder().resourceType(type).tags(toTags(d.tags())).build();
  }

  static List<Tag> toTags(Map<String, String> tags) {
    List<Tag> out = new ArrayList<>();
    tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
    return out;
  }

  static Map<String, String> tagMap(List<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Tag t : tags) out.put(t.key(), t.value());
    return out;
  }

  /** Every resource carrying an SBID tag, whatever its stack: the planner decides ownership. */
  static Filter sbidFilter() { return Filter.builder().name("tag-key").values(Tags.SBID).build(); }

  /** Idempotency token for creates: the same stack/SBID retried after a crash yields the same resource. */
  static String clientToken(String stack, String sbid) {
    return UUID.nameUUIDFromBytes((stack + "/" + sbid).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Builds the LiveResource; {@code props} gets {@code tags} (user tags), nulls are dropped. */
  static LiveResource live(String type, String id, Map<String, String> tags, Map<String, Object> props,
                           Map<String, Object> attrs, List<String> refs, Instant createdAt) {
    return io.sorterbot.model.LiveResources.of(type, id, tags, props, attrs, refs, createdAt);
  }

  static Map<String, Object> props(Object... kv) {
    return io.sorterbot.model.LiveResources.props(kv);
  }

  /** An id created moments ago (by us or upstream) may answer NotFound for a while. */
  static <T> T consistent(KindContext ctx, Supplier<T> action) {
    return ctx.retry().retryingOn(CONSISTENCY, action, ErrorClass.EVENTUAL_CONSISTENCY, ErrorClass.NOT_FOUND);
  }

  static void consistent(KindContext ctx, Runnable action) {
    consistent(ctx, () -> { action.run(); return null; });
  }

  /** The NotFound EC2 itself would give, for describes that answer with an empty list instead. */
  static Ec2Exception notFound(String code, String id) {
    return (Ec2Exception) Ec2Exception.builder().statusCode(400).message(code + ": " + id)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("The ID '" + id + "' does not exist")
            .serviceName("Ec2").build())
        .build();
  }

  /**
   * Runs a destroying step, retrying DependencyViolation (and kin) for minutes while reporting
   * progress; NotFound means someone already removed it, which is what we wanted.
   */
  static void destroying(KindContext ctx, String sbid, Runnable action) {
    io.sorterbot.kinds.Destroying.run(ctx, sbid, DEPENDENCY, action);
  }

  /**
   * Tags: system tags (SBID, SBStack, SBDeletionPolicy) follow {@code desired.tags()} on every
   * update, because retain is a tag and must protect even when nothing else changed; user tags
   * only when the {@code tags} property itself changed (undeclared properties are never touched).
   */
  static void syncTags(KindContext ctx, String id, Map<String, String> live, Desired d, List<PropertyChange> changes) {
    boolean userTags = changes.stream().anyMatch(c -> c.property().equals("tags"));
    Map<String, String> put = new LinkedHashMap<>();
    List<Tag> remove = new ArrayList<>();
    d.tags().forEach((k, v) -> {
      if ((userTags || isOurs(k)) && !v.equals(live.get(k))) put.put(k, v);
    });
    live.forEach((k, v) -> {
      if (k.startsWith("aws:") || d.tags().containsKey(k)) return;
      if (userTags || isOurs(k)) remove.add(Tag.builder().key(k).build());
    });
    if (!put.isEmpty()) consistent(ctx, () -> ec2(ctx).createTags(b -> b.resources(id).tags(toTags(put))));
    if (!remove.isEmpty()) consistent(ctx, () -> ec2(ctx).deleteTags(b -> b.resources(id).tags(remove)));
  }

  private static boolean isOurs(String key) { return Tags.isSystem(key) && !key.startsWith("aws:"); }

  /** The value read, or null when the resource is already gone (a delete's prerequisite read). */
  static <T> T unlessGone(Supplier<T> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      if (AwsErrors.isNotFound(e)) return null;
      throw e;
    }
  }

  /** Runs {@code action}; the AWS error {@code code} counts as success (the change is already there). */
  static void tolerating(String code, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      if (!code.equals(AwsErrors.code(e))) throw e;
    }
  }

  static boolean changed(List<PropertyChange> changes, String property) {
    return changes.stream().anyMatch(c -> c.property().equals(property));
  }

  /** Booleans may arrive as strings through whole-string variable references. */
  static Object bool(Object v) {
    if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    return v;
  }

  static Object trimmed(Object v) { return v instanceof String s ? s.trim() : v; }

  /** Set-valued string lists (subnet ids) compare without order or duplicates. */
  static Object stringSet(Object v) {
    return v instanceof List<?> l ? SgRules.canonicalSet(l.stream().map(Ec2Support::trimmed).toList()) : v;
  }
}
