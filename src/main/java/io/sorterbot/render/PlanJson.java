package io.sorterbot.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.plan.Action;
import io.sorterbot.plan.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as JSON, format version 1 (documented in the README). Secrets are "(sensitive)",
 * values not yet known "(known after apply)".
 */
public final class PlanJson {
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJson() {}

  public static String render(Plan plan) { return write(model(plan)); }

  public static Map<String, Object> model(Plan plan) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("stack", plan.stack());
    root.put("region", plan.region());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("add", plan.count(Action.Create.class) + plan.count(Action.Replace.class));
    summary.put("change", plan.count(Action.Update.class));
    summary.put("destroy", plan.count(Action.Delete.class) + plan.count(Action.Replace.class));
    summary.put("retain", plan.count(Action.Retain.class));
    summary.put("noChange", plan.count(Action.NoOp.class));
    root.put("summary", summary);
    List<Object> actions = new ArrayList<>();
    for (Action a : plan.actions()) actions.add(action(a));
    root.put("actions", actions);
    List<Object> conflicts = new ArrayList<>();
    for (Plan.Conflict c : plan.conflicts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sbid", c.sbid());
      m.put("type", c.type());
      m.put("id", c.id());
      m.put("stackTag", c.stackTag());
      m.put("region", c.region());
      conflicts.add(m);
    }
    root.put("conflicts", conflicts);
    List<Object> dups = new ArrayList<>();
    for (Plan.Duplicate d : plan.duplicates()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sbid", d.sbid());
      m.put("type", d.type());
      m.put("kept", d.kept());
      m.put("others", d.others());
      m.put("oldestKnown", d.oldestKnown());
      dups.add(m);
    }
    root.put("duplicates", dups);
    root.put("warnings", plan.warnings());
    root.put("liveFingerprint", plan.fingerprint());
    return root;
  }

  private static Map<String, Object> action(Action a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sbid", a.sbid());
    m.put("type", a.type());
    m.put("action", name(a));
    m.put("id", a.live() == null ? null : a.live().id());
    if (a instanceof Action.Create c) m.put("properties", ValueText.json(c.properties()));
    List<PropertyChange> changes = a instanceof Action.Update u ? u.changes() : a instanceof Action.Replace r ? r.changes() : List.of();
    if (!changes.isEmpty()) {
      List<Object> cs = new ArrayList<>();
      for (PropertyChange c : changes) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("property", c.property());
        cm.put("before", ValueText.json(c.before()));
        cm.put("after", ValueText.json(c.after()));
        cm.put("forcesReplacement", c.forcesReplacement());
        cs.add(cm);
      }
      m.put("changes", cs);
    }
    if (a instanceof Action.Delete d) m.put("reason", d.reason());
    if (a instanceof Action.Retain r) m.put("reason", r.reason());
    return m;
  }

  public static String name(Action a) {
    if (a instanceof Action.Create) return "create";
    if (a instanceof Action.Update) return "update";
    if (a instanceof Action.Replace) return "replace";
    if (a instanceof Action.Delete) return "delete";
    if (a instanceof Action.Retain) return "retain";
    return "no-op";
  }

  static String write(Object o) {
    try {
      return JSON.writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }
}
