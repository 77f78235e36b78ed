package io.sorterbot.apply;

import io.sorterbot.model.LiveResource;
import java.util.List;
import java.util.Map;

/**
 * How an apply ended.
 *
 * @param done    "verb SBID" of each step that succeeded
 * @param failed  "verb SBID: cause" of each step that failed
 * @param skipped "verb SBID: because" of each step not run because something it needs failed
 * @param current the live resources of the file after the run, by SBID (for outputs)
 */
public record ApplyResult(List<String> done, List<String> failed, List<String> skipped,
                          Map<String, LiveResource> current) {
  public boolean ok() { return failed.isEmpty() && skipped.isEmpty(); }
}
