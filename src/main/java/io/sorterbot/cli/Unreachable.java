package io.sorterbot.cli;

import io.sorterbot.plan.Plan;
import java.util.List;

/**
 * A plan that cannot reach the file (SPEC "Ownership"): a wanted SBID is held by another stack, by no stack,
 * or by this stack's run in another region. {@code plan} lists it and exits 1; {@code apply} refuses before
 * changing anything.
 */
final class Unreachable {
  private Unreachable() {}

  /** Throws the one-line error when the plan has conflicts; returns otherwise. */
  static void check(Plan plan) {
    List<Plan.Conflict> c = plan.conflicts();
    if (c.isEmpty()) return;
    List<String> sbids = c.stream().map(Plan.Conflict::sbid).distinct().toList();
    boolean region = c.stream().anyMatch(x -> x.region() != null);
    String what = c.size() == 1 ? "1 conflict: " + sbids.get(0) + " is held by a resource this stack does not own"
        : c.size() + " conflicts: " + String.join(", ", sbids) + " are held by resources this stack does not own";
    throw new UserError(what + " (listed above); nothing was changed",
        region ? "resources that are one per account (IAM) are shared by every region: in a second region, give them other SBIDs and names"
            : "SBIDs are unique per account: give these resources other SBIDs (and names), or remove them from the stack that holds them");
  }
}
