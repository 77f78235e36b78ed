package io.sorterbot.plan;

import io.sorterbot.model.LiveResource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The result of planning: one action per resource (sorted by SBID), the ownership problems found,
 * the dependency edges the executor follows, and a fingerprint of the live state it saw.
 *
 * @param needs       for each SBID in the file, the SBIDs it needs
 * @param fingerprint hash of the live state seen (a saved plan is stale when it differs)
 */
public record Plan(String stack, String region, List<Action> actions, List<Conflict> conflicts,
                   List<Duplicate> duplicates, Map<String, Set<String>> needs, List<String> warnings,
                   String fingerprint) {

  /**
   * A live resource with a wanted SBID but another or no SBStack tag, or (global kinds: IAM) this stack's
   * resource recorded for another {@code region}: never touched.
   *
   * @param region the region that holds it, when it is this stack's in another region; else null
   */
  public record Conflict(String sbid, String type, String id, String stackTag, String region) {}

  /**
   * Several live resources with one SBID in this stack. {@code kept} is the one compared with the file: the
   * oldest when {@code oldestKnown} (AWS gave every copy a creation time), else just the first by id, and
   * then no copy is deleted.
   */
  public record Duplicate(String sbid, String type, String kept, List<String> others, boolean oldestKnown) {}

  public long count(Class<? extends Action> kind) { return actions.stream().filter(kind::isInstance).count(); }

  public boolean hasChanges() { return actions.stream().anyMatch(Action::changes); }

  public static List<LiveResource> none() { return List.of(); }
}
