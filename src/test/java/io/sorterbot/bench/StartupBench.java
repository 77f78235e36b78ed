package io.sorterbot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Median wall time of whole processes: {@code --version}, {@code validate}, and a no-change sandbox
 * {@code plan}, each as plain {@code java -jar} and as the launcher runs it: with the class-data-sharing archive the package step builds
 * ({@code target/sorterbot.jsa}) and C1 only. Needs {@code target/sorterbot.jar}.
 */
public final class StartupBench {
  private static final int RUNS = 5;

  private StartupBench() {}

  public static void main(String[] args) throws Exception {
    Path build = Path.of(System.getProperty("sorterbot.buildDir", "target"));
    Path jar = build.resolve("sorterbot.jar");
    if (!Files.exists(jar)) {
      System.out.println("5. start-up: skipped (build target/sorterbot.jar first: mvn package)");
      return;
    }
    Path jsa = build.resolve("sorterbot.jsa");
    Path dir = Files.createTempDirectory("sorterbot-startup");
    String sandbox = "--sandbox=" + dir.resolve("account");
    run(false, jar, jsa, "apply", "-f", "examples/network.yaml", sandbox, "--auto-approve");
    System.out.println("5. start-up: median of " + RUNS + " runs (whole process, wall time)");
    System.out.printf("   %-40s %12s %12s%n", "command", "java -jar", "bin/sorterbot");
    for (String[] cmd : List.of(new String[] {"--version"}, new String[] {"validate", "-f", "sorterbot.yaml"},
        new String[] {"plan", "-f", "examples/network.yaml", sandbox})) {
      long plain = median(false, jar, jsa, cmd);
      String cds = Files.exists(jsa) ? median(true, jar, jsa, cmd) + " ms" : "n/a";
      String shown = String.join(" ", cmd).replace(sandbox, "--sandbox");
      System.out.printf("   %-40s %9d ms %12s%n", shown, plain, cds);
    }
    System.out.println();
  }

  private static long median(boolean cds, Path jar, Path jsa, String... cmd) throws Exception {
    long[] t = new long[RUNS];
    for (int i = 0; i < RUNS; i++) t[i] = run(cds, jar, jsa, cmd);
    Arrays.sort(t);
    return t[RUNS / 2];
  }

  private static long run(boolean cds, Path jar, Path jsa, String... cmd) throws Exception {
    List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (cds) c.addAll(List.of("-XX:SharedArchiveFile=" + jsa, "-Xshare:auto", "-XX:TieredStopAtLevel=1")); // as bin/sorterbot
    c.addAll(List.of("-jar", jar.toString()));
    c.addAll(List.of(cmd));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(c).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (p.exitValue() != 0) throw new IllegalStateException(String.join(" ", c) + " exited " + p.exitValue());
    return ms;
  }
}
