package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeEcsSupport.client;

import io.sorterbot.sandbox.EcsState.FamilyRec;
import io.sorterbot.sandbox.EcsState.TaskDefRec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.*;

/** Task definitions of {@link FakeEcs}: families of immutable revisions, ACTIVE until deregistered. */
final class FakeEcsTaskDefinitions {
  private static final Pattern FAMILY = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

  private final FakeEcsSupport s;

  FakeEcsTaskDefinitions(FakeEcsSupport support) { this.s = support; }

  RegisterTaskDefinitionResponse register(RegisterTaskDefinitionRequest r) {
    if (r.family() == null || !FAMILY.matcher(r.family()).matches()) {
      throw client("Family contains invalid characters or is too long: " + r.family());
    }
    if (!r.hasContainerDefinitions() || r.containerDefinitions().isEmpty()) {
      throw client("Container list cannot be empty.");
    }
    s.requirePropagatedRole(r.taskRoleArn());
    s.requirePropagatedRole(r.executionRoleArn());
    Map<String, Object> def = SdkMaps.toMap(r);
    def.remove("tags");
    String mode = (String) def.getOrDefault("networkMode", "bridge");
    FakeEcsContainerDefaults.validate(r, mode);
    List<Map<String, Object>> containers = new ArrayList<>();
    for (Object c : (List<?>) def.get("containerDefinitions")) {
      containers.add(FakeEcsContainerDefaults.fill(asMap(c), mode));
    }
    def.put("containerDefinitions", containers);
    if (r.cpu() != null) def.put("cpu", FakeEcsContainerDefaults.normalizedSize(r.cpu(), "vcpu"));
    if (r.memory() != null) def.put("memory", FakeEcsContainerDefaults.normalizedSize(r.memory(), "gb"));
    def.putIfAbsent("volumes", List.of());
    def.putIfAbsent("placementConstraints", List.of());
    def.put("compatibilities", FakeEcsContainerDefaults.compatibilities(r, mode));

    Map<String, String> tags = new LinkedHashMap<>();
    FakeEcsSupport.putTags(tags, r.tags());
    FamilyRec fam = s.state().families.computeIfAbsent(r.family(), k -> new FamilyRec());
    TaskDefRec rec = new TaskDefRec();
    rec.family = r.family();
    rec.revision = ++fam.lastRevision;
    rec.arn = s.arn("task-definition/" + rec.family + ":" + rec.revision);
    rec.status = "ACTIVE";
    rec.registeredAt = s.now();
    rec.definition = def;
    rec.tags.putAll(tags);
    fam.revisions.put(rec.revision, rec);
    return RegisterTaskDefinitionResponse.builder().taskDefinition(toTaskDefinition(rec))
        .tags(FakeEcsSupport.sdkTags(rec.tags)).build();
  }

  DescribeTaskDefinitionResponse describe(DescribeTaskDefinitionRequest r) {
    TaskDefRec rec = find(r.taskDefinition());
    if (rec == null || !s.gate.visible(rec.registeredAt)) throw client("Unable to describe task definition.");
    var b = DescribeTaskDefinitionResponse.builder().taskDefinition(toTaskDefinition(rec));
    if (r.includeAsStrings().contains("TAGS")) b.tags(FakeEcsSupport.sdkTags(rec.tags));
    return b.build();
  }

  DeregisterTaskDefinitionResponse deregister(DeregisterTaskDefinitionRequest r) {
    String ref = r.taskDefinition();
    if (ref == null || !(ref.startsWith("arn:") || ref.contains(":"))) {
      throw client("Invalid revision number. Number: " + (ref == null ? "" : ref));
    }
    TaskDefRec rec = find(ref);
    if (rec == null) throw client("The specified task definition does not exist.");
    if ("ACTIVE".equals(rec.status)) {
      rec.status = "INACTIVE";
      rec.deregisteredAt = s.now();
    }
    return DeregisterTaskDefinitionResponse.builder().taskDefinition(toTaskDefinition(rec)).build();
  }

