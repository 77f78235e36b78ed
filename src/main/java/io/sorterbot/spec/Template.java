package io.sorterbot.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A string value holding {@code ${...}} references. {@code $${} is a literal {@code ${}.
 *
 * @param pos where the string starts in the file
 */
public record Template(List<Part> parts, SourcePos pos) {
  public Template { parts = List.copyOf(parts); }

  public sealed interface Part {}

  public record Literal(String text) implements Part {}

  /** {@code ${ns.name}} or {@code ${SBID.attribute}} or a builtin ({@code ${region}}). */
  public record Ref(Namespace ns, String name, String attribute, String raw) implements Part {
    public String display() { return "${" + raw + "}"; }
  }

  public enum Namespace { RESOURCE, VAR, SECRET, BUILTIN }

  public static final List<String> BUILTINS = List.of("region", "stack", "accountId");

  /** The single reference when the whole string is one reference (keeps the referenced type). */
  public Ref whole() { return parts.size() == 1 && parts.get(0) instanceof Ref r ? r : null; }

  public List<Ref> refs() {
    List<Ref> out = new ArrayList<>();
    for (Part p : parts) if (p instanceof Ref r) out.add(r);
    return out;
  }

  /**
   * Parses a string; returns the plain String when it holds no reference (escapes applied), else a
   * Template. Malformed references are added to {@code problems}.
   */
  public static Object parse(String s, SourcePos pos, List<Problem> problems) {
    if (s.indexOf("${") < 0) return s;
    List<Part> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      if (s.startsWith("$${", i)) {
        lit.append("${");
        i += 3;
      } else if (s.startsWith("${", i)) {
        int end = s.indexOf('}', i + 2);
        if (end < 0) {
          problems.add(new Problem(posOf(s, i, pos), "unclosed reference '" + excerpt(s.substring(i)) + "'",
              "close it with '}', or write '$${' for a literal '${'"));
          return s;
        }
        String raw = s.substring(i + 2, end).strip();
        Ref ref = ref(raw, pos, problems);
        if (ref == null) return s;
        if (lit.length() > 0) { parts.add(new Literal(lit.toString())); lit.setLength(0); }
        parts.add(ref);
        i = end + 1;
      } else {
        lit.append(s.charAt(i++));
      }
    }
    if (parts.isEmpty()) return lit.toString();
    if (lit.length() > 0) parts.add(new Literal(lit.toString()));
    return new Template(parts, pos);
  }

  /** The first line of {@code s}, at most 40 characters: messages stay on one line. */
  static String excerpt(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 40 ? line.substring(0, 40) + "..." : line;
  }

  /** Position of offset {@code i} of a string starting at {@code start}: exact in block text (lines after the first). */
  private static SourcePos posOf(String s, int i, SourcePos start) {
    int line = 0;
    int lastNl = -1;
    for (int k = 0; k < i; k++) if (s.charAt(k) == '\n') { line++; lastNl = k; }
    if (line == 0) return start;
    int indent = 0;
    return new SourcePos(start.file(), start.line() + line, i - lastNl + indent);
  }

  private static Ref ref(String raw, SourcePos pos, List<Problem> problems) {
    if (raw.isEmpty()) {
      problems.add(new Problem(pos, "empty reference '${}'", "write ${SBID.attribute}, ${var.NAME} or ${secret.NAME}"));
      return null;
    }
    if (raw.startsWith("var.")) return new Ref(Namespace.VAR, raw.substring(4), null, raw);
    if (raw.startsWith("secret.")) return new Ref(Namespace.SECRET, raw.substring(7), null, raw);
    int dot = raw.lastIndexOf('.');
    if (dot < 0) {
      if (BUILTINS.contains(raw)) return new Ref(Namespace.BUILTIN, raw, null, raw);
      problems.add(new Problem(pos, "unknown reference '${" + raw + "}'",
          "built-ins are " + String.join(", ", BUILTINS) + "; resources are read as ${SBID.attribute}"));
      return null;
    }
    String head = raw.substring(0, dot);
    String tail = raw.substring(dot + 1);
    if (head.isEmpty() || tail.isEmpty()) {
      problems.add(new Problem(pos, "malformed reference '${" + raw + "}'", "write ${SBID.attribute}"));
      return null;
    }
    if (head.equals("var")) return new Ref(Namespace.VAR, tail, null, raw);
    if (head.equals("secret")) return new Ref(Namespace.SECRET, tail, null, raw);
    return new Ref(Namespace.RESOURCE, head, tail, raw);
  }
}
