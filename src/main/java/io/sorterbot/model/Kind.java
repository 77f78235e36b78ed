package io.sorterbot.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One resource type as the engine sees it: bound to its account (real AWS, an endpoint or the sandbox) by
 * the wiring, so the engine never meets an SDK client or an SDK exception. Every failure of a call leaves
 * as a {@link KindFailure}.
 */
public interface Kind extends PropertyRules {

  default String type() { return schema().type(); }

  /** Every live resource of this kind that carries an SBID tag (any SBStack, or none). */
  List<LiveResource> discover();

  /** Creates with the tags in the create call; waits until usable; returns the resource as read back. */
  LiveResource create(Desired desired);

  /** Applies in-place changes (only properties the schema does not mark immutable). */
  LiveResource update(LiveResource live, Desired desired, List<PropertyChange> changes);

  /** Deletes with its prerequisites, waits until gone. Gone already = success. */
  void delete(LiveResource live);

  /** Attributes an in-place update changes (a task definition's new revision changes its ARN). */
  default Set<String> attributesChangedByUpdate() { return Set.of(); }

  /** The desired properties with the values AWS keeps secret wrapped as {@link Sensitive}. */
  default Map<String, Object> conceal(Map<String, Object> properties) { return properties; }
}
