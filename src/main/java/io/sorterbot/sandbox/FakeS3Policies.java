package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeS3Support.error;

import com.fasterxml.jackson.databind.JsonNode;
import io.sorterbot.sandbox.S3State.BucketRec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.model.*;

/**
 * Bucket policies in the S3 fake, and the one part of their evaluation the sandbox needs: an explicit Deny.
 * In AWS an explicit Deny in a bucket policy overrides any Allow, the bucket owner's own principals included
 * (IAM policy evaluation logic: "an explicit deny in any policy overrides any allows"), so a bucket of
 * someone else in the same account can refuse {@code s3:GetBucketTagging} to everyone but its owner's
 * role: cloud-custodian/cloud-custodian#2463 and JetBrains/teamcity-s3-artifact-storage-plugin#28 are tools
 * that failed for every bucket because of one such bucket. Allow statements grant nothing here (the
 * account already may do everything); conditions are not evaluated, so a policy with any is refused as
 * not simulated rather than misread.
 */
final class FakeS3Policies {
  private final FakeS3Support s;

  FakeS3Policies(FakeS3Support s) { this.s = s; }

  PutBucketPolicyResponse put(PutBucketPolicyRequest r) {
    BucketRec b = s.bucket(r.bucket(), false);
    JsonNode doc = parse(r.policy());
    for (JsonNode st : statements(doc)) {
      if (st.has("Condition") || st.has("NotAction") || st.has("NotPrincipal") || st.has("NotResource")) {
        throw new UnsupportedOperationException("the sandbox does not evaluate bucket policy conditions or Not* elements yet");
      }
      if (!st.has("Effect") || !st.has("Action") || !st.has("Principal")) {
        throw error(400, "MalformedPolicy", "Missing required field Effect, Action or Principal");
      }
    }
    b.policy = r.policy();
    return PutBucketPolicyResponse.builder().build();
  }

  GetBucketPolicyResponse get(GetBucketPolicyRequest r) {
    BucketRec b = s.bucket(r.bucket(), true);
    require(b, "s3:GetBucketPolicy");
    if (b.policy == null) throw error(404, "NoSuchBucketPolicy", "The bucket policy does not exist");
    return GetBucketPolicyResponse.builder().policy(b.policy).build();
  }

  DeleteBucketPolicyResponse delete(DeleteBucketPolicyRequest r) {
    s.bucket(r.bucket(), false).policy = null;
    return DeleteBucketPolicyResponse.builder().build();
  }

  /** AccessDenied (403) when the bucket's policy explicitly denies {@code action} to everyone. */
  void require(BucketRec b, String action) {
    if (b.policy == null) return;
    for (JsonNode st : statements(parse(b.policy))) {
      if ("Deny".equals(st.path("Effect").asText()) && everyone(st.get("Principal"))
          && matches(st.get("Action"), action) && matches(st.get("Resource"), "arn:aws:s3:::" + b.name)) {
        throw error(403, "AccessDenied", "User: arn:aws:iam::" + s.account.accountId() + ":user/sandbox is not authorized to"
            + " perform: " + action + " on resource: \"arn:aws:s3:::" + b.name + "\" with an explicit deny in a"
            + " resource-based policy");
      }
    }
  }

  private static boolean everyone(JsonNode p) {
    if (p == null) return false;
    if (p.isTextual()) return p.asText().equals("*");
    JsonNode aws = p.get("AWS");
    if (aws == null) return false;
    for (JsonNode x : aws.isArray() ? aws : List.of(aws)) {
      if (x.asText().equals("*")) return true;
    }
    return false;
  }

  private static boolean matches(JsonNode patterns, String value) {
    if (patterns == null) return false;
    for (JsonNode p : patterns.isArray() ? patterns : List.of(patterns)) {
      String regex = Pattern.quote(p.asText().toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
      if (value.toLowerCase(Locale.ROOT).matches(regex)) return true;
    }
    return false;
  }

  private static List<JsonNode> statements(JsonNode doc) {
    JsonNode st = doc.get("Statement");
    List<JsonNode> out = new ArrayList<>();
    if (st == null) throw error(400, "MalformedPolicy", "Policy has no Statement");
    if (st.isArray()) st.forEach(out::add);
    else out.add(st);
    return out;
  }

  private static JsonNode parse(String policy) {
    try {
      JsonNode doc = policy == null ? null : SandboxAccount.mapper().readTree(policy);
      if (doc == null || !doc.isObject()) throw error(400, "MalformedPolicy", "Policies must be valid JSON");
      return doc;
    } catch (IOException e) {
      throw error(400, "MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'");
    }
  }
}