  /** Only INACTIVE revisions can be deleted; the others come back as failures, as in AWS. */
  DeleteTaskDefinitionsResponse delete(DeleteTaskDefinitionsRequest r) {
    if (!r.hasTaskDefinitions() || r.taskDefinitions().isEmpty() || r.taskDefinitions().size() > 10) {
      throw FakeEcsSupport.invalid("taskDefinitions must have between 1 and 10 items.");
    }
    List<TaskDefinition> deleted = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : r.taskDefinitions()) {
      TaskDefRec rec = ref.contains(":") ? find(ref) : null;
      if (rec == null) {
        failures.add(Failure.builder().arn(ref).reason("TASK_DEFINITION_NOT_FOUND").build());
      } else if (!"INACTIVE".equals(rec.status)) {
        failures.add(Failure.builder().arn(rec.arn).reason("The specified task definition is still in ACTIVE status."
            + " Please deregister the target and try again.").build());
      } else {
        s.state().families.get(rec.family).revisions.remove(rec.revision);
        deleted.add(toTaskDefinition(rec).toBuilder().status(TaskDefinitionStatus.DELETE_IN_PROGRESS)
            .deleteRequestedAt(s.account.now()).build());
      }
    }
    return DeleteTaskDefinitionsResponse.builder().taskDefinitions(deleted).failures(failures).build();
  }

  ListTaskDefinitionsResponse list(ListTaskDefinitionsRequest r) {
    String status = r.statusAsString() == null ? "ACTIVE" : r.statusAsString();
    List<TaskDefRec> all = new ArrayList<>();
    // Despite its name, familyPrefix here is a whole family name (ListTaskDefinitionFamilies takes prefixes).
    s.state().families.forEach((name, fam) -> {
      if (r.familyPrefix() == null || r.familyPrefix().equals(name)) {
        fam.revisions.values().stream().filter(t -> t.status.equals(status) && s.gate.visible(t.registeredAt)).forEach(all::add);
      }
    });
    Comparator<TaskDefRec> order = Comparator.comparing((TaskDefRec t) -> t.family).thenComparingInt(t -> t.revision);
    all.sort("DESC".equals(r.sortAsString()) ? order.reversed() : order);
    SandboxPages.Page<TaskDefRec> p = SandboxPages.page(all, r.maxResults(), r.nextToken(), 100, FakeEcsSupport.ERRORS);
    return ListTaskDefinitionsResponse.builder().taskDefinitionArns(p.items().stream().map(t -> t.arn).toList())
        .nextToken(p.nextToken()).build();
  }

  ListTaskDefinitionFamiliesResponse families(ListTaskDefinitionFamiliesRequest r) {
    String status = r.statusAsString() == null ? "ACTIVE" : r.statusAsString();
    List<String> names = new ArrayList<>();
    s.state().families.forEach((name, fam) -> {
      if (r.familyPrefix() != null && !name.startsWith(r.familyPrefix())) return;
      boolean active = fam.revisions.values().stream().anyMatch(t -> "ACTIVE".equals(t.status));
      if (status.equals("ALL") || (status.equals("ACTIVE") == active && !fam.revisions.isEmpty())) names.add(name);
    });
    SandboxPages.Page<String> p = SandboxPages.page(names, r.maxResults(), r.nextToken(), 100, FakeEcsSupport.ERRORS);
    return ListTaskDefinitionFamiliesResponse.builder().families(p.items()).nextToken(p.nextToken()).build();
  }

  /**
   * A task definition by ARN, {@code family:revision}, or {@code family} (its latest ACTIVE revision);
   * null when there is none.
   */
  TaskDefRec find(String ref) {
    if (ref == null || ref.isEmpty()) return null;
    String tail = ref.startsWith("arn:") ? ref.substring(ref.indexOf("task-definition/") + "task-definition/".length()) : ref;
    if (ref.startsWith("arn:") && (!ref.contains("task-definition/") || !ref.equals(s.arn("task-definition/" + tail)))) return null;
    int colon = tail.lastIndexOf(':');
    FamilyRec fam = s.state().families.get(colon < 0 ? tail : tail.substring(0, colon));
    if (fam == null) return null;
    if (colon < 0) {
      return fam.revisions.descendingMap().values().stream().filter(t -> "ACTIVE".equals(t.status)).findFirst().orElse(null);
    }
    try {
      return fam.revisions.get(Integer.parseInt(tail.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw client("Invalid revision number. Number: " + tail.substring(colon + 1));
    }
  }

  TaskDefinition toTaskDefinition(TaskDefRec rec) {
    TaskDefinition stored = SdkMaps.build(TaskDefinition.builder(), rec.definition);
    return stored.toBuilder().taskDefinitionArn(rec.arn).family(rec.family).revision(rec.revision).status(rec.status)
        .registeredAt(Instant.parse(rec.registeredAt)).registeredBy("arn:aws:iam::" + s.account.accountId() + ":root")
        .deregisteredAt(rec.deregisteredAt == null ? null : Instant.parse(rec.deregisteredAt)).build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) { return new LinkedHashMap<>((Map<String, Object>) o); }
}
