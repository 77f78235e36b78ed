package io.sorterbot.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: builds a {@link YNode} tree with positions from YAML text using Jackson 2 YAML
 * (independent of the project's own YAML reader).
 */
public final class TestYaml {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private TestYaml() {}

  public static YNode parse(String yaml) { return parse(yaml, "test.yaml"); }

  public static YNode parse(String yaml, String file) {
    try (JsonParser p = FACTORY.createParser(yaml)) {
      JsonToken t = p.nextToken();
      if (t == null) return new YNode.YScalar(new SourcePos(file, 1, 1), null);
      return read(p, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static YNode parse(Path path) {
    try {
      return parse(Files.readString(path), path.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SourcePos pos(JsonParser p, String file) {
    JsonLocation l = p.currentTokenLocation();
    return new SourcePos(file, l.getLineNr(), l.getColumnNr());
  }

  /** Reads the value whose first token is current. */
  private static YNode read(JsonParser p, String file) throws IOException {
    SourcePos pos = pos(p, file);
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, YNode> entries = new LinkedHashMap<>();
        Map<String, SourcePos> keys = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          SourcePos keyPos = pos(p, file);
          p.nextToken();
          entries.put(key, read(p, file));
          keys.put(key, keyPos);
        }
        return new YNode.YMap(pos, entries, keys);
      }
      case START_ARRAY: {
        List<YNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(p, file));
        return new YNode.YList(pos, items);
      }
      case VALUE_STRING:
        return new YNode.YScalar(pos, p.getText());
      case VALUE_NUMBER_INT:
        return new YNode.YScalar(pos, p.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return new YNode.YScalar(pos, p.getDoubleValue());
      case VALUE_TRUE:
        return new YNode.YScalar(pos, Boolean.TRUE);
      case VALUE_FALSE:
        return new YNode.YScalar(pos, Boolean.FALSE);
      case VALUE_NULL:
        return new YNode.YScalar(pos, null);
      default:
        throw new IllegalStateException("unexpected token " + t + " at " + pos);
    }
  }
}
