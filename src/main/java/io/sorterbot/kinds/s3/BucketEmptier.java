package io.sorterbot.kinds.s3;

import static io.sorterbot.kinds.s3.S3Support.s3;

import io.sorterbot.kinds.KindContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * Empties a bucket for {@code forceDestroy}: every object version and every delete marker (a versioned
 * bucket with only markers left is still not empty to DeleteBucket), in DeleteObjects batches of 1000,
 * the most S3 takes in one call.
 */
final class BucketEmptier {
  static final int BATCH = 1000;
  private static final Duration NOTICE_EVERY = Duration.ofSeconds(10);

  private final KindContext ctx;
  private final String sbid;
  private final String bucket;
  private final Instant start;
  private Instant lastNotice;
  private long deleted;

  BucketEmptier(KindContext ctx, String sbid, String bucket) {
    this.ctx = ctx;
    this.sbid = sbid;
    this.bucket = bucket;
    this.start = ctx.ticker().now();
    this.lastNotice = start;
  }

  /** Deletes everything listed; returns how many versions and markers went. */
  long empty() {
    List<ObjectIdentifier> batch = new ArrayList<>();
    // Deleting what a page listed does not disturb the key/version markers of the next page.
    for (var page : s3(ctx).listObjectVersionsPaginator(b -> b.bucket(bucket))) {
      page.versions().forEach(v -> batch.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
      page.deleteMarkers().forEach(m -> batch.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
      while (batch.size() >= BATCH) flush(batch, BATCH);
    }
    flush(batch, batch.size());
    return deleted;
  }

  private void flush(List<ObjectIdentifier> batch, int n) {
    if (n == 0) return;
    List<ObjectIdentifier> some = new ArrayList<>(batch.subList(0, n));
    batch.subList(0, n).clear();
    DeleteObjectsResponse r = S3Support.unconflicted(ctx,
        () -> s3(ctx).deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(some).quiet(true))));
    if (r.hasErrors() && !r.errors().isEmpty()) {
      S3Error e = r.errors().get(0);
      throw new IllegalStateException("emptying bucket " + bucket + ": " + r.errors().size() + " of " + n
          + " objects could not be deleted, e.g. " + e.key() + " (" + e.code() + ": " + e.message() + ")");
    }
    deleted += n;
    Instant now = ctx.ticker().now();
    if (Duration.between(lastNotice, now).compareTo(NOTICE_EVERY) >= 0) {
      lastNotice = now;
      ctx.progress().waiting(sbid, "destroying", Duration.between(start, now));
    }
  }
}
