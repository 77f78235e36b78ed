package io.sorterbot.apply;

import io.sorterbot.plan.Action;

/** One unit of executor work: deleting a live resource, or creating/updating a desired one. */
record Step(String key, Action action, boolean delete) {
  String sbid() { return action.sbid(); }

  String verb() {
    if (delete) return action instanceof Action.Replace ? "destroy (replace)" : "destroy";
    if (action instanceof Action.Update) return "update";
    return "create";
  }
}
