package io.sorterbot.kinds;

import io.sorterbot.model.KindSchema;
import io.sorterbot.model.Sensitive;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Desired;
import io.sorterbot.model.LiveResource;
import java.util.List;

/**
 * One AWS resource type. Implementations talk to AWS only through the clients in {@link KindContext}
 * (real SDK clients, any endpoint, or the sandbox's fakes) and never print.
 */
public interface ResourceKind extends io.sorterbot.model.PropertyRules {

  default String type() { return schema().type(); }

  /**
   * Every live resource of this kind that carries an SBID tag (any SBStack, or none: the planner
   * decides ownership). One tag-filtered list call where the API allows.
   */
  List<LiveResource> discover(KindContext ctx);

  /** Creates with the tags in the create call; waits until usable; returns the resource as read back. */
  LiveResource create(KindContext ctx, Desired desired);

  /** Applies in-place changes (only properties the schema does not mark immutable). */
  LiveResource update(KindContext ctx, LiveResource live, Desired desired, List<PropertyChange> changes);

  /** Deletes with its prerequisites (detach, disassociate...), waits until gone. Gone already = success. */
  void delete(KindContext ctx, LiveResource live);


  /**
   * Attributes an in-place update changes (a task definition's update registers a new revision, so its
   * ARN changes): at plan time they are unknown, and what references them is planned to follow.
   */
  default java.util.Set<String> attributesChangedByUpdate() { return java.util.Set.of(); }

  /**
   * The desired properties with the values AWS keeps secret wrapped as {@link Sensitive} (a SecureString
   * parameter's value), so they never print. Default: unchanged.
   */
  default java.util.Map<String, Object> conceal(java.util.Map<String, Object> properties) { return properties; }
}
