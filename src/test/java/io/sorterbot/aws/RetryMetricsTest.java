package io.sorterbot.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real SDK clients report every retry their strategy makes: an endpoint on 127.0.0.1 answers STS with
 * throttling, then a server error, then success; the listener hears of both failed attempts.
 */
class RetryMetricsTest {
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private String savedKey;
  private String savedSecret;

  @BeforeEach
  void start() throws IOException {
    savedKey = System.getProperty("aws.accessKeyId");
    savedSecret = System.getProperty("aws.secretAccessKey");
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "test-secret");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      int n = requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      String body;
      int status;
      if (n == 1) {
        status = 400;
        body = error("Throttling", "Rate exceeded");
      } else if (n == 2) {
        status = 500;
        body = error("InternalFailure", "try again");
      } else {
        status = 200;
        body = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/t</Arn><UserId>AIDA</UserId>
              <Account>123456789012</Account></GetCallerIdentityResult>
              <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>""";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/xml");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(bytes);
      }
    });
    server.start();
  }

  private static String error(String code, String message) {
    return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>" + code
        + "</Code><Message>" + message + "</Message></Error><RequestId>r</RequestId></ErrorResponse>";
  }

  @AfterEach
  void stop() {
    server.stop(0);
    restore("aws.accessKeyId", savedKey);
    restore("aws.secretAccessKey", savedSecret);
  }

  private static void restore(String name, String value) {
    if (value == null) System.clearProperty(name);
    else System.setProperty(name, value);
  }

  @Test
  void everyFailedAttemptThatIsRetriedReachesTheListener() {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    try (SdkClients c = new SdkClients("eu-central-1", null, endpoint,
        (service, operation, reason, next) -> heard.add(service + " " + operation + " " + reason + " #" + next))) {
      assertThat(c.sts().getCallerIdentity().account()).isEqualTo("123456789012");
    }
    assertThat(requests.get()).isEqualTo(3);
    assertThat(heard).containsExactly("STS GetCallerIdentity Throttling (HTTP 400) #2",
        "STS GetCallerIdentity ServerError (HTTP 500) #3");
  }
}
