package io.sorterbot.sandbox;

import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * A stateful fake of {@link SsmClient} over a {@link SandboxAccount}; every call goes through the
 * {@link SandboxGate}. Methods not overridden keep the interface's default and throw
 * {@link UnsupportedOperationException}, so nothing passes by accident.
 */
public final class FakeSsm implements SsmClient {
  private final SandboxGate gate;

  public FakeSsm(SandboxGate gate) { this.gate = gate; }

  @Override public String serviceName() { return SERVICE_NAME; }

  @Override public void close() {}
}
