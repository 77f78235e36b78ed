package io.sorterbot.kinds;

import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How one property's values cross between the file's model (String, Long, Boolean, List, Map) and the
 * Java type an SDK builder takes and an SDK object gives ({@code J}), and how they compare by default.
 */
public record Codec<J>(Function<Object, J> toSdk, Function<J, Object> toModel, UnaryOperator<Object> normaliser) {

  /** Sent as written; compared trimmed. */
  public static final Codec<String> STRING = new Codec<>(v -> v == null ? null : String.valueOf(v), j -> j, Normalise::trimmed);

  public static final Codec<Boolean> BOOLEAN = new Codec<>(v -> (Boolean) Normalise.bool(v), j -> j, Normalise::bool);

  /** The SDK's Integer; the model's Long. */
  public static final Codec<Integer> INTEGER = new Codec<>(
      v -> v == null ? null : Math.toIntExact(((Number) Normalise.number(v)).longValue()),
      j -> j == null ? null : j.longValue(), Normalise::number);

  /** An ordered list of strings. */
  public static final Codec<List<String>> STRINGS = new Codec<>(Codec::stringList, j -> j, Normalise::strings);

  /** A list of strings compared as a set. */
  public static final Codec<List<String>> STRING_SET = new Codec<>(Codec::stringList,
      j -> j == null ? null : Normalise.set(j), Normalise::stringSet);

  /** Structured values (rules, documents, nested objects): the model value as it is; the kind converts. */
  public static final Codec<Object> ANY = new Codec<>(v -> v, j -> j, v -> v);

  private static List<String> stringList(Object v) {
    if (!(v instanceof List<?> l)) return null;
    return l.stream().map(o -> String.valueOf(Normalise.trimmed(o))).toList();
  }

  /** The same conversions with another normaliser. */
  public Codec<J> normalisedBy(UnaryOperator<Object> n) { return new Codec<>(toSdk, toModel, n); }
}
