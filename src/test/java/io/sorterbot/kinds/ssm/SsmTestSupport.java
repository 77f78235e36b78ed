package io.sorterbot.kinds.ssm;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import io.sorterbot.aws.AwsClients;
import io.sorterbot.model.Ticker;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mockito.Answers;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.sts.StsClient;

/** Shared fixtures of the ssm kind tests: a clock that only moves when slept on, contexts, errors, desired. */
final class SsmTestSupport {
  static final String STACK = "teststack";

  private SsmTestSupport() {}

  /** Never really sleeps: sleeping advances this clock. */
  static final class FakeTicker extends io.sorterbot.testutil.FakeTicker {
    FakeTicker() { super(Instant.parse("2025-01-01T00:00:00Z")); }
  }

  /** A Mockito SsmClient whose consumer-builder overloads delegate to the request forms; unstubbed calls throw. */
  static SsmClient mockSsm() { return mock(SsmClient.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS)); }

  static KindContext ctx(SsmClient ssm, Ticker ticker) {
    return new KindContext(STACK, clients(ssm), ticker, KindContext.Progress.NONE);
  }

  static AwsClients clients(SsmClient ssm) {
    return new AwsClients() {
      @Override public String region() { return "eu-central-1"; }
      @Override public Ec2Client ec2() { throw new UnsupportedOperationException(); }
      @Override public RdsClient rds() { throw new UnsupportedOperationException(); }
      @Override public IamClient iam() { throw new UnsupportedOperationException(); }
      @Override public EcsClient ecs() { throw new UnsupportedOperationException(); }
      @Override public EcrClient ecr() { throw new UnsupportedOperationException(); }
      @Override public SsmClient ssm() { return ssm; }
      @Override public S3Client s3() { throw new UnsupportedOperationException(); }
      @Override public StsClient sts() { throw new UnsupportedOperationException(); }
      @Override public void close() {}
    };
  }

  static SsmException error(String code) {
    return (SsmException) SsmException.builder().statusCode(400).message(code)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
  }

  /** Desired with the tags the engine would compute: file tags + {@code tags} property + SBID/SBStack. */
  static Desired desired(String sbid, Map<String, Object> props) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("Project", "SorterBot");
    if (props.get("tags") instanceof Map<?, ?> m) m.forEach((k, v) -> tags.put(k.toString(), v.toString()));
    tags.put(Tags.SBID, sbid);
    tags.put(Tags.STACK, STACK);
    return new Desired(sbid, "ssm.parameter", STACK, props, tags);
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
