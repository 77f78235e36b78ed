package io.sorterbot.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** "90s", "10m", "1h30m", or ISO-8601 "PT10M". */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  @Override public Duration convert(String v) {
    String s = v.strip().toLowerCase(java.util.Locale.ROOT);
    if (s.startsWith("pt")) return Duration.parse(s.toUpperCase(java.util.Locale.ROOT));
    Matcher m = SHORT.matcher(s);
    if (s.isEmpty() || !m.matches()) throw new CommandLine.TypeConversionException("'" + v + "' is not a duration (e.g. 30s, 10m, 1h)");
    long secs = 0;
    if (m.group(1) != null) secs += Long.parseLong(m.group(1)) * 3600;
    if (m.group(2) != null) secs += Long.parseLong(m.group(2)) * 60;
    if (m.group(3) != null) secs += Long.parseLong(m.group(3));
    return Duration.ofSeconds(secs);
  }
}
