package io.sorterbot.plan;

import io.sorterbot.model.LiveResource;
import io.sorterbot.plan.Plan.Conflict;
import io.sorterbot.plan.Plan.Duplicate;
import io.sorterbot.spec.ResourceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Sorts live resources into ours (SBStack = stack), others', duplicates and conflicts (SPEC.md "Ownership").
 * A resource of a global kind (IAM: one per account) is ours only when no other region's run of the stack
 * recorded it (tag SBRegion): the same stack applied in two regions must not share or prune the other's.
 */
final class Ownership {
  /**
   * The copy sorterbot manages first: the oldest. A copy whose creation time AWS does not report comes
   * before those it does (SSM reports it only until the first change, so the unreported one has been
   * changed since it was made); among unreported ones, by id. Only the order of copies whose ages are
   * all known is proof of which is oldest ({@link #agesKnown}).
   */
  private static final Comparator<LiveResource> OLDEST_FIRST = Comparator
      .comparing(LiveResource::createdAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
      .thenComparing(LiveResource::id);

  private final String stack;
  private final Map<String, List<LiveResource>> oursByKey = new TreeMap<>();
  private final Map<String, List<LiveResource>> othersByKey = new TreeMap<>();

  /** @param global the types whose resources are one per account, not per region */
  Ownership(String stack, String region, java.util.Set<String> global, List<LiveResource> live) {
    this.stack = stack;
    for (LiveResource l : live) {
      boolean ours = stack.equals(l.stackTag()) && !otherRegion(l, region, global);
      (ours ? oursByKey : othersByKey).computeIfAbsent(key(l.sbid(), l.type()), k -> new ArrayList<>()).add(l);
    }
    oursByKey.values().forEach(v -> v.sort(OLDEST_FIRST));
    othersByKey.values().forEach(v -> v.sort(OLDEST_FIRST));
  }

  private static String key(String sbid, String type) { return type + "\u0000" + sbid; }

  /** A global resource recorded by this stack's run in another region (none recorded: made before regions were). */
  private static boolean otherRegion(LiveResource l, String region, java.util.Set<String> global) {
    String recorded = l.tags().get(io.sorterbot.model.Tags.REGION);
    return global.contains(l.type()) && recorded != null && region != null && !recorded.equals(region);
  }

  /** The live resource of ours with this SBID and type (the oldest, if duplicated), or null. */
  LiveResource owned(String sbid, String type) {
    List<LiveResource> l = oursByKey.get(key(sbid, type));
    return l == null ? null : l.get(0);
  }

  /** Only resources of another or no stack carry this SBID: it must not be created or touched. */
  boolean conflicted(String sbid, String type) {
    return owned(sbid, type) == null && othersByKey.containsKey(key(sbid, type));
  }

  List<Conflict> conflicts(Map<String, ResourceSpec> wanted) {
    List<Conflict> out = new ArrayList<>();
    wanted.forEach((sbid, r) -> {
      for (LiveResource l : othersByKey.getOrDefault(key(sbid, r.type()), List.of())) {
        out.add(new Conflict(sbid, l.type(), l.id(), l.stackTag(),
            stack.equals(l.stackTag()) ? l.tags().get(io.sorterbot.model.Tags.REGION) : null));
      }
    });
    out.sort(Comparator.comparing(Conflict::sbid).thenComparing(Conflict::id));
    return out;
  }

  List<Duplicate> duplicates() {
    List<Duplicate> out = new ArrayList<>();
    oursByKey.values().forEach(l -> {
      if (l.size() > 1) {
        out.add(new Duplicate(l.get(0).sbid(), l.get(0).type(), l.get(0).id(),
            l.subList(1, l.size()).stream().map(LiveResource::id).toList(), agesKnown(l)));
      }
    });
    out.sort(Comparator.comparing(Duplicate::sbid));
    return out;
  }

  /**
   * Deletes of the younger copies of duplicated resources the file wants (they carry our stack tag), only
   * where AWS proves which copy is the oldest: every copy reports its creation time, the kept one strictly
   * the earliest. Retention still decides whether each may go.
   */
  List<Action> duplicateDeletes(Collection<String> planned) {
    List<Action> out = new ArrayList<>();
    oursByKey.values().forEach(l -> {
      if (l.size() > 1 && planned.contains(l.get(0).sbid()) && agesKnown(l)) {
        for (LiveResource extra : l.subList(1, l.size())) {
          out.add(new Action.Delete(extra.sbid(), extra.type(), extra, "duplicate of " + l.get(0).id()));
        }
      }
    });
    return out;
  }

  /** Why the extra copies of a duplicated resource the file wants are not deleted: which is oldest is not known. */
  List<String> undecidedDuplicates(Collection<String> planned) {
    List<String> out = new ArrayList<>();
    oursByKey.values().forEach(l -> {
      if (l.size() > 1 && planned.contains(l.get(0).sbid()) && !agesKnown(l)) {
        out.add(l.get(0).sbid() + ": " + l.size() + " live copies in this stack, and AWS does not say which was made first: "
            + "none is deleted; " + l.get(0).id() + " is the one compared with the file; delete the extra copies by hand ("
            + String.join(", ", l.subList(1, l.size()).stream().map(LiveResource::id).toList()) + ")");
      }
    });
    return out;
  }

  /** Sorted copies prove which is the oldest: all creation times known, the first strictly earlier than the rest. */
  private static boolean agesKnown(List<LiveResource> sorted) {
    if (sorted.stream().anyMatch(x -> x.createdAt() == null)) return false;
    return sorted.get(0).createdAt().isBefore(sorted.get(1).createdAt());
  }

  /** Every live resource of ours that the file does not want (SBID absent, or declared with another kind). */
  List<LiveResource> ownedNotIn(Collection<String> keep, Map<String, ResourceSpec> wanted) {
    List<LiveResource> out = new ArrayList<>();
    oursByKey.values().forEach(l -> {
      for (LiveResource r : l) {
        ResourceSpec w = wanted.get(r.sbid());
        if (!keep.contains(r.sbid()) || w == null || !Objects.equals(w.type(), r.type())) out.add(r);
      }
    });
    return out;
  }

  String stack() { return stack; }
}
