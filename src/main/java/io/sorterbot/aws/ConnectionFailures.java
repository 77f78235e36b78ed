package io.sorterbot.aws;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Failures to talk to the endpoint at all (refused, unknown host, no route, a connect timeout) and other
 * I/O failures, told apart from AWS's answers. They are not throttling: no amount of backoff fixes a wrong
 * endpoint or a missing route, so they get one retry, not the long retries of throttling and 5xx.
 */
public final class ConnectionFailures {
  private ConnectionFailures() {}

  /** An SDK client error caused by I/O: no answer from the endpoint at all. */
  public static boolean isIo(Throwable t) {
    return t instanceof SdkClientException && cause(t, IOException.class) != null;
  }

  /** The connection itself could not be made (nothing was sent). */
  public static boolean isConnect(Throwable t) {
    if (!(t instanceof SdkClientException)) return false;
    if (cause(t, ConnectException.class) != null || cause(t, UnknownHostException.class) != null
        || cause(t, NoRouteToHostException.class) != null) {
      return true;
    }
    SocketTimeoutException timeout = cause(t, SocketTimeoutException.class);
    return timeout != null && String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
  }

  /** The innermost I/O cause's own words ("Connection refused"), or its type. */
  public static String reason(Throwable t) {
    IOException io = cause(t, IOException.class);
    Throwable r = io == null ? t : io;
    for (Throwable c = r.getCause(); c instanceof IOException && c != r; c = c.getCause()) r = c;
    String m = r.getMessage();
    return m == null || m.isBlank() ? r.getClass().getSimpleName() : m.strip();
  }

  private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) return type.cast(c);
    }
    return null;
  }
}
