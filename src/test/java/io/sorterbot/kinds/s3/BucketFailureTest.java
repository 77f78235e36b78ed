package io.sorterbot.kinds.s3;

import static io.sorterbot.kinds.s3.S3TestSupport.STACK;
import static io.sorterbot.kinds.s3.S3TestSupport.ctx;
import static io.sorterbot.kinds.s3.S3TestSupport.desired;
import static io.sorterbot.kinds.s3.S3TestSupport.error;
import static io.sorterbot.kinds.s3.S3TestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;

class BucketFailureTest {
  private final S3Client s3 = S3TestSupport.mockS3();
  private final S3TestSupport.FakeTicker ticker = new S3TestSupport.FakeTicker();
  private final S3TestSupport.Notices notices = new S3TestSupport.Notices();
  private final KindContext ctx = ctx(s3, "eu-central-1", ticker, notices);
  private final BucketKind kind = new BucketKind();

  private static List<Tag> tags(String sbid, String... more) {
    List<Tag> out = new ArrayList<>(List.of(Tag.builder().key(Tags.SBID).value(sbid).build(),
        Tag.builder().key(Tags.STACK).value(STACK).build(), Tag.builder().key("Project").value("SorterBot").build()));
    for (int i = 0; i < more.length; i += 2) out.add(Tag.builder().key(more[i]).value(more[i + 1]).build());
    return out;
  }

  /** A bucket with no CORS, no public access block and versioning never enabled. */
  private void plainConfig() {
    doThrow(error(404, "NoSuchCORSConfiguration")).when(s3).getBucketCors(any(GetBucketCorsRequest.class));
    doThrow(error(404, "NoSuchPublicAccessBlockConfiguration")).when(s3).getPublicAccessBlock(any(GetPublicAccessBlockRequest.class));
    doReturn(GetBucketVersioningResponse.builder().build()).when(s3).getBucketVersioning(any(GetBucketVersioningRequest.class));
  }

  private LiveResource live(String name, boolean forceDestroy) {
    return new LiveResource("SBImages", "s3.bucket", STACK, name, map("bucketName", name, "forceDestroy", forceDestroy),
        map("id", name), map(Tags.SBID, "SBImages", Tags.STACK, STACK), List.of(), null);
  }

  @Test
  void tagsGoIntoTheCreateCallWithTheRegionAndTheForceDestroyMark() {
    doReturn(CreateBucketResponse.builder().build()).when(s3).createBucket(any(CreateBucketRequest.class));
    doReturn(GetBucketTaggingResponse.builder().tagSet(tags("SBImages", "SBForceDestroy", "true")).build())
        .when(s3).getBucketTagging(any(GetBucketTaggingRequest.class));
    plainConfig();

    LiveResource live = kind.create(ctx, desired("SBImages", map("bucketName", "sb-images", "forceDestroy", true)));

    ArgumentCaptor<CreateBucketRequest> create = ArgumentCaptor.forClass(CreateBucketRequest.class);
    verify(s3).createBucket(create.capture());
    CreateBucketConfiguration c = create.getValue().createBucketConfiguration();
    assertThat(c.locationConstraintAsString()).isEqualTo("eu-central-1");
    assertThat(c.tags()).extracting(Tag::key).containsExactlyInAnyOrder("Project", Tags.SBID, Tags.STACK, "SBForceDestroy");
    verify(s3, never()).putBucketTagging(any(PutBucketTaggingRequest.class));
    assertThat(live.properties()).containsEntry("forceDestroy", true).containsEntry("corsRules", List.of())
        .containsEntry("versioning", false);
    assertThat(live.tags()).doesNotContainKey("SBForceDestroy");
    assertThat(live.attributes()).containsEntry("arn", "arn:aws:s3:::sb-images");
  }

  @Test
  void usEast1GetsNoLocationConstraint() {
    doReturn(CreateBucketResponse.builder().build()).when(s3).createBucket(any(CreateBucketRequest.class));
    doReturn(GetBucketTaggingResponse.builder().tagSet(tags("SBImages")).build())
        .when(s3).getBucketTagging(any(GetBucketTaggingRequest.class));
    plainConfig();

    kind.create(ctx(s3, "us-east-1", ticker, notices), desired("SBImages", map("bucketName", "sb-images")));

    ArgumentCaptor<CreateBucketRequest> create = ArgumentCaptor.forClass(CreateBucketRequest.class);
    verify(s3).createBucket(create.capture());
    assertThat(create.getValue().createBucketConfiguration().locationConstraintAsString()).isNull();
  }

