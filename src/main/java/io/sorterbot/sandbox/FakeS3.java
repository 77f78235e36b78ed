package io.sorterbot.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;

/**
 * A stateful fake of {@link S3Client} over a {@link SandboxAccount}: buckets (in the global namespace, each
 * with its region), their tags, CORS rules, public access block and versioning, and enough of objects
 * (put, list, list versions, batch delete) to fill and empty a bucket, with S3's error codes and HTTP
 * statuses. Every call goes through the {@link SandboxGate}. Any other {@code S3Client} method keeps the
 * interface's default and throws {@link UnsupportedOperationException}; SDK paginators work.
 *
 * <p>Buckets live in {@link FakeS3Buckets}, their configurations in {@link FakeS3BucketConfig}, objects in
 * {@link FakeS3Objects}. The client's region is the account's: CreateBucket needs the matching
 * LocationConstraint (none for us-east-1), and a bucket of another region answers
 * {@code PermanentRedirect} (301), as the SDK sees it without cross-region access.
 */
public final class FakeS3 implements S3Client {
  private final SandboxGate gate;
  private final FakeS3Support support;
  private final FakeS3Buckets buckets;
  private final FakeS3BucketConfig config;
  private final FakeS3Objects objects;
  private final FakeS3Policies policies;

  public FakeS3(SandboxGate gate) {
    this.gate = gate;
    this.support = new FakeS3Support(gate);
    this.buckets = new FakeS3Buckets(support);
    this.policies = new FakeS3Policies(support);
    this.config = new FakeS3BucketConfig(support, policies);
    this.objects = new FakeS3Objects(support);
  }

  @Override public String serviceName() { return SERVICE_NAME; }

  @Override public void close() {}

  /** Test setup: {@code name} belongs to another AWS account, so creating it answers BucketAlreadyExists. */
  public void markTakenByAnotherAccount(String name) {
    gate.account().mutate(() -> support.state().foreignBuckets.add(name));
  }

  private <T> T mutate(String action, Supplier<T> op) { return gate.call(FakeS3Support.ERRORS, action, true, op); }

  private <T> T read(String action, Supplier<T> op) { return gate.call(FakeS3Support.ERRORS, action, false, op); }

  // ---- buckets ----

  @Override public CreateBucketResponse createBucket(CreateBucketRequest r) { return mutate("CreateBucket", () -> buckets.create(r)); }

  @Override public ListBucketsResponse listBuckets(ListBucketsRequest r) { return read("ListBuckets", () -> buckets.list(r)); }

  @Override public ListBucketsResponse listBuckets() { return listBuckets(ListBucketsRequest.builder().build()); }

  @Override public HeadBucketResponse headBucket(HeadBucketRequest r) { return read("HeadBucket", () -> buckets.head(r)); }

  @Override public GetBucketLocationResponse getBucketLocation(GetBucketLocationRequest r) {
    return read("GetBucketLocation", () -> buckets.location(r));
  }

  @Override public DeleteBucketResponse deleteBucket(DeleteBucketRequest r) { return mutate("DeleteBucket", () -> buckets.delete(r)); }

  // ---- tagging ----

  @Override public GetBucketTaggingResponse getBucketTagging(GetBucketTaggingRequest r) {
    return read("GetBucketTagging", () -> config.getTags(r));
  }

  @Override public PutBucketTaggingResponse putBucketTagging(PutBucketTaggingRequest r) {
    return mutate("PutBucketTagging", () -> config.putTags(r));
  }

  @Override public DeleteBucketTaggingResponse deleteBucketTagging(DeleteBucketTaggingRequest r) {
    return mutate("DeleteBucketTagging", () -> config.deleteTags(r));
  }

  // ---- bucket policies ----

  @Override public PutBucketPolicyResponse putBucketPolicy(PutBucketPolicyRequest r) {
    return mutate("PutBucketPolicy", () -> policies.put(r));
  }

  @Override public GetBucketPolicyResponse getBucketPolicy(GetBucketPolicyRequest r) {
    return read("GetBucketPolicy", () -> policies.get(r));
  }

  @Override public DeleteBucketPolicyResponse deleteBucketPolicy(DeleteBucketPolicyRequest r) {
    return mutate("DeleteBucketPolicy", () -> policies.delete(r));
  }

  // ---- CORS ----

  @Override public GetBucketCorsResponse getBucketCors(GetBucketCorsRequest r) { return read("GetBucketCors", () -> config.getCors(r)); }

  @Override public PutBucketCorsResponse putBucketCors(PutBucketCorsRequest r) { return mutate("PutBucketCors", () -> config.putCors(r)); }

  @Override public DeleteBucketCorsResponse deleteBucketCors(DeleteBucketCorsRequest r) {
    return mutate("DeleteBucketCors", () -> config.deleteCors(r));
  }

  // ---- public access block ----

  @Override public GetPublicAccessBlockResponse getPublicAccessBlock(GetPublicAccessBlockRequest r) {
    return read("GetPublicAccessBlock", () -> config.getPublicAccessBlock(r));
  }

  @Override public PutPublicAccessBlockResponse putPublicAccessBlock(PutPublicAccessBlockRequest r) {
    return mutate("PutPublicAccessBlock", () -> config.putPublicAccessBlock(r));
  }

  @Override public DeletePublicAccessBlockResponse deletePublicAccessBlock(DeletePublicAccessBlockRequest r) {
    return mutate("DeletePublicAccessBlock", () -> config.deletePublicAccessBlock(r));
  }

  // ---- versioning ----

  @Override public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest r) {
    return read("GetBucketVersioning", () -> config.getVersioning(r));
  }

  @Override public PutBucketVersioningResponse putBucketVersioning(PutBucketVersioningRequest r) {
    return mutate("PutBucketVersioning", () -> config.putVersioning(r));
  }

  // ---- objects ----

  /** The body is read (for size and ETag) but not kept: the sandbox stores no object data. */
  @Override public PutObjectResponse putObject(PutObjectRequest r, RequestBody body) {
    byte[] bytes = bytes(body);
    return mutate("PutObject", () -> objects.put(r, bytes));
  }

  @Override public ListObjectsV2Response listObjectsV2(ListObjectsV2Request r) {
    return read("ListObjectsV2", () -> objects.listV2(r));
  }

  @Override public ListObjectVersionsResponse listObjectVersions(ListObjectVersionsRequest r) {
    return read("ListObjectVersions", () -> objects.listVersions(r));
  }

  @Override public DeleteObjectsResponse deleteObjects(DeleteObjectsRequest r) {
    return mutate("DeleteObjects", () -> objects.deleteObjects(r));
  }

  private static byte[] bytes(RequestBody body) {
    if (body == null) return new byte[0];
    try (InputStream in = body.contentStreamProvider().newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
