package io.sorterbot.kinds.rds;

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
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Shared fixtures: a clock that only moves when slept on, contexts, AWS errors, desired resources, the engine's diff. */
final class RdsTestSupport {
  static final String STACK = "teststack";

  private RdsTestSupport() {}

  /** Never really sleeps: sleeping advances this clock. */
  static final class FakeTicker extends io.sorterbot.testutil.FakeTicker {
    FakeTicker() { super(Instant.parse("2025-03-04T05:06:07Z")); }
  }

  /** Progress notices, recorded. */
  static final class Notices implements KindContext.Progress {
    final List<String> activities = new ArrayList<>();
    final List<Duration> elapsed = new ArrayList<>();

    @Override public synchronized void waiting(String sbid, String activity, Duration e) {
      activities.add(sbid + " " + activity);
      elapsed.add(e);
    }
  }

  /** A Mockito RdsClient whose consumer-builder overloads delegate to the request overloads; unstubbed ones throw. */
  static RdsClient mockRds() { return mock(RdsClient.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS)); }

  static KindContext ctx(RdsClient rds, Ticker ticker, KindContext.Progress progress) {
    return new KindContext(STACK, new AwsClients() {
      @Override public String region() { return "eu-central-1"; }
      @Override public Ec2Client ec2() { throw new UnsupportedOperationException(); }
      @Override public RdsClient rds() { return rds; }
      @Override public IamClient iam() { throw new UnsupportedOperationException(); }
      @Override public EcsClient ecs() { throw new UnsupportedOperationException(); }
      @Override public EcrClient ecr() { throw new UnsupportedOperationException(); }
      @Override public SsmClient ssm() { throw new UnsupportedOperationException(); }
      @Override public S3Client s3() { throw new UnsupportedOperationException(); }
      @Override public StsClient sts() { throw new UnsupportedOperationException(); }
      @Override public void close() {}
    }, ticker, progress);
  }

  static RdsException error(String code) {
    return (RdsException) RdsException.builder().statusCode(400).message(code)
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

  /** The same resource, one property changed (null removes it). */
  static Desired with(Desired d, String property, Object value) {
    Map<String, Object> p = new LinkedHashMap<>(d.properties());
    if (value == null) p.remove(property); else p.put(property, value);
    return desired(d.sbid(), d.type(), p);
  }

  /** What the engine would plan for this resource: the changes between desired and live. */
  static List<PropertyChange> diff(ResourceKind kind, Desired d, LiveResource live) {
    return Differ.diff(kind, d.properties(), d.tags(), live, Set.of());
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