  @Test
  void createTagsIgnoredByTheEndpointArePutRightAfter() {
    doReturn(CreateBucketResponse.builder().build()).when(s3).createBucket(any(CreateBucketRequest.class));
    doThrow(error(404, "NoSuchTagSet"))
        .doReturn(GetBucketTaggingResponse.builder().tagSet(tags("SBImages")).build())
        .when(s3).getBucketTagging(any(GetBucketTaggingRequest.class));
    doReturn(PutBucketTaggingResponse.builder().build()).when(s3).putBucketTagging(any(PutBucketTaggingRequest.class));
    plainConfig();

    LiveResource live = kind.create(ctx, desired("SBImages", map("bucketName", "sb-images")));

    ArgumentCaptor<PutBucketTaggingRequest> put = ArgumentCaptor.forClass(PutBucketTaggingRequest.class);
    verify(s3).putBucketTagging(put.capture());
    assertThat(put.getValue().tagging().tagSet()).extracting(Tag::key).containsExactlyInAnyOrder("Project", Tags.SBID, Tags.STACK);
    assertThat(live.sbid()).isEqualTo("SBImages");
  }

  @Test
  void noSuchBucketRightAfterCreateIsRetriedThenSucceeds() {
    doReturn(CreateBucketResponse.builder().build()).when(s3).createBucket(any(CreateBucketRequest.class));
    doThrow(error(404, "NoSuchBucket")).doThrow(error(404, "NoSuchBucket"))
        .doReturn(GetBucketTaggingResponse.builder().tagSet(tags("SBImages")).build())
        .when(s3).getBucketTagging(any(GetBucketTaggingRequest.class));
    plainConfig();

    LiveResource live = kind.create(ctx, desired("SBImages", map("bucketName", "sb-images")));

    assertThat(live.id()).isEqualTo("sb-images");
    assertThat(ticker.slept()).isPositive().isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void aConflictingOperationPastTheBudgetSurfacesTheAwsError() {
    doThrow(error(409, "OperationAborted")).when(s3).putBucketCors(any(PutBucketCorsRequest.class));
    LiveResource live = new BucketReader("s3.bucket").live("sb-static", Map.of(Tags.SBID, "SBStatic", Tags.STACK, STACK),
        null, null, null, Instant.EPOCH);
    var d = desired("SBStatic", map("bucketName", "sb-static",
        "corsRules", List.of(map("allowedMethods", List.of("GET"), "allowedOrigins", List.of("*")))));

    assertThatThrownBy(() -> kind.update(ctx, live, d, List.of(new PropertyChange("corsRules", List.of(),
        d.get("corsRules"), false))))
        .isInstanceOf(S3Exception.class).satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("OperationAborted"));
    assertThat(ticker.slept()).isGreaterThan(Duration.ofMinutes(1)).isLessThanOrEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void otherCreateErrorsAreNotRetriedNorSwallowed() {
    doThrow(error(400, "InvalidBucketName")).when(s3).createBucket(any(CreateBucketRequest.class));
    assertThatThrownBy(() -> kind.create(ctx, desired("SBImages", map("bucketName", "Bad_Name"))))
        .isInstanceOf(S3Exception.class).satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("InvalidBucketName"));
    assertThat(ticker.slept()).isZero();
  }

  @Test
  void deleteRetriesAConflictingOperationThenSucceeds() {
    doThrow(error(409, "OperationAborted")).doThrow(error(409, "OperationAborted"))
        .doReturn(DeleteBucketResponse.builder().build()).when(s3).deleteBucket(any(DeleteBucketRequest.class));
    kind.delete(ctx, live("sb-images", false));
    verify(s3, times(3)).deleteBucket(any(DeleteBucketRequest.class));
  }

  @Test
  void noSuchBucketOnDeleteMeansAlreadyGone() {
    doThrow(error(404, "NoSuchBucket")).when(s3).deleteBucket(any(DeleteBucketRequest.class));
    kind.delete(ctx, live("sb-images", false));
    assertThat(ticker.slept()).isZero();
  }

  @Test
  void aBucketThatKeepsFillingUpFailsWithTheAwsErrorAfterAFewRounds() {
    doThrow(error(409, "BucketNotEmpty")).when(s3).deleteBucket(any(DeleteBucketRequest.class));
    doReturn(ListObjectVersionsResponse.builder().isTruncated(false)
        .versions(ObjectVersion.builder().key("k").versionId("v1").build())
        .deleteMarkers(DeleteMarkerEntry.builder().key("k").versionId("m1").build()).build())
        .when(s3).listObjectVersions(any(ListObjectVersionsRequest.class));
    doReturn(DeleteObjectsResponse.builder().build()).when(s3).deleteObjects(any(DeleteObjectsRequest.class));

    assertThatThrownBy(() -> kind.delete(ctx, live("sb-images", true)))
        .isInstanceOf(S3Exception.class).satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("BucketNotEmpty"));

