package io.sorterbot.drift;

import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Kind;
import io.sorterbot.plan.Action;
import io.sorterbot.plan.DesiredState;
import io.sorterbot.plan.Differ;
import io.sorterbot.plan.Plan;
import io.sorterbot.plan.Unknown;
import io.sorterbot.plan.Values;
import io.sorterbot.spec.ResourceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Builds the drift report from the plan's diff. A change whose desired value is not known yet follows
 * from a change upstream (a deleted subnet makes a route table's subnetIds unknown): it is reported
 * once, at the resource that changed, not again downstream.
 */
public final class DriftBuilder {
  private final Map<String, Kind> kinds;
  private final DesiredState desired;

  public DriftBuilder(Map<String, Kind> kinds, DesiredState desired) {
    this.kinds = kinds;
    this.desired = desired;
  }

  public DriftReport build(Plan plan, Instant checkedAt) {
    List<DriftReport.Modified> modified = new ArrayList<>();
    List<DriftReport.Missing> missing = new ArrayList<>();
    List<DriftReport.Unmanaged> unmanaged = new ArrayList<>();
    List<DriftReport.Modified> ignored = new ArrayList<>();
    Map<String, LiveResource> live = new LinkedHashMap<>();
    for (Action a : plan.actions()) {
      if (a instanceof Action.NoOp || a instanceof Action.Update || a instanceof Action.Replace) live.put(a.sbid(), a.live());
    }
    for (Action a : plan.actions()) {
      if (a instanceof Action.Create) {
        missing.add(new DriftReport.Missing(a.sbid(), a.type()));
      } else if (a instanceof Action.Update u) {
        add(modified, a, u.changes());
      } else if (a instanceof Action.Replace r) {
        add(modified, a, r.changes());
      } else if (a instanceof Action.Delete d && !d.reason().startsWith("duplicate")) {
        unmanaged.add(new DriftReport.Unmanaged(a.sbid(), a.type(), a.live().id(), false));
      } else if (a instanceof Action.Retain r && !desired.spec().resources().containsKey(a.sbid())) {
        unmanaged.add(new DriftReport.Unmanaged(a.sbid(), a.type(), a.live().id(), true));
      }
      if (a.live() != null && desired.spec().resources().containsKey(a.sbid())) ignoredOf(a, live, ignored);
    }
    return new DriftReport(plan.stack(), plan.region(), checkedAt, modified, missing, unmanaged, plan.conflicts(),
        plan.duplicates(), ignored);
  }

  private void add(List<DriftReport.Modified> into, Action a, List<PropertyChange> changes) {
    Kind kind = kinds.get(a.type());
    List<DriftReport.Difference> diffs = new ArrayList<>();
    for (PropertyChange c : changes) {
      if (Unknown.within(c.after())) continue; // consequence of an upstream change, reported there
      diffs.addAll(differences(kind, c.property(), c.after(), c.before()));
    }
    if (!diffs.isEmpty()) into.add(new DriftReport.Modified(a.sbid(), a.type(), a.live().id(), diffs));
  }

  /** Differences on ignoreChanges properties, compared as the plan would if they were not ignored. */
  private void ignoredOf(Action a, Map<String, LiveResource> live, List<DriftReport.Modified> into) {
    ResourceSpec r = desired.spec().resources().get(a.sbid());
    if (r.ignoreChanges().isEmpty() || !r.type().equals(a.type())) return;
    Map<String, Object> props = desired.properties(a.sbid(), (sbid, attr) -> {
      LiveResource l = live.get(sbid);
      Object v = l == null ? null : l.attributes().get(attr);
      return v == null ? new Unknown(sbid + "." + attr) : v;
    });
    props.keySet().retainAll(r.ignoreChanges());
    // A property whose file value changed since it was last applied is a change (reported as modified), not ignored.
    List<PropertyChange> changed = a instanceof Action.Update u ? u.changes() : a instanceof Action.Replace x ? x.changes() : List.of();
    changed.forEach(c -> props.remove(c.property()));
    Map<String, String> tags = r.ignoreChanges().contains("tags") ? desired.tags(a.sbid(), props) : a.live().tags();
    add(into, a, Differ.diff(kinds.get(a.type()), props, tags, a.live(), List.of()));
  }

  /** Set-like lists and mappings are broken down to their elements and keys ("ingress: added {...}"). */
  static List<DriftReport.Difference> differences(io.sorterbot.model.PropertyRules kind, String property, Object expected, Object actual) {
    List<DriftReport.Difference> out = new ArrayList<>();
    Object e = Values.canonical(kind.normalize(property, Values.canonical(io.sorterbot.model.Sensitive.reveal(expected))));
    Object l = Values.canonical(kind.normalize(property, Values.canonical(io.sorterbot.model.Sensitive.reveal(actual))));
    boolean secret = io.sorterbot.model.Sensitive.within(expected) || io.sorterbot.model.Sensitive.within(actual);
    if (!secret && e instanceof List<?> el && l instanceof List<?> ll) {
      for (Object x : ll) if (!el.contains(x)) out.add(new DriftReport.Difference(property, "added", null, x));
      for (Object x : el) if (!ll.contains(x)) out.add(new DriftReport.Difference(property, "removed", x, null));
      if (out.isEmpty()) out.add(new DriftReport.Difference(property, "changed", expected, actual)); // order only
      return out;
    }
    if (!secret && e instanceof Map<?, ?> em && l instanceof Map<?, ?> lm) {
      TreeSet<String> keys = new TreeSet<>();
      em.keySet().forEach(k -> keys.add(String.valueOf(k)));
      lm.keySet().forEach(k -> keys.add(String.valueOf(k)));
      for (String k : keys) {
        if (property.equals("tags") && io.sorterbot.model.Tags.isBookkeeping(k)) continue; // recorded by apply, not drift
        Object ev = em.get(k);
        Object lv = lm.get(k);
        if (Objects.equals(ev, lv)) continue;
        String kind2 = ev == null ? "added" : lv == null ? "removed" : "changed";
        out.add(new DriftReport.Difference(property + "." + k, kind2, ev, lv));
      }
      return out;
    }
    out.add(new DriftReport.Difference(property, actual == null ? "removed" : expected == null ? "added" : "changed",
        expected, actual));
    return out;
  }
}
