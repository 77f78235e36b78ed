package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeS3Support.error;
import static io.sorterbot.sandbox.FakeS3Support.invalidRequest;
import static io.sorterbot.sandbox.FakeS3Support.malformedXml;

import io.sorterbot.sandbox.S3State.BucketRec;
import io.sorterbot.sandbox.S3State.CorsRuleRec;
import io.sorterbot.sandbox.S3State.PublicAccessBlockRec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.*;

/**
 * A bucket's configurations in the S3 fake: tags, CORS rules, public access block, versioning. Each is
 * replaced as a whole by its Put; an absent one answers its own 404 code (NoSuchTagSet...).
 */
final class FakeS3BucketConfig {
  private static final Set<String> CORS_METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");
  private static final int MAX_CORS_RULES = 100;

  private final FakeS3Support s;
  private final FakeS3Policies policies;

  FakeS3BucketConfig(FakeS3Support s, FakeS3Policies policies) {
    this.s = s;
    this.policies = policies;
  }

  // ---- tagging ----

  GetBucketTaggingResponse getTags(GetBucketTaggingRequest r) {
    BucketRec b = s.bucket(r.bucket(), true);
    policies.require(b, "s3:GetBucketTagging");
    if (b.tags == null) throw error(404, "NoSuchTagSet", "The TagSet does not exist");
    return GetBucketTaggingResponse.builder().tagSet(FakeS3Support.toTags(b.tags)).build();
  }

  /** Replaces the whole tag set; an empty set removes it. */
  PutBucketTaggingResponse putTags(PutBucketTaggingRequest r) {
    BucketRec b = s.bucket(r.bucket(), false);
    if (r.tagging() == null) throw malformedXml();
    var tags = FakeS3Support.tags(r.tagging().tagSet());
    b.tags = tags.isEmpty() ? null : tags;
    return PutBucketTaggingResponse.builder().build();
  }

  DeleteBucketTaggingResponse deleteTags(DeleteBucketTaggingRequest r) {
    s.bucket(r.bucket(), false).tags = null;
    return DeleteBucketTaggingResponse.builder().build();
  }

  // ---- CORS ----

  GetBucketCorsResponse getCors(GetBucketCorsRequest r) {
    BucketRec b = s.bucket(r.bucket(), true);
    policies.require(b, "s3:GetBucketCORS");
    if (b.cors == null) throw error(404, "NoSuchCORSConfiguration", "The CORS configuration does not exist");
    List<CORSRule> rules = b.cors.stream().map(x -> CORSRule.builder().id(x.id).allowedHeaders(x.allowedHeaders)
        .allowedMethods(x.allowedMethods).allowedOrigins(x.allowedOrigins).exposeHeaders(x.exposeHeaders)
        .maxAgeSeconds(x.maxAgeSeconds).build()).toList();
    return GetBucketCorsResponse.builder().corsRules(rules).build();
  }

  PutBucketCorsResponse putCors(PutBucketCorsRequest r) {
    BucketRec b = s.bucket(r.bucket(), false);
    CORSConfiguration c = r.corsConfiguration();
    if (c == null || !c.hasCorsRules() || c.corsRules().isEmpty()) throw malformedXml();
    if (c.corsRules().size() > MAX_CORS_RULES) throw invalidRequest("The number of CORS rules should not exceed allowed limit of 100 rules");
    List<CorsRuleRec> rules = new ArrayList<>();
    for (CORSRule in : c.corsRules()) {
      if (!in.hasAllowedMethods() || in.allowedMethods().isEmpty() || !in.hasAllowedOrigins() || in.allowedOrigins().isEmpty()) {
        throw malformedXml();
      }
      for (String m : in.allowedMethods()) {
        if (!CORS_METHODS.contains(m)) throw invalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is " + m);
      }
      for (String o : in.allowedOrigins()) oneWildcard("AllowedOrigin", o);
      for (String h : in.allowedHeaders()) oneWildcard("AllowedHeader", h);
      CorsRuleRec x = new CorsRuleRec();
      x.id = in.id();
      x.allowedHeaders = new ArrayList<>(in.allowedHeaders());
      x.allowedMethods = new ArrayList<>(in.allowedMethods());
      x.allowedOrigins = new ArrayList<>(in.allowedOrigins());
      x.exposeHeaders = new ArrayList<>(in.exposeHeaders());
      x.maxAgeSeconds = in.maxAgeSeconds();
      rules.add(x);
    }
    b.cors = rules;
    return PutBucketCorsResponse.builder().build();
  }