    ArgumentCaptor<DeleteObjectsRequest> del = ArgumentCaptor.forClass(DeleteObjectsRequest.class);
    verify(s3, times(3)).deleteObjects(del.capture());
    assertThat(del.getValue().delete().objects()).extracting(ObjectIdentifier::versionId).containsExactly("v1", "m1");
    verify(s3, times(4)).deleteBucket(any(DeleteBucketRequest.class));
  }

  @Test
  void objectsThatCannotBeDeletedFailTheDeleteWithTheirError() {
    doThrow(error(409, "BucketNotEmpty")).when(s3).deleteBucket(any(DeleteBucketRequest.class));
    doReturn(ListObjectVersionsResponse.builder().isTruncated(false)
        .versions(ObjectVersion.builder().key("locked").versionId("v1").build()).build())
        .when(s3).listObjectVersions(any(ListObjectVersionsRequest.class));
    doReturn(DeleteObjectsResponse.builder().errors(S3Error.builder().key("locked").code("AccessDenied")
        .message("Access Denied because object protected by object lock.").build()).build())
        .when(s3).deleteObjects(any(DeleteObjectsRequest.class));

    assertThatThrownBy(() -> kind.delete(ctx, live("sb-images", true)))
        .hasMessageContaining("emptying bucket sb-images").hasMessageContaining("locked (AccessDenied");
  }

  @Test
  void discoveryReadsTagsPerBucketAndSkipsUntaggedVanishedAndForeignRegionBuckets() {
    Instant created = Instant.parse("2024-05-01T00:00:00Z");
    doReturn(ListBucketsResponse.builder().buckets(
            Bucket.builder().name("ours").creationDate(created).bucketRegion("eu-central-1").build(),
            Bucket.builder().name("untagged").bucketRegion("eu-central-1").build(),
            Bucket.builder().name("vanished").bucketRegion("eu-central-1").build(),
            Bucket.builder().name("elsewhere").bucketRegion("us-west-2").build()).build())
        .when(s3).listBuckets(any(ListBucketsRequest.class));
    doReturn(GetBucketTaggingResponse.builder().tagSet(tags("SBImages", "Name", "images")).build())
        .when(s3).getBucketTagging(GetBucketTaggingRequest.builder().bucket("ours").build());
    doThrow(error(404, "NoSuchTagSet")).when(s3).getBucketTagging(GetBucketTaggingRequest.builder().bucket("untagged").build());
    doThrow(error(404, "NoSuchBucket")).when(s3).getBucketTagging(GetBucketTaggingRequest.builder().bucket("vanished").build());
    doReturn(GetBucketCorsResponse.builder().corsRules(CORSRule.builder().allowedMethods("get").allowedOrigins("*")
        .maxAgeSeconds(3000).build()).build()).when(s3).getBucketCors(any(GetBucketCorsRequest.class));
    doReturn(GetPublicAccessBlockResponse.builder().publicAccessBlockConfiguration(p -> p.blockPublicAcls(true)).build())
        .when(s3).getPublicAccessBlock(any(GetPublicAccessBlockRequest.class));
    doReturn(GetBucketVersioningResponse.builder().status(BucketVersioningStatus.ENABLED).build())
        .when(s3).getBucketVersioning(any(GetBucketVersioningRequest.class));

    List<LiveResource> found = kind.discover(ctx);

    assertThat(found).singleElement().satisfies(b -> {
      assertThat(b.id()).isEqualTo("ours");
      assertThat(b.createdAt()).isEqualTo(created);
      assertThat(b.properties()).containsEntry("versioning", true)
          .containsEntry("corsRules", List.of(map("allowedMethods", List.of("GET"), "allowedOrigins", List.of("*"),
              "maxAgeSeconds", 3000L)))
          .containsEntry("publicAccessBlock", map("blockPublicAcls", true, "ignorePublicAcls", false,
              "blockPublicPolicy", false, "restrictPublicBuckets", false))
          .containsEntry("tags", Map.of("Name", "images", "Project", "SorterBot"));
    });
    ArgumentCaptor<ListBucketsRequest> list = ArgumentCaptor.forClass(ListBucketsRequest.class);
    verify(s3).listBuckets(list.capture());
    assertThat(list.getValue().bucketRegion()).isEqualTo("eu-central-1");
    verify(s3, never()).getBucketTagging(GetBucketTaggingRequest.builder().bucket("elsewhere").build());
    verify(s3, times(1)).getBucketCors(any(GetBucketCorsRequest.class));
  }

  @Test
  void normalizeMakesEquivalentCorsRulesAndFlagsEqual() {
    Object a = kind.normalize("corsRules", List.of(map("allowedOrigins", List.of("https://b", "https://a"),
        "allowedMethods", List.of("get", "PUT"), "maxAgeSeconds", 60, "exposeHeaders", List.of())));
    Object b = kind.normalize("corsRules", List.of(map("allowedMethods", List.of("PUT", "GET"),
        "allowedOrigins", List.of("https://a", "https://b"), "maxAgeSeconds", "60")));
    assertThat(a).isEqualTo(b);
    assertThat(kind.equivalent("versioning", "true", true)).isTrue();
    assertThat(kind.equivalent("publicAccessBlock", map("blockPublicAcls", "true"), map("blockPublicAcls", true))).isTrue();
    assertThat(kind.equivalent("corsRules", List.of(map("allowedMethods", List.of("GET"), "allowedOrigins", List.of("*"))),
        List.of(map("allowedMethods", List.of("PUT"), "allowedOrigins", List.of("*"))))).isFalse();
  }
}
