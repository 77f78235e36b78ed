package io.sorterbot.kinds.iam;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import io.sorterbot.aws.AwsClients;
import io.sorterbot.model.Ticker;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Tags;
import io.sorterbot.plan.Differ;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mockito.Answers;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Shared fixtures of the IAM kind tests: a clock that moves only when slept on, contexts, errors, desired. */
final class IamTestSupport {
  static final String STACK = "teststack";

  private IamTestSupport() {}

  /** Never really sleeps: sleeping advances this clock. */
  static final class FakeTicker extends io.sorterbot.testutil.FakeTicker {
    FakeTicker() { super(Instant.parse("2025-01-01T00:00:00Z")); }
  }

  /** Progress notices, recorded. */
  static final class Notices implements KindContext.Progress {
    final List<Duration> elapsed = new ArrayList<>();

    @Override public synchronized void waiting(String sbid, String activity, Duration e) { elapsed.add(e); }
  }

  /** A Mockito IamClient whose consumer-builder overloads and paginators delegate to the request overloads. */
  static IamClient mockIam() {
    return mock(IamClient.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS));
  }

  static KindContext ctx(IamClient iam, Ticker ticker, KindContext.Progress progress) {
    return new KindContext(STACK, clients(iam), ticker, progress);
  }

  static AwsClients clients(IamClient iam) {
    return new AwsClients() {
      @Override public String region() { return "aws-global"; }
      @Override public Ec2Client ec2() { throw new UnsupportedOperationException(); }
      @Override public RdsClient rds() { throw new UnsupportedOperationException(); }
      @Override public IamClient iam() { return iam; }
      @Override public EcsClient ecs() { throw new UnsupportedOperationException(); }
      @Override public EcrClient ecr() { throw new UnsupportedOperationException(); }
      @Override public SsmClient ssm() { throw new UnsupportedOperationException(); }
      @Override public S3Client s3() { throw new UnsupportedOperationException(); }
      @Override public StsClient sts() { throw new UnsupportedOperationException(); }
      @Override public void close() {}
    };
  }

  static IamException error(String code, int status) {
    return (IamException) IamException.builder().statusCode(status).message(code)
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

  /** What the engine would plan: the differences on declared properties, after the kind's normalisation. */
  static List<PropertyChange> diff(ResourceKind kind, Desired d, LiveResource live) {
    return Differ.diff(kind, d.properties(), d.tags(), live, Set.of());
  }

  static LiveResource live(String sbid, String type, String arn, String name, Map<String, Object> props) {
    Map<String, Object> attrs = Map.of("id", arn, "arn", arn, "name", name);
    return new LiveResource(sbid, type, STACK, arn, props, attrs, Map.of(Tags.SBID, sbid, Tags.STACK, STACK), List.of(), null);
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

  /** The trust policy of a service role, as a YAML mapping would arrive. */
  static Map<String, Object> trust(String service) {
    return map("Version", "2012-10-17", "Statement", List.of(map("Effect", "Allow",
        "Principal", map("Service", service), "Action", "sts:AssumeRole")));
  }

  static Map<String, Object> allow(Object action, Object resource) {
    return map("Version", "2012-10-17", "Statement", List.of(map("Effect", "Allow", "Action", action, "Resource", resource)));
  }
}
