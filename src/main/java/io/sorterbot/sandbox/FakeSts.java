package io.sorterbot.sandbox;

import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** STS of the simulated account: who am I. */
public final class FakeSts implements StsClient {
  private static final SandboxErrors ERRORS = new SandboxErrors("sts", "Sts", "Throttling", "Rate exceeded",
      (status, d) -> software.amazon.awssdk.services.sts.model.StsException.builder().statusCode(status).awsErrorDetails(d).build());
  private final SandboxGate gate;

  public FakeSts(SandboxGate gate) { this.gate = gate; }

  @Override public String serviceName() { return SERVICE_NAME; }

  @Override public void close() {}

  @Override public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest r) {
    return gate.call(ERRORS, "GetCallerIdentity", false, () -> GetCallerIdentityResponse.builder()
        .account(gate.account().accountId())
        .arn("arn:aws:iam::" + gate.account().accountId() + ":user/sandbox")
        .userId("AIDASANDBOXUSER").build());
  }
}
