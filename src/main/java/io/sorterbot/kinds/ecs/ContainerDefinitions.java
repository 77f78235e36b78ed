package io.sorterbot.kinds.ecs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Secret;

/**
 * Container definitions between the file's shape (the API's field names, as plain maps) and the SDK's.
 *
 * <p>AWS answers with defaults filled in (cpu 0, empty environment/mountPoints/volumesFrom, hostPort and
 * protocol on port mappings, essential true). The live side reports every field of the schema that AWS
 * returns, in AWS's order; the engine compares only the fields the file declares, lists of containers
 * and port mappings by position. Defaults some endpoints omit (essential, protocol) are filled in on the
 * live side only; {@link #normalize} settles what remains: lists AWS does not keep in order (environment,
 * secrets), numbers given as strings, a log configuration given as JSON.
 */
final class ContainerDefinitions {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);

  private ContainerDefinitions() {}

  static List<ContainerDefinition> toSdk(Object value) {
    List<ContainerDefinition> out = new ArrayList<>();
    for (Object o : (List<?>) value) out.add(toSdk(map(o)));
    return out;
  }

  private static ContainerDefinition toSdk(Map<String, Object> c) {
    ContainerDefinition.Builder b = ContainerDefinition.builder().name(str(c.get("name"))).image(str(c.get("image")));
    if (c.containsKey("essential")) b.essential((Boolean) EcsSupport.bool(c.get("essential")));
    if (c.containsKey("cpu")) b.cpu(EcsSupport.integer(c.get("cpu")));
    if (c.containsKey("memory")) b.memory(EcsSupport.integer(c.get("memory")));
    if (c.containsKey("memoryReservation")) b.memoryReservation(EcsSupport.integer(c.get("memoryReservation")));
    if (c.containsKey("portMappings")) {
      b.portMappings(list(c.get("portMappings")).stream().map(p -> PortMapping.builder()
          .containerPort(EcsSupport.integer(p.get("containerPort"))).hostPort(EcsSupport.integer(p.get("hostPort")))
          .protocol(str(p.get("protocol"))).build()).toList());
    }
    if (c.containsKey("environment")) {
      b.environment(list(c.get("environment")).stream()
          .map(e -> KeyValuePair.builder().name(str(e.get("name"))).value(str(e.get("value"))).build()).toList());
    }
    if (c.containsKey("secrets")) {
      b.secrets(list(c.get("secrets")).stream()
          .map(e -> Secret.builder().name(str(e.get("name"))).valueFrom(str(e.get("valueFrom"))).build()).toList());
    }
    if (c.containsKey("command")) b.command(strings(c.get("command")));
    if (c.containsKey("entryPoint")) b.entryPoint(strings(c.get("entryPoint")));
    if (c.containsKey("workingDirectory")) b.workingDirectory(str(c.get("workingDirectory")));
    if (c.get("logConfiguration") != null) b.logConfiguration(logConfiguration(c.get("logConfiguration")));
    return b.build();
  }

  static List<Map<String, Object>> fromSdk(List<ContainerDefinition> defs) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ContainerDefinition d : defs) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", d.name());
      c.put("image", d.image());
      // What AWS assumes when a field is absent, for endpoints that do not fill it in.
      c.put("essential", d.essential() == null || d.essential());
      put(c, "cpu", d.cpu());
      put(c, "memory", d.memory());
      put(c, "memoryReservation", d.memoryReservation());
      if (d.hasPortMappings()) {
        c.put("portMappings", d.portMappings().stream().map(p -> {
          Map<String, Object> m = new LinkedHashMap<>();
          put(m, "containerPort", p.containerPort());
          put(m, "hostPort", p.hostPort());
          m.put("protocol", p.protocolAsString() == null ? "tcp" : p.protocolAsString());
          return m;
        }).toList());
      }
      if (d.hasEnvironment()) c.put("environment", d.environment().stream().map(e -> pair("value", e.name(), e.value())).toList());
      if (d.hasSecrets()) c.put("secrets", d.secrets().stream().map(e -> pair("valueFrom", e.name(), e.valueFrom())).toList());
      if (d.hasCommand()) c.put("command", d.command());
      if (d.hasEntryPoint()) c.put("entryPoint", d.entryPoint());
      put(c, "workingDirectory", d.workingDirectory());
      if (d.logConfiguration() != null) c.put("logConfiguration", fromSdk(d.logConfiguration()));
      out.add(c);
    }
    return out;
  }

  /** The canonical form, applied to both sides before the engine projects live onto declared fields. */
  static Object normalize(Object value) {
    if (!(value instanceof List<?> l)) return value;
    List<Object> out = new ArrayList<>();
    for (Object o : l) {
      if (!(o instanceof Map<?, ?>)) return value;
      Map<String, Object> c = new LinkedHashMap<>(map(o));
      c.computeIfPresent("essential", (k, v) -> EcsSupport.bool(v));
      for (String n : List.of("cpu", "memory", "memoryReservation")) c.computeIfPresent(n, (k, v) -> EcsSupport.number(v));
      if (c.get("portMappings") instanceof List<?> ports) {
        c.put("portMappings", ports.stream().map(p -> {
          Map<String, Object> m = new LinkedHashMap<>(map(p));
          m.computeIfPresent("containerPort", (k, v) -> EcsSupport.number(v));
          m.computeIfPresent("hostPort", (k, v) -> EcsSupport.number(v));
          return m;
        }).toList());
      }
      // ECS does not keep these in the order they were registered: compare them as sets by name.
      for (String n : List.of("environment", "secrets")) {
        if (c.get(n) instanceof List<?> vars) c.put(n, sortedByName(vars));
      }
      if (c.get("logConfiguration") != null) c.put("logConfiguration", logDocument(c.get("logConfiguration")));
      out.add(c);
    }
    return out;
  }

  /** ARNs the containers point at (secrets in SSM or Secrets Manager), for ordering deletes. */
  static List<String> secretArns(List<ContainerDefinition> defs) {
    List<String> out = new ArrayList<>();
    for (ContainerDefinition d : defs) {
      for (Secret s : d.secrets()) {
        out.add(s.valueFrom());
        int at = s.valueFrom() == null ? -1 : s.valueFrom().indexOf(":parameter/");
        // An SSM parameter is known by its name: "/a/b" for a path, "name" for a plain one.
        if (at >= 0) {
          String tail = s.valueFrom().substring(at + ":parameter".length());
          out.add(tail);
          out.add(tail.substring(1));
        }
      }
    }
    return out;
  }

  private static List<Object> sortedByName(List<?> vars) {
    List<Object> copy = new ArrayList<>(vars);
    copy.sort(Comparator.comparing(v -> v instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : String.valueOf(v)));
    return copy;
  }

  /** The log configuration as a mapping; empty fields AWS may add ({@code secretOptions: []}) dropped. */
  private static Object logDocument(Object v) {
    Object doc = v;
    if (v instanceof String s) {
      try {
        doc = JSON.readValue(s, Object.class);
      } catch (IOException e) {
        return v;
      }
    }
    if (!(doc instanceof Map<?, ?> m)) return doc;
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, x) -> {
      boolean empty = x == null || (x instanceof List<?> l && l.isEmpty()) || (x instanceof Map<?, ?> mm && mm.isEmpty());
      if (!empty) out.put(String.valueOf(k), x);
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static LogConfiguration logConfiguration(Object v) {
    Map<String, Object> m = (Map<String, Object>) logDocument(v);
    LogConfiguration.Builder b = LogConfiguration.builder().logDriver(str(m.get("logDriver")));
    if (m.get("options") instanceof Map<?, ?> o) {
      Map<String, String> options = new LinkedHashMap<>();
      o.forEach((k, x) -> options.put(String.valueOf(k), str(x)));
      b.options(options);
    }
    if (m.get("secretOptions") != null) {
      b.secretOptions(list(m.get("secretOptions")).stream()
          .map(e -> Secret.builder().name(str(e.get("name"))).valueFrom(str(e.get("valueFrom"))).build()).toList());
    }
    return b.build();
  }

  private static Map<String, Object> fromSdk(LogConfiguration l) {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "logDriver", l.logDriverAsString());
    if (l.hasOptions()) m.put("options", new LinkedHashMap<>(l.options()));
    if (l.hasSecretOptions() && !l.secretOptions().isEmpty()) {
      m.put("secretOptions", l.secretOptions().stream().map(e -> pair("valueFrom", e.name(), e.valueFrom())).toList());
    }
    return m;
  }

  private static Map<String, Object> pair(String valueKey, String name, String value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    put(m, valueKey, value);
    return m;
  }

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v instanceof Integer i) m.put(k, i.longValue());
    else if (v != null) m.put(k, v);
  }

  private static String str(Object v) { return v == null ? null : v.toString(); }

  private static List<String> strings(Object v) { return ((List<?>) v).stream().map(ContainerDefinitions::str).toList(); }

  private static List<Map<String, Object>> list(Object v) { return ((List<?>) v).stream().map(ContainerDefinitions::map).toList(); }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object v) { return (Map<String, Object>) v; }
}
