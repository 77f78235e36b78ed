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
  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

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
        problems.add(new Problem(r.pos(p.currentTokenLocation()), "more than one YAML document in the file",
            "keep a single document (remove the '---' separator)"));
      }
      return root;
    } catch (JsonProcessingException e) {
      problems.add(new Problem(r.pos(e.getLocation()), "YAML syntax error: " + firstLine(e.getOriginalMessage()),
          "check indentation and quoting around this line"));
      return null;
    } catch (IOException e) {
      problems.add(new Problem(new SourcePos(file, 1, 1), "cannot read YAML: " + e.getMessage()));
      return null;
    }
  }

  private YNode node(JsonParser p, JsonToken t) throws IOException {
    SourcePos pos = pos(p.currentTokenLocation());
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
