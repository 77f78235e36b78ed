package io.sorterbot.kinds.s3;

import static io.sorterbot.kinds.s3.S3TestSupport.STACK;
import static io.sorterbot.kinds.s3.S3TestSupport.desired;
import static io.sorterbot.kinds.s3.S3TestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Tags;
import io.sorterbot.plan.Differ;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * Every mutating S3 call's first answer lost (lost rate 1): CreateBucket sent again answers
 * BucketAlreadyOwnedByYou for our own bucket, which is adopted; another stack's bucket is refused.
 */
class LostAnswersTest {
  @TempDir Path dir;
  private final S3TestSupport.FakeTicker ticker = new S3TestSupport.FakeTicker();
  private final BucketKind buckets = new BucketKind();
  private SandboxClients plain;
  private KindContext ctx;

  @BeforeEach
  void open() {
    plain = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none(), ticker);
    SandboxClients lost = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none().withLostRate(1.0), ticker);
    ctx = new KindContext(STACK, lost, ticker, KindContext.Progress.NONE);
  }

  @Test
  void bucketIsMadeOnceUpdatedAndDeleted() {
    Desired d = desired("SBStatic", map("bucketName", "lost-static", "versioning", true,
        "corsRules", List.of(map("allowedMethods", List.of("GET"), "allowedOrigins", List.of("*")))));
    LiveResource made = buckets.create(ctx, d);
    assertThat(plain.s3().listBuckets().buckets()).singleElement().extracting(Bucket::name).isEqualTo(made.id());
    assertThat(Differ.diff(buckets, d.properties(), d.tags(), made, List.of())).isEmpty();

    Desired next = desired("SBStatic", map("bucketName", "lost-static", "versioning", false, "corsRules", List.of(),
        "forceDestroy", true, "tags", Map.of("Env", "x")));
    List<PropertyChange> changes = Differ.diff(buckets, next.properties(), next.tags(), made, List.of());
    LiveResource updated = buckets.update(ctx, made, next, changes);
    assertThat(Differ.diff(buckets, next.properties(), next.tags(), updated, List.of())).isEmpty();

    plain.s3().putObject(b -> b.bucket("lost-static").key("k"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
    buckets.delete(ctx, updated);
    assertThat(plain.s3().listBuckets().buckets()).isEmpty();
  }

  @Test
  void aBucketOfAnotherStackStillFailsTheCreate() {
    plain.s3().createBucket(b -> b.bucket("taken").createBucketConfiguration(c -> c.locationConstraint("eu-central-1")));
    plain.s3().putBucketTagging(b -> b.bucket("taken").tagging(t -> t.tagSet(S3Support.toTags(
        Map.of(Tags.SBID, "SBStatic", Tags.STACK, "otherstack")))));
    assertThatThrownBy(() -> buckets.create(ctx, desired("SBStatic", map("bucketName", "taken"))))
        .hasMessageContaining("not taking it over");
  }
}
