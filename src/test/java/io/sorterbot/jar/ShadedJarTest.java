package io.sorterbot.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the package step makes (issue 15, "Launcher"): one jar, without the SDK's unused HTTP clients, a second
 * Jackson's YAML reader or unused math, that still talks to every AWS service sorterbot uses. Runs after
 * package (the jar-tests execution of the pom); skipped when the jar has not been built.
 */
class ShadedJarTest {
  static Path jar() {
    Path jar = Path.of(System.getProperty("sorterbot.jar", "target/sorterbot.jar"));
    assumeTrue(Files.isRegularFile(jar), "build the jar first (mvn package): " + jar);
    return jar;
  }

  @Test
  void theJarHoldsNoUnusedLibraries() throws IOException {
    List<String> unused = List.of("io/netty/", "org/apache/hc/", "org/apache/http/", "software/amazon/awssdk/http/nio/",
        "software/amazon/awssdk/http/apache", "software/amazon/awssdk/http/crt/", "org/snakeyaml/engine/",
        "tools/jackson/dataformat/yaml/", "org/apfloat/", "org/jctools/", "org/publicsuffix/");
    List<String> found = new ArrayList<>();
    try (ZipFile z = new ZipFile(jar().toFile())) {
      z.stream().map(e -> e.getName()).forEach(n -> {
        for (String u : unused) if (n.startsWith(u) && found.stream().noneMatch(f -> f.startsWith(u))) found.add(n);
      });
      assertThat(z.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class")).isNotNull();
    }
    assertThat(found).as("classes of libraries sorterbot never uses").isEmpty();
  }

  @Test
  void nothingElseIsLeftBesideTheJar() throws IOException {
    Path thin = jar().resolveSibling("thin-jar");
    assumeTrue(Files.isDirectory(thin), "built before the thin jar moved to thin-jar/");
    java.nio.file.attribute.FileTime built;
    try (var inputs = Files.list(thin)) {
      built = inputs.map(p -> p.toFile().lastModified()).max(Long::compare)
          .map(java.nio.file.attribute.FileTime::fromMillis).orElseThrow();
    }
    try (var files = Files.list(jar().getParent())) {
      // jars of earlier builds into the same folder (not cleaned) are older than this build's thin jar
      List<String> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar"))
          .filter(p -> p.toFile().lastModified() >= built.toMillis()).map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(jars).containsExactly("sorterbot.jar");
    }
  }

  @Test
  void everyServiceClientWorksFromTheJar(@TempDir Path tmp) throws Exception {
    Set<String> services = new TreeSet<>();
    Pattern scope = Pattern.compile("Credential=[^/]+/\\d+/[^/]+/([^/]+)/aws4_request");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
      Matcher m = scope.matcher(auth);
      if (m.find()) synchronized (services) { services.add(m.group(1)); }
      boolean json = ex.getRequestHeaders().getFirst("X-Amz-Target") != null;
      byte[] body = (json ? "{\"__type\":\"AccessDeniedException\",\"message\":\"refused by the test endpoint\"}"
          : "<ErrorResponse><Error><Code>AccessDenied</Code><Message>refused by the test endpoint</Message></Error></ErrorResponse>")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", json ? "application/x-amz-json-1.1" : "text/xml");
      if (json) ex.getResponseHeaders().add("x-amzn-ErrorType", "AccessDeniedException");
      ex.sendResponseHeaders(403, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    try {
      Path probeClasses = Path.of(SdkProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", jar() + java.io.File.pathSeparator + probeClasses, SdkProbe.class.getName(),
          "http://127.0.0.1:" + server.getAddress().getPort());
      pb.environment().put("AWS_ACCESS_KEY_ID", "AKIDPROBE");
      pb.environment().put("AWS_SECRET_ACCESS_KEY", "probe");
      pb.environment().remove("AWS_PROFILE");
      pb.redirectError(tmp.resolve("err.txt").toFile());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String err = Files.readString(tmp.resolve("err.txt"));
      assertThat(p.exitValue()).as(out + err).isZero();
      assertThat(out.lines().toList()).as(err).containsExactly("ec2 service-error", "iam service-error", "rds service-error",
          "ecs service-error", "ecr service-error", "ssm service-error", "s3 service-error", "sts service-error");
      assertThat(services).containsExactly("ec2", "ecr", "ecs", "iam", "rds", "s3", "ssm", "sts");
    } finally {
      server.stop(0);
    }
  }
}
