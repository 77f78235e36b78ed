package io.sorterbot.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/sorterbot keeps standard output for sorterbot alone: with a class-data archive made for another jar
 * path (the folder moved, as after copying target/ elsewhere) or a damaged one, {@code plan --json} still
 * prints nothing but JSON, and the launcher rebuilds the archive so that the next run uses it. Runs after
 * package, on the jar and archive the build made; skipped when they are absent.
 */
class LauncherTest {
  private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  /** A copy of the project's launcher and the built jar and archive, in a folder of its own: the jar "moved". */
  private Path movedInstall() throws Exception {
    Path built = ShadedJarTest.jar();
    Path jsa = built.resolveSibling("sorterbot.jsa");
    assumeTrue(Files.isRegularFile(jsa) && Files.isRegularFile(built.resolveSibling("sorterbot.jsa.stamp")),
        "the package step made no archive (not a unix build?)");
    Path home = tmp.resolve("install");
    Files.createDirectories(home.resolve("bin"));
    Files.createDirectories(home.resolve("target"));
    Files.copy(PROJECT.resolve("bin/sorterbot"), home.resolve("bin/sorterbot"));
    // copied as cp -r would: a new modification time, which the JVM checks (a hard link would keep the archive valid)
    Path jar = home.resolve("target/sorterbot.jar");
    Files.copy(built, jar);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    Files.copy(jsa, home.resolve("target/sorterbot.jsa"));
    Files.copy(built.resolveSibling("sorterbot.jsa.stamp"), home.resolve("target/sorterbot.jsa.stamp"));
    Files.setLastModifiedTime(home.resolve("target/sorterbot.jsa"), FileTime.fromMillis(System.currentTimeMillis()));
    return home;
  }

  private Run planJson(Path home) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", home.resolve("bin/sorterbot").toString(), "plan", "--json",
        "-f", PROJECT.resolve("examples/vpc-only.yaml").toString(), "--sandbox=" + tmp.resolve("account"));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("SORTERBOT_JAR");
    pb.redirectError(tmp.resolve("err.txt").toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, Files.readString(tmp.resolve("err.txt")));
  }

  private static void assertOnlyJson(Run r) throws Exception {
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(new ObjectMapper().readTree(r.out()).path("formatVersion").asInt()).as(r.out()).isEqualTo(1);
    assertThat(r.out() + r.err()).doesNotContain("shared archive").doesNotContain("[warning]");
  }

  @Test
  void aStaleArchiveNeverReachesStandardOutputAndIsRebuilt() throws Exception {
    Path home = movedInstall();
    Path jsa = home.resolve("target/sorterbot.jsa");
    Path stamp = home.resolve("target/sorterbot.jsa.stamp");
    String builtFor = Files.readString(stamp);

    assertOnlyJson(planJson(home)); // the archive names the build's jar path: unusable here
    assertThat(Files.readString(stamp)).as("the stamp names the moved jar now").isNotEqualTo(builtFor)
        .contains(home.resolve("target/sorterbot.jar").toRealPath().toString());
    FileTime rebuilt = Files.getLastModifiedTime(jsa);

    assertOnlyJson(planJson(home)); // the rebuilt archive is used as is
    assertThat(Files.getLastModifiedTime(jsa)).isEqualTo(rebuilt);
  }

  @Test
  void aDamagedArchiveNeverReachesStandardOutput() throws Exception {
    Path home = movedInstall();
    assertOnlyJson(planJson(home)); // rebuilt for this place
    Path jsa = home.resolve("target/sorterbot.jsa");
    byte[] bytes = Files.readAllBytes(jsa);
    for (int i = 0; i < 4096; i++) bytes[i] = (byte) (bytes[i] ^ 0x5A); // the header
    jsa.toFile().setWritable(true);
    Files.write(jsa, bytes);
    assertOnlyJson(planJson(home));
  }

  @Test
  void withoutAJarItSaysHowToBuildOne() throws Exception {
    Path home = tmp.resolve("empty");
    Files.createDirectories(home.resolve("bin"));
    Files.copy(PROJECT.resolve("bin/sorterbot"), home.resolve("bin/sorterbot"));
    Run r = planJson(home);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("Error: " + home.resolve("target/sorterbot.jar") + " does not exist\n"
        + "Hint: build it first: mvn -q -B package -DskipTests\n");
    assertThat(List.of(r.err().split("\n"))).hasSize(2);
  }
}
