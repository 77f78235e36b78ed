package io.sorterbot.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the file may say about one kind, and what references may read from it.
 * Pure data: no AWS. The AWS-facing {@code ResourceKind} points at its schema.
 *
 * @param taggable the kind accepts a {@code tags} property and carries SBID/SBStack tags
 * @param attributes readable by {@code ${SBID.attribute}}; {@code id} is always present
 * @param hints      what the engine must know beyond the properties (see {@link KindHints})
 */
public record KindSchema(String type, String description, boolean taggable,
                         Map<String, PropSchema> properties, Map<String, ValueType> attributes, KindHints hints) {

  public KindSchema {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  public PropSchema property(String name) { return properties.get(name); }

  public static Builder builder(String type, String description) { return new Builder(type, description); }

  public static final class Builder {
    private final String type;
    private final String description;
    private boolean taggable;
    private final Map<String, PropSchema> props = new LinkedHashMap<>();
    private final Map<String, ValueType> attrs = new LinkedHashMap<>();
    private KindHints hints = KindHints.NONE;

    Builder(String type, String description) {
      this.type = type;
      this.description = description;
      attrs.put("id", ValueType.STRING);
    }

    /** Adds the {@code tags} property (free-form string map) and marks the kind taggable. */
    public Builder taggable() {
      taggable = true;
      props.put("tags", PropSchema.prop("tags", ValueType.STRING_MAP)
          .doc("Extra tags; SBID, SBStack and the file's top-level tags are added automatically").build());
      return this;
    }

    public Builder prop(PropSchema.Builder p) { return prop(p.build()); }
    public Builder prop(PropSchema p) { props.put(p.name(), p); return this; }
    public Builder attr(String name, ValueType t) { attrs.put(name, t); return this; }
    public Builder attrs(String... names) { for (String n : names) attrs.put(n, ValueType.STRING); return this; }

    public Builder hints(KindHints h) { hints = h; return this; }

    public KindSchema build() { return new KindSchema(type, description, taggable, props, attrs, hints); }
  }
}
