package io.sorterbot.kinds.iam;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.kinds.LostAnswers;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/** What the IAM kinds share: the stack path, tags, propagation retries, destroying, concurrent reads. */
final class IamSupport {
  /** IAM changes take up to ~2 min to be seen everywhere (a new role answers NoSuchEntity to follow-ups). */
  static final Duration PROPAGATION = Duration.ofMinutes(2);
  /** DeleteConflict while another run or an upstream delete is still detaching. */
  static final Duration DEPENDENCY = Duration.ofMinutes(5);

  private IamSupport() {}

  static IamClient iam(KindContext ctx) { return ctx.clients().iam(); }

  /** Where sorterbot puts a stack's entities unless the file says otherwise; discovery narrows by it. */
  static String stackPath(String stack) { return "/" + stack + "/"; }

  static String path(KindContext ctx, Desired d) { return d.has("path") ? d.string("path") : stackPath(ctx.stack()); }

  /** The path prefixes to list: the stack's, plus explicit ones not already under it. */
  static List<String> prefixes(String stack, Collection<String> extra) {
    List<String> out = new ArrayList<>(List.of(stackPath(stack)));
    for (String p : new TreeSet<>(extra)) {
      if (p != null && out.stream().noneMatch(p::startsWith)) out.add(p);
    }
    return out;
  }

  static List<Tag> toTags(Map<String, String> tags) {
    List<Tag> out = new ArrayList<>();
    tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
    return out;
  }

  static Map<String, String> tagMap(Collection<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tags != null) for (Tag t : tags) out.put(t.key(), t.value());
    return out;
  }

  /** IAM's answer to a create whose name is taken (roles, policies, instance profiles, users). */
  static final java.util.function.Predicate<RuntimeException> EXISTS = LostAnswers.code("EntityAlreadyExists");

  /**
   * Runs an IAM create. Sent again after a lost answer, it is refused as EntityAlreadyExists although the first
   * call made the entity: one whose tags ({@code tagsOf}, read once IAM shows it) say our SBID and stack is
   * taken as made; anything else keeps the error.
   */
  static void createOrAdopt(KindContext ctx, Desired d, Runnable create, Supplier<Map<String, String>> tagsOf) {
    LostAnswers.createOrAdopt(() -> { create.run(); return Boolean.TRUE; }, EXISTS,
        () -> LostAnswers.oursOrEmpty(propagating(ctx, tagsOf), d, Boolean.FALSE));
  }

  /** A follow-up on an entity created moments ago (by us or upstream) may answer NoSuchEntity for a while. */
  static <T> T propagating(KindContext ctx, Supplier<T> action) {
    return ctx.retry().retryingOn(PROPAGATION, action, ErrorClass.EVENTUAL_CONSISTENCY, ErrorClass.NOT_FOUND);
  }

  static void propagating(KindContext ctx, Runnable action) {
    propagating(ctx, () -> { action.run(); return null; });
  }

  /**
   * Runs a whole delete (prerequisites included, so a retry redoes them), retrying DeleteConflict for minutes
   * with progress; NoSuchEntity means the entity is already gone, which is what we wanted.
   */
  static void destroying(KindContext ctx, String sbid, Runnable action) {
    io.sorterbot.kinds.Destroying.run(ctx, sbid, DEPENDENCY, action);
  }

  /** A prerequisite step whose target may already be gone (a detach of a deleted policy): NoSuchEntity is fine. */
  static void unlessGone(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      if (!AwsErrors.isNotFound(e)) throw e;
    }
  }

  /**
   * Reads every item, concurrently on a few threads when there are several (IAM's per-entity reads are an
   * API-forced N+1); null results (not ours, gone meanwhile) are dropped; order is kept.
   */
  static <T, R> List<R> readEach(List<T> items, Function<T, R> read) {
    return io.sorterbot.kinds.ParallelReads.map(items, read);
  }

  /** The value read, or null when the entity is gone (deleted between the list and the read). */
  static <T> T orNull(Supplier<T> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      if (AwsErrors.isNotFound(e)) return null;
      throw e;
    }
  }

  /** The LiveResource of an entity: id is the ARN (how other resources and refs name it). Nulls are dropped. */
  static LiveResource live(String type, String arn, String name, Map<String, String> tags, Map<String, Object> props,
                           List<String> refs, Instant createdAt) {
    Map<String, Object> p = new LinkedHashMap<>();
    props.forEach((k, v) -> { if (v != null) p.put(k, v); });
    p.put("tags", Tags.userTags(tags));
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("id", arn);
    a.put("arn", arn);
    a.put("name", name);
    List<String> r = refs.stream().filter(x -> x != null && !x.isEmpty()).distinct().toList();
    return new LiveResource(tags.get(Tags.SBID), type, tags.get(Tags.STACK), arn, p, a, tags, r, createdAt);
  }

  static Map<String, Object> props(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  static String name(LiveResource live) { return (String) live.attributes().get("name"); }

  static boolean changed(List<PropertyChange> changes, String property) {
    return changes.stream().anyMatch(c -> c.property().equals(property));
  }

  /**
   * Tags: system tags (SBID, SBStack, SBDeletionPolicy) follow {@code desired.tags()} on every update, because
   * retain is a tag and must protect even when nothing else changed; user tags only when {@code tags} changed.
   */
  static void syncTags(Map<String, String> live, Desired d, List<PropertyChange> changes,
                       Consumer<List<Tag>> tag, Consumer<List<String>> untag) {
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
    if (!put.isEmpty()) tag.accept(toTags(put));
    if (!remove.isEmpty()) untag.accept(remove);
  }

  private static boolean ours(String key) { return Tags.isSystem(key) && !key.startsWith("aws:"); }

  /** A string list property (ARNs, role names) as a list of trimmed strings. */
  static List<String> strings(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof Collection<?> c) for (Object o : c) if (o != null) out.add(o.toString().trim());
    return out;
  }

  /** Set-valued string lists compare without order or duplicates. */
  static Object stringSet(Object v) {
    return v instanceof Collection<?> ? new ArrayList<>(new TreeSet<>(strings(v))) : v;
  }

  /** What to add and what to remove to go from {@code have} to {@code want}; removals run first. */
  static void converge(Collection<String> want, Collection<String> have, Consumer<String> add, Consumer<String> remove) {
    LinkedHashSet<String> w = new LinkedHashSet<>(want);
    LinkedHashSet<String> h = new LinkedHashSet<>(have);
    for (String x : h) if (!w.contains(x)) remove.accept(x);
    for (String x : w) if (!h.contains(x)) add.accept(x);
  }
}
