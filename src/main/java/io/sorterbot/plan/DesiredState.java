package io.sorterbot.plan;

import io.sorterbot.model.Desired;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.PropSchema;
import io.sorterbot.model.Kind;
import io.sorterbot.model.Sensitive;
import io.sorterbot.model.Tags;
import io.sorterbot.spec.ResourceSpec;
import io.sorterbot.spec.StackSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a resource's desired properties and tags from the file, resolving references. */
public final class DesiredState {
  private final StackSpec spec;
  private final Resolver resolver;
  private final Map<String, Kind> kinds;

  public DesiredState(StackSpec spec, Resolver resolver, Map<String, Kind> kinds) {
    this.spec = spec;
    this.resolver = resolver;
    this.kinds = kinds;
  }

  public StackSpec spec() { return spec; }

  /** Resolves any value of the file (an output, say) against the given attributes. */
  public Object resolve(Object raw, Resolver.Attributes attrs) { return resolver.resolve(raw, attrs); }

  /** Resolved properties; sensitive values (by schema, or as the kind says) are wrapped so they never print. */
  public Map<String, Object> properties(String sbid, Resolver.Attributes attrs) {
    ResourceSpec r = spec.resources().get(sbid);
    Map<String, Object> out = resolver.properties(r.properties(), attrs);
    Kind kind = kinds.get(r.type());
    if (kind == null) return out;
    KindSchema k = kind.schema();
    out.replaceAll((name, v) -> {
      PropSchema p = k.property(name);
      return p != null && p.sensitive() && v instanceof String s ? new Sensitive(s) : v;
    });
    return kind.conceal(out);
  }

  /**
   * File tags, the tags property, SBID, SBStack, SBDeletionPolicy when retained, SBRegion on kinds that are
   * global (one per account, while stacks are per region), and the record of the file's value of each
   * ignoreChanges property that can be recorded (see {@link LastApplied}).
   */
  public Map<String, String> tags(String sbid, Map<String, Object> resolvedProps) {
    ResourceSpec r = spec.resources().get(sbid);
    Map<String, String> tags = new LinkedHashMap<>(spec.tags());
    if (resolvedProps.get("tags") instanceof Map<?, ?> m) m.forEach((k, v) -> tags.put(String.valueOf(k), String.valueOf(v)));
    tags.put(Tags.SBID, sbid);
    tags.put(Tags.STACK, spec.stack());
    if (r.retain()) tags.put(Tags.DELETION_POLICY, "retain");
    Kind kind = kinds.get(r.type());
    if (kind == null) return tags;
    if (kind.schema().hints().global() && spec.region() != null) tags.put(Tags.REGION, spec.region());
    for (String p : new java.util.TreeSet<>(r.ignoreChanges())) {
      String record = p.equals("tags") ? null : LastApplied.record(kind, p, resolvedProps.get(p));
      if (record != null) tags.put(Tags.applied(p), record);
    }
    return tags;
  }

  /** The Desired handed to a kind: every reference must be resolved by now. */
  public Desired desired(String sbid, Resolver.Attributes attrs) {
    Map<String, Object> props = properties(sbid, attrs);
    Object unknown = props.values().stream().filter(Unknown::within).findFirst().orElse(null);
    if (unknown != null) throw new IllegalStateException(sbid + ": a referenced value is still unknown");
    return new Desired(sbid, spec.resources().get(sbid).type(), spec.stack(), props, tags(sbid, props));
  }
}
