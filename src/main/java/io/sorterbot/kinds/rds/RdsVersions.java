package io.sorterbot.kinds.rds;

import java.util.Locale;

/** Engine versions as RDS treats them: "16" asks for any 16.x, and what a major version is per engine. */
final class RdsVersions {
  private RdsVersions() {}

  /** The file's version matches the live one when equal or a dot-bounded prefix of it ("16" vs "16.4"). */
  static boolean matches(Object desired, Object live) {
    if (desired == null || live == null) return desired == live;
    String d = desired.toString().trim();
    String l = live.toString().trim();
    return l.equals(d) || l.startsWith(d + ".");
  }

  /**
   * The major version: MySQL and MariaDB count two components (8.0 to 8.4 is a major upgrade), as does
   * PostgreSQL before 10 (9.6); PostgreSQL 10+ and the other engines count the first.
   */
  static String major(String engine, String version) {
    String[] parts = version.trim().split("\\.");
    String e = engine == null ? "" : engine.toLowerCase(Locale.ROOT);
    boolean two = e.equals("mysql") || e.equals("mariadb") || (e.equals("postgres") && parts[0].matches("\\d") );
    return two && parts.length > 1 ? parts[0] + "." + parts[1] : parts[0];
  }
}
