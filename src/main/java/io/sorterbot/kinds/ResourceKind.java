package io.sorterbot.kinds;

import java.util.List;
import java.util.Objects;

/**
 * One AWS resource type. Implementations talk to AWS only through the clients in {@link KindContext}
 * (real SDK clients, any endpoint, or the sandbox's fakes) and never print.
 */
public interface ResourceKind {

  KindSchema schema();

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
   * Canonical form of a property value for comparison, applied to both the desired and the live
   * value (e.g. sort a rule set, canonicalise a JSON document). Default: unchanged.
   */
  default Object normalize(String property, Object value) { return value; }

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

  /** Whether desired and live values of a property count as equal (e.g. engineVersion "16" vs "16.4"). */
  default boolean equivalent(String property, Object desired, Object live) {
    return Objects.equals(normalize(property, desired), normalize(property, live));
  }
}
