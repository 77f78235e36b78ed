package io.sorterbot.kinds;

import io.sorterbot.model.ValueType;
import java.util.List;

/**
 * A kind's typed factory of {@link Prop} rows: it carries the kind's three type parameters (what AWS
 * answers, what a create sets, what an update sets) so each row names only its own. It holds no state.
 */
public final class Props<R, C, U> {

  public static <R, C, U> Props<R, C, U> of() { return new Props<>(); }

  private Props() {}

  public Prop.Builder<R, C, U, String> string(String name) { return new Prop.Builder<>(name, ValueType.STRING, Codec.STRING); }

  public Prop.Builder<R, C, U, Boolean> bool(String name) { return new Prop.Builder<>(name, ValueType.BOOLEAN, Codec.BOOLEAN); }

  /** A whole number: Long in the file's model, Integer in the SDK. */
  public Prop.Builder<R, C, U, Integer> integer(String name) { return new Prop.Builder<>(name, ValueType.INTEGER, Codec.INTEGER); }

  /** An ordered list of strings. */
  public Prop.Builder<R, C, U, List<String>> strings(String name) {
    return new Prop.Builder<>(name, ValueType.STRING_LIST, Codec.STRINGS);
  }

  /** A list of strings whose order and repeats mean nothing (ids, ARNs). */
  public Prop.Builder<R, C, U, List<String>> stringSet(String name) {
    return new Prop.Builder<>(name, ValueType.STRING_LIST, Codec.STRING_SET);
  }

  /** A structured value (rules, routes, a document, nested objects), passed as the model holds it. */
  public Prop.Builder<R, C, U, Object> value(String name, ValueType type) { return new Prop.Builder<>(name, type, Codec.ANY); }

  /** A string out of a fixed set. */
  public Prop.Builder<R, C, U, String> oneOf(String name, String... values) {
    return new Prop.Builder<>(name, ValueType.enumOf(values), Codec.STRING);
  }
}
