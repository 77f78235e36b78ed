package io.sorterbot.plan;

import io.sorterbot.model.Sensitive;
import io.sorterbot.spec.StackSpec;
import io.sorterbot.spec.Template;
import io.sorterbot.spec.Template.Ref;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@code ${...}} references. Resource attributes come from an {@link Attributes} source
 * (live state at plan time, results at apply time); what is not known yet is {@link Unknown}.
 * Strings holding or embedding a secret become {@link Sensitive}.
 */
public final class Resolver {

  /** Where resource attributes come from. Returns {@link Unknown} when not known yet. */
  @FunctionalInterface
  public interface Attributes {
    Object get(String sbid, String attribute);
  }

  private final StackSpec spec;
  private final Map<String, String> secrets;
  private final Map<String, String> builtins;

  /**
   * @param secrets  secret values by name; a missing name resolves as unknown
   * @param builtins region, stack, accountId
   */
  public Resolver(StackSpec spec, Map<String, String> secrets, Map<String, String> builtins) {
    this.spec = spec;
    this.secrets = Map.copyOf(secrets);
    this.builtins = Map.copyOf(builtins);
  }

  public Map<String, Object> properties(Map<String, Object> raw, Attributes attrs) {
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k, resolve(v, attrs)));
    return out;
  }

  public Object resolve(Object v, Attributes attrs) {
    if (v instanceof Template t) return template(t, attrs);
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) out.add(resolve(o, attrs));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), resolve(x, attrs)));
      return out;
    }
    return v;
  }

  private Object template(Template t, Attributes attrs) {
    Ref whole = t.whole();
    if (whole != null) return ref(whole, attrs);
    StringBuilder sb = new StringBuilder();
    boolean sensitive = false;
    for (Template.Part p : t.parts()) {
      if (p instanceof Template.Literal l) {
        sb.append(l.text());
        continue;
      }
      Object v = ref((Ref) p, attrs);
      if (v instanceof Unknown u) return sensitive || isSecret((Ref) p) ? new Unknown(u.source()) : u;
      if (v instanceof Sensitive s) { sensitive = true; v = s.value(); }
      sb.append(v);
    }
    return sensitive ? new Sensitive(sb.toString()) : sb.toString();
  }

  private static boolean isSecret(Ref r) { return r.ns() == Template.Namespace.SECRET; }

  private Object ref(Ref r, Attributes attrs) {
    return switch (r.ns()) {
      case VAR -> spec.variables().get(r.name()).value();
      case SECRET -> secrets.containsKey(r.name()) ? new Sensitive(secrets.get(r.name())) : new Unknown(r.display());
      case BUILTIN -> builtins.containsKey(r.name()) ? builtins.get(r.name()) : new Unknown(r.display());
      case RESOURCE -> {
        Object v = attrs.get(r.name(), r.attribute());
        yield v == null ? new Unknown(r.display()) : v;
      }
    };
  }
}
