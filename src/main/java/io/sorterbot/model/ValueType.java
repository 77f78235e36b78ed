package io.sorterbot.model;

import java.util.List;
import java.util.Map;

/** The type of a property value, as the file declares it (before references are resolved). */
public sealed interface ValueType {

  /** Scalars. NUMBER accepts integers and decimals. */
  enum Scalar implements ValueType { STRING, INTEGER, BOOLEAN, NUMBER }

  /** A list of items of one type. */
  record ListOf(ValueType item) implements ValueType {}

  /** A mapping with free-form keys (tags), all values of one type. */
  record MapOf(ValueType value) implements ValueType {}

  /** A mapping with known fields (a security group rule, a container definition). */
  record ObjectOf(Map<String, PropSchema> fields) implements ValueType {
    public ObjectOf { fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields)); }
  }

  /** One string out of a fixed set. */
  record EnumOf(List<String> values) implements ValueType {
    public EnumOf { values = List.copyOf(values); }
  }

  /** A free-form JSON document (IAM policy, lifecycle policy): a YAML mapping, or a JSON string. */
  record Document() implements ValueType {}

  ValueType STRING = Scalar.STRING;
  ValueType INTEGER = Scalar.INTEGER;
  ValueType BOOLEAN = Scalar.BOOLEAN;
  ValueType NUMBER = Scalar.NUMBER;
  ValueType DOCUMENT = new Document();
  ValueType STRING_LIST = new ListOf(Scalar.STRING);
  ValueType STRING_MAP = new MapOf(Scalar.STRING);

  static ValueType listOf(ValueType item) { return new ListOf(item); }
  static ValueType enumOf(String... values) { return new EnumOf(List.of(values)); }

  static ValueType objectOf(PropSchema... fields) {
    Map<String, PropSchema> m = new java.util.LinkedHashMap<>();
    for (PropSchema f : fields) m.put(f.name(), f);
    return new ObjectOf(m);
  }

  /** Human name used in messages ("string", "list of string", ...). */
  static String describe(ValueType t) {
    if (t instanceof Scalar s) return s.name().toLowerCase(java.util.Locale.ROOT);
    if (t instanceof ListOf l) return "list of " + describe(l.item());
    if (t instanceof MapOf m) return "mapping of " + describe(m.value());
    if (t instanceof ObjectOf) return "mapping";
    if (t instanceof EnumOf e) return "one of " + String.join(", ", e.values());
    return "document (mapping or JSON string)";
  }
}
