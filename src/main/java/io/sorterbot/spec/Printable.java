package io.sorterbot.spec;

/** Text from the user or from AWS made safe for one line of a message. */
public final class Printable {
  private Printable() {}

  /**
   * {@code s} safe to print on one line: line breaks, tabs and other control characters (which could
   * fake or split lines) escaped, lone surrogates shown as U+XXXX, and cut to {@code max} characters.
   */
  public static String of(String s, int max) {
    if (s == null) return "";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (sb.length() >= max) {
        sb.append("… (").append(s.length()).append(" characters)");
        break;
      }
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
