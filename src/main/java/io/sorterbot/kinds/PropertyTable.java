package io.sorterbot.kinds;

import io.sorterbot.model.Desired;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.LiveResources;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.ValueType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A kind's properties, one {@link Prop} row each, and everything derived from them: the schema (what the
 * file may say), the live view (what AWS says, in the file's names), the create and update requests, and
 * how values compare. A kind's own code handles only what no row can say (several calls in an order, a
 * wait, a value AWS keeps only in a tag).
 */
public final class PropertyTable<R, C, U> {
  private final KindSchema schema;
  private final Map<String, Prop<R, C, U, ?>> props;
  private final Map<String, Function<R, Object>> attributes;

  private PropertyTable(KindSchema schema, Map<String, Prop<R, C, U, ?>> props, Map<String, Function<R, Object>> attributes) {
    this.schema = schema;
    this.props = props;
    this.attributes = attributes;
  }

  public KindSchema schema() { return schema; }

  public List<Prop<R, C, U, ?>> props() { return List.copyOf(props.values()); }

  /** The properties AWS reports, in the file's names and shapes (nulls dropped later). */
  public Map<String, Object> read(R r) {
    Map<String, Object> out = new LinkedHashMap<>();
    props.values().forEach(p -> { if (p.read() != null) out.put(p.name(), p.readFrom(r)); });
    return out;
  }

  /** The attributes references may read: properties marked so, and the table's own. */
  public Map<String, Object> attributes(R r) {
    Map<String, Object> out = new LinkedHashMap<>();
    props.values().forEach(p -> { if (p.attribute()) out.put(p.name(), p.readFrom(r)); });
    attributes.forEach((name, read) -> out.put(name, read.apply(r)));
    return out;
  }

  /** The live resource for {@code r}; {@code props} from the rows, merged with what the kind adds. */
  public LiveResource live(R r, String id, Map<String, String> tags, List<String> refs, Instant createdAt) {
    return live(r, id, tags, Map.of(), refs, createdAt);
  }

  public LiveResource live(R r, String id, Map<String, String> tags, Map<String, Object> more, List<String> refs,
                           Instant createdAt) {
    Map<String, Object> p = read(r);
    p.putAll(more);
    return LiveResources.of(schema.type(), id, tags, p, attributes(r), refs, createdAt);
  }

  /** Sets every declared property the create call takes. */
  public C create(C target, Desired d) {
    props.values().forEach(p -> p.setOnCreate(target, d));
    return target;
  }

  /** After a create: sets the declared properties the create call could not; whether any was. */
  public boolean afterCreate(U target, Desired d) {
    boolean any = false;
    for (Prop<R, C, U, ?> p : props.values()) any |= p.setAfterCreate(target, d);
    return any;
  }

  /**
   * Sets every changed property that changes in place, {@code first} ones first, then in table order;
   * whether any was.
   */
  @SafeVarargs
  public final boolean update(U target, Desired d, List<PropertyChange> changes, Prop<R, C, U, ?>... first) {
    boolean any = false;
    List<Prop<R, C, U, ?>> order = new ArrayList<>(List.of(first));
    props.values().forEach(p -> { if (!order.contains(p)) order.add(p); });
    for (Prop<R, C, U, ?> p : order) any |= p.setIfChanged(target, d, changes);
    return any;
  }

  /** The kind's normaliser of a property (values of undeclared properties unchanged). */
  public Object normalize(String property, Object value) {
    Prop<R, C, U, ?> p = props.get(property);
    return p == null ? value : p.normalize(value);
  }

  public boolean equivalent(String property, Object desired, Object live) {
    Prop<R, C, U, ?> p = props.get(property);
    if (p != null && p.equivalence() != null) return p.equivalence().test(desired, live);
    return Objects.equals(normalize(property, desired), normalize(property, live));
  }

  public static <R, C, U> Builder<R, C, U> builder(String type, String description) { return new Builder<>(type, description); }

  /** Collects rows, attributes and the kind's other schema facts. */
  public static final class Builder<R, C, U> {
    private final KindSchema.Builder schema;
    private final Map<String, Prop<R, C, U, ?>> props = new LinkedHashMap<>();
    private final Map<String, Function<R, Object>> attributes = new LinkedHashMap<>();

    Builder(String type, String description) { schema = KindSchema.builder(type, description); }

    @SafeVarargs
    public final Builder<R, C, U> props(Prop<R, C, U, ?>... rows) {
      for (Prop<R, C, U, ?> p : rows) {
        if (props.putIfAbsent(p.name(), p) != null) throw new IllegalArgumentException("property " + p.name() + " twice");
        schema.prop(p.schema());
        if (p.attribute()) schema.attr(p.name(), p.schema().type());
      }
      return this;
    }

    /** The kind carries SBID/SBStack tags and accepts a {@code tags} property. */
    public Builder<R, C, U> taggable() { schema.taggable(); return this; }

    /** An attribute that is not a property (an ARN, an endpoint). */
    public Builder<R, C, U> attribute(String name, ValueType type, Function<R, Object> read) {
      schema.attr(name, type);
      attributes.put(name, read);
      return this;
    }

    public Builder<R, C, U> attribute(String name, Function<R, Object> read) { return attribute(name, ValueType.STRING, read); }

    /** Anything else the kind's schema says (hints, say). */
    public Builder<R, C, U> schema(UnaryOperator<KindSchema.Builder> more) { more.apply(schema); return this; }

    public PropertyTable<R, C, U> build() {
      return new PropertyTable<>(schema.build(), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(props)),
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes)));
    }
  }
}
