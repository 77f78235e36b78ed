package io.sorterbot.kinds.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import io.sorterbot.aws.AwsClients;
import io.sorterbot.model.Ticker;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Tags;
import io.sorterbot.plan.Differ;
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
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Shared fixtures of the ECS and ECR kind tests: a clock that moves only when slept on, contexts, errors. */
public final class EcsTestSupport {
  public static final String STACK = "teststack";

  private EcsTestSupport() {}

  /** Never really sleeps: sleeping advances this clock. */
  public static final class FakeTicker extends io.sorterbot.testutil.FakeTicker {
    public FakeTicker() { super(Instant.parse("2025-01-01T00:00:00Z")); }
  }

  /** Progress notices, recorded. */
  public static final class Notices implements KindContext.Progress {
    public final List<String> activities = new ArrayList<>();
    public final List<Duration> elapsed = new ArrayList<>();

    @Override public synchronized void waiting(String sbid, String activity, Duration e) {
      activities.add(activity);
      elapsed.add(e);
    }
  }

  /** Mockito clients whose consumer-builder overloads delegate to the request overloads, as the SDK's do. */
  public static EcsClient mockEcs() { return mock(EcsClient.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS)); }

  public static EcrClient mockEcr() { return mock(EcrClient.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS)); }

  public static KindContext ctx(AwsClients clients, Ticker ticker, KindContext.Progress progress) {
    return new KindContext(STACK, clients, ticker, progress);
  }

  /** Clients for Mockito tests: only ECS and ECR. */
  public static AwsClients clients(EcsClient ecs, EcrClient ecr) {
    return new AwsClients() {
      @Override public String region() { return "eu-central-1"; }
      @Override public Ec2Client ec2() { throw new UnsupportedOperationException(); }
      @Override public RdsClient rds() { throw new UnsupportedOperationException(); }
      @Override public IamClient iam() { throw new UnsupportedOperationException(); }
      @Override public EcsClient ecs() { return ecs; }
      @Override public EcrClient ecr() { return ecr; }
      @Override public SsmClient ssm() { throw new UnsupportedOperationException(); }
      @Override public S3Client s3() { throw new UnsupportedOperationException(); }
      @Override public StsClient sts() { throw new UnsupportedOperationException(); }
      @Override public void close() {}
    };
  }

  public static EcsException ecsError(String code, String message) {
    return (EcsException) EcsException.builder().statusCode(400).message(message)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
  }

  public static EcrException ecrError(String code) {
    return (EcrException) EcrException.builder().statusCode(400).message(code)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
  }

  /** Desired with the tags the engine would compute: file tags + {@code tags} property + SBID/SBStack. */
  public static Desired desired(String sbid, String type, Map<String, Object> props) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("Project", "SorterBot");
    if (props.get("tags") instanceof Map<?, ?> m) m.forEach((k, v) -> tags.put(k.toString(), v.toString()));
    tags.put(Tags.SBID, sbid);
    tags.put(Tags.STACK, STACK);
    return new Desired(sbid, type, STACK, props, tags);
  }

  /** The engine's own check: nothing to change between the desired and the live resource. */
  public static void assertNoChanges(ResourceKind kind, Desired d, LiveResource live) {
    assertThat(Differ.diff(kind, d.properties(), d.tags(), live, List.of())).as("changes").isEmpty();
  }

  /** The live resource of {@code sbid} found by discovery, or null. */
  public static LiveResource find(ResourceKind kind, KindContext ctx, String sbid) {
    return kind.discover(ctx).stream().filter(l -> sbid.equals(l.sbid())).findFirst().orElse(null);
  }

  public static <K, V> Map<K, V> map(Object... kv) {
    Map<K, V> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      @SuppressWarnings("unchecked") K k = (K) kv[i];
      @SuppressWarnings("unchecked") V v = (V) kv[i + 1];
      m.put(k, v);
    }
    return m;
  }
}
