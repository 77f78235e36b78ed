package io.sorterbot.plan;

import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Kind;
import io.sorterbot.plan.Action.Create;
import io.sorterbot.plan.Action.Delete;
import io.sorterbot.plan.Action.NoOp;
import io.sorterbot.plan.Action.Replace;
import io.sorterbot.plan.Action.Retain;
import io.sorterbot.plan.Action.Update;
import io.sorterbot.spec.ResourceSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Desired + live → {@link Plan}. Pure: no AWS, no printing. */
public final class Planner {
  private final PlanInput in;
  private final DesiredState desired;
  private final Ownership owners;
  private final Map<String, Action> actions = new TreeMap<>();
  private final List<Action> extraDeletes = new ArrayList<>();

  public Planner(PlanInput in, DesiredState desired) {
    this.in = in;
    this.desired = desired;
    java.util.Set<String> global = new TreeSet<>();
    in.kinds().forEach((t, k) -> { if (k.schema().hints().global()) global.add(t); });
    this.owners = new Ownership(in.spec().stack(), in.spec().region(), global, in.live());
  }

  public Plan plan() {
    Set<String> scope = scope();
    List<String> warnings = new ArrayList<>();
    if (!in.targets().isEmpty()) {
      warnings.add("--target limits this run to " + String.join(", ", new TreeSet<>(scope))
          + "; the rest of the stack is not checked and nothing is pruned");
    }
    if (!in.destroy()) {
      for (String sbid : in.graph().applyOrder()) if (scope.contains(sbid)) planResource(sbid);
    }
    Set<String> dedup = in.destroy() || !in.targets().isEmpty() ? Set.of() : actions.keySet();
    extraDeletes.addAll(owners.duplicateDeletes(dedup));
    owners.undecidedDuplicates(dedup).forEach(warnings::add);
    List<Action> doomed = new ArrayList<>();
    if (in.targets().isEmpty()) {
      for (LiveResource l : owners.ownedNotIn(in.destroy() ? Set.of() : in.spec().resources().keySet(), in.spec().resources())) {
        doomed.add(new Delete(l.sbid(), l.type(), l, in.destroy() ? "destroy" : "not in the file"));
      }
    }
    // Extra copies of a duplicate go through retention like any delete: a retained resource's copy is kept too.
    doomed.addAll(extraDeletes);
    List<Action> all = new ArrayList<>(actions.values());
    all.addAll(new Retention(in.spec(), in.live()).apply(doomed, in.destroy()));
    // Per SBID: a kept duplicate before the copy in use (the executor reads the last as the live one), deletes last.
    all.sort(Comparator.comparing(Action::sbid).thenComparing(a -> a instanceof Retain ? 0 : a instanceof Delete ? 2 : 1)
        .thenComparing(a -> a.live() == null ? "" : a.live().id()));
    return new Plan(in.spec().stack(), in.spec().region(), all, owners.conflicts(in.spec().resources()),
        owners.duplicates(), needs(scope), warnings, Fingerprint.of(in.live(), ignored()));
  }

  private void planResource(String sbid) {
    ResourceSpec r = in.spec().resources().get(sbid);
    Kind kind = in.kinds().get(r.type());
    if (owners.conflicted(sbid, r.type())) return; // reported, never touched; dependents wait on it
    Map<String, Object> props = desired.properties(sbid, this::planAttribute);
    Map<String, String> tags = desired.tags(sbid, props);
    LiveResource live = owners.owned(sbid, r.type());
    if (live == null) {
      actions.put(sbid, new Create(sbid, r.type(), props));
      return;
    }
    List<PropertyChange> changes = Differ.diff(kind, props, tags, live, r.ignoreChanges());
    if (changes.stream().anyMatch(PropertyChange::forcesReplacement)) {
      if (r.retain() || live.retained()) {
        throw new RetainedReplaceException(sbid, changes.stream().filter(PropertyChange::forcesReplacement)
            .map(PropertyChange::property).toList());
      }
      actions.put(sbid, new Replace(sbid, r.type(), live, props, changes));
    } else if (!changes.isEmpty()) {
      actions.put(sbid, new Update(sbid, r.type(), live, props, changes));
    } else {
      actions.put(sbid, new NoOp(sbid, r.type(), live));
    }
  }

  /** At plan time an attribute is known when its resource exists and keeps it (no create, no replace, no new revision). */
  private Object planAttribute(String sbid, String attribute) {
    Action a = actions.get(sbid);
    if (a == null || a instanceof Create || a instanceof Replace
        || (a instanceof Update && in.kinds().get(a.type()).attributesChangedByUpdate().contains(attribute))) {
      return new Unknown("${" + sbid + "." + attribute + "}");
    }
    Object v = a.live().attributes().get(attribute);
    return v == null ? new Unknown("${" + sbid + "." + attribute + "}") : v;
  }

  /** Per SBID and type, the properties the file leaves to others. */
  private Map<String, Map<String, java.util.Collection<String>>> ignored() {
    Map<String, Map<String, java.util.Collection<String>>> out = new HashMap<>();
    in.spec().resources().forEach((sbid, r) -> out.put(sbid, Map.of(r.type(), r.ignoreChanges())));
    return out;
  }

  private Set<String> scope() {
    if (in.targets().isEmpty()) return in.spec().resources().keySet();
    Set<String> s = new TreeSet<>();
    for (String t : in.targets()) {
      if (!in.spec().resources().containsKey(t)) {
        throw new IllegalArgumentException("--target " + t + ": no such resource in the file");
      }
      s.add(t);
      s.addAll(in.graph().transitiveDependencies(t));
    }
    return s;
  }

  private Map<String, Set<String>> needs(Set<String> scope) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    if (in.destroy()) return out;
    for (String sbid : scope) out.put(sbid, in.graph().dependencies(sbid));
    return out;
  }

  /** A change would replace a resource whose deletionPolicy is retain. */
  public static final class RetainedReplaceException extends RuntimeException {
    public RetainedReplaceException(String sbid, List<String> props) {
      super(sbid + " must be replaced (" + String.join(", ", props) + " forces replacement) but its deletionPolicy is retain");
    }
  }

  static Map<String, LiveResource> byId(List<LiveResource> live) {
    Map<String, LiveResource> m = new HashMap<>();
    for (LiveResource l : live) m.put(l.id(), l);
    return m;
  }
}
