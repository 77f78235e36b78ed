package io.sorterbot.aws;

import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * A retry strategy that gives calls failing on I/O (no answer from the endpoint: refused, unknown host, no
 * route, timeouts) at most {@code ioAttempts} attempts, and leaves everything else (throttling, 5xx) to the
 * wrapped strategy's long retries. The SDK's own strategies retry I/O errors like throttling, which made
 * a command with no route to AWS retry silently for many seconds.
 */
final class FailFastOnIo implements RetryStrategy {
  private final RetryStrategy delegate;
  private final int ioAttempts;

  FailFastOnIo(RetryStrategy delegate, int ioAttempts) {
    this.delegate = delegate;
    this.ioAttempts = ioAttempts;
  }

  /** The wrapped token and the attempts so far that failed on I/O. */
  private record Token(RetryToken inner, int ioFailures) implements RetryToken {}

  @Override public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest r) {
    AcquireInitialTokenResponse first = delegate.acquireInitialToken(r);
    return AcquireInitialTokenResponse.create(new Token(first.token(), 0), first.delay());
  }

  @Override public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest r) {
    Token t = (Token) r.token();
    int io = t.ioFailures() + (ConnectionFailures.isIo(r.failure()) ? 1 : 0);
    if (io > 0 && io >= ioAttempts && ConnectionFailures.isIo(r.failure())) {
      throw new TokenAcquisitionFailedException("no retry after " + io + " attempts that got no answer from the endpoint",
          t, r.failure());
    }
    RefreshRetryTokenResponse next = delegate.refreshRetryToken(r.toBuilder().token(t.inner()).build());
    return RefreshRetryTokenResponse.create(new Token(next.token(), io), next.delay());
  }

  @Override public RecordSuccessResponse recordSuccess(RecordSuccessRequest r) {
    Token t = (Token) r.token();
    RecordSuccessResponse done = delegate.recordSuccess(RecordSuccessRequest.create(t.inner()));
    return RecordSuccessResponse.create(new Token(done.token(), t.ioFailures()));
  }

  @Override public int maxAttempts() { return delegate.maxAttempts(); }

  /** Used as given: the wrapped strategy already carries the AWS defaults. */
  @Override public boolean useClientDefaults() { return false; }

  @Override public Builder<?, ?> toBuilder() { return delegate.toBuilder(); }
}
