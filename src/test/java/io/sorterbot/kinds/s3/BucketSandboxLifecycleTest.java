package io.sorterbot.kinds.s3;

import static io.sorterbot.kinds.s3.S3TestSupport.STACK;
import static io.sorterbot.kinds.s3.S3TestSupport.allBlocked;
import static io.sorterbot.kinds.s3.S3TestSupport.desired;
import static io.sorterbot.kinds.s3.S3TestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Tags;
import io.sorterbot.sandbox.FakeS3;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/** s3.bucket against the sandbox's simulated S3: create → discover → update each mutable property → delete. */
class BucketSandboxLifecycleTest {
  private static final Map<String, Object> GET_FROM_ANYWHERE =
      map("allowedMethods", List.of("GET"), "allowedOrigins", List.of("*"), "allowedHeaders", List.of("*"));

  @TempDir Path dir;
  private final S3TestSupport.FakeTicker ticker = new S3TestSupport.FakeTicker();
  private final S3TestSupport.Notices notices = new S3TestSupport.Notices();
  private final BucketKind buckets = new BucketKind();
  private SandboxClients clients;
  private KindContext ctx;

  @BeforeEach
  void open() { ctx = context("eu-central-1", SandboxKnobs.none()); }

  private KindContext context(String region, SandboxKnobs knobs) {
    clients = SandboxClients.open(dir, region, knobs, ticker);
    return new KindContext(STACK, clients, ticker, notices);
  }

  private S3Client s3() { return clients.s3(); }

  @Test
  void bucketLifecycle() {
    Desired d = desired("SBStatic", map("bucketName", "sb-static", "corsRules", List.of(GET_FROM_ANYWHERE),
        "publicAccessBlock", allBlocked(), "versioning", true, "tags", Map.of("Name", "static")));
    LiveResource live = roundTrip(d);
    assertThat(live.attributes()).containsEntry("id", "sb-static").containsEntry("name", "sb-static")
        .containsEntry("arn", "arn:aws:s3:::sb-static");
    assertThat(live.createdAt()).isNotNull();
    assertThat(live.refs()).isEmpty();
    assertThat(s3().getBucketLocation(b -> b.bucket("sb-static")).locationConstraintAsString()).isEqualTo("eu-central-1");

    live = update(live, desired("SBStatic", map("bucketName", "sb-static",
        "corsRules", List.of(map("allowedMethods", List.of("put", "GET"), "allowedOrigins", List.of("https://a.example")),
            GET_FROM_ANYWHERE),
        "publicAccessBlock", map("blockPublicAcls", true, "blockPublicPolicy", false),
        "versioning", false, "tags", Map.of("Env", "test"))));
    assertThat(live.properties().get("publicAccessBlock")).isEqualTo(map("blockPublicAcls", true,
        "ignorePublicAcls", true, "blockPublicPolicy", false, "restrictPublicBuckets", true));  // undeclared fields kept
    assertThat(s3().getBucketVersioning(b -> b.bucket("sb-static")).status()).isEqualTo(BucketVersioningStatus.SUSPENDED);

    live = update(live, desired("SBStatic", map("bucketName", "sb-static", "corsRules", List.of(),
        "publicAccessBlock", map("blockPublicAcls", false, "ignorePublicAcls", false, "blockPublicPolicy", false,
            "restrictPublicBuckets", false), "forceDestroy", true)));
    assertThat(live.properties()).containsEntry("forceDestroy", true);
    assertThat(live.tags()).doesNotContainKey(S3Support.FORCE_DESTROY_TAG);
    assertThat(s3().getBucketTagging(b -> b.bucket("sb-static")).tagSet())
        .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("SBForceDestroy=true"));

