package io.sorterbot.sandbox;

import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A stateful fake of {@link EcsClient} over a {@link SandboxAccount}; every call goes through the
 * {@link SandboxGate}. Methods not overridden keep the interface's default and throw
 * {@link UnsupportedOperationException}, so nothing passes by accident.
 */
public final class FakeEcs implements EcsClient {
  private final SandboxGate gate;

  public FakeEcs(SandboxGate gate) { this.gate = gate; }

  @Override public String serviceName() { return SERVICE_NAME; }

  @Override public void close() {}
}
