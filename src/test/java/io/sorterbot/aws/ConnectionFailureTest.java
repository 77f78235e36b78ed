package io.sorterbot.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * With credentials but nothing listening at the endpoint, a call fails after {@link RetryPolicy#IO_ATTEMPTS}
 * attempts and names the endpoint; throttling and 5xx keep the long retries. Attempts are counted, never
 * timed.
 */
class ConnectionFailureTest {
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret"));

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void aClosedPortFailsAfterOneRetryNamingHostAndPort() throws IOException {
    int port = closedPort();
    List<String> retries = new CopyOnWriteArrayList<>();
    try (SdkClients c = SdkClients.withCredentials("eu-central-1", CREDENTIALS, URI.create("http://127.0.0.1:" + port),
        (service, op, reason, attempt) -> retries.add(op + " " + attempt))) {
      assertThatThrownBy(() -> c.sts().getCallerIdentity())
          .isInstanceOf(SdkClientException.class)
          .hasMessageContaining("cannot connect to 127.0.0.1:" + port)
          .hasMessageContaining("Connection refused");
      assertThatThrownBy(() -> c.ec2().describeVpcs())
          .hasMessageStartingWith("cannot connect to 127.0.0.1:" + port + " (Ec2)");
    }
    // Before: the SDK retried a refused connection like throttling, ten attempts in all.
    assertThat(retries).containsExactly("GetCallerIdentity 2", "DescribeVpcs 2");
  }

  /** The strategy itself, without the SDK's sleeps: how many attempts each kind of failure gets. */
  @Test
  void serverErrorsAndThrottlingKeepTheLongRetriesIoErrorsDoNot() {
    AwsServiceException unavailable = AwsServiceException.builder().statusCode(503)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceUnavailable").build()).build();
    AwsServiceException throttled = AwsServiceException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build()).build();
    SdkClientException refused = SdkClientException.create("Unable to execute HTTP request",
        new java.net.ConnectException("Connection refused"));
    assertThat(attempts(unavailable)).isEqualTo(RetryPolicy.MAX_ATTEMPTS);
    assertThat(attempts(throttled)).isEqualTo(RetryPolicy.MAX_ATTEMPTS);
    assertThat(attempts(refused)).isEqualTo(RetryPolicy.IO_ATTEMPTS);
  }

  private static int attempts(Throwable failure) {
    RetryStrategy s = RetryPolicy.strategy();
    RetryToken token = s.acquireInitialToken(AcquireInitialTokenRequest.create("test")).token();
    for (int attempt = 1; ; attempt++) {
      try {
        token = s.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(failure).build()).token();
      } catch (TokenAcquisitionFailedException e) {
        return attempt;
      }
    }
  }
}
