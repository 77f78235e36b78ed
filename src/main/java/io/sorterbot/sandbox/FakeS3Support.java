package io.sorterbot.sandbox;

import io.sorterbot.sandbox.S3State.BucketRec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/** What the S3 fakes share: errors (typed as the SDK types them), the global state, bucket lookups, validation. */
final class FakeS3Support {
  static final SandboxErrors ERRORS = new SandboxErrors("s3", "S3", "SlowDown", "Please reduce your request rate.",
      FakeS3Support::exception);
  static final String US_EAST_1 = "us-east-1";

  private static final int MAX_TAGS = 50;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

  final SandboxGate gate;
  final SandboxAccount account;

  FakeS3Support(SandboxGate gate) {
    this.gate = gate;
    this.account = gate.account();
  }

  /** Bucket names are global: one state for every region, each bucket with its own. */
  S3State state() { return account.state("s3", SandboxAccount.GLOBAL, S3State.class); }

  /** The region the client talks to (the S3 endpoint it would be configured with). */
  String region() { return account.region(); }

  String now() { return account.now().toString(); }

  // ---- errors ----------------------------------------------------------------------------------------

  /** The SDK unmarshals these codes to their modelled subclasses of S3Exception; the rest are S3Exception. */
  private static AwsServiceException exception(int status, AwsErrorDetails d) {
    String code = d.errorCode();
    S3Exception.Builder b = switch (code) {
      case "NoSuchBucket" -> NoSuchBucketException.builder();
      case "BucketAlreadyExists" -> BucketAlreadyExistsException.builder();
      case "BucketAlreadyOwnedByYou" -> BucketAlreadyOwnedByYouException.builder();
      case "NoSuchKey" -> NoSuchKeyException.builder();
      default -> S3Exception.builder();
    };
    // S3 answers SlowDown with 503, not the 400 the shared gate assumes for throttling.
    int st = "SlowDown".equals(code) ? 503 : status;
    return (AwsServiceException) b.statusCode(st).awsErrorDetails(d).message(d.errorMessage()).build();
  }

  static AwsServiceException error(int status, String code, String message) { return ERRORS.error(status, code, message); }

  static AwsServiceException noSuchBucket(String name) {
    return error(404, "NoSuchBucket", "The specified bucket does not exist: " + name);
  }

  static AwsServiceException malformedXml() {
    return error(400, "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema");
  }

  static AwsServiceException invalidRequest(String message) { return error(400, "InvalidRequest", message); }

  // ---- lookups ---------------------------------------------------------------------------------------

  /**
   * The bucket {@code name} of this account, as a call through this region's endpoint sees it: another
   * account's bucket answers AccessDenied, a bucket of another region PermanentRedirect (the SDK does not
   * follow it unless cross-region access is on), and a read before the consistency lag has passed
   * NoSuchBucket.
   */
  BucketRec bucket(String name, boolean read) {
    if (name == null || name.isEmpty()) throw error(400, "InvalidBucketName", "The specified bucket is not valid.");
    S3State st = state();
    BucketRec b = st.buckets.get(name);
    if (b == null) {
      if (st.foreignBuckets.contains(name)) throw error(403, "AccessDenied", "Access Denied");
      throw noSuchBucket(name);
    }
    if (read && !gate.visible(b.createdAt)) throw noSuchBucket(name);
    if (!b.region.equals(region())) {
      throw error(301, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the "
          + "specified endpoint. Please send all future requests to this endpoint. (bucket region " + b.region + ")");
    }
    return b;
  }

  // ---- validation ------------------------------------------------------------------------------------

  /** The general purpose bucket naming rules. */
  static void checkName(String name) {
    boolean ok = name != null && NAME.matcher(name).matches() && !name.contains("..") && !IP.matcher(name).matches()
        && RESERVED_PREFIXES.stream().noneMatch(name::startsWith) && RESERVED_SUFFIXES.stream().noneMatch(name::endsWith);
    if (!ok) throw error(400, "InvalidBucketName", "The specified bucket is not valid.");
  }

  /** A tag set as S3 accepts it: at most 50, keys 1-128 and values 0-256 characters, unique keys, no aws: keys. */
  static LinkedHashMap<String, String> tags(List<Tag> tags) {
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    for (Tag t : tags) {
      String k = t.key();
      String v = t.value() == null ? "" : t.value();
      if (k == null || k.isEmpty() || k.length() > 128) throw error(400, "InvalidTag", "The TagKey you have provided is invalid");
      if (v.length() > 256) throw error(400, "InvalidTag", "The TagValue you have provided is invalid");
      if (k.startsWith("aws:")) throw error(400, "InvalidTag", "System tags cannot be added/updated by requester");
      if (out.put(k, v) != null) throw error(400, "InvalidTag", "Cannot provide multiple Tags with the same key");
    }
    if (out.size() > MAX_TAGS) throw error(400, "InvalidTag", "Bucket tag count cannot be greater than " + MAX_TAGS);
    return out;
  }

  static List<Tag> toTags(java.util.Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }
}
