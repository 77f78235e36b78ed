package io.sorterbot.sandbox;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * A stateful fake of {@link S3Client} over a {@link SandboxAccount}; every call goes through the
 * {@link SandboxGate}. Methods not overridden keep the interface's default and throw
 * {@link UnsupportedOperationException}, so nothing passes by accident.
 */
public final class FakeS3 implements S3Client {
  private final SandboxGate gate;

  public FakeS3(SandboxGate gate) { this.gate = gate; }

  @Override public String serviceName() { return SERVICE_NAME; }

  @Override public void close() {}
}
