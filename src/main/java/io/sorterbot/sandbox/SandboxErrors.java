package io.sorterbot.sandbox;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Builds the {@link AwsServiceException}s of one simulated service, typed as the real client would throw
 * them (e.g. {@code Ec2Exception}) and carrying AWS's error code, so {@code io.sorterbot.aws.AwsErrors}
 * classifies them as it would real ones.
 */
public final class SandboxErrors {
  /** Builds the service's exception type (e.g. {@code Ec2Exception.builder()...build()}). */
  @FunctionalInterface
  public interface Factory {
    AwsServiceException build(int statusCode, AwsErrorDetails details);
  }

  private final String service;
  private final String serviceName;
  private final String throttlingCode;
  private final String throttlingMessage;
  private final Factory factory;

  /**
   * @param service the sandbox's short name, used in call stats ({@code "ec2"})
   * @param serviceName the name the SDK puts into error details ({@code "Ec2"})
   * @param throttlingCode {@code RequestLimitExceeded} for EC2, {@code ThrottlingException} for most others
   */
  public SandboxErrors(String service, String serviceName, String throttlingCode, String throttlingMessage,
                       Factory factory) {
    this.service = service;
    this.serviceName = serviceName;
    this.throttlingCode = throttlingCode;
    this.throttlingMessage = throttlingMessage;
    this.factory = factory;
  }

  public String service() { return service; }

  public String throttlingCode() { return throttlingCode; }

  /** A client error (status 400). */
  public AwsServiceException error(String code, String message) { return error(400, code, message); }

  public AwsServiceException error(int status, String code, String message) {
    AwsErrorDetails details = AwsErrorDetails.builder()
        .errorCode(code).errorMessage(message).serviceName(serviceName).build();
    return factory.build(status, details);
  }

  /** The throttling answer (status 400; {@code isThrottlingException()} is true for these codes). */
  public AwsServiceException throttling() { return error(400, throttlingCode, throttlingMessage); }

  /** The 5xx answer. */
  public AwsServiceException internalError() {
    return error(500, "InternalError", "An internal error has occurred");
  }
}
