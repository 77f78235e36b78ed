package io.sorterbot.testutil;

import io.sorterbot.model.Desired;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Kind;
import io.sorterbot.model.Sensitive;
import io.sorterbot.model.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An in-memory kind for engine tests: stores what it is given, records the calls, and can be told
 * to fail or to take time. Not a stand-in for AWS (kinds are tested against the sandbox).
 */
public final class StubKind implements Kind {
  private final KindSchema schema;
  private final Map<String, LiveResource> store;
  private final AtomicInteger ids;
  public final List<String> calls;
  public final Set<String> failOn = ConcurrentHashMap.newKeySet();
  public volatile Consumer<String> during = s -> {};

  public StubKind(KindSchema schema, Map<String, LiveResource> sharedStore, AtomicInteger sharedIds, List<String> sharedLog) {
    this.schema = schema;
    this.calls = sharedLog;
    this.store = sharedStore;
    this.ids = sharedIds;
  }

  @Override public KindSchema schema() { return schema; }

  @Override public List<LiveResource> discover() {
    return store.values().stream().filter(l -> l.type().equals(schema.type())).toList();
  }

  @Override public LiveResource create(Desired d) {
    calls.add("create " + d.sbid());
    during.accept(d.sbid());
    if (failOn.contains(d.sbid())) throw new IllegalStateException("injected failure for " + d.sbid());
    String id = schema.type().replace('.', '-') + "-" + ids.incrementAndGet();
    LiveResource l = live(d, id);
    store.put(id, l);
    return l;
  }

  @Override public LiveResource update(LiveResource live, Desired d, List<PropertyChange> changes) {
    calls.add("update " + d.sbid() + " " + changes.stream().map(PropertyChange::property).toList());
    during.accept(d.sbid());
    if (failOn.contains(d.sbid())) throw new IllegalStateException("injected failure for " + d.sbid());
    LiveResource l = live(d, live.id());
    store.put(live.id(), l);
    return l;
  }

  @Override public void delete(LiveResource live) {
    calls.add("delete " + live.sbid());
    during.accept(live.sbid());
    if (failOn.contains("delete:" + live.sbid())) throw new IllegalStateException("injected failure deleting " + live.sbid());
    store.remove(live.id());
  }

  private LiveResource live(Desired d, String id) {
    Map<String, Object> props = new LinkedHashMap<>();
    d.properties().forEach((k, v) -> { if (!k.equals("tags")) props.put(k, Sensitive.reveal(v)); });
    props.put("tags", Tags.userTags(d.tags()));
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("id", id);
    for (String a : schema.attributes().keySet()) if (!a.equals("id")) attrs.put(a, a + "-of-" + id);
    List<String> refs = new ArrayList<>();
    props.values().forEach(v -> collect(v, refs));
    return new LiveResource(d.sbid(), schema.type(), d.tags().get(Tags.STACK), id, props, attrs, d.tags(), refs,
        Instant.ofEpochSecond(ids.get()));
  }

  private void collect(Object v, List<String> refs) {
    if (v instanceof String s && store.containsKey(s)) refs.add(s);
    if (v instanceof List<?> l) l.forEach(x -> collect(x, refs));
    if (v instanceof Map<?, ?> m) m.values().forEach(x -> collect(x, refs));
  }
}
