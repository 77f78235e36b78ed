package io.sorterbot.sandbox;

import software.amazon.awssdk.services.rds.RdsClient;

/**
 * A stateful fake of {@link RdsClient} over a {@link SandboxAccount}; every call goes through the
 * {@link SandboxGate}. Methods not overridden keep the interface's default and throw
 * {@link UnsupportedOperationException}, so nothing passes by accident.
 */
public final class FakeRds implements RdsClient {
  private final SandboxGate gate;

  public FakeRds(SandboxGate gate) { this.gate = gate; }

  @Override public String serviceName() { return SERVICE_NAME; }

  @Override public void close() {}
}
