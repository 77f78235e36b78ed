package io.sorterbot.render;

import io.sorterbot.drift.DriftReport;
import io.sorterbot.drift.DriftReport.Difference;
import io.sorterbot.drift.DriftReport.Modified;
import io.sorterbot.plan.Plan;
import java.util.List;

/** The drift report for a person at a terminal. */
public final class DriftText {
  private DriftText() {}

  public static String render(DriftReport r, String fileName) {
    StringBuilder sb = new StringBuilder();
    sb.append("Drift report for stack '").append(r.stack()).append("' (").append(r.region()).append("), checked ")
        .append(r.checkedAt()).append("\n\n");
    modified(sb, "Modified (live state differs from the file):", r.modified());
    if (!r.missing().isEmpty()) {
      sb.append("Missing (in the file, not in AWS):\n");
      r.missing().forEach(m -> sb.append("  + ").append(m.sbid()).append(" (").append(m.type()).append(")\n"));
      sb.append('\n');
    }
    if (!r.unmanaged().isEmpty()) {
      sb.append("Unmanaged (tagged SBStack=").append(r.stack()).append(", not in the file):\n");
      r.unmanaged().forEach(u -> sb.append("  ? ").append(u.sbid()).append(" (").append(u.type()).append(' ').append(u.id())
          .append(')').append(u.retained() ? " retained" : "").append('\n'));
      sb.append('\n');
    }
    if (!r.conflicts().isEmpty()) {
      sb.append("Conflicts (a wanted SBID on a resource that is not this stack's):\n");
      for (Plan.Conflict c : r.conflicts()) {
        sb.append("  ! ").append(c.sbid()).append(" (").append(c.type()).append(' ').append(c.id()).append(") ")
            .append(PlanText.holder(c)).append('\n');
      }
      sb.append('\n');
    }
    if (!r.duplicates().isEmpty()) {
      sb.append("Duplicates (one SBID, several live resources):\n");
      for (Plan.Duplicate d : r.duplicates()) {
        sb.append("  ! ").append(d.sbid()).append(" (").append(d.type()).append("): ").append(d.kept())
            .append(d.oldestKnown() ? " (oldest), " : " (age unknown), ")
            .append(String.join(", ", d.others())).append('\n');
      }
      sb.append('\n');
    }
    modified(sb, "Ignored (differences on ignoreChanges properties, not drift):", r.ignored());
    sb.append("Summary: ").append(summary(r)).append(". ")
        .append(r.drifted() ? "Drift found.\n" : "No drift: live state matches " + fileName + ".\n");
    return sb.toString();
  }

  static String summary(DriftReport r) {
    return r.modified().size() + " modified, " + r.missing().size() + " missing, " + r.unmanaged().size() + " unmanaged, "
        + r.conflicts().size() + " conflicts, " + r.duplicates().size() + " duplicates, " + r.ignored().size() + " ignored";
  }

  private static void modified(StringBuilder sb, String title, List<Modified> list) {
    if (list.isEmpty()) return;
    sb.append(title).append('\n');
    for (Modified m : list) {
      sb.append("  ~ ").append(m.sbid()).append(" (").append(m.type()).append(' ').append(m.id()).append(")\n");
      for (Difference d : m.differences()) sb.append("      ").append(line(d)).append('\n');
    }
    sb.append('\n');
  }

  static String line(Difference d) {
    return switch (d.kind()) {
      case "added" -> d.path() + ": added " + ValueText.of(d.actual());
      case "removed" -> d.path() + ": removed " + ValueText.of(d.expected());
      default -> d.path() + ": expected " + ValueText.of(d.expected()) + ", actual " + ValueText.of(d.actual());
    };
  }
}
