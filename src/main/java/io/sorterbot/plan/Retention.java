package io.sorterbot.plan;

import io.sorterbot.model.LiveResource;
import io.sorterbot.spec.ResourceSpec;
import io.sorterbot.spec.StackSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which of the resources about to be deleted are kept: retained ones (tag or file), what
 * they reference (transitively), and the gateway and route tables of a VPC that keeps a publicly
 * reachable retained resource (AWS refuses to detach a gateway while public addresses are mapped).
 */
final class Retention {
  private final StackSpec spec;
  private final Map<String, LiveResource> byId;

  Retention(StackSpec spec, List<LiveResource> live) {
    this.spec = spec;
    this.byId = Planner.byId(live);
  }

  List<Action> apply(List<Action> doomed, boolean destroy) {
    Map<String, Action> doomedById = new LinkedHashMap<>();
    for (Action a : doomed) doomedById.put(a.live().id(), a);
    Map<String, String> kept = new HashMap<>(); // id -> reason
    Deque<String> todo = new ArrayDeque<>();
    boolean publicKept = false;
    for (Action a : doomed) {
      if (retainedRoot(a.live())) {
        kept.put(a.live().id(), "deletionPolicy is retain");
        todo.add(a.live().id());
        publicKept |= isPublic(a.live());
      }
    }
    closure(todo, kept, doomedById);
    if (publicKept) {
      for (Action a : doomed) {
        LiveResource l = a.live();
        if (kept.containsKey(l.id()) || !(l.type().equals("ec2.internetGateway") || l.type().equals("ec2.routeTable"))) continue;
        for (String ref : l.refs()) {
          LiveResource vpc = byId.get(ref);
          if (vpc != null && vpc.type().equals("ec2.vpc") && kept.containsKey(vpc.id())) {
            kept.put(l.id(), "VPC " + vpc.sbid() + " keeps a publicly reachable retained resource"
                + " (AWS refuses to detach a gateway while public addresses are mapped)");
            todo.add(l.id());
          }
        }
      }
      closure(todo, kept, doomedById);
    }
    List<Action> out = new ArrayList<>();
    for (Action a : doomed) {
      String why = kept.get(a.live().id());
      out.add(why == null ? a : new Action.Retain(a.sbid(), a.type(), a.live(), why));
    }
    return out;
  }

  private void closure(Deque<String> todo, Map<String, String> kept, Map<String, Action> doomedById) {
    while (!todo.isEmpty()) {
      LiveResource k = byId.get(todo.poll());
      if (k == null) continue;
      for (String ref : k.refs()) {
        if (doomedById.containsKey(ref) && !kept.containsKey(ref)) {
          kept.put(ref, "needed by retained " + k.sbid());
          todo.add(ref);
        }
      }
    }
  }

  private boolean retainedRoot(LiveResource l) {
    if (l.retained()) return true;
    ResourceSpec r = spec.resources().get(l.sbid());
    return r != null && r.retain() && r.type().equals(l.type());
  }

  private static boolean isPublic(LiveResource l) {
    return Boolean.TRUE.equals(l.properties().get("publiclyAccessible"))
        || Boolean.TRUE.equals(l.properties().get("associatePublicIpAddress"));
  }
}
