package io.sorterbot.bench;

/**
 * Every benchmark, in order; run with {@code mvn -q -Pbench verify -DskipTests} (the jar is built first,
 * for the start-up figures). Prints figures; never asserts timings.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    String file = System.getProperty("bench.file", "sorterbot.yaml");
    io.sorterbot.cli.EngineBench.main(new String[] {file});
    io.sorterbot.cli.ScaleBench.main(new String[0]);
    StartupBench.main(new String[0]);
    SpecBench.main(new String[0]);
  }
}
