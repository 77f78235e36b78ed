package io.sorterbot.kinds.s3;

import static io.sorterbot.kinds.s3.S3Support.s3;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.Notice;
import io.sorterbot.model.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/** Reads buckets back into {@link LiveResource}s: discovery of the whole region, or one bucket by name. */
final class BucketReader {
  /** Few enough not to be throttled, enough to hide the latency of per-bucket reads. */
  /** One page holds every bucket of an account at the default quota; more are paged. */
  private static final int MAX_BUCKETS_PER_PAGE = 10_000;

  private final String type;

  BucketReader(String type) { this.type = type; }

  /**
   * ListBuckets (one call, narrowed to the client's region), then, because neither ListBuckets nor any
   * tag filter returns bucket tags, GetBucketTagging per bucket: an N+1 the API forces. Those reads are
   * independent, so a small pool runs them; buckets with an SBID tag then get their configuration read.
   */
  List<LiveResource> discover(KindContext ctx) {
    String region = ctx.clients().region();
    List<Bucket> buckets = new ArrayList<>();
    s3(ctx).listBucketsPaginator(b -> b.bucketRegion(region).maxBuckets(MAX_BUCKETS_PER_PAGE)).buckets().forEach(b -> {
      // Endpoints that ignore the region filter still say where each bucket is.
      if (b.bucketRegion() == null || b.bucketRegion().equals(region)) buckets.add(b);
    });
    if (buckets.isEmpty()) return List.of();
    Set<String> denied = new ConcurrentSkipListSet<>();
    List<LiveResource> found = io.sorterbot.kinds.ParallelReads.map(buckets, b -> discovered(ctx, b, denied));
    if (!denied.isEmpty()) {
      ctx.notice(Notice.verbose(null, "skipped " + denied.size() + " S3 bucket(s) whose tags may not be read"
          + " (GetBucketTagging: AccessDenied, usually a bucket policy of someone else's): " + String.join(", ", denied)
          + ". A bucket of this stack among them would be planned as missing."));
    }
    return found;
  }

  /**
   * The bucket as a LiveResource, or null when it carries no SBID, vanished since the listing, or denies us its
   * tags: a bucket of someone else in the account may refuse GetBucketTagging in its policy (an explicit deny
   * beats any allow), and one such bucket must not stop every plan (cloud-custodian#2463 hit the same).
   */
  private LiveResource discovered(KindContext ctx, Bucket b, Set<String> denied) {
    try {
      Map<String, String> tags = tags(ctx, b.name());
      return tags.containsKey(Tags.SBID) ? read(ctx, b.name(), tags, b.creationDate()) : null;
    } catch (RuntimeException e) {
      // Deleted between the listing and the read; or in another region behind an endpoint without the filter.
      if (S3Support.isGone(e) || "PermanentRedirect".equals(AwsErrors.code(e))) return null;
      if (AwsErrors.classify(e) == ErrorClass.ACCESS_DENIED) {
        denied.add(b.name());
        return null;
      }
      throw e;
    }
  }

  /** Every tag of the bucket; no tag set is S3's NoSuchTagSet error. */
  static Map<String, String> tags(KindContext ctx, String name) {
    var r = S3Support.unlessAbsent("NoSuchTagSet", () -> s3(ctx).getBucketTagging(b -> b.bucket(name)));
    return r == null ? new LinkedHashMap<>() : S3Support.tagMap(r.tagSet());
  }

  /** One bucket just created or changed: NoSuchBucket is retried for a while (eventual consistency). */
  LiveResource readBack(KindContext ctx, String name, Instant createdAt) {
    return S3Support.consistent(ctx, () -> read(ctx, name, tags(ctx, name), createdAt));
  }

  private LiveResource read(KindContext ctx, String name, Map<String, String> tags, Instant createdAt) {
    var cors = S3Support.unlessAbsent("NoSuchCORSConfiguration", () -> s3(ctx).getBucketCors(b -> b.bucket(name)));
    var pab = S3Support.unlessAbsent("NoSuchPublicAccessBlockConfiguration",
        () -> s3(ctx).getPublicAccessBlock(b -> b.bucket(name)));
    var versioning = s3(ctx).getBucketVersioning(b -> b.bucket(name));
    return live(name, tags, cors == null ? null : cors.corsRules(),
        pab == null ? null : pab.publicAccessBlockConfiguration(), versioning.status(), createdAt);
  }

  /**
   * The SBForceDestroy tag shows as the {@code forceDestroy} property and is left out of {@code tags}
   * (the engine compares the tag set with the file's, which never holds it).
   */
  LiveResource live(String name, Map<String, String> allTags, List<CORSRule> cors, PublicAccessBlockConfiguration pab,
                    BucketVersioningStatus versioning, Instant createdAt) {
    Map<String, String> tags = new LinkedHashMap<>(allTags);
    boolean force = "true".equals(tags.remove(S3Support.FORCE_DESTROY_TAG));
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("bucketName", name);
    props.put("corsRules", BucketConfig.corsProps(cors));
    props.put("publicAccessBlock", BucketConfig.publicAccessProps(pab));
    props.put("versioning", versioning == BucketVersioningStatus.ENABLED);
    props.put("forceDestroy", force);
    props.put("tags", Tags.userTags(tags));
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("id", name);
    attrs.put("arn", "arn:aws:s3:::" + name);
    attrs.put("name", name);
    return new LiveResource(tags.get(Tags.SBID), type, tags.get(Tags.STACK), name,
        props, attrs, tags, List.of(), createdAt);
  }
}
