package io.sorterbot.kinds.iam;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/**
 * What an {@code iam.user} remembers about its access key, in two internal tags on the user (an access key
 * itself cannot be tagged). They are the kind's own business: stripped from the tags the engine sees, so
 * they are never diffed, shown or pruned.
 *
 * @param recorded the key saved in a credentials profile ({@value #RECORDED_TAG}), or null
 * @param pending  whether an issue began and did not finish ({@value #PENDING_TAG})
 * @param since    when it began (null when the mark cannot be read: then no key is an orphan of it)
 * @param known    the user's keys when it began: never taken for its orphans
 */
record AccessKeyMarks(String recorded, boolean pending, Instant since, Set<String> known) {
  static final String RECORDED_TAG = "SBAccessKeyId";
  static final String PENDING_TAG = "SBAccessKeyPending";
  /**
   * How long after a pending mark its run can have made a key: CreateAccessKey is retried through IAM's
   * propagation time (2 min), and IAM's clock and ours differ. A later key is someone else's.
   */
  static final Duration ISSUE_WINDOW = Duration.ofMinutes(15);

  static AccessKeyMarks of(Map<String, String> tags) {
    String recorded = blankToNull(tags.get(RECORDED_TAG));
    String mark = tags.get(PENDING_TAG);
    if (mark == null) return new AccessKeyMarks(recorded, false, null, Set.of());
    List<String> parts = Arrays.asList(mark.trim().split("\\s+"));
    try {
      Instant since = Instant.parse(parts.get(0));
      return new AccessKeyMarks(recorded, true, since, Set.copyOf(parts.subList(1, parts.size())));
    } catch (DateTimeParseException e) {
      return new AccessKeyMarks(recorded, true, null, Set.of());
    }
  }

  /** The mark of an issue beginning now: {@code <ISO instant> <key id>...} (IAM tag values allow both). */
  static String pendingValue(Instant now, Collection<String> known) {
    StringBuilder sb = new StringBuilder(now.truncatedTo(ChronoUnit.SECONDS).toString());
    for (String id : known) sb.append(' ').append(id);
    return sb.toString();
  }

  /** The marks of an issue beginning now, as {@link #pendingValue} writes them. */
  static AccessKeyMarks begun(Instant now, Collection<String> known) {
    return new AccessKeyMarks(null, true, now.truncatedTo(ChronoUnit.SECONDS), Set.copyOf(known));
  }

  /** The tags as the engine sees them: without these marks. */
  static Map<String, String> without(Map<String, String> tags) {
    Map<String, String> out = new LinkedHashMap<>(tags);
    out.remove(RECORDED_TAG);
    out.remove(PENDING_TAG);
    return out;
  }

  /**
   * Whether discovery reports "the user has its key". An unfinished issue never counts (apply finishes it).
   * With a recorded key, that key must exist. Without any mark the user is one sorterbot made before these
   * marks existed, or one whose keys were all made by hand: any key counts, as it always did, because a
   * second key would be a credential nobody asked for, and deleting one is out of the question.
   */
  boolean hasKey(Collection<String> keyIds) {
    if (pending) return false;
    if (recorded != null) return keyIds.contains(recorded);
    return !keyIds.isEmpty();
  }

  /**
   * Whether {@code k} can only have been made by the unfinished issue: not there when it began, not the
   * recorded key, and made within {@link #ISSUE_WINDOW} of it. (Whether a profile holds it is the caller's
   * check.) Known ids rather than "made after the mark" because IAM's clock is not ours.
   */
  boolean orphan(AccessKeyMetadata k) {
    if (!pending || since == null || known.contains(k.accessKeyId()) || k.accessKeyId().equals(recorded)) return false;
    return k.createDate() != null && k.createDate().isBefore(since.plus(ISSUE_WINDOW));
  }

  private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
