package io.sorterbot.render;

import io.sorterbot.apply.ApplyListener;
import io.sorterbot.apply.ApplyResult;
import java.io.PrintWriter;
import java.time.Duration;

/** Progress lines while applying, and the closing summary. */
public final class ApplyProgress implements ApplyListener {
  private final PrintWriter out;

  public ApplyProgress(PrintWriter out) { this.out = out; }

  private synchronized void line(String s) {
    out.println(s);
    out.flush();
  }

  @Override public void started(String sbid, String verb) { line(sbid + ": " + ing(verb) + "..."); }

  @Override public void finished(String sbid, String verb, Duration elapsed, String id) {
    line(sbid + ": " + noun(verb) + " complete after " + Elapsed.of(elapsed) + (id == null ? "" : " [id=" + id + "]"));
  }

  @Override public void failed(String sbid, String verb, String error) { line(sbid + ": " + verb + " failed: " + error); }

  @Override public void skipped(String sbid, String verb, String because) {
    line(sbid + ": " + verb + " skipped (" + because + ")");
  }

  /** {@code activity} is the kind's own word for what it waits on ("creating", "destroying (final snapshot X)"). */
  @Override public void waiting(String sbid, String activity, Duration elapsed) {
    line(sbid + ": Still " + activity + "... [" + Elapsed.of(elapsed) + " elapsed]");
  }

  private static String ing(String verb) {
    if (verb.startsWith("destroy")) return "Destroying";
    if (verb.startsWith("update")) return "Modifying";
    return "Creating";
  }

  private static String noun(String verb) {
    if (verb.startsWith("destroy")) return "Destruction";
    if (verb.startsWith("update")) return "Modifications";
    return "Creation";
  }

  /** The closing lines: what was done, and on failure what failed and what was skipped. */
  public static String summary(ApplyResult r, long added, long changed, long destroyed, String what) {
    StringBuilder sb = new StringBuilder("\n");
    if (r.ok()) {
      sb.append(what).append(" complete! Resources: ").append(added).append(" added, ").append(changed)
          .append(" changed, ").append(destroyed).append(" destroyed.\n");
      return sb.toString();
    }
    sb.append(what).append(" failed: ").append(r.done().size()).append(" done, ").append(r.failed().size())
        .append(" failed, ").append(r.skipped().size()).append(" skipped.\n");
    r.failed().stream().sorted().forEach(f -> sb.append("  failed:  ").append(f).append('\n'));
    r.skipped().stream().sorted().forEach(s -> sb.append("  skipped: ").append(s).append('\n'));
    sb.append("Fix the cause and run again: a re-run picks up where this one stopped.\n");
    return sb.toString();
  }
}
