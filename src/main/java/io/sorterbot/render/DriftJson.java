package io.sorterbot.render;

import io.sorterbot.drift.DriftReport;
import io.sorterbot.drift.DriftReport.Difference;
import io.sorterbot.drift.DriftReport.Modified;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The drift report as JSON, format version 1 (documented in the README). Secrets are "(sensitive)". */
public final class DriftJson {
  private DriftJson() {}

  public static String render(DriftReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("formatVersion", DriftReport.FORMAT_VERSION);
    root.put("stack", r.stack());
    root.put("region", r.region());
    root.put("checkedAt", r.checkedAt().toString());
    root.put("inSync", !r.drifted());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("modified", r.modified().size());
    summary.put("missing", r.missing().size());
    summary.put("unmanaged", r.unmanaged().size());
    summary.put("conflicts", r.conflicts().size());
    summary.put("duplicates", r.duplicates().size());
    summary.put("ignored", r.ignored().size());
    root.put("summary", summary);
    root.put("modified", modified(r.modified()));
    List<Object> missing = new ArrayList<>();
    r.missing().forEach(m -> missing.add(Map.of("sbid", m.sbid(), "type", m.type())));
    root.put("missing", sortedMaps(missing));
    List<Object> unmanaged = new ArrayList<>();
    r.unmanaged().forEach(u -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sbid", u.sbid());
      m.put("type", u.type());
      m.put("id", u.id());
      m.put("retained", u.retained());
      unmanaged.add(m);
    });
    root.put("unmanaged", unmanaged);
    Map<String, Object> plan = PlanJson.model(new io.sorterbot.plan.Plan(r.stack(), r.region(), List.of(), r.conflicts(),
        r.duplicates(), Map.of(), List.of(), ""));
    root.put("conflicts", plan.get("conflicts"));
    root.put("duplicates", plan.get("duplicates"));
    root.put("ignored", modified(r.ignored()));
    return PlanJson.write(root);
  }

  private static List<Object> sortedMaps(List<Object> l) {
    List<Object> out = new ArrayList<>();
    for (Object o : l) out.add(new java.util.TreeMap<>((Map<?, ?>) o));
    return out;
  }

  private static List<Object> modified(List<Modified> list) {
    List<Object> out = new ArrayList<>();
    for (Modified m : list) {
      Map<String, Object> mm = new LinkedHashMap<>();
      mm.put("sbid", m.sbid());
      mm.put("type", m.type());
      mm.put("id", m.id());
      List<Object> diffs = new ArrayList<>();
      for (Difference d : m.differences()) {
        Map<String, Object> dm = new LinkedHashMap<>();
        dm.put("path", d.path());
        dm.put("kind", d.kind());
        dm.put("expected", ValueText.json(d.expected()));
        dm.put("actual", ValueText.json(d.actual()));
        diffs.add(dm);
      }
      mm.put("differences", diffs);
      out.add(mm);
    }
    return out;
  }
}
