package io.sorterbot.kinds.rds;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag;

/** What the RDS kinds share: tags (ours and the user's), LiveResource building, bounded retries, value shapes. */
final class RdsSupport {
  /** RDS may not see a subnet group or security group made moments ago. */
  static final Duration CONSISTENCY = Duration.ofMinutes(2);
  /** A subnet group stays in use until its instances are gone, which takes RDS many minutes. */
  static final Duration DEPENDENCY = Duration.ofMinutes(20);

  private RdsSupport() {}

  static RdsClient rds(KindContext ctx) { return ctx.clients().rds(); }

  static List<Tag> toTags(Map<String, String> tags) {
    List<Tag> out = new ArrayList<>();
    tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
    return out;
  }

  static Map<String, String> tagMap(List<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tags != null) for (Tag t : tags) out.put(t.key(), t.value());
    return out;
  }

  /**
   * Builds the LiveResource. {@code kindTags} are tags a kind keeps for itself (bookkeeping such as
   * a password fingerprint): they are left out of the resource's tags so the engine's tag diff never
   * sees them. {@code props} gets {@code tags} (user tags); nulls are dropped.
   */
  static LiveResource live(String type, String id, Map<String, String> allTags, List<String> kindTags,
                           Map<String, Object> props, Map<String, Object> attrs, List<String> refs, Instant createdAt) {
    Map<String, String> tags = new LinkedHashMap<>(allTags);
    kindTags.forEach(tags::remove);
    return io.sorterbot.model.LiveResources.of(type, id, tags, props, attrs, refs, createdAt);
  }

  static Map<String, Object> props(Object... kv) {
    return io.sorterbot.model.LiveResources.props(kv);
  }

  /** Something made moments ago (the subnet group, a security group) may answer NotFound for a while. */
  static <T> T consistent(KindContext ctx, Supplier<T> action) {
    return ctx.retry().retryingOn(CONSISTENCY, action, ErrorClass.EVENTUAL_CONSISTENCY, ErrorClass.NOT_FOUND);
  }

  /**
   * Runs a destroying step, retrying "still in use" errors for minutes while reporting progress;
   * NotFound means it is already gone, which is what we wanted.
   */
  static void destroying(KindContext ctx, String sbid, Runnable action) {
    io.sorterbot.kinds.Destroying.run(ctx, sbid, DEPENDENCY, action);
  }

  /**
   * Tags by ARN. System tags (SBID, SBStack, SBDeletionPolicy) follow {@code desired.tags()} on every
   * update, because retain is a tag and must protect even when nothing else changed; user tags only
   * when the {@code tags} property changed. {@code live} holds the resource's visible tags (kind tags
   * excluded, so they are never removed here); {@code extra} are kind tags to set.
   */
  static void syncTags(KindContext ctx, String arn, Map<String, String> live, Desired d, List<PropertyChange> changes,
                       Map<String, String> extra) {
    boolean userTags = changed(changes, "tags");
    Map<String, String> put = new LinkedHashMap<>(extra);
    List<String> remove = new ArrayList<>();
    d.tags().forEach((k, v) -> {
      if ((userTags || isOurs(k)) && !v.equals(live.get(k))) put.put(k, v);
    });
    live.forEach((k, v) -> {
      if (k.startsWith("aws:") || d.tags().containsKey(k)) return;
      if (userTags || isOurs(k)) remove.add(k);
    });
    if (!put.isEmpty()) rds(ctx).addTagsToResource(b -> b.resourceName(arn).tags(toTags(put)));
    if (!remove.isEmpty()) rds(ctx).removeTagsFromResource(b -> b.resourceName(arn).tagKeys(remove));
  }

  private static boolean isOurs(String key) { return Tags.isSystem(key) && !key.startsWith("aws:"); }

  static boolean changed(List<PropertyChange> changes, String property) {
    return changes.stream().anyMatch(c -> c.property().equals(property));
  }

  /** Maps {@code items} through {@code read}, spreading the calls over a few threads when there are several. */
  static <A, B> List<B> parallel(List<A> items, Function<A, B> read) {
    return io.sorterbot.kinds.ParallelReads.map(items, read);
  }

  // ---- value shapes (whole-string references may deliver numbers and booleans as strings) ----

  static Object bool(Object v) {
    if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) return Boolean.parseBoolean(s);
    return v;
  }

  static Object number(Object v) {
    if (v instanceof String s && s.trim().matches("-?\\d+")) return Long.parseLong(s.trim());
    if (v instanceof Number n) return n.longValue();
    return v;
  }

  /** Names AWS stores in lowercase (identifiers, subnet group names, engines, classes). */
  static Object lower(Object v) { return v instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : v; }

  static Object trimmed(Object v) { return v instanceof String s ? s.trim() : v; }

  /** Set-valued string lists (subnet ids, security group ids) compare without order or duplicates. */
  static Object stringSet(Object v) {
    if (!(v instanceof List<?> l)) return v;
    TreeSet<String> set = new TreeSet<>();
    for (Object o : l) set.add(String.valueOf(trimmed(o)));
    return new ArrayList<>(set);
  }

  static List<String> strings(Object v) {
    if (!(v instanceof List<?> l)) return List.of();
    return l.stream().map(o -> String.valueOf(trimmed(o))).distinct().toList();
  }
}
