package io.sorterbot.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** YAML text → {@link YNode} tree with positions. Reports syntax errors and duplicate keys as problems. */
public final class YamlReader {
  /** 64 MB: SnakeYAML's 3 MB default stops a 10,000-resource file. */
  private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;
  /** The largest file read at all (bytes): larger ones are refused before reading (see {@link FileText}). */
  static final long MAX_BYTES = MAX_CODE_POINTS;
  private static final YAMLFactory FACTORY = YAMLFactory.builder()
      .loaderOptions(loaderOptions())
      .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.EMPTY_STRING_AS_NULL)
      .build();

  private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
    org.yaml.snakeyaml.LoaderOptions o = new org.yaml.snakeyaml.LoaderOptions();
    o.setCodePointLimit(MAX_CODE_POINTS);
    o.setAllowDuplicateKeys(true); // reported by us, with both positions
    return o;
  }

  private final String file;
  private final List<Problem> problems;

  private YamlReader(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  /** Parses {@code text}; returns null (with a problem added) when the YAML is not well formed or empty. */
  public static YNode read(String file, String text, List<Problem> problems) {
    YamlReader r = new YamlReader(file, problems);
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        problems.add(new Problem(new SourcePos(file, 1, 1), "the file is empty", "start with 'version: 1'"));
        return null;
      }
      YNode root = r.node(p, t);
      if (p.nextToken() != null) {
        SourcePos second = r.pos(p.currentTokenLocation());
        problems.add(new Problem(r.separatorBefore(text, second), "more than one YAML document in the file",
            "keep a single document (remove the '---' separator)"));
      }
      return root;
    } catch (JsonProcessingException e) {
      problems.add(r.syntaxProblem(e, text));
      return null;
    } catch (IOException e) {
      problems.add(new Problem(new SourcePos(file, 1, 1), "cannot read YAML: " + e.getMessage()));
      return null;
    }
  }

  /** SnakeYAML's own cause and position ("found character '\\t' that cannot start any token") beat Jackson's context line. */
  private Problem syntaxProblem(JsonProcessingException e, String text) {
    if (e.getCause() instanceof org.yaml.snakeyaml.reader.ReaderException re) {
      return new Problem(atCodePoint(text, re.getPosition()),
          String.format("the file holds the character U+%04X, which YAML does not allow", re.getCodePoint()),
          "remove it (is this a binary file?)");
    }
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
      org.yaml.snakeyaml.error.Mark mark = m.getProblemMark();
      String problem = firstLine(m.getProblem()).replaceAll("<org\\.yaml\\.snakeyaml\\.[^>]*>", "this structure");
      String hint = problem.contains("\\t") || problem.contains("tab") ? "indent with spaces, not tabs"
          : problem.contains("end of stream") ? "a quote or bracket is never closed"
          : "check indentation and quoting around this line";
      return new Problem(new SourcePos(file, mark.getLine() + 1, mark.getColumn() + 1), "YAML syntax error: " + problem, hint);
    }
    String msg = firstLine(e.getOriginalMessage());
    if (msg.contains("nesting depth")) {
      return new Problem(pos(e.getLocation()), "the YAML nests deeper than 1000 levels", "flatten it: no stack file needs that depth");
    }
    if (msg.contains("exceeds the limit")) {
      return new Problem(new SourcePos(file, 1, 1), "the file is too large (over " + MAX_CODE_POINTS / (1024 * 1024) + " MB)",
          "split the stack into several files");
    }
    return new Problem(pos(e.getLocation()), "YAML syntax error: " + msg, "check indentation and quoting around this line");
  }

  /** The position of the {@code index}-th code point of {@code text} (clamped to the text). */
  private SourcePos atCodePoint(String text, int index) {
    int line = 1;
    int col = 1;
    int i = 0;
    for (int cp = 0; cp < index && i < text.length(); cp++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new SourcePos(file, line, col);
  }

  /** The line of the '---' that starts the document at {@code second}, if there is one above it. */
  private SourcePos separatorBefore(String text, SourcePos second) {
    String[] lines = text.split("\n", -1);
    for (int i = Math.min(second.line(), lines.length) - 1; i >= 0; i--) {
      if (lines[i].startsWith("---")) return new SourcePos(file, i + 1, 1);
    }
    return second;
  }

  private YNode node(JsonParser p, JsonToken t) throws IOException {
    SourcePos pos = pos(p.currentTokenLocation());
    if (p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y && y.isCurrentAlias()) {
      problems.add(new Problem(pos, "YAML aliases (*" + p.getText() + ") are not supported",
          "write the value out, or use a variable: ${var.NAME}"));
      return new YNode.YScalar(pos, null);
    }
    switch (t) {
      case START_OBJECT: {
        Map<String, YNode> entries = new LinkedHashMap<>();
        Map<String, SourcePos> keyPos = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          SourcePos kp = pos(p.currentTokenLocation());
          YNode value = node(p, p.nextToken());
          if (entries.containsKey(key)) {
            problems.add(new Problem(kp, "duplicate key '" + key + "' (first at line " + keyPos.get(key).line() + ")",
                "remove or rename one of them"));
            continue;
          }
          entries.put(key, value);
          keyPos.put(key, kp);
        }
        return new YNode.YMap(pos, entries, keyPos);
      }
      case START_ARRAY: {
        List<YNode> items = new ArrayList<>();
        JsonToken n;
        while ((n = p.nextToken()) != JsonToken.END_ARRAY) items.add(node(p, n));
        return new YNode.YList(pos, items);
      }
      case VALUE_STRING: return new YNode.YScalar(pos, p.getText());
      case VALUE_NUMBER_INT: return new YNode.YScalar(pos, intValue(p));
      case VALUE_NUMBER_FLOAT: return new YNode.YScalar(pos, p.getDoubleValue());
      case VALUE_TRUE: return new YNode.YScalar(pos, Boolean.TRUE);
      case VALUE_FALSE: return new YNode.YScalar(pos, Boolean.FALSE);
      case VALUE_NULL: return new YNode.YScalar(pos, null);
      default: return new YNode.YScalar(pos, p.getText());
    }
  }

  private static Object intValue(JsonParser p) throws IOException {
    try {
      return p.getLongValue();
    } catch (com.fasterxml.jackson.core.exc.InputCoercionException e) {
      return p.getText(); // beyond 64 bits: keep the text, schema reports the type
    }
  }

  private SourcePos pos(JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 1) return new SourcePos(file, 1, 1);
    return new SourcePos(file, loc.getLineNr(), Math.max(1, loc.getColumnNr()));
  }

  private static String firstLine(String s) {
    if (s == null) return "malformed YAML";
    String l = s.strip();
    int nl = l.indexOf('\n');
    return nl < 0 ? l : l.substring(0, nl).strip();
  }
}
