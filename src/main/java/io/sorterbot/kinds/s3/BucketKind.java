package io.sorterbot.kinds.s3;

import static io.sorterbot.kinds.s3.S3Support.consistent;
import static io.sorterbot.kinds.s3.S3Support.isTrue;
import static io.sorterbot.kinds.s3.S3Support.s3;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/**
 * {@code s3.bucket}: the bucket, its CORS rules, public access block, versioning and tags. The id is
 * the bucket name (a global natural key).
 *
 * <p>{@code forceDestroy} is not an S3 setting: it is kept on the bucket as the tag
 * {@value S3Support#FORCE_DESTROY_TAG}{@code =true}, written at create and on every update from the
 * file's value (absent = false), because a bucket pruned from the file or destroyed has no desired
 * state left to ask. It reads back as the {@code forceDestroy} property and is not part of {@code tags}.
 */
public final class BucketKind implements ResourceKind {
  private static final String US_EAST_1 = "us-east-1";
  /** Objects written while we empty (a busy bucket) make DeleteBucket fail again; a few rounds, then give up. */
  private static final int MAX_EMPTY_ROUNDS = 3;
  private static final Set<String> CONFIG = Set.of("corsRules", "publicAccessBlock", "versioning");

  private final BucketReader reader = new BucketReader(S3Schemas.BUCKET.type());

  @Override public KindSchema schema() { return S3Schemas.BUCKET; }

  @Override public List<LiveResource> discover(KindContext ctx) { return reader.discover(ctx); }

