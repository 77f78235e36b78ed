package io.sorterbot.kinds.ec2;

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
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Shared fixtures: a clock that only moves when slept on, contexts, AWS errors, desired resources. */
final class Ec2TestSupport {
  static final String STACK = "teststack";

  private Ec2TestSupport() {}

  /** Never really sleeps: sleeping advances this clock. */
  static final class FakeTicker extends io.sorterbot.testutil.FakeTicker {
    FakeTicker() { super(Instant.parse("2025-01-01T00:00:00Z")); }
  }

  /** Progress notices, recorded. */
  static final class Notices implements KindContext.Progress {
    final List<Duration> elapsed = new ArrayList<>();

    @Override public synchronized void waiting(String sbid, String activity, Duration e) { elapsed.add(e); }
  }

  /**
   * A Mockito Ec2Client whose consumer-builder overloads delegate to the request overloads (so
   * stubbing the request form is enough) and whose unstubbed operations throw, as the SDK's do.
   */
  static Ec2Client mockEc2() {
    return mock(Ec2Client.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS));
  }

  static KindContext ctx(Ec2Client ec2, Ticker ticker, KindContext.Progress progress) {
    return new KindContext(STACK, clients(ec2), ticker, progress);
  }

  static AwsClients clients(Ec2Client ec2) {
    return new AwsClients() {
      @Override public String region() { return "eu-central-1"; }
      @Override public Ec2Client ec2() { return ec2; }
      @Override public RdsClient rds() { throw new UnsupportedOperationException(); }
      @Override public IamClient iam() { throw new UnsupportedOperationException(); }
      @Override public EcsClient ecs() { throw new UnsupportedOperationException(); }
      @Override public EcrClient ecr() { throw new UnsupportedOperationException(); }
      @Override public SsmClient ssm() { throw new UnsupportedOperationException(); }
      @Override public S3Client s3() { throw new UnsupportedOperationException(); }
      @Override public StsClient sts() { throw new UnsupportedOperationException(); }
      @Override public void close() {}
    };
  }

  static Ec2Exception error(String code) {
    return (Ec2Exception) Ec2Exception.builder().statusCode(400).message(code)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
  }

  /** Desired with the tags the engine would compute: file tags + {@code tags} property + SBID/SBStack. */
  static Desired desired(String sbid, String type, Map<String, Object> props) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("Project", "SorterBot");
    if (props.get("tags") instanceof Map<?, ?> m) m.forEach((k, v) -> tags.put(k.toString(), v.toString()));
    tags.put(Tags.SBID, sbid);
    tags.put(Tags.STACK, STACK);
    return new Desired(sbid, type, STACK, props, tags);
  }

  static List<Tag> tags(String sbid) {
    return List.of(Tag.builder().key(Tags.SBID).value(sbid).build(), Tag.builder().key(Tags.STACK).value(STACK).build(),
        Tag.builder().key("Name").value(sbid.toLowerCase()).build());
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
}
