package io.sorterbot.kinds;

import io.sorterbot.model.Desired;
import io.sorterbot.model.PropSchema;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.ValueType;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One property of a kind, spelled once: its schema (name, type, flags, documentation), how its values
 * compare, how it is read from what AWS answers, how it is set on create, and how it changes in place —
 * or that a change forces replacement. The schema, the live view, the requests and the diff are all
 * derived from these rows ({@link PropertyTable}).
 *
 * @param <R> what the kind reads back from AWS for one resource (an SDK object, or a record of several)
 * @param <C> what a create sets properties on (usually the create request's builder)
 * @param <U> what an in-place change sets properties on (a modify request's builder, or the kind's calls)
 * @param <J> the Java type the SDK takes and gives for this property
 * @param read       null when AWS does not report it (the kind reports it otherwise, or not at all)
 * @param create     null when the create call cannot set it: then it is set after the create, as an update
 * @param update     null when it cannot change in place ({@link Change})
 * @param equivalence null for plain equality of normalised values
 * @param attribute  the live value is also an attribute readable by references
 */
public record Prop<R, C, U, J>(PropSchema schema, Codec<J> codec, Function<R, J> read, BiConsumer<C, J> create,
                               BiConsumer<U, J> update, Change change, BiPredicate<Object, Object> equivalence,
                               boolean attribute) {

  /** How a change of the property reaches AWS. */
  public enum Change {
    /** With {@link #update}. */
    IN_PLACE,
    /** It cannot: the resource is replaced. */
    REPLACES,
    /** The kind's own code changes it (several calls, an order between them, a wait). */
    BY_KIND,
    /** Nothing to send: how sorterbot acts (when to apply, what to do on delete), kept by the kind. */
    NOTHING
  }

  public Prop {
    Objects.requireNonNull(schema);
    Objects.requireNonNull(codec);
    if ((change == Change.IN_PLACE) != (update != null)) {
      throw new IllegalArgumentException(schema.name() + ": an in-place property needs its update, and only it has one");
    }
  }

  public String name() { return schema.name(); }

  /** Declared in the file. */
  public boolean in(Desired d) { return d.has(name()); }

  /** The desired value, as the SDK takes it (null when undeclared). */
  public J get(Desired d) { return d.has(name()) ? codec.toSdk().apply(d.get(name())) : null; }

  /** Among the changes of an update. */
  public boolean changed(List<PropertyChange> changes) {
    return changes.stream().anyMatch(c -> c.property().equals(name()));
  }

  /** The normalised form of a model value. */
  public Object normalize(Object v) { return codec.normaliser().apply(v); }

  /** Reads the model value from what AWS answered. */
  Object readFrom(R r) { return read == null ? null : codec.toModel().apply(read.apply(r)); }

  /** Sets the declared value on a create request; false when undeclared or not settable on create. */
  boolean setOnCreate(C target, Desired d) {
    if (create == null || !in(d)) return false;
    create.accept(target, get(d));
    return true;
  }

  /** Sets the desired value on an in-place change when it changed; whether it did. */
  public boolean setIfChanged(U target, Desired d, List<PropertyChange> changes) {
    if (update == null || !changed(changes)) return false;
    update.accept(target, get(d));
    return true;
  }

  /** Sets a declared value that the create call could not: after the create, as an update would. */
  boolean setAfterCreate(U target, Desired d) {
    if (create != null || update == null || !in(d)) return false;
    update.accept(target, get(d));
    return true;
  }

  /**
   * Fluent construction; a {@link PropertyTable} is built from the finished rows. Get one from the kind's
   * typed {@link Props} factory so that the type parameters are given once per kind.
   */
  public static final class Builder<R, C, U, J> {
    private final PropSchema.Builder schema;
    private Codec<J> codec;
    private Function<R, J> read;
    private BiConsumer<C, J> create;
    private BiConsumer<U, J> update;
    private Change change = Change.BY_KIND;
    private BiPredicate<Object, Object> equivalence;
    private boolean attribute;

    Builder(String name, ValueType type, Codec<J> codec) {
      this.schema = PropSchema.prop(name, type);
      this.codec = codec;
    }

    public Builder<R, C, U, J> required() { schema.required(); return this; }
    public Builder<R, C, U, J> sensitive() { schema.sensitive(); return this; }
    public Builder<R, C, U, J> defaultValue(Object v) { schema.defaultValue(v); return this; }
    public Builder<R, C, U, J> doc(String d) { schema.doc(d); return this; }
    /** The format AWS documents for the value, checked by validate. */
    public Builder<R, C, U, J> format(io.sorterbot.model.Format f) { schema.format(f); return this; }

    /** Anything else the schema of a property can say (a format, say). */
    public Builder<R, C, U, J> schema(UnaryOperator<PropSchema.Builder> more) { more.apply(schema); return this; }

    /** A change replaces the resource. */
    public Builder<R, C, U, J> replaces() { schema.immutable(); change = Change.REPLACES; update = null; return this; }

    /** Nothing in AWS to change: sorterbot's own setting, which the kind keeps (e.g. in a tag). */
    public Builder<R, C, U, J> nothingToChange() { change = Change.NOTHING; update = null; return this; }

    public Builder<R, C, U, J> read(Function<R, J> r) { read = r; return this; }
    public Builder<R, C, U, J> create(BiConsumer<C, J> c) { create = c; return this; }
    public Builder<R, C, U, J> update(BiConsumer<U, J> u) { update = u; change = Change.IN_PLACE; return this; }

    /** The same setter for create and update (a kind whose create and update go through the same calls). */
    public Builder<R, C, U, J> set(BiConsumer<C, J> c, BiConsumer<U, J> u) { return create(c).update(u); }

    public Builder<R, C, U, J> normalise(UnaryOperator<Object> n) { codec = codec.normalisedBy(n); return this; }
    public Builder<R, C, U, J> equivalence(BiPredicate<Object, Object> e) { equivalence = e; return this; }

    /** References may read the live value as an attribute of the same name. */
    public Builder<R, C, U, J> attribute() { attribute = true; return this; }

    public Prop<R, C, U, J> build() {
      return new Prop<>(schema.build(), codec, read, create, update, change, equivalence, attribute);
    }
  }
}