  /**
   * The tags go into CreateBucket itself (CreateBucketConfiguration.Tags, SDK 2.57.8 has it). They are
   * read back and put again with PutBucketTagging if missing: S3-compatible endpoints may ignore create
   * tags, and us-east-1 answers a repeated create of one's own bucket with 200 without applying them. A
   * crash between create and tagging leaves an untagged bucket that discovery does not see; the next
   * run plans a create again, which answers BucketAlreadyOwnedByYou: the name is a natural key, so the
   * bucket is adopted (tagged, configured) unless its tags say it belongs to another SBID or stack.
   */
  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    String name = d.string("bucketName");
    String region = ctx.clients().region();
    Map<String, String> tags = tagsFor(d);
    try {
      S3Support.unconflicted(ctx, () -> s3(ctx).createBucket(b -> b.bucket(name).createBucketConfiguration(c -> {
        if (!US_EAST_1.equals(region)) c.locationConstraint(region);
        c.tags(S3Support.toTags(tags));
      })));
    } catch (RuntimeException e) {
      if (!"BucketAlreadyOwnedByYou".equals(AwsErrors.code(e))) throw e;
      checkAdoptable(ctx, d, name, e);
    }
    Map<String, String> have = consistent(ctx, () -> BucketReader.tags(ctx, name));
    if (!have.equals(tags)) putTags(ctx, name, tags);
    LiveResource made = reader.readBack(ctx, name, null);
    Set<String> declared = d.properties().keySet().stream().filter(CONFIG::contains).collect(Collectors.toSet());
    return configure(ctx, made, d, declared) ? reader.readBack(ctx, name, null) : made;
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    configure(ctx, live, d, changes.stream().map(PropertyChange::property).collect(Collectors.toSet()));
    syncTags(ctx, live, d, changes.stream().anyMatch(c -> c.property().equals("tags")));
    return reader.readBack(ctx, live.id(), live.createdAt());
  }

  /**
   * DeleteBucket first (one call when the bucket is empty). BucketNotEmpty is only acted on when the
   * bucket's SBForceDestroy tag allows it; otherwise it fails with a message saying what to do.
   */
  @Override
  public void delete(KindContext ctx, LiveResource live) {
    String name = live.id();
    boolean force = isTrue(live.properties().get("forceDestroy"));
    for (int round = 0; ; round++) {
      try {
        S3Support.unconflicted(ctx, () -> s3(ctx).deleteBucket(b -> b.bucket(name)));
        return;
      } catch (RuntimeException e) {
        if (S3Support.isGone(e)) return;
        if (!"BucketNotEmpty".equals(AwsErrors.code(e))) throw e;
        if (!force) throw new BucketNotEmptyException(name, e);
        if (round == MAX_EMPTY_ROUNDS) throw e;
      }
      try {
        new BucketEmptier(ctx, live.sbid(), name).empty();
      } catch (RuntimeException e) {
        if (S3Support.isGone(e)) return;
        throw e;
      }
    }
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "corsRules" -> BucketConfig.normalizeCors(value);
      case "publicAccessBlock" -> BucketConfig.normalizePublicAccess(value);
      case "versioning", "forceDestroy" -> S3Support.bool(value);
      case "bucketName" -> value instanceof String s ? s.trim() : value;
      default -> value;
    };
  }

  /** Refuses to take over a bucket of ours that another SBID or stack claims (or that lives in another region). */
  private static void checkAdoptable(KindContext ctx, Desired d, String name, RuntimeException cause) {
    Map<String, String> tags;
    try {
      tags = consistent(ctx, () -> BucketReader.tags(ctx, name));
    } catch (RuntimeException e) {
      if (!"PermanentRedirect".equals(AwsErrors.code(e))) throw e;
      throw new IllegalStateException("bucket " + name + " already exists in this account in another region", cause);
    }
    String sbid = tags.get(Tags.SBID);
    String stack = tags.get(Tags.STACK);
    if ((sbid != null && !sbid.equals(d.sbid())) || (stack != null && !stack.equals(d.stack()))) {
      throw new IllegalStateException("bucket " + name + " already exists in this account, tagged SBID=" + sbid
          + " SBStack=" + stack + ": not taking it over", cause);
    }
  }

  /** Applies the declared configuration properties among {@code props} that differ from {@code live}. */
  private static boolean configure(KindContext ctx, LiveResource live, Desired d, Set<String> props) {
    String name = live.id();
    Map<String, Object> have = live.properties();
    boolean changed = false;
    if (props.contains("corsRules") && d.has("corsRules")
        && !Objects.equals(BucketConfig.normalizeCors(d.get("corsRules")), have.get("corsRules"))) {
      var rules = BucketConfig.corsRules(d.get("corsRules"));
      if (rules.isEmpty()) consistent(ctx, () -> s3(ctx).deleteBucketCors(b -> b.bucket(name)));
      else consistent(ctx, () -> s3(ctx).putBucketCors(b -> b.bucket(name).corsConfiguration(c -> c.corsRules(rules))));
      changed = true;
    }
    if (props.contains("publicAccessBlock") && d.has("publicAccessBlock")) {
      PublicAccessBlockConfiguration want = BucketConfig.merged(have.get("publicAccessBlock"), d.get("publicAccessBlock"));
      if (!BucketConfig.publicAccessProps(want).equals(have.get("publicAccessBlock"))) {
        if (want == null) consistent(ctx, () -> s3(ctx).deletePublicAccessBlock(b -> b.bucket(name)));
        else consistent(ctx, () -> s3(ctx).putPublicAccessBlock(b -> b.bucket(name).publicAccessBlockConfiguration(want)));
        changed = true;
      }
    }
    if (props.contains("versioning") && d.has("versioning")) {
      boolean want = isTrue(d.get("versioning"));
      if (want != isTrue(have.get("versioning"))) {
        // A bucket once versioned can only be suspended, never unversioned again.
        BucketVersioningStatus status = want ? BucketVersioningStatus.ENABLED : BucketVersioningStatus.SUSPENDED;
        consistent(ctx, () -> s3(ctx).putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(status))));
        changed = true;
      }
    }
    return changed;
  }

  /** The full tag set of a new bucket: the desired tags, plus the forceDestroy mark. */
  private static Map<String, String> tagsFor(Desired d) {
    Map<String, String> tags = new LinkedHashMap<>(d.tags());
    if (isTrue(d.get("forceDestroy"))) tags.put(S3Support.FORCE_DESTROY_TAG, "true");
    return tags;
  }

  /**
   * PutBucketTagging replaces the whole set, so the set is rebuilt: system tags (and the forceDestroy
   * mark) always follow the file, because retain and forceDestroy must hold even when nothing else
   * changed; user tags only when the {@code tags} property itself changed.
   */
  private static void syncTags(KindContext ctx, LiveResource live, Desired d, boolean userTagsChanged) {
    Map<String, String> want = new LinkedHashMap<>();
    if (userTagsChanged) {
      want.putAll(d.tags());
    } else {
      live.tags().forEach((k, v) -> { if (!Tags.isSystem(k)) want.put(k, v); });
      d.tags().forEach((k, v) -> { if (Tags.isSystem(k)) want.put(k, v); });
    }
    if (isTrue(d.get("forceDestroy"))) want.put(S3Support.FORCE_DESTROY_TAG, "true");
    Map<String, String> have = new LinkedHashMap<>(live.tags());
    have.keySet().removeIf(k -> k.startsWith("aws:"));  // AWS's own tags cannot be written by anyone
    if (isTrue(live.properties().get("forceDestroy"))) have.put(S3Support.FORCE_DESTROY_TAG, "true");
    if (!want.equals(have)) putTags(ctx, live.id(), want);
  }

  private static void putTags(KindContext ctx, String name, Map<String, String> tags) {
    consistent(ctx, () -> s3(ctx).putBucketTagging(b -> b.bucket(name).tagging(t -> t.tagSet(S3Support.toTags(tags)))));
  }
}