  private static void oneWildcard(String what, String v) {
    if (v.indexOf('*') != v.lastIndexOf('*')) {
      throw invalidRequest(what + " \"" + v + "\" can not have more than one wildcard.");
    }
  }

  DeleteBucketCorsResponse deleteCors(DeleteBucketCorsRequest r) {
    s.bucket(r.bucket(), false).cors = null;
    return DeleteBucketCorsResponse.builder().build();
  }

  // ---- public access block ----

  GetPublicAccessBlockResponse getPublicAccessBlock(GetPublicAccessBlockRequest r) {
    PublicAccessBlockRec p = s.bucket(r.bucket(), true).publicAccessBlock;
    if (p == null) {
      throw error(404, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found");
    }
    return GetPublicAccessBlockResponse.builder().publicAccessBlockConfiguration(c -> c.blockPublicAcls(p.blockPublicAcls)
        .ignorePublicAcls(p.ignorePublicAcls).blockPublicPolicy(p.blockPublicPolicy)
        .restrictPublicBuckets(p.restrictPublicBuckets)).build();
  }

  /** Replaces the whole configuration: a field left out is false. */
  PutPublicAccessBlockResponse putPublicAccessBlock(PutPublicAccessBlockRequest r) {
    BucketRec b = s.bucket(r.bucket(), false);
    PublicAccessBlockConfiguration c = r.publicAccessBlockConfiguration();
    if (c == null) throw malformedXml();
    PublicAccessBlockRec p = new PublicAccessBlockRec();
    p.blockPublicAcls = Boolean.TRUE.equals(c.blockPublicAcls());
    p.ignorePublicAcls = Boolean.TRUE.equals(c.ignorePublicAcls());
    p.blockPublicPolicy = Boolean.TRUE.equals(c.blockPublicPolicy());
    p.restrictPublicBuckets = Boolean.TRUE.equals(c.restrictPublicBuckets());
    b.publicAccessBlock = p;
    return PutPublicAccessBlockResponse.builder().build();
  }

  DeletePublicAccessBlockResponse deletePublicAccessBlock(DeletePublicAccessBlockRequest r) {
    s.bucket(r.bucket(), false).publicAccessBlock = null;
    return DeletePublicAccessBlockResponse.builder().build();
  }

  // ---- versioning ----

  GetBucketVersioningResponse getVersioning(GetBucketVersioningRequest r) {
    BucketRec b = s.bucket(r.bucket(), true);
    var out = GetBucketVersioningResponse.builder();
    if (b.versioning != null) out.status(b.versioning);
    return out.build();
  }

  /** Once enabled, versioning can only be suspended, never turned off. */
  PutBucketVersioningResponse putVersioning(PutBucketVersioningRequest r) {
    BucketRec b = s.bucket(r.bucket(), false);
    VersioningConfiguration c = r.versioningConfiguration();
    if (c == null || c.status() == null || c.status() == BucketVersioningStatus.UNKNOWN_TO_SDK_VERSION) throw malformedXml();
    if (c.mfaDelete() == MFADelete.ENABLED) throw new UnsupportedOperationException("the sandbox does not simulate MFA delete");
    b.versioning = c.statusAsString();
    return PutBucketVersioningResponse.builder().build();
  }
}