    buckets.delete(ctx, live);
    assertThat(find("SBStatic")).isNull();
    buckets.delete(ctx, live);  // already gone = success
  }

  @Test
  void aBucketWithObjectsIsNotDeletedWithoutForceDestroy() {
    LiveResource live = buckets.create(ctx, desired("SBImages", map("bucketName", "sb-images", "forceDestroy", false)));
    s3().putObject(b -> b.bucket("sb-images").key("a.jpg"), RequestBody.fromString("jpeg"));

    assertThatThrownBy(() -> buckets.delete(ctx, live)).isInstanceOf(BucketNotEmptyException.class)
        .hasMessage("bucket sb-images is not empty; set forceDestroy: true to let sorterbot empty it")
        .satisfies(e -> assertThat(AwsErrors.code(e.getCause())).isEqualTo("BucketNotEmpty"));
    assertThat(find("SBImages")).isNotNull();
    assertThat(s3().listObjectsV2(b -> b.bucket("sb-images")).contents()).hasSize(1);
  }

  @Test
  void aPrunedBucketIsEmptiedWhenItsTagSaysForceDestroy() {
    // every call takes 3 s on the fake clock, so emptying lasts long enough to report progress
    ctx = context("eu-central-1", SandboxKnobs.none().withLatency(Duration.ofSeconds(3)));
    buckets.create(ctx, desired("SBWeights", map("bucketName", "sb-weights", "versioning", true, "forceDestroy", true)));
    clients.account().mutate(() -> {  // one save for the whole fill, not one per object
      for (int i = 0; i < 1200; i++) {
        String key = "weights/" + i;
        s3().putObject(b -> b.bucket("sb-weights").key(key), RequestBody.fromString("v1"));
        if (i % 100 == 0) s3().putObject(b -> b.bucket("sb-weights").key(key), RequestBody.fromString("v2"));
        if (i % 200 == 0) s3().deleteObjects(b -> b.bucket("sb-weights").delete(x -> x.objects(o -> o.key(key))));
      }
      return null;
    });
    clients.callStats().reset();

    // the entry is gone from the file: all delete has is what discovery found
    LiveResource pruned = find("SBWeights");
    assertThat(pruned.properties()).containsEntry("forceDestroy", true);
    buckets.delete(ctx, pruned);

    assertThat(find("SBWeights")).isNull();
    // 1200 versions + 12 second versions + 6 delete markers: two batches of at most 1000
    assertThat(clients.callStats().count("s3", "DeleteObjects")).isEqualTo(2);
    assertThat(notices.activities).isNotEmpty().containsOnly("destroying");
  }

  @Test
  void anUntaggedBucketLeftByACrashIsAdoptedOnTheNextCreate() {
    s3().createBucket(b -> b.bucket("sb-images").createBucketConfiguration(c -> c.locationConstraint("eu-central-1")));
    assertThat(find("SBImages")).isNull();

    LiveResource live = buckets.create(ctx, desired("SBImages", map("bucketName", "sb-images",
        "publicAccessBlock", allBlocked(), "forceDestroy", false)));

    assertThat(live.tags()).containsEntry(Tags.SBID, "SBImages").containsEntry(Tags.STACK, STACK);
    assertThat(find("SBImages").id()).isEqualTo("sb-images");
  }

  @Test
  void aBucketOfAnotherStackIsNotTakenOver() {
    buckets.create(ctx, new Desired("SBImages", "s3.bucket", "other", map("bucketName", "sb-images"),
        map(Tags.SBID, "SBImages", Tags.STACK, "other")));
    assertThatThrownBy(() -> buckets.create(ctx, desired("SBImages", map("bucketName", "sb-images"))))
        .hasMessageContaining("sb-images already exists in this account, tagged SBID=SBImages SBStack=other");
    assertThat(find("SBImages").stackTag()).isEqualTo("other");
  }

  @Test
  void aNameTakenByAnotherAccountFailsWithTheAwsError() {
    ((FakeS3) s3()).markTakenByAnotherAccount("sb-taken");
    assertThatThrownBy(() -> buckets.create(ctx, desired("SBImages", map("bucketName", "sb-taken"))))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("BucketAlreadyExists"));
  }

  @Test
  void discoveryKeepsToTaggedBucketsOfItsRegion() {
    buckets.create(ctx, desired("SBImages", map("bucketName", "sb-images")));
    s3().createBucket(b -> b.bucket("someone-elses").createBucketConfiguration(c -> c.locationConstraint("eu-central-1")));
    KindContext virginia = context("us-east-1", SandboxKnobs.none());
    LiveResource east = buckets.create(virginia, desired("SBEast", map("bucketName", "sb-east")));
    assertThat(east.id()).isEqualTo("sb-east");
    assertThat(s3().getBucketLocation(b -> b.bucket("sb-east")).locationConstraintAsString()).isNull();

    assertThat(buckets.discover(virginia)).extracting(LiveResource::sbid).containsExactly("SBEast");
    assertThat(buckets.discover(context("eu-central-1", SandboxKnobs.none()))).extracting(LiveResource::sbid)
        .containsExactly("SBImages");
  }

  @Test
  void readBackWaitsOutTheConsistencyLag() {
    ctx = context("eu-central-1", SandboxKnobs.none().withConsistencyLag(Duration.ofSeconds(20)));
    LiveResource live = buckets.create(ctx, desired("SBImages", map("bucketName", "sb-images", "versioning", true)));
    assertThat(live.properties()).containsEntry("versioning", true);
    assertThat(ticker.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(20)).isLessThan(Duration.ofMinutes(2));
  }

  // ---------------------------------------------------------------------------------------------

  /** Creates, then checks that discovery finds it with every declared property as declared. */
  private LiveResource roundTrip(Desired d) {
    LiveResource created = buckets.create(ctx, d);
    assertMatches(d, created);
    LiveResource found = find(d.sbid());
    assertThat(found).isNotNull();
    assertThat(found.id()).isEqualTo(created.id());
    assertThat(found.stackTag()).isEqualTo(STACK);
    assertThat(found.properties()).isEqualTo(created.properties());
    assertMatches(d, found);
    return found;
  }

  /** Updates the properties that differ, then checks that discovery shows the new values. */
  private LiveResource update(LiveResource live, Desired d) {
    List<PropertyChange> changes = new ArrayList<>();
    for (var e : d.properties().entrySet()) {
      Object want = e.getKey().equals("tags") ? Tags.userTags(d.tags()) : e.getValue();
      if (!buckets.equivalent(e.getKey(), want, live.properties().get(e.getKey()))) {
        changes.add(new PropertyChange(e.getKey(), live.properties().get(e.getKey()), e.getValue(), false));
      }
    }
    if (!d.has("tags") && !Tags.userTags(d.tags()).equals(live.properties().get("tags"))) {
      changes.add(new PropertyChange("tags", live.properties().get("tags"), Tags.userTags(d.tags()), false));
    }
    assertThat(changes).isNotEmpty();
    LiveResource after = buckets.update(ctx, live, d, changes);
    assertMatches(d, after);
    LiveResource found = find(d.sbid());
    assertThat(found.properties()).isEqualTo(after.properties());
    assertThat(found.id()).isEqualTo(live.id());
    return found;
  }

  /** Declared properties read back as declared; nested objects on their declared fields only. */
  private void assertMatches(Desired d, LiveResource live) {
    d.properties().forEach((p, v) -> {
      if (p.equals("tags")) return;
      Object have = live.properties().get(p);
      Object want = buckets.normalize(p, v);
      if (want instanceof Map<?, ?> m && have instanceof Map<?, ?> h) {
        m.forEach((k, x) -> assertThat(h.get(k)).as(p + "." + k).isEqualTo(x));
      } else {
        assertThat(have).as(p).isEqualTo(want);
      }
    });
    assertThat(live.properties().get("tags")).isEqualTo(Tags.userTags(d.tags()));
    assertThat(live.tags()).containsEntry(Tags.SBID, d.sbid()).containsEntry(Tags.STACK, STACK);
    assertThat(live.attributes()).containsEntry("id", live.id());
  }

  private LiveResource find(String sbid) {
    List<LiveResource> found = buckets.discover(ctx).stream().filter(r -> sbid.equals(r.sbid())).toList();
    assertThat(found).hasSizeLessThanOrEqualTo(1);
    return found.isEmpty() ? null : found.get(0);
  }
}
