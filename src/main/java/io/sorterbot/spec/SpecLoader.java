package io.sorterbot.spec;

import io.sorterbot.spec.StackSpec.OutputSpec;
import io.sorterbot.spec.StackSpec.VariableSpec;
import io.sorterbot.spec.YNode.YList;
import io.sorterbot.spec.YNode.YMap;
import io.sorterbot.spec.YNode.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a (schema-checked) YAML tree into a {@link StackSpec}. Lenient: whatever is malformed is
 * skipped here because the schema pass has already reported it; this pass adds the problems the
 * schema cannot see (references, variable values).
 */
final class SpecLoader {
  private final String file;
  private final List<Problem> problems;

  SpecLoader(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  StackSpec load(YMap root, Map<String, String> varOverrides) {
    int version = root.get("version") instanceof YScalar s && s.value() instanceof Long l ? l.intValue() : 1;
    String stack = string(root.get("stack"), "");
    String region = string(root.get("region"), null);
    Map<String, String> tags = stringMap(root.get("tags"));
    Map<String, VariableSpec> vars = variables(root.get("variables"), varOverrides);
    Map<String, SecretSpec> secrets = secrets(root.get("secrets"));
    Map<String, ResourceSpec> resources = new LinkedHashMap<>();
    if (root.get("resources") instanceof YMap rm) {
      rm.entries().forEach((sbid, n) -> {
        if (n instanceof YMap m) resources.put(sbid, resource(sbid, m, rm.keyPos().get(sbid)));
      });
    }
    Map<String, OutputSpec> outputs = new LinkedHashMap<>();
    if (root.get("outputs") instanceof YMap om) {
      om.entries().forEach((name, n) -> {
        if (n instanceof YScalar s && s.value() instanceof String str) {
          outputs.put(name, new OutputSpec(name, Template.parse(str, s.pos(), problems), s.pos()));
        }
      });
    }
    return new StackSpec(file, version, stack, region, tags, vars, secrets, resources, outputs);
  }

  private ResourceSpec resource(String sbid, YMap m, SourcePos keyPos) {
    String type = string(m.get("type"), "");
    Map<String, Object> props = new LinkedHashMap<>();
    if (m.get("properties") instanceof YMap pm) {
      pm.entries().forEach((k, v) -> props.put(k, value(v)));
    }
    List<String> dependsOn = stringList(m.get("dependsOn"));
    boolean retain = "retain".equals(string(m.get("deletionPolicy"), "delete"));
    List<String> ignore = stringList(m.get("ignoreChanges"));
    return new ResourceSpec(sbid, type, props, dependsOn, retain, ignore, keyPos, m);
  }

  /** YNode → plain value with Templates for strings that hold references. */
  Object value(YNode n) {
    if (n instanceof YMap m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().forEach((k, v) -> out.put(k, value(v)));
      return out;
    }
    if (n instanceof YList l) {
      List<Object> out = new ArrayList<>();
      for (YNode i : l.items()) out.add(value(i));
      return out;
    }
    Object v = ((YScalar) n).value();
    return v instanceof String s ? Template.parse(s, n.pos(), problems) : v;
  }

  private Map<String, VariableSpec> variables(YNode n, Map<String, String> overrides) {
    Map<String, VariableSpec> out = new LinkedHashMap<>();
    Map<String, String> left = new LinkedHashMap<>(overrides);
    if (n instanceof YMap vm) {
      vm.entries().forEach((name, v) -> {
        Object def = null;
        String desc = null;
        boolean hasDefault = false;
        if (v instanceof YMap m) {
          if (m.get("default") != null) { def = YNode.toPlain(m.get("default")); hasDefault = true; }
          desc = string(m.get("description"), null);
        }
        SourcePos pos = vm.keyPos().get(name);
        Object value = def;
        if (left.containsKey(name)) {
          value = coerce(name, left.remove(name), def, pos);
        } else if (!hasDefault) {
          problems.add(new Problem(pos, "variable '" + name + "' has no default and no value was given",
              "pass --var " + name + "=VALUE or add 'default:'"));
        }
        out.put(name, new VariableSpec(name, value, desc, pos));
      });
    }
    left.keySet().forEach(name -> {
      String suggestion = out.isEmpty() ? null : Suggest.hint(name, out.keySet());
      String hint = out.isEmpty() ? "declare it under 'variables:'"
          : suggestion != null && suggestion.startsWith("did you mean")
              ? suggestion + " (declared: " + String.join(", ", out.keySet()) + ")"
              : "declared variables: " + String.join(", ", out.keySet());
      problems.add(new Problem(new SourcePos(file, 1, 1),
          "--var " + shown(name) + ": the file declares no variable '" + shown(name) + "'", hint));
    });
    return out;
  }

  private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("[-+]?[0-9]+");

  /** A --var value takes the type of the variable's default (integer, number, boolean, list, mapping, string). */
  private Object coerce(String name, String raw, Object def, SourcePos pos) {
    String v = raw.strip();
    String given = "--var " + shown(name + "=" + raw);
    if (def instanceof Long || (def == null && raw.matches("-?\\d{1,18}"))) {
      if (INTEGER.matcher(v).matches()) {
        try {
          return Long.parseLong(v);
        } catch (NumberFormatException e) {
          problems.add(new Problem(pos, given + ": the integer is out of range", "at most 19 digits"));
          return def;
        }
      }
      problems.add(new Problem(pos, given + ": expected an integer", "e.g. --var " + shown(name) + "=1"));
      return def;
    }
    if (def instanceof Double) {
      try {
        double d = Double.parseDouble(v);
        if (Double.isFinite(d) && !v.isEmpty() && v.chars().allMatch(c -> c < 128)) return d;
      } catch (NumberFormatException e) {
        // reported below
      }
      problems.add(new Problem(pos, given + ": expected a number", "e.g. --var " + shown(name) + "=1.5"));
      return def;
    }
    if (def instanceof Boolean || (def == null && (raw.equals("true") || raw.equals("false")))) {
      if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) return Boolean.parseBoolean(v);
      problems.add(new Problem(pos, given + ": expected true or false", null));
      return def;
    }
    if (def instanceof List<?> || def instanceof Map<?, ?>) {
      boolean list = def instanceof List<?>;
      List<Problem> yaml = new ArrayList<>();
      YNode n = v.startsWith(list ? "[" : "{") ? YamlReader.read("--var " + name, v, yaml) : null;
      if (n != null && yaml.isEmpty() && (list ? n instanceof YList : n instanceof YMap)) return YNode.toPlain(n);
      problems.add(new Problem(pos, given + ": expected " + (list ? "a list" : "a mapping") + " like the default",
          "e.g. --var '" + shown(name) + (list ? "=[a, b]'" : "={key: value}'")));
      return def;
    }
    return raw;
  }

