package io.sorterbot.kinds.iam;

import static io.sorterbot.kinds.iam.IamSupport.iam;
import static io.sorterbot.kinds.iam.IamSupport.propagating;
import static io.sorterbot.kinds.iam.IamSupport.unlessGone;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.kinds.KindContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Issues the access key of an {@code iam.user} so that a process killed between any two calls never leaves
 * a key whose secret nobody has for good. The secret exists only in the CreateAccessKey answer and then in
 * the credentials profile, so the user is marked before the key is made ({@link AccessKeyMarks#PENDING_TAG},
 * with the time and the keys it already has) and the key is recorded after the profile is written
 * ({@link AccessKeyMarks#RECORDED_TAG}, then the pending mark goes). A later run that finds the pending mark
 * finishes the issue: a key the local profile holds is recorded (the crash came after the file was written);
 * a key made under the mark that no profile here holds is that run's orphan, and is deleted before a new key
 * is made. Keys without our marks, and keys there before the mark, are never deleted.
 */
final class AccessKeys {
  /** IAM's limit per user. */
  private static final int MAX_KEYS = 2;
  /** CreateAccessKey tries when each one's answer is lost and the user has a single free slot. */
  private static final int CREATE_ATTEMPTS = 3;

  /** One apply may write several profiles into one file at once: the read-modify-writes take turns. */
  private final Object lock = new Object();

  /**
   * Makes sure {@code user} has a key saved in {@code profile}: finishes an interrupted issue, or issues a
   * new key. Refuses, before making anything, a profile that holds another key.
   */
  void ensure(KindContext ctx, String sbid, String user, CredentialsFile file, String profile) {
    synchronized (lock) {
      AccessKeyMarks marks = AccessKeyMarks.of(tags(ctx, user));
      List<AccessKeyMetadata> keys = keys(ctx, user);
      List<String> ids = keys.stream().map(AccessKeyMetadata::accessKeyId).toList();
      // Interrupted after the key was recorded, or after the profile was written: only the bookkeeping is left.
      if (marks.recorded() != null && ids.contains(marks.recorded())) {
        finish(ctx, user, marks.recorded(), marks);
        return;
      }
      String held = file.accessKeyIdOf(profile);
      if (held != null && ids.contains(held)) {
        finish(ctx, user, held, marks);
        return;
      }
      file.requireFree(profile);
      List<String> kept = new ArrayList<>();
      for (AccessKeyMetadata k : keys) {
        if (marks.orphan(k)) delete(ctx, user, k.accessKeyId());
        else kept.add(k.accessKeyId());
      }
      if (kept.size() >= MAX_KEYS) throw full(sbid, user, kept, profile);
      issue(ctx, sbid, user, kept, file, profile);
    }
  }

  private void issue(KindContext ctx, String sbid, String user, List<String> kept, CredentialsFile file, String profile) {
    AccessKeyMarks marks = AccessKeyMarks.begun(ctx.ticker().now(), kept);
    tag(ctx, user, AccessKeyMarks.PENDING_TAG, AccessKeyMarks.pendingValue(marks.since(), kept));
    AccessKey key;
    try {
      key = create(ctx, user, marks);
    } catch (RuntimeException e) {
      clearPending(ctx, user, e);
      throw "LimitExceeded".equals(AwsErrors.code(e)) ? full(sbid, user, keys(ctx, user).stream()
          .map(AccessKeyMetadata::accessKeyId).toList(), profile) : e;
    }
    // The lost answer's twin goes before the profile is written. Should that fail, the pending mark stays:
    // the next run deletes both unsaved keys as orphans of this issue and makes a new one.
    deleteTwins(ctx, user, marks, key.accessKeyId());
    try {
      file.write(profile, key.accessKeyId(), key.secretAccessKey());
    } catch (RuntimeException e) {
      // Saved nowhere: taken back now, rather than left for the next run to find as an orphan.
      unlessGone(() -> iam(ctx).deleteAccessKey(b -> b.userName(user).accessKeyId(key.accessKeyId())));
      clearPending(ctx, user, e);
      throw e;
    }
    finish(ctx, user, key.accessKeyId(), marks);
  }

  /**
   * CreateAccessKey sent again by the SDK after a lost answer makes a second key: the answer holds the second,
   * and the first, whose secret nobody saw, is a twin for the caller to delete. When the first took the user's
   * last free slot, the second is refused with LimitExceeded: the twin is deleted now and the key made again,
   * a few times at most (each try may lose its answer too).
   */
  private static AccessKey create(KindContext ctx, String user, AccessKeyMarks marks) {
    for (int attempt = 1; ; attempt++) {
      try {
        return propagating(ctx, () -> iam(ctx).createAccessKey(b -> b.userName(user)).accessKey());
      } catch (RuntimeException e) {
        if (!"LimitExceeded".equals(AwsErrors.code(e))) throw e;
        if (deleteTwins(ctx, user, marks, null) == 0 || attempt >= CREATE_ATTEMPTS) throw e;
      }
    }
  }

  /**
   * Deletes the keys only this issue can have made (not among the keys the pending mark lists, see
   * {@link AccessKeyMarks#orphan}) other than {@code keep}; returns how many.
   */
  private static int deleteTwins(KindContext ctx, String user, AccessKeyMarks marks, String keep) {
    int n = 0;
    for (AccessKeyMetadata k : keys(ctx, user)) {
      if (k.accessKeyId().equals(keep) || !marks.orphan(k)) continue;
      delete(ctx, user, k.accessKeyId());
      n++;
    }
    return n;
  }

  /**
   * Records the saved key first (from then on it is protected), deletes what the pending mark proves orphaned
   * (a crashed run's key, or a duplicate an SDK retry of CreateAccessKey made), then drops the mark.
   */
  private static void finish(KindContext ctx, String user, String saved, AccessKeyMarks marks) {
    tag(ctx, user, AccessKeyMarks.RECORDED_TAG, saved);
    if (!marks.pending()) return;
    for (AccessKeyMetadata k : keys(ctx, user)) {
      if (!k.accessKeyId().equals(saved) && marks.orphan(k)) delete(ctx, user, k.accessKeyId());
    }
    propagating(ctx, () -> iam(ctx).untagUser(b -> b.userName(user).tagKeys(AccessKeyMarks.PENDING_TAG)));
  }

  /** After a failure that left no key behind: the mark would only make the next plan show a change. */
  private static void clearPending(KindContext ctx, String user, RuntimeException failure) {
    try {
      iam(ctx).untagUser(b -> b.userName(user).tagKeys(AccessKeyMarks.PENDING_TAG));
    } catch (RuntimeException e) {
      failure.addSuppressed(e);  // harmless: the next run finishes or repeats the issue
    }
  }

  private static IllegalStateException full(String sbid, String user, Collection<String> ids, String profile) {
    return new IllegalStateException("iam.user " + sbid + ": user " + user + " already has " + ids.size()
        + " access keys " + ids + ", the most IAM allows, and none of them is saved in credentials profile ["
        + profile + "] or provably left behind by an interrupted run; sorterbot never deletes a key it cannot"
        + " prove is its own. Delete one you no longer use (aws iam delete-access-key --user-name " + user
        + " --access-key-id ID), then apply again.");
  }

  private static void delete(KindContext ctx, String user, String id) {
    unlessGone(() -> iam(ctx).deleteAccessKey(b -> b.userName(user).accessKeyId(id)));
  }

  private static void tag(KindContext ctx, String user, String key, String value) {
    Tag t = Tag.builder().key(key).value(value).build();
    propagating(ctx, () -> iam(ctx).tagUser(b -> b.userName(user).tags(t)));
  }

  private static Map<String, String> tags(KindContext ctx, String user) {
    return propagating(ctx, () -> {
      Map<String, String> out = new LinkedHashMap<>();
      iam(ctx).listUserTagsPaginator(b -> b.userName(user)).tags().forEach(t -> out.put(t.key(), t.value()));
      return out;
    });
  }

  static List<AccessKeyMetadata> keys(KindContext ctx, String user) {
    return propagating(ctx, () -> {
      List<AccessKeyMetadata> out = new ArrayList<>();
      iam(ctx).listAccessKeysPaginator(b -> b.userName(user)).accessKeyMetadata().forEach(out::add);
      return out;
    });
  }
}
