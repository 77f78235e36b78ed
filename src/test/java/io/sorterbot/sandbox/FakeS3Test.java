package io.sorterbot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sorterbot.aws.AwsErrors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;

/** Buckets of the simulated S3: names, regions, ownership, configurations, and their error codes and statuses. */
class FakeS3Test {
  @TempDir Path dir;
  private final FakeTicker ticker = new FakeTicker();
  private S3Client s3;

  @BeforeEach void setUp() { s3 = open("eu-central-1", SandboxKnobs.none()); }

  private S3Client open(String region, SandboxKnobs knobs) {
    return SandboxClients.open(dir, region, knobs, ticker, () -> { throw new AssertionError("no crash point"); }).s3();
  }

  /** Asserts an S3 error with this code and HTTP status; returns it. */
  static AwsServiceException assertS3Error(String code, int status, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected S3 error %s", code).isInstanceOf(S3Exception.class);
    assertThat(AwsErrors.code(t)).isEqualTo(code);
    assertThat(((AwsServiceException) t).statusCode()).isEqualTo(status);
    return (AwsServiceException) t;
  }

  static void create(S3Client s3, String name, String region) {
    s3.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> {
      if (!region.equals("us-east-1")) c.locationConstraint(region);
    }));
  }

  private void create(String name) { create(s3, name, "eu-central-1"); }

  /**
   * An explicit Deny in a bucket policy overrides any Allow, the account's own principals included (IAM policy
   * evaluation logic); tools that read every bucket's tags fail on such a bucket
   * (cloud-custodian/cloud-custodian#2463, JetBrains/teamcity-s3-artifact-storage-plugin#28).
   */
  @Test void anExplicitDenyInTheBucketPolicyRefusesGetBucketTaggingToTheAccountToo() {
    create("someone-elses");
    s3.putBucketTagging(b -> b.bucket("someone-elses").tagging(t -> t.tagSet(x -> x.key("Team").value("audit"))));
    s3.putBucketPolicy(b -> b.bucket("someone-elses").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
        + "\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:GetBucket*\",\"Resource\":\"arn:aws:s3:::someone-elses\"}]}"));
    assertThat(assertS3Error("AccessDenied", 403, () -> s3.getBucketTagging(b -> b.bucket("someone-elses"))).getMessage())
        .contains("explicit deny");
    assertS3Error("AccessDenied", 403, () -> s3.getBucketCors(b -> b.bucket("someone-elses")));
    assertS3Error("MalformedPolicy", 400, () -> s3.putBucketPolicy(b -> b.bucket("someone-elses").policy("deny all")));
    s3.deleteBucketPolicy(b -> b.bucket("someone-elses"));
    assertThat(s3.getBucketTagging(b -> b.bucket("someone-elses")).tagSet()).hasSize(1);
  }

  @Test void createNeedsTheEndpointsRegionAsLocationConstraint() {
    assertS3Error("IllegalLocationConstraintException", 400, () -> s3.createBucket(b -> b.bucket("sb-a")));
    assertS3Error("IllegalLocationConstraintException", 400, () -> create(s3, "sb-a", "eu-west-1"));
    S3Client east = open("us-east-1", SandboxKnobs.none());
    assertS3Error("InvalidLocationConstraint", 400,
        () -> east.createBucket(b -> b.bucket("sb-a").createBucketConfiguration(c -> c.locationConstraint("us-east-1"))));

    CreateBucketResponse r = s3.createBucket(b -> b.bucket("sb-a").createBucketConfiguration(c -> c.locationConstraint("eu-central-1")));
    assertThat(r.bucketArn()).isEqualTo("arn:aws:s3:::sb-a");
    assertThat(s3.getBucketLocation(b -> b.bucket("sb-a")).locationConstraintAsString()).isEqualTo("eu-central-1");
    create(east, "sb-east", "us-east-1");
    assertThat(s3.getBucketLocation(b -> b.bucket("sb-east")).locationConstraintAsString()).isNull();
  }

  @Test void bucketNamesFollowTheGeneralPurposeRules() {
    for (String bad : List.of("ab", "Upper-case", "under_score", "-leading", "trailing-", "two..dots", "192.168.1.1",
        "xn--punycode", "sthree-x", "name-s3alias", "x".repeat(64))) {
      assertS3Error("InvalidBucketName", 400, () -> create(bad));
    }
    create("a.b-c");
    create("x".repeat(63));
  }

  @Test void createOfAnExistingNameDependsOnWhoOwnsIt() {
    create("sb-a");
    assertThat(catchThrowable(() -> create("sb-a"))).isInstanceOf(BucketAlreadyOwnedByYouException.class);
    assertS3Error("BucketAlreadyOwnedByYou", 409, () -> create("sb-a"));
    // from another region's endpoint too: names are global
    S3Client west = open("eu-west-1", SandboxKnobs.none());
    assertS3Error("BucketAlreadyOwnedByYou", 409, () -> create(west, "sb-a", "eu-west-1"));

    ((FakeS3) s3).markTakenByAnotherAccount("sb-taken");
    assertThat(catchThrowable(() -> create("sb-taken"))).isInstanceOf(BucketAlreadyExistsException.class);
    assertS3Error("BucketAlreadyExists", 409, () -> create("sb-taken"));
    assertS3Error("AccessDenied", 403, () -> s3.headBucket(b -> b.bucket("sb-taken")));
    assertS3Error("AccessDenied", 403, () -> s3.deleteBucket(b -> b.bucket("sb-taken")));

    // us-east-1 keeps its legacy answer for its own buckets: 200, nothing applied
    S3Client east = open("us-east-1", SandboxKnobs.none());
    create(east, "sb-east", "us-east-1");
    east.createBucket(b -> b.bucket("sb-east").createBucketConfiguration(c -> c.tags(t -> t.key("k").value("v"))));
    assertS3Error("NoSuchTagSet", 404, () -> east.getBucketTagging(b -> b.bucket("sb-east")));
  }

  @Test void listBucketsFiltersByRegionAndPrefixAndPages() {
    for (String n : List.of("sb-c", "sb-a", "other", "sb-b")) create(n);
    S3Client east = open("us-east-1", SandboxKnobs.none());
    create(east, "sb-east", "us-east-1");

    ListBucketsResponse all = s3.listBuckets();
    assertThat(all.buckets()).extracting(Bucket::name).containsExactly("other", "sb-a", "sb-b", "sb-c", "sb-east");
    assertThat(all.buckets()).extracting(Bucket::bucketRegion)
        .containsExactly("eu-central-1", "eu-central-1", "eu-central-1", "eu-central-1", "us-east-1");
    assertThat(all.buckets().get(0).creationDate()).isEqualTo(ticker.now());
    assertThat(all.continuationToken()).isNull();
    assertThat(s3.listBuckets(b -> b.bucketRegion("us-east-1")).buckets()).extracting(Bucket::name).containsExactly("sb-east");

    List<String> paged = new ArrayList<>();
    int[] pages = {0};
    s3.listBucketsPaginator(b -> b.prefix("sb-").bucketRegion("eu-central-1").maxBuckets(2)).forEach(p -> {
      pages[0]++;
      p.buckets().forEach(x -> paged.add(x.name()));
    });
    assertThat(paged).containsExactly("sb-a", "sb-b", "sb-c");
    assertThat(pages[0]).isEqualTo(2);
    assertS3Error("InvalidArgument", 400, () -> s3.listBuckets(b -> b.maxBuckets(0)));
  }

  @Test void aBucketOfAnotherRegionRedirects() {
    S3Client east = open("us-east-1", SandboxKnobs.none());
    create(east, "sb-east", "us-east-1");
    assertThat(east.headBucket(b -> b.bucket("sb-east")).bucketRegion()).isEqualTo("us-east-1");
    assertS3Error("PermanentRedirect", 301, () -> s3.headBucket(b -> b.bucket("sb-east")));
    assertS3Error("PermanentRedirect", 301, () -> s3.getBucketTagging(b -> b.bucket("sb-east")));
    assertS3Error("PermanentRedirect", 301, () -> s3.deleteBucket(b -> b.bucket("sb-east")));
  }

  @Test void aMissingBucketIsNoSuchBucket() {
    assertThat(catchThrowable(() -> s3.headBucket(b -> b.bucket("nope")))).isInstanceOf(NoSuchBucketException.class);
    assertS3Error("NoSuchBucket", 404, () -> s3.deleteBucket(b -> b.bucket("nope")));
    assertS3Error("NoSuchBucket", 404, () -> s3.getBucketLocation(b -> b.bucket("nope")));
    assertS3Error("NoSuchBucket", 404, () -> s3.putBucketTagging(b -> b.bucket("nope").tagging(t -> t.tagSet(List.of()))));
    assertS3Error("NoSuchBucket", 404, () -> s3.listObjectVersions(b -> b.bucket("nope")));
  }

  @Test void tagsAreOneSetReplacedAsAWhole() {
    s3.createBucket(b -> b.bucket("sb-a").createBucketConfiguration(c -> c.locationConstraint("eu-central-1")
        .tags(Tag.builder().key("SBID").value("SBA").build(), Tag.builder().key("Name").value("a").build())));
    assertThat(s3.getBucketTagging(b -> b.bucket("sb-a")).tagSet()).extracting(Tag::key).containsExactly("SBID", "Name");

    s3.putBucketTagging(b -> b.bucket("sb-a").tagging(t -> t.tagSet(Tag.builder().key("Env").value("x").build())));
    assertThat(s3.getBucketTagging(b -> b.bucket("sb-a")).tagSet()).extracting(Tag::key).containsExactly("Env");

    s3.deleteBucketTagging(b -> b.bucket("sb-a"));
    assertS3Error("NoSuchTagSet", 404, () -> s3.getBucketTagging(b -> b.bucket("sb-a")));

    assertS3Error("InvalidTag", 400, () -> s3.putBucketTagging(b -> b.bucket("sb-a").tagging(t -> t.tagSet(
        Tag.builder().key("k").value("1").build(), Tag.builder().key("k").value("2").build()))));
    assertS3Error("InvalidTag", 400, () -> s3.putBucketTagging(b -> b.bucket("sb-a").tagging(t -> t.tagSet(
        Tag.builder().key("aws:cloudformation:stack-name").value("x").build()))));
    List<Tag> many = new ArrayList<>();
    for (int i = 0; i < 51; i++) many.add(Tag.builder().key("k" + i).value("v").build());
    assertS3Error("InvalidTag", 400, () -> s3.putBucketTagging(b -> b.bucket("sb-a").tagging(t -> t.tagSet(many))));
    assertS3Error("NoSuchTagSet", 404, () -> s3.getBucketTagging(b -> b.bucket("sb-a")));  // a failed call changes nothing
  }

  @Test void corsRules() {
    create("sb-a");
    assertS3Error("NoSuchCORSConfiguration", 404, () -> s3.getBucketCors(b -> b.bucket("sb-a")));

    s3.putBucketCors(b -> b.bucket("sb-a").corsConfiguration(c -> c.corsRules(
        CORSRule.builder().allowedMethods("GET", "HEAD").allowedOrigins("*").allowedHeaders("*").maxAgeSeconds(3000).build(),
        CORSRule.builder().allowedMethods("PUT").allowedOrigins("https://*.example.com").exposeHeaders("ETag").build())));
    List<CORSRule> rules = s3.getBucketCors(b -> b.bucket("sb-a")).corsRules();
    assertThat(rules).hasSize(2);
    assertThat(rules.get(0).allowedMethods()).containsExactly("GET", "HEAD");
    assertThat(rules.get(0).maxAgeSeconds()).isEqualTo(3000);
    assertThat(rules.get(1).exposeHeaders()).containsExactly("ETag");

    assertS3Error("InvalidRequest", 400, () -> s3.putBucketCors(b -> b.bucket("sb-a").corsConfiguration(c -> c.corsRules(
        CORSRule.builder().allowedMethods("PATCH").allowedOrigins("*").build()))));
    assertS3Error("InvalidRequest", 400, () -> s3.putBucketCors(b -> b.bucket("sb-a").corsConfiguration(c -> c.corsRules(
        CORSRule.builder().allowedMethods("GET").allowedOrigins("https://*.*.example.com").build()))));
    assertS3Error("MalformedXML", 400, () -> s3.putBucketCors(b -> b.bucket("sb-a").corsConfiguration(c -> c.corsRules(
        CORSRule.builder().allowedMethods("GET").build()))));
    assertS3Error("MalformedXML", 400, () -> s3.putBucketCors(b -> b.bucket("sb-a").corsConfiguration(c -> c.corsRules(List.of()))));

    s3.deleteBucketCors(b -> b.bucket("sb-a"));
    s3.deleteBucketCors(b -> b.bucket("sb-a"));
    assertS3Error("NoSuchCORSConfiguration", 404, () -> s3.getBucketCors(b -> b.bucket("sb-a")));
  }

  @Test void publicAccessBlockIsOnForNewBucketsAndReplacedAsAWhole() {
    create("sb-a");
    PublicAccessBlockConfiguration p = s3.getPublicAccessBlock(b -> b.bucket("sb-a")).publicAccessBlockConfiguration();
    assertThat(List.of(p.blockPublicAcls(), p.ignorePublicAcls(), p.blockPublicPolicy(), p.restrictPublicBuckets()))
        .containsOnly(true);

    s3.putPublicAccessBlock(b -> b.bucket("sb-a").publicAccessBlockConfiguration(c -> c.blockPublicPolicy(true)));
    p = s3.getPublicAccessBlock(b -> b.bucket("sb-a")).publicAccessBlockConfiguration();
    assertThat(List.of(p.blockPublicAcls(), p.ignorePublicAcls(), p.blockPublicPolicy(), p.restrictPublicBuckets()))
        .containsExactly(false, false, true, false);

    s3.deletePublicAccessBlock(b -> b.bucket("sb-a"));
    assertS3Error("NoSuchPublicAccessBlockConfiguration", 404, () -> s3.getPublicAccessBlock(b -> b.bucket("sb-a")));
  }

  @Test void versioningCanBeEnabledAndSuspendedButNotRemoved() {
    create("sb-a");
    assertThat(s3.getBucketVersioning(b -> b.bucket("sb-a")).status()).isNull();
    s3.putBucketVersioning(b -> b.bucket("sb-a").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    assertThat(s3.getBucketVersioning(b -> b.bucket("sb-a")).status()).isEqualTo(BucketVersioningStatus.ENABLED);
    s3.putBucketVersioning(b -> b.bucket("sb-a").versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
    assertThat(s3.getBucketVersioning(b -> b.bucket("sb-a")).status()).isEqualTo(BucketVersioningStatus.SUSPENDED);
    assertS3Error("MalformedXML", 400, () -> s3.putBucketVersioning(b -> b.bucket("sb-a").versioningConfiguration(v -> {})));
  }

  @Test void stateIsGlobalPersistedAndSeenByANewProcess() {
    create("sb-a");
    s3.putBucketTagging(b -> b.bucket("sb-a").tagging(t -> t.tagSet(Tag.builder().key("SBID").value("SBA").build())));
    S3Client reopened = open("eu-central-1", SandboxKnobs.none());
    assertThat(reopened.getBucketTagging(b -> b.bucket("sb-a")).tagSet()).extracting(Tag::value).containsExactly("SBA");
    assertThat(SandboxAccount.open(dir, "eu-central-1", ticker).toJson()).contains("\"global\"").contains("\"sb-a\"");
  }

  @Test void listingsAndReadsLagBehindACreate() {
    S3Client lagging = open("eu-central-1", SandboxKnobs.none().withConsistencyLag(Duration.ofSeconds(5)));
    create(lagging, "sb-a", "eu-central-1");
    assertThat(lagging.listBuckets().buckets()).isEmpty();
    assertS3Error("NoSuchBucket", 404, () -> lagging.getBucketTagging(b -> b.bucket("sb-a")));
    lagging.putBucketTagging(b -> b.bucket("sb-a").tagging(t -> t.tagSet(Tag.builder().key("k").value("v").build())));
    ticker.advance(Duration.ofSeconds(5));
    assertThat(lagging.listBuckets().buckets()).extracting(Bucket::name).containsExactly("sb-a");
    assertThat(lagging.getBucketTagging(b -> b.bucket("sb-a")).tagSet()).hasSize(1);
  }

  /** What the gate throws (and the SDK retry strategy retries) when it injects throttling into an S3 call. */
  @Test void throttlingIsSlowDownWith503() {
    AwsServiceException e = FakeS3Support.ERRORS.throttling();
    assertS3Error("SlowDown", 503, () -> { throw e; });
    assertThat(e.isThrottlingException()).isTrue();
  }
}
