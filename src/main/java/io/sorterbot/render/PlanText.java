package io.sorterbot.render;

import io.sorterbot.model.PropertyChange;
import io.sorterbot.plan.Action;
import io.sorterbot.plan.Plan;
import java.util.Map;

/** The plan as text, in the shape Terraform users know. */
public final class PlanText {
  private PlanText() {}

  public static String render(Plan plan, String fileName) {
    StringBuilder sb = new StringBuilder();
    for (String w : plan.warnings()) sb.append("Warning: ").append(w).append("\n\n");
    boolean any = false;
    for (Action a : plan.actions()) {
      if (a instanceof Action.NoOp) continue;
      if (!any) sb.append("sorterbot will perform the following actions:\n\n");
      any = true;
      block(sb, a);
    }
    if (!plan.conflicts().isEmpty()) {
      sb.append("Conflicts (a resource with a wanted SBID that is not this stack's: never touched):\n");
      for (Plan.Conflict c : plan.conflicts()) {
        sb.append("  ! ").append(c.sbid()).append(" (").append(c.type()).append(") ").append(c.id()).append(' ')
            .append(holder(c)).append('\n');
      }
      sb.append('\n');
    }
    if (!plan.duplicates().isEmpty()) {
      sb.append("Duplicates (several live resources with one SBID in this stack):\n");
      for (Plan.Duplicate d : plan.duplicates()) {
        sb.append("  ! ").append(d.sbid()).append(" (").append(d.type()).append("): ")
            .append(d.oldestKnown() ? "keeping " + d.kept() + " (oldest)" : d.kept() + " compared with the file (age unknown, none deleted)")
            .append("; extra: ").append(String.join(", ", d.others())).append('\n');
      }
      sb.append('\n');
    }
    long add = plan.count(Action.Create.class) + plan.count(Action.Replace.class);
    long change = plan.count(Action.Update.class);
    long destroy = plan.count(Action.Delete.class) + plan.count(Action.Replace.class);
    if (add + change + destroy == 0 && plan.conflicts().isEmpty()) {
      sb.append("No changes. Live state matches ").append(fileName).append(".\n");
    } else {
      sb.append("Plan: ").append(add).append(" to add, ").append(change).append(" to change, ")
          .append(destroy).append(" to destroy.\n");
    }
    return sb.toString();
  }

  /** Why a conflicting resource is not this stack's: "is tagged SBStack=x", "has no SBStack tag", or another region's. */
  static String holder(Plan.Conflict c) {
    if (c.region() != null) {
      return "belongs to this stack in region " + c.region() + " (one per account, while a stack is per region)";
    }
    return c.stackTag() == null ? "has no SBStack tag" : "is tagged SBStack=" + c.stackTag();
  }

  private static void block(StringBuilder sb, Action a) {
    String id = a.live() == null ? "" : " (" + a.live().id() + ")";
    if (a instanceof Action.Create c) {
      sb.append("  # ").append(a.sbid()).append(" will be created\n");
      sb.append("  + ").append(a.type()).append(' ').append(a.sbid()).append('\n');
      props(sb, "+", c.properties());
    } else if (a instanceof Action.Update u) {
      sb.append("  # ").append(a.sbid()).append(" will be updated in place\n");
      sb.append("  ~ ").append(a.type()).append(' ').append(a.sbid()).append(id).append('\n');
      changes(sb, u.changes());
    } else if (a instanceof Action.Replace r) {
      sb.append("  # ").append(a.sbid()).append(" must be replaced\n");
      sb.append("-/+ ").append(a.type()).append(' ').append(a.sbid()).append(id).append('\n');
      changes(sb, r.changes());
    } else if (a instanceof Action.Delete d) {
      sb.append("  # ").append(a.sbid()).append(" will be destroyed (").append(d.reason()).append(")\n");
      sb.append("  - ").append(a.type()).append(' ').append(a.sbid()).append(id).append('\n');
    } else if (a instanceof Action.Retain r) {
      sb.append("  # ").append(a.sbid()).append(" will be retained: ").append(r.reason()).append('\n');
      sb.append("  = ").append(a.type()).append(' ').append(a.sbid()).append(id).append('\n');
    }
    sb.append('\n');
  }

  private static void props(StringBuilder sb, String sign, Map<String, Object> props) {
    int w = props.keySet().stream().mapToInt(String::length).max().orElse(0);
    new java.util.TreeMap<>(props).forEach((k, v) ->
        sb.append("      ").append(sign).append(' ').append(pad(k, w)).append(" = ").append(ValueText.of(v)).append('\n'));
  }

  private static void changes(StringBuilder sb, java.util.List<PropertyChange> changes) {
    int w = changes.stream().mapToInt(c -> c.property().length()).max().orElse(0);
    for (PropertyChange c : changes) {
      sb.append("      ~ ").append(pad(c.property(), w)).append(" = ").append(ValueText.of(c.before()))
          .append(" -> ").append(ValueText.of(c.after()));
      if (c.forcesReplacement()) sb.append(" # forces replacement");
      sb.append('\n');
    }
  }

  private static String pad(String s, int w) { return s + " ".repeat(Math.max(0, w - s.length())); }
}
