package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeEcsSupport.client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * What RegisterTaskDefinition checks and what it fills in: AWS answers with defaults the request did
 * not set (cpu 0, empty environment/mountPoints/volumesFrom, hostPort and protocol on port mappings,
 * essential true), which is why a reconciler must compare declared fields only.
 */
final class FakeEcsContainerDefaults {
  /** Fargate's task sizes: CPU units to the allowed memory range in MiB and its step. */
  private static final Map<Integer, int[]> FARGATE = Map.of(
      256, new int[] {512, 2048, 512}, 512, new int[] {1024, 4096, 1024}, 1024, new int[] {2048, 8192, 1024},
      2048, new int[] {4096, 16384, 1024}, 4096, new int[] {8192, 30720, 1024}, 8192, new int[] {16384, 61440, 4096},
      16384, new int[] {32768, 122880, 8192});

  private FakeEcsContainerDefaults() {}

  static void validate(RegisterTaskDefinitionRequest r, String mode) {
    Set<String> names = new HashSet<>();
    for (ContainerDefinition c : r.containerDefinitions()) {
      if (c.name() == null || c.name().isEmpty()) throw client("Container.name should not be null or empty.");
      if (c.image() == null || c.image().isEmpty()) throw client("Container.image should not be null or empty.");
      if (!names.add(c.name())) throw client("Duplicate container names are not allowed.");
      if (r.memory() == null && c.memory() == null && c.memoryReservation() == null) {
        throw client("Invalid setting for container '" + c.name() + "'. At least one of 'memory' or 'memoryReservation'"
            + " must be specified.");
      }
      for (PortMapping p : c.portMappings()) {
        if (p.containerPort() == null) throw client("Container port must be specified in port mappings.");
        if (("awsvpc".equals(mode) || "host".equals(mode)) && p.hostPort() != null && !p.hostPort().equals(p.containerPort())) {
          throw client("When networkMode=" + mode + ", the host ports and container ports in port mappings must match.");
        }
      }
    }
    if (r.requiresCompatibilitiesAsStrings().contains("FARGATE")) {
      if (!"awsvpc".equals(mode)) throw client("Fargate only supports network mode 'awsvpc'.");
      if (r.cpu() == null) throw client("Fargate requires that 'cpu' be defined at the task level.");
      if (r.memory() == null) throw client("Fargate requires that 'memory' be defined at the task level.");
      int[] range = FARGATE.get(units(r.cpu(), "vcpu"));
      int memory = units(r.memory(), "gb");
      if (range == null || memory < range[0] || memory > range[1] || (memory - range[0]) % range[2] != 0) {
        throw client("No Fargate configuration exists for given values: " + r.cpu() + " CPU, " + r.memory() + " memory."
            + " See the Amazon ECS documentation for the valid combinations.");
      }
    }
  }

  /** The container definition as AWS stores it, defaults filled in. */
  static Map<String, Object> fill(Map<String, Object> c, String mode) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", c.get("name"));
    out.put("image", c.get("image"));
    out.put("cpu", 0);
    out.putAll(c);
    List<Map<String, Object>> ports = new ArrayList<>();
    for (Object o : (List<?>) c.getOrDefault("portMappings", List.of())) {
      @SuppressWarnings("unchecked") Map<String, Object> p = new LinkedHashMap<>((Map<String, Object>) o);
      boolean sameAsContainer = "awsvpc".equals(mode) || "host".equals(mode);
      p.putIfAbsent("hostPort", sameAsContainer ? p.get("containerPort") : 0);
      p.putIfAbsent("protocol", "tcp");
      ports.add(p);
    }
    out.put("portMappings", ports);
    out.putIfAbsent("essential", true);
    out.putIfAbsent("environment", List.of());
    out.putIfAbsent("mountPoints", List.of());
    out.putIfAbsent("volumesFrom", List.of());
    out.putIfAbsent("systemControls", List.of());
    return out;
  }

  static List<String> compatibilities(RegisterTaskDefinitionRequest r, String mode) {
    boolean fargate = "awsvpc".equals(mode) && r.cpu() != null && r.memory() != null;
    return fargate ? List.of("EC2", "FARGATE") : List.of("EC2");
  }

  /** Task-level sizes as AWS stores them: "1 vCPU" is "1024", "2 GB" is "2048". */
  static String normalizedSize(String v, String unit) {
    return v == null ? null : String.valueOf(units(v, unit));
  }

  private static int units(String v, String unit) {
    String s = v.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (s.endsWith(unit)) return (int) Math.round(Double.parseDouble(s.substring(0, s.length() - unit.length()).trim()) * 1024);
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw client("Invalid " + ("gb".equals(unit) ? "memory" : "cpu") + " value: " + v);
    }
  }
}
