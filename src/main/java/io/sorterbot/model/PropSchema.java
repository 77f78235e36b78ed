package io.sorterbot.model;

/**
 * One property of a kind (or one field of a nested object).
 *
 * @param immutable a change forces replacement of the resource
 * @param sensitive the value is never printed
 * @param defaultValue what AWS assumes when unset (documentation only: undeclared properties are never diffed)
 * @param format       the format AWS documents for a string value, checked by validate; or null
 */
public record PropSchema(String name, ValueType type, boolean required, boolean immutable,
                         boolean sensitive, Object defaultValue, String description, Format format) {

  public static Builder prop(String name, ValueType type) { return new Builder(name, type); }

  public PropSchema withType(ValueType t) {
    return new PropSchema(name, t, required, immutable, sensitive, defaultValue, description, format);
  }

  /** Fluent construction; {@link #build()} is implicit wherever a PropSchema is accepted via {@code KindSchema.Builder}. */
  public static final class Builder {
    private final String name;
    private final ValueType type;
    private boolean required;
    private boolean immutable;
    private boolean sensitive;
    private Object defaultValue;
    private String description = "";
    private Format format;

    Builder(String name, ValueType type) { this.name = name; this.type = type; }

    public Builder required() { required = true; return this; }
    public Builder immutable() { immutable = true; return this; }
    public Builder sensitive() { sensitive = true; return this; }
    public Builder defaultValue(Object v) { defaultValue = v; return this; }
    public Builder doc(String d) { description = d; return this; }
    public Builder format(Format f) { format = f; return this; }

    public PropSchema build() {
      return new PropSchema(name, type, required, immutable, sensitive, defaultValue, description, format);
    }
  }
}
