package io.sorterbot.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The engines the sandbox offers, with the minor version a major-only request resolves to (AWS picks
 * the default minor of that major: "16" becomes "16.4") and their default ports. A small fixed
 * catalogue: the real one moves every quarter.
 */
final class FakeRdsEngines {
  private FakeRdsEngines() {}

  record Engine(String name, int port, String license, String defaultVersion, Map<String, String> majors) {}

  private static final List<Engine> ENGINES = List.of(
      new Engine("postgres", 5432, "postgresql-license", "16.4",
          Map.of("13", "13.16", "14", "14.13", "15", "15.8", "16", "16.4", "17", "17.2")),
      new Engine("mysql", 3306, "general-public-license", "8.0.39", Map.of("8.0", "8.0.39", "8.4", "8.4.3")),
      new Engine("mariadb", 3306, "general-public-license", "10.11.9",
          Map.of("10.6", "10.6.19", "10.11", "10.11.9", "11.4", "11.4.3")));

  /** The engine, or {@code InvalidParameterValue} as AWS answers an unknown one. */
  static Engine engine(String name) {
    if (name == null || name.isBlank()) throw FakeRdsSupport.blank("Engine");
    String n = name.toLowerCase(Locale.ROOT);
    return ENGINES.stream().filter(e -> e.name.equals(n)).findFirst()
        .orElseThrow(() -> FakeRdsSupport.invalid("Invalid DB engine: " + name));
  }

  /** The full version a requested one resolves to; an unknown major is {@code InvalidParameterCombination}. */
  static String resolve(Engine e, String requested) {
    if (requested == null || requested.isBlank()) return e.defaultVersion;
    String v = requested.trim();
    String exact = e.majors.get(v);
    if (exact != null) return exact;
    String major = major(e, v);
    if (e.majors.containsKey(major) && v.length() > major.length() && v.substring(major.length() + 1).matches("\\d+")) {
      return v;
    }
    throw FakeRdsSupport.combination("Cannot find version " + requested + " for " + e.name);
  }

  /** The major of a version: the first number for PostgreSQL 10+, the first two for MySQL and MariaDB. */
  static String major(Engine e, String version) {
    String[] parts = version.split("\\.");
    if (e.name.equals("postgres") || parts.length < 2) return parts[0];
    return parts[0] + "." + parts[1];
  }

  /** Compares full versions numerically, component by component. */
  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? Integer.parseInt(x[i]) : 0;
      int q = i < y.length ? Integer.parseInt(y[i]) : 0;
      if (p != q) return Integer.compare(p, q);
    }
    return 0;
  }
}
