package io.sorterbot.aws;

import java.net.URI;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Names the endpoint in a call that got no answer: the SDK says "Unable to execute HTTP request:
 * Connection refused" and no host, which leaves a user with a wrong --endpoint-url or no route to AWS
 * guessing. The exception keeps its type (a client error) and the original as its cause.
 */
final class EndpointInErrors implements ExecutionInterceptor {
  private final URI endpoint;

  /** @param endpoint the endpoint override, named when the request never got an address (else null) */
  EndpointInErrors(URI endpoint) { this.endpoint = endpoint; }

  @Override
  public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
    Throwable e = context.exception();
    if (!ConnectionFailures.isIo(e)) return e;
    String where = context.httpRequest().map(EndpointInErrors::hostPort)
        .orElse(endpoint == null ? "the AWS endpoint" : hostPort(endpoint));
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String what = ConnectionFailures.isConnect(e) ? "cannot connect to " : "no answer from ";
    return SdkClientException.builder()
        .message(what + where + (service == null ? "" : " (" + service + ")") + ": " + ConnectionFailures.reason(e))
        .cause(e).build();
  }

  private static String hostPort(SdkHttpRequest r) { return r.host() + ":" + r.port(); }

  private static String hostPort(URI u) {
    int port = u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    return u.getHost() + ":" + port;
  }
}
