package io.sorterbot.apply;

import io.sorterbot.model.LiveResource;
import io.sorterbot.plan.Action;
import io.sorterbot.plan.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The plan's actions as steps with ordering edges: creates/updates after what they need; deletes
 * before what the deleted resource points at; a replacement's delete before its create; an update
 * that drops a reference before the delete of what it pointed at.
 */
final class StepGraph {
  final Map<String, Step> steps = new TreeMap<>();
  final Map<String, Set<String>> successors = new HashMap<>();
  final Map<String, Integer> pending = new HashMap<>();

  StepGraph(Plan plan) {
    Map<String, String> deleteByLiveId = new HashMap<>();
    for (Action a : plan.actions()) {
      if (a instanceof Action.Delete || a instanceof Action.Replace) {
        Step s = add(new Step("delete:" + a.live().id(), a, true));
        deleteByLiveId.put(a.live().id(), s.key());
      }
      if (a instanceof Action.Create || a instanceof Action.Update || a instanceof Action.Replace) {
        add(new Step("upsert:" + a.sbid(), a, false));
      }
    }
    for (Step s : List.copyOf(steps.values())) {
      Action a = s.action();
      if (!s.delete()) {
        for (String need : plan.needs().getOrDefault(a.sbid(), Set.of())) edge("upsert:" + need, s.key());
        if (a instanceof Action.Replace) edge("delete:" + a.live().id(), s.key());
        if (a instanceof Action.Update) {
          for (String ref : a.live().refs()) {
            String del = deleteByLiveId.get(ref);
            if (del != null && steps.get(del).action() instanceof Action.Delete) edge(s.key(), del);
          }
        }
      } else {
        LiveResource l = a.live();
        for (String ref : l.refs()) {
          String del = deleteByLiveId.get(ref);
          if (del != null && !del.equals(s.key())) edge(s.key(), del);
        }
      }
    }
  }

  private Step add(Step s) {
    steps.put(s.key(), s);
    successors.put(s.key(), new TreeSet<>());
    pending.put(s.key(), 0);
    return s;
  }

  private void edge(String from, String to) {
    if (!steps.containsKey(from) || !steps.containsKey(to)) return;
    if (successors.get(from).add(to)) pending.merge(to, 1, Integer::sum);
  }

  /** Longest chain of steps from each step to the end: run long chains first. */
  Map<String, Integer> depth() {
    Map<String, Integer> memo = new HashMap<>();
    for (String k : steps.keySet()) depth(k, memo);
    return memo;
  }

  private int depth(String k, Map<String, Integer> memo) {
    Integer d = memo.get(k);
    if (d != null) return d;
    int best = 0;
    for (String s : successors.get(k)) best = Math.max(best, depth(s, memo));
    memo.put(k, best + 1);
    return best + 1;
  }

  List<String> descendants(String key) {
    List<String> out = new ArrayList<>();
    List<String> todo = new ArrayList<>(successors.get(key));
    Set<String> seen = new TreeSet<>();
    while (!todo.isEmpty()) {
      String k = todo.remove(todo.size() - 1);
      if (seen.add(k)) { out.add(k); todo.addAll(successors.get(k)); }
    }
    return out;
  }
}
