package io.sorterbot.sandbox;

import io.sorterbot.aws.AwsClients;
import io.sorterbot.model.Ticker;
import java.nio.file.Path;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS clients of a sandbox run: stateful fakes over one {@link SandboxAccount} kept in a directory
 * (default {@value #DEFAULT_DIR}), all calls through one {@link SandboxGate}. Each service's fake implements
 * what the kinds use; any other SDK method throws {@link UnsupportedOperationException}. A simulator, never presented as AWS.
 */
public final class SandboxClients implements AwsClients {
  public static final String DEFAULT_DIR = ".sorterbot/sandbox";

  private final SandboxAccount account;
  private final SandboxGate gate;
  private final CallStats stats;
  private final FakeEc2 ec2;
  private final FakeRds rds;
  private final FakeIam iam;
  private final FakeEcs ecs;
  private final FakeEcr ecr;
  private final FakeSsm ssm;
  private final FakeS3 s3;
  private final FakeSts sts;

  private SandboxClients(SandboxAccount account, SandboxGate gate) {
    this.account = account;
    this.gate = gate;
    this.stats = gate.stats();
    this.ec2 = new FakeEc2(gate);
    this.rds = new FakeRds(gate);
    this.iam = new FakeIam(gate);
    this.ecs = new FakeEcs(gate);
    this.ecr = new FakeEcr(gate);
    this.ssm = new FakeSsm(gate);
    this.s3 = new FakeS3(gate);
    this.sts = new FakeSts(gate);
  }

  /** Opens the sandbox account in {@code dir}; a crash point halts the JVM with status 137. */
  public static SandboxClients open(Path dir, String region, SandboxKnobs knobs, Ticker ticker) {
    return open(dir, region, knobs, ticker, SandboxGate.HALT);
  }

  /** As {@link #open(Path, String, SandboxKnobs, Ticker)}, with what a crash point does (tests throw instead). */
  public static SandboxClients open(Path dir, String region, SandboxKnobs knobs, Ticker ticker, Runnable crash) {
    return open(dir, region, knobs, ticker, crash, io.sorterbot.aws.RetryListener.NONE);
  }

  /** As {@link #open(Path, String, SandboxKnobs, Ticker, Runnable)}, telling {@code retries} of every retry. */
  public static SandboxClients open(Path dir, String region, SandboxKnobs knobs, Ticker ticker, Runnable crash,
                                    io.sorterbot.aws.RetryListener retries) {
    SandboxAccount account = SandboxAccount.open(dir, region, ticker);
    return new SandboxClients(account, new SandboxGate(account, knobs, new CallStats(), crash, retries));
  }

  /** The default directory, knobs from the environment, the system clock. */
  public static SandboxClients openDefault(String region) {
    return open(Path.of(DEFAULT_DIR), region, SandboxKnobs.fromEnv(), Ticker.SYSTEM);
  }

  public SandboxAccount account() { return account; }

  public CallStats callStats() { return stats; }

  public SandboxKnobs knobs() { return gate.knobs(); }

  /** The gate the fakes share (for fakes of further services). */
  public SandboxGate gate() { return gate; }

  @Override public String region() { return account.region(); }

  @Override public Ec2Client ec2() { return ec2; }

  @Override public RdsClient rds() { return rds; }

  @Override public IamClient iam() { return iam; }

  @Override public EcsClient ecs() { return ecs; }

  @Override public EcrClient ecr() { return ecr; }

  @Override public SsmClient ssm() { return ssm; }

  @Override public S3Client s3() { return s3; }

  @Override public StsClient sts() { return sts; }

  /** Nothing to release: every mutation is already saved. */
  @Override public void close() {}
}
