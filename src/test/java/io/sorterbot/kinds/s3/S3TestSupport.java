package io.sorterbot.kinds.s3;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import io.sorterbot.aws.AwsClients;
import io.sorterbot.model.Ticker;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mockito.Answers;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Shared fixtures of the bucket tests: a clock that only moves when slept on, contexts, S3 errors, desired buckets. */
final class S3TestSupport {
  static final String STACK = "teststack";

  private S3TestSupport() {}

  /** Never really sleeps: sleeping advances this clock. */
  static final class FakeTicker extends io.sorterbot.testutil.FakeTicker {
    FakeTicker() { super(Instant.parse("2025-01-01T00:00:00Z")); }
  }

  /** Progress notices, recorded. */
  static final class Notices implements KindContext.Progress {
    final List<String> activities = new ArrayList<>();
    final List<Duration> elapsed = new ArrayList<>();

    @Override public synchronized void waiting(String sbid, String activity, Duration e) {
      activities.add(activity);
      elapsed.add(e);
    }
  }

  /** A Mockito S3Client whose consumer-builder overloads and paginators delegate to the request overloads. */
  static S3Client mockS3() { return mock(S3Client.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS)); }

  static KindContext ctx(S3Client s3, String region, Ticker ticker, KindContext.Progress progress) {
    return new KindContext(STACK, clients(s3, region), ticker, progress);
  }

  static AwsClients clients(S3Client s3, String region) {
    return new AwsClients() {
      @Override public String region() { return region; }
      @Override public Ec2Client ec2() { throw new UnsupportedOperationException(); }
      @Override public RdsClient rds() { throw new UnsupportedOperationException(); }
      @Override public IamClient iam() { throw new UnsupportedOperationException(); }
      @Override public EcsClient ecs() { throw new UnsupportedOperationException(); }
      @Override public EcrClient ecr() { throw new UnsupportedOperationException(); }
      @Override public SsmClient ssm() { throw new UnsupportedOperationException(); }
      @Override public S3Client s3() { return s3; }
      @Override public StsClient sts() { throw new UnsupportedOperationException(); }
      @Override public void close() {}
    };
  }

  static S3Exception error(int status, String code) {
    return (S3Exception) S3Exception.builder().statusCode(status).message(code)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).serviceName("S3").build()).build();
  }

  /** Desired with the tags the engine would compute: file tags + {@code tags} property + SBID/SBStack. */
  static Desired desired(String sbid, Map<String, Object> props) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("Project", "SorterBot");
    if (props.get("tags") instanceof Map<?, ?> m) m.forEach((k, v) -> tags.put(k.toString(), v.toString()));
    tags.put(Tags.SBID, sbid);
    tags.put(Tags.STACK, STACK);
    return new Desired(sbid, "s3.bucket", STACK, props, tags);
  }

  static <K, V> Map<K, V> map(Object... kv) {
    Map<K, V> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      @SuppressWarnings("unchecked") K k = (K) kv[i];
      @SuppressWarnings("unchecked") V v = (V) kv[i + 1];
      m.put(k, v);
    }
    return m;
  }

  static Map<String, Object> allBlocked() {
    return map("blockPublicAcls", true, "ignorePublicAcls", true, "blockPublicPolicy", true, "restrictPublicBuckets", true);
  }
}
