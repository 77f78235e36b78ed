package io.sorterbot.spec;

import io.sorterbot.model.KindSchema;
import io.sorterbot.model.PropSchema;
import io.sorterbot.model.KindCatalog;
import io.sorterbot.model.ValueType;
import io.sorterbot.spec.Template.Ref;
import java.util.List;
import java.util.Map;

/** The checks the JSON Schema cannot express: references, their types, dependsOn, ignoreChanges. */
final class ReferenceChecker {
  private final StackSpec spec;
  private final List<Problem> problems;

  private final KindCatalog catalog;

  ReferenceChecker(StackSpec spec, List<Problem> problems, KindCatalog catalog) {
    this.spec = spec;
    this.problems = problems;
    this.catalog = catalog;
  }

  void check() {
    spec.resources().values().forEach(this::checkResource);
    spec.outputs().values().forEach(o -> checkValue(o.value(), ValueType.STRING, "output '" + o.name() + "'"));
  }

  private void checkResource(ResourceSpec r) {
    KindSchema kind = catalog.find(r.type()).orElse(null);
    if (kind == null) return; // the schema pass reported the unknown kind
    r.properties().forEach((name, v) -> {
      PropSchema p = kind.property(name);
      if (p != null) checkValue(v, p.type(), "'" + name + "'");
    });
    YNode.YMap node = r.node();
    if (node.get("ignoreChanges") instanceof YNode.YList l) {
      for (YNode i : l.items()) {
        if (i instanceof YNode.YScalar s && s.value() instanceof String name && kind.property(name) == null) {
          problems.add(new Problem(i.pos(), "ignoreChanges: '" + name + "' is not a property of " + kind.type(),
              Suggest.hint(name, kind.properties().keySet())));
        }
      }
    }
    if (node.get("dependsOn") instanceof YNode.YList l) {
      for (YNode i : l.items()) {
        if (!(i instanceof YNode.YScalar s && s.value() instanceof String target)) continue;
        if (target.equals(r.sbid())) {
          problems.add(new Problem(i.pos(), "'" + r.sbid() + "' depends on itself", "remove it from dependsOn"));
        } else if (!spec.resources().containsKey(target)) {
          problems.add(new Problem(i.pos(), "dependsOn: unknown resource '" + target + "'",
              Suggest.hint(target, spec.resources().keySet())));
        }
      }
    }
  }

  /** Walks a value along its expected type; checks every reference and whole-reference types. */
  private void checkValue(Object v, ValueType expected, String where) {
    if (v instanceof Template t) {
      t.refs().forEach(ref -> checkRef(ref, t.pos()));
      Ref whole = t.whole();
      if (whole != null && expected != null) {
        ValueType actual = typeOf(whole);
        if (actual != null && !compatible(expected, actual)) {
          problems.add(new Problem(t.pos(), where + " must be " + ValueType.describe(expected) + ", but "
              + whole.display() + " is " + ValueType.describe(actual),
              whole.ns() == Template.Namespace.VAR ? "check the variable's default or --var value" : null));
        }
      }
      return;
    }
    if (v instanceof List<?> l) {
      ValueType item = expected instanceof ValueType.ListOf lo ? lo.item() : null;
      for (Object o : l) checkValue(o, item, where);
    } else if (v instanceof Map<?, ?> m) {
      m.forEach((k, x) -> {
        ValueType t = null;
        if (expected instanceof ValueType.ObjectOf oo && oo.fields().get(k) != null) t = oo.fields().get(k).type();
        if (expected instanceof ValueType.MapOf mo) t = mo.value();
        checkValue(x, t, "'" + k + "'");
      });
    }
  }

  private void checkRef(Ref ref, SourcePos pos) {
    switch (ref.ns()) {
      case VAR -> {
        if (!spec.variables().containsKey(ref.name())) {
          problems.add(new Problem(pos, "unknown variable '" + ref.name() + "' in " + ref.display(),
              orDeclare(Suggest.hint(ref.name(), spec.variables().keySet()), "variables")));
        }
      }
      case SECRET -> {
        if (!spec.secrets().containsKey(ref.name())) {
          problems.add(new Problem(pos, "unknown secret '" + ref.name() + "' in " + ref.display(),
              orDeclare(Suggest.hint(ref.name(), spec.secrets().keySet()), "secrets")));
        }
      }
      case RESOURCE -> {
        ResourceSpec target = spec.resources().get(ref.name());
        if (target == null) {
          problems.add(new Problem(pos, "unknown resource '" + ref.name() + "' in " + ref.display(),
              Suggest.hint(ref.name(), spec.resources().keySet())));
          return;
        }
        catalog.find(target.type()).ifPresent(k -> {
          if (!k.attributes().containsKey(ref.attribute())) {
            problems.add(new Problem(pos, k.type() + " '" + ref.name() + "' has no attribute '" + ref.attribute() + "'",
                "readable attributes: " + String.join(", ", k.attributes().keySet())));
          }
        });
      }
      case BUILTIN -> { }
    }
  }

  private static String orDeclare(String hint, String section) {
    return hint != null ? hint : "declare it under '" + section + ":'";
  }

  private ValueType typeOf(Ref ref) {
    return switch (ref.ns()) {
      case VAR -> {
        var v = spec.variables().get(ref.name());
        yield v == null ? null : typeOfValue(v.value());
      }
      case SECRET, BUILTIN -> ValueType.STRING;
      case RESOURCE -> {
        ResourceSpec target = spec.resources().get(ref.name());
        yield target == null ? null
            : catalog.find(target.type()).map(k -> k.attributes().get(ref.attribute())).orElse(null);
      }
    };
  }

  private static ValueType typeOfValue(Object v) {
    if (v instanceof Long) return ValueType.INTEGER;
    if (v instanceof Double) return ValueType.NUMBER;
    if (v instanceof Boolean) return ValueType.BOOLEAN;
    if (v instanceof String) return ValueType.STRING;
    if (v instanceof List<?>) return new ValueType.ListOf(null);
    if (v instanceof Map<?, ?>) return new ValueType.MapOf(null);
    return null;
  }

  /** Whether a reference of type {@code actual} may stand where {@code expected} is required. */
  static boolean compatible(ValueType expected, ValueType actual) {
    if (expected.equals(actual)) return true;
    if (expected == ValueType.STRING) return actual instanceof ValueType.Scalar; // numbers become text
    if (expected instanceof ValueType.EnumOf) return actual == ValueType.STRING;
    if (expected == ValueType.NUMBER) return actual == ValueType.INTEGER;
    if (expected instanceof ValueType.ListOf) return actual instanceof ValueType.ListOf;
    if (expected instanceof ValueType.ObjectOf || expected instanceof ValueType.MapOf || expected instanceof ValueType.Document) {
      return actual instanceof ValueType.MapOf || (expected instanceof ValueType.Document && actual == ValueType.STRING);
    }
    return false;
  }
}
