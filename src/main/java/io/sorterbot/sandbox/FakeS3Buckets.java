package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeS3Support.US_EAST_1;
import static io.sorterbot.sandbox.FakeS3Support.error;

import io.sorterbot.sandbox.S3State.BucketRec;
import io.sorterbot.sandbox.S3State.PublicAccessBlockRec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.*;

/** Buckets of the S3 fake: create, list, head, location, delete. Their configurations are in {@link FakeS3BucketConfig}. */
final class FakeS3Buckets {
  private static final int MAX_LIST = 10_000;

  private final FakeS3Support s;

  FakeS3Buckets(FakeS3Support s) { this.s = s; }

  static String arn(String name) { return "arn:aws:s3:::" + name; }

  CreateBucketResponse create(CreateBucketRequest r) {
    String name = r.bucket();
    FakeS3Support.checkName(name);
    CreateBucketConfiguration c = r.createBucketConfiguration();
    String constraint = c == null || c.locationConstraintAsString() == null || c.locationConstraintAsString().isEmpty()
        ? null : c.locationConstraintAsString();
    checkLocation(constraint);
    S3State st = s.state();
    if (st.foreignBuckets.contains(name)) {
      throw error(409, "BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is "
          + "shared by all users of the system. Please select a different name and try again.");
    }
    BucketRec existing = st.buckets.get(name);
    if (existing != null) {
      // us-east-1 keeps its legacy answer: 200 and nothing changes (tags in the request are not applied).
      if (s.region().equals(US_EAST_1) && existing.region.equals(US_EAST_1)) return created(name);
      throw error(409, "BucketAlreadyOwnedByYou",
          "Your previous request to create the named bucket succeeded and you already own it.");
    }
    BucketRec b = new BucketRec();
    b.name = name;
    b.region = s.region();
    b.createdAt = s.now();
    if (c != null && c.hasTags() && !c.tags().isEmpty()) b.tags = FakeS3Support.tags(c.tags());
    b.publicAccessBlock = allBlocked();  // S3's default for new buckets since April 2023
    st.buckets.put(name, b);
    return created(name);
  }

  private static PublicAccessBlockRec allBlocked() {
    PublicAccessBlockRec p = new PublicAccessBlockRec();
    p.blockPublicAcls = true;
    p.ignorePublicAcls = true;
    p.blockPublicPolicy = true;
    p.restrictPublicBuckets = true;
    return p;
  }

  private CreateBucketResponse created(String name) {
    String location = s.region().equals(US_EAST_1) ? "/" + name : "http://" + name + ".s3.amazonaws.com/";
    return CreateBucketResponse.builder().location(location).bucketArn(arn(name)).build();
  }

  /** The endpoint's region must match the constraint; us-east-1 is the absence of one. */
  private void checkLocation(String constraint) {
    if (US_EAST_1.equals(constraint)) {
      throw error(400, "InvalidLocationConstraint", "The specified location-constraint is not valid");
    }
    String want = constraint == null ? US_EAST_1 : constraint;
    if (!want.equals(s.region())) {
      throw error(400, "IllegalLocationConstraintException", "The " + (constraint == null ? "unspecified" : constraint)
          + " location constraint is incompatible for the region specific endpoint this request was sent to.");
    }
  }

  ListBucketsResponse list(ListBucketsRequest r) {
    int max = r.maxBuckets() == null ? MAX_LIST : r.maxBuckets();
    if (max < 1 || max > MAX_LIST) throw error(400, "InvalidArgument", "max-buckets must be between 1 and 10000");
    List<Bucket> out = new ArrayList<>();
    String next = null;
    for (BucketRec b : s.state().buckets.values()) {
      if (!s.gate.visible(b.createdAt)) continue;  // listing is eventually consistent
      if (r.prefix() != null && !b.name.startsWith(r.prefix())) continue;
      if (r.bucketRegion() != null && !r.bucketRegion().equals(b.region)) continue;
      if (r.continuationToken() != null && b.name.compareTo(r.continuationToken()) <= 0) continue;
      if (out.size() == max) {
        next = out.get(out.size() - 1).name();
        break;
      }
      out.add(Bucket.builder().name(b.name).creationDate(Instant.parse(b.createdAt)).bucketRegion(b.region)
          .bucketArn(arn(b.name)).build());
    }
    return ListBucketsResponse.builder().buckets(out).continuationToken(next).prefix(r.prefix())
        .owner(Owner.builder().id(canonicalOwner()).build()).build();
  }

  private String canonicalOwner() { return String.format("%064x", Long.parseLong(s.account.accountId())); }

  HeadBucketResponse head(HeadBucketRequest r) {
    BucketRec b = s.bucket(r.bucket(), true);
    return HeadBucketResponse.builder().bucketRegion(b.region).bucketArn(arn(b.name)).build();
  }

  GetBucketLocationResponse location(GetBucketLocationRequest r) {
    // Answered for any of the account's buckets, whatever the endpoint's region.
    S3State st = s.state();
    BucketRec b = st.buckets.get(r.bucket());
    if (b == null || !s.gate.visible(b.createdAt)) {
      if (st.foreignBuckets.contains(r.bucket())) throw error(403, "AccessDenied", "Access Denied");
      throw FakeS3Support.noSuchBucket(r.bucket());
    }
    var out = GetBucketLocationResponse.builder();
    if (!b.region.equals(US_EAST_1)) out.locationConstraint(b.region);
    return out.build();
  }

  DeleteBucketResponse delete(DeleteBucketRequest r) {
    BucketRec b = s.bucket(r.bucket(), false);
    if (!b.objects.isEmpty()) throw error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty");
    s.state().buckets.remove(b.name);
    return DeleteBucketResponse.builder().build();
  }
}
