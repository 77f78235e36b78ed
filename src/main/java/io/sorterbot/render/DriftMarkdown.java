package io.sorterbot.render;

import io.sorterbot.drift.DriftReport;
import io.sorterbot.drift.DriftReport.Difference;
import io.sorterbot.drift.DriftReport.Modified;
import io.sorterbot.plan.Plan;
import java.util.List;

/** The drift report as Markdown, for a CI summary or an issue. */
public final class DriftMarkdown {
  private DriftMarkdown() {}

  public static String render(DriftReport r, String fileName) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Drift report: `").append(r.stack()).append("` (").append(r.region()).append(")\n\n");
    sb.append("Checked ").append(r.checkedAt()).append(". ")
        .append(r.drifted() ? "**Drift found.**" : "No drift: live state matches `" + fileName + "`.").append("\n\n");
    sb.append("| modified | missing | unmanaged | conflicts | duplicates | ignored |\n|---|---|---|---|---|---|\n");
    sb.append("| ").append(r.modified().size()).append(" | ").append(r.missing().size()).append(" | ")
        .append(r.unmanaged().size()).append(" | ").append(r.conflicts().size()).append(" | ").append(r.duplicates().size())
        .append(" | ").append(r.ignored().size()).append(" |\n\n");
    table(sb, "Modified", r.modified());
    if (!r.missing().isEmpty()) {
      sb.append("## Missing\n\n| SBID | type |\n|---|---|\n");
      r.missing().forEach(m -> sb.append("| ").append(m.sbid()).append(" | ").append(m.type()).append(" |\n"));
      sb.append('\n');
    }
    if (!r.unmanaged().isEmpty()) {
      sb.append("## Unmanaged\n\n| SBID | type | id | retained |\n|---|---|---|---|\n");
      r.unmanaged().forEach(u -> sb.append("| ").append(u.sbid()).append(" | ").append(u.type()).append(" | ").append(u.id())
          .append(" | ").append(u.retained() ? "yes" : "no").append(" |\n"));
      sb.append('\n');
    }
    if (!r.conflicts().isEmpty()) {
      sb.append("## Conflicts\n\n| SBID | type | id | SBStack |\n|---|---|---|---|\n");
      for (Plan.Conflict c : r.conflicts()) {
        sb.append("| ").append(c.sbid()).append(" | ").append(c.type()).append(" | ").append(c.id()).append(" | ")
            .append(c.stackTag() == null ? "(none)" : c.stackTag())
            .append(c.region() == null ? "" : " (region " + c.region() + ")").append(" |\n");
      }
      sb.append('\n');
    }
    if (!r.duplicates().isEmpty()) {
      sb.append("## Duplicates\n\n| SBID | type | kept | others |\n|---|---|---|---|\n");
      for (Plan.Duplicate d : r.duplicates()) {
        sb.append("| ").append(d.sbid()).append(" | ").append(d.type()).append(" | ").append(d.kept()).append(" | ")
            .append(String.join(", ", d.others())).append(" |\n");
      }
      sb.append('\n');
    }
    table(sb, "Ignored", r.ignored());
    return sb.toString();
  }

  private static void table(StringBuilder sb, String title, List<Modified> list) {
    if (list.isEmpty()) return;
    sb.append("## ").append(title).append("\n\n| SBID | type | id | property | difference | expected | actual |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (Modified m : list) {
      for (Difference d : m.differences()) {
        sb.append("| ").append(m.sbid()).append(" | ").append(m.type()).append(" | ").append(m.id()).append(" | `")
            .append(d.path()).append("` | ").append(d.kind()).append(" | ").append(cell(d.expected())).append(" | ")
            .append(cell(d.actual())).append(" |\n");
      }
    }
    sb.append('\n');
  }

  private static String cell(Object v) { return v == null ? "" : "`" + ValueText.of(v).replace("|", "\\|") + "`"; }
}
