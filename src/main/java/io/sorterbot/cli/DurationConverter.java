package io.sorterbot.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** "90s", "10m", "1h30m", or ISO-8601 "PT10M"; never negative, at most {@link #MAX}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(?:(\\d{1,9})h)?(?:(\\d{1,9})m)?(?:(\\d{1,9})s)?");
  /** A year: longer waits are typing mistakes (and would overflow the clocks they are added to). */
  static final Duration MAX = Duration.ofDays(366);

  @Override public Duration convert(String v) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    Duration d;
    if (s.startsWith("pt") || s.startsWith("-pt") || s.startsWith("p")) {
      try {
        d = Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw notADuration(v);
      }
    } else {
      Matcher m = SHORT.matcher(s);
      if (s.isEmpty() || !m.matches()) throw notADuration(v);
      long secs = 0;
      if (m.group(1) != null) secs += Long.parseLong(m.group(1)) * 3600;
      if (m.group(2) != null) secs += Long.parseLong(m.group(2)) * 60;
      if (m.group(3) != null) secs += Long.parseLong(m.group(3));
      d = Duration.ofSeconds(secs);
    }
    if (d.isNegative()) throw new CommandLine.TypeConversionException("'" + Errors.printable(v, 40) + "' is negative; give a wait of 0s or more");
    if (d.compareTo(MAX) > 0) throw new CommandLine.TypeConversionException("'" + Errors.printable(v, 40) + "' is longer than a year");
    return d;
  }

  private static CommandLine.TypeConversionException notADuration(String v) {
    return new CommandLine.TypeConversionException("'" + Errors.printable(v, 40) + "' is not a duration (e.g. 30s, 10m, 1h30m, PT10M)");
  }
}