  /** A name or value from the command line, for a message: one line, at most 60 characters. */
  static String shown(String s) { return Printable.of(s, 60); }

  private Map<String, SecretSpec> secrets(YNode n) {
    Map<String, SecretSpec> out = new LinkedHashMap<>();
    if (!(n instanceof YMap sm)) return out;
    sm.entries().forEach((name, v) -> {
      if (!(v instanceof YMap m) || m.entries().size() != 1) return; // schema reports it
      SourcePos pos = sm.keyPos().get(name);
      SecretSpec.Source src = null;
      if (m.get("env") != null) src = new SecretSpec.Env(string(m.get("env"), ""));
      else if (m.get("file") != null) src = new SecretSpec.FromFile(string(m.get("file"), ""));
      else if (m.get("ssm") != null) src = new SecretSpec.Ssm(string(m.get("ssm"), ""));
      else if (m.get("generate") instanceof YMap g && g.get("length") instanceof YScalar l && l.value() instanceof Long len) {
        src = new SecretSpec.Generate(len.intValue());
      }
      if (src != null) out.put(name, new SecretSpec(name, src, pos));
    });
    return out;
  }

  private static String string(YNode n, String dflt) {
    return n instanceof YScalar s && s.value() instanceof String str ? str : dflt;
  }

  private static Map<String, String> stringMap(YNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n instanceof YMap m) {
      m.entries().forEach((k, v) -> { if (v instanceof YScalar s && s.value() != null) out.put(k, String.valueOf(s.value())); });
    }
    return out;
  }

  private static List<String> stringList(YNode n) {
    List<String> out = new ArrayList<>();
    if (n instanceof YList l) {
      for (YNode i : l.items()) if (i instanceof YScalar s && s.value() instanceof String str) out.add(str);
    }
    return out;
  }
}
