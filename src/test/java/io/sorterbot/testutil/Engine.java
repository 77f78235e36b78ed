package io.sorterbot.testutil;

import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.Kind;
import io.sorterbot.model.Ticker;
import io.sorterbot.kinds.KindRegistry;
import io.sorterbot.plan.DesiredState;
import io.sorterbot.plan.Plan;
import io.sorterbot.plan.PlanInput;
import io.sorterbot.plan.Planner;
import io.sorterbot.plan.Resolver;
import io.sorterbot.spec.Loaded;
import io.sorterbot.spec.SpecReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The planner and executor wired on {@link StubKind}s sharing one in-memory store. */
public final class Engine {
  public final Map<String, LiveResource> store = new ConcurrentHashMap<>();
  public final Map<String, Kind> kinds = new TreeMap<>();
  public final Map<String, StubKind> stubs = new TreeMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  /** Every kind call, in the order made. */
  public final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

  public Engine() {
    for (KindSchema s : KindRegistry.catalog().all()) {
      StubKind k = new StubKind(s, store, ids, log);
      kinds.put(s.type(), k);
      stubs.put(s.type(), k);
    }
  }

  public static Loaded load(String yaml) { return new SpecReader(io.sorterbot.kinds.KindRegistry.catalog()).read("test.yaml", yaml, Map.of()); }

  public DesiredState desired(Loaded l) {
    return new DesiredState(l.spec(), new Resolver(l.spec(), Map.of("dbPassword", "hunter2-very-secret"),
        Map.of("region", "eu-central-1", "stack", l.spec().stack())), kinds);
  }

  public List<LiveResource> live() { return new ArrayList<>(store.values()); }

  public Plan plan(Loaded l, boolean destroy, Set<String> targets) {
    return new Planner(new PlanInput(l.spec(), l.graph(), kinds, live(), destroy, targets), desired(l)).plan();
  }

  public Plan plan(Loaded l) { return plan(l, false, Set.of()); }

  public Ticker ctx(String stack) { return new FakeTicker(); }

  public List<String> calls() {
    synchronized (log) {
      return new ArrayList<>(log);
    }
  }
}
