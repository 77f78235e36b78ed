package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeS3Test.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;

/** Objects of the simulated S3: versions, delete markers, listings, batch deletes, and what blocks DeleteBucket. */
class FakeS3ObjectsTest {
  @TempDir Path dir;
  private S3Client s3;

  @BeforeEach void setUp() {
    s3 = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none(), new FakeTicker(), () -> { throw new AssertionError(); }).s3();
    FakeS3Test.create(s3, "sb-a", "eu-central-1");
  }

  private PutObjectResponse put(String key, String body) {
    return s3.putObject(b -> b.bucket("sb-a").key(key), RequestBody.fromString(body));
  }

  private void versioning(BucketVersioningStatus status) {
    s3.putBucketVersioning(b -> b.bucket("sb-a").versioningConfiguration(v -> v.status(status)));
  }

  private DeleteObjectsResponse delete(ObjectIdentifier... ids) {
    return s3.deleteObjects(b -> b.bucket("sb-a").delete(d -> d.objects(ids)));
  }

  private static ObjectIdentifier id(String key, String versionId) {
    return ObjectIdentifier.builder().key(key).versionId(versionId).build();
  }

  @Test void anUnversionedBucketKeepsOneNullVersionPerKey() {
    PutObjectResponse r = put("a", "hello");
    assertThat(r.eTag()).isEqualTo("\"5d41402abc4b2a76b9719d911017c592\"");  // MD5 of the body
    assertThat(r.versionId()).isNull();
    put("a", "again");
    ListObjectVersionsResponse v = s3.listObjectVersions(b -> b.bucket("sb-a"));
    assertThat(v.versions()).singleElement().satisfies(x -> {
      assertThat(x.versionId()).isEqualTo("null");
      assertThat(x.isLatest()).isTrue();
      assertThat(x.size()).isEqualTo(5L);
    });

    DeleteObjectsResponse d = delete(id("a", null), id("never-there", null));
    assertThat(d.deleted()).extracting(DeletedObject::key).containsExactly("a", "never-there");
    assertThat(s3.listObjectsV2(b -> b.bucket("sb-a")).contents()).isEmpty();
    s3.deleteBucket(b -> b.bucket("sb-a"));
  }

  @Test void aVersionedBucketIsNotEmptyWhileVersionsOrDeleteMarkersRemain() {
    versioning(BucketVersioningStatus.ENABLED);
    String v1 = put("a", "1").versionId();
    String v2 = put("a", "2").versionId();
    assertThat(v1).isNotEqualTo(v2).isNotEqualTo("null");
    DeleteObjectsResponse d = delete(id("a", null));
    String marker = d.deleted().get(0).deleteMarkerVersionId();
    assertThat(d.deleted().get(0).deleteMarker()).isTrue();

    assertThat(s3.listObjectsV2(b -> b.bucket("sb-a")).contents()).isEmpty();  // the latest is a marker
    ListObjectVersionsResponse v = s3.listObjectVersions(b -> b.bucket("sb-a"));
    assertThat(v.versions()).extracting(ObjectVersion::versionId).containsExactly(v2, v1);
    assertThat(v.deleteMarkers()).singleElement().satisfies(m -> {
      assertThat(m.versionId()).isEqualTo(marker);
      assertThat(m.isLatest()).isTrue();
    });

    delete(id("a", v1), id("a", v2));
    assertS3Error("BucketNotEmpty", 409, () -> s3.deleteBucket(b -> b.bucket("sb-a")));
    DeleteObjectsResponse last = delete(id("a", marker));
    assertThat(last.deleted().get(0).deleteMarker()).isTrue();
    s3.deleteBucket(b -> b.bucket("sb-a"));
    assertS3Error("NoSuchBucket", 404, () -> s3.headBucket(b -> b.bucket("sb-a")));
  }

  @Test void aSuspendedBucketOverwritesOnlyTheNullVersion() {
    versioning(BucketVersioningStatus.ENABLED);
    String kept = put("a", "1").versionId();
    versioning(BucketVersioningStatus.SUSPENDED);
    assertThat(put("a", "2").versionId()).isEqualTo("null");
    put("a", "3");
    DeleteObjectsResponse d = delete(id("a", null));
    assertThat(d.deleted().get(0).deleteMarkerVersionId()).isEqualTo("null");
    ListObjectVersionsResponse v = s3.listObjectVersions(b -> b.bucket("sb-a"));
    assertThat(v.versions()).extracting(ObjectVersion::versionId).containsExactly(kept);
    assertThat(v.deleteMarkers()).extracting(DeleteMarkerEntry::versionId).containsExactly("null");
  }

  @Test void listingsPageAtMaxKeysAndThePaginatorsFollow() {
    versioning(BucketVersioningStatus.ENABLED);
    for (int i = 0; i < 5; i++) {
      put("k" + i, "a");
      put("k" + i, "b");
    }
    ListObjectVersionsResponse first = s3.listObjectVersions(b -> b.bucket("sb-a").maxKeys(3));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.versions()).extracting(ObjectVersion::key).containsExactly("k0", "k0", "k1");
    assertThat(first.nextKeyMarker()).isEqualTo("k1");

    List<String> all = new ArrayList<>();
    s3.listObjectVersionsPaginator(b -> b.bucket("sb-a").maxKeys(3)).versions().forEach(x -> all.add(x.key() + "/" + x.isLatest()));
    assertThat(all).hasSize(10).containsSubsequence("k0/true", "k0/false", "k4/true", "k4/false");

    List<String> keys = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket("sb-a").maxKeys(2).prefix("k")).contents().forEach(o -> keys.add(o.key()));
    assertThat(keys).containsExactly("k0", "k1", "k2", "k3", "k4");
    ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket("sb-a").maxKeys(2));
    assertThat(page.keyCount()).isEqualTo(2);
    assertThat(page.isTruncated()).isTrue();
  }

  @Test void deleteObjectsTakesOneToAThousandKeys() {
    assertS3Error("MalformedXML", 400, () -> s3.deleteObjects(b -> b.bucket("sb-a").delete(d -> d.objects(List.of()))));
    List<ObjectIdentifier> tooMany = new ArrayList<>();
    for (int i = 0; i <= 1000; i++) tooMany.add(id("k" + i, null));
    assertS3Error("MalformedXML", 400, () -> s3.deleteObjects(b -> b.bucket("sb-a").delete(d -> d.objects(tooMany))));
    put("a", "x");
    DeleteObjectsResponse quiet = s3.deleteObjects(b -> b.bucket("sb-a").delete(d -> d.objects(id("a", null)).quiet(true)));
    assertThat(quiet.deleted()).isEmpty();
    assertThat(quiet.errors()).isEmpty();
  }
}
