package io.sorterbot.plan;

import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import java.util.List;
import java.util.Map;

/** What the plan does to one resource. */
public sealed interface Action {
  String sbid();

  String type();

  /** The live resource acted on, or null for a create. */
  LiveResource live();

  /** Creates the resource; properties may hold {@link Unknown} and {@code Sensitive} values. */
  record Create(String sbid, String type, Map<String, Object> properties) implements Action {
    public LiveResource live() { return null; }
  }

  /** Changes the resource in place. */
  record Update(String sbid, String type, LiveResource live, Map<String, Object> properties,
                List<PropertyChange> changes) implements Action {}

  /** Deletes then creates: an immutable property changed ({@code changes} marks which). */
  record Replace(String sbid, String type, LiveResource live, Map<String, Object> properties,
                 List<PropertyChange> changes) implements Action {}

  /** Deletes a resource of the stack: pruned (not in the file any more) or a duplicate. */
  record Delete(String sbid, String type, LiveResource live, String reason) implements Action {}

  /** Nothing to do. */
  record NoOp(String sbid, String type, LiveResource live) implements Action {}

  /** Would be deleted, but is kept: retained, or needed by a retained resource ({@code reason} says which). */
  record Retain(String sbid, String type, LiveResource live, String reason) implements Action {}

  /** Whether this action changes anything in AWS. */
  static boolean changes(Action a) { return !(a instanceof NoOp || a instanceof Retain); }
}
