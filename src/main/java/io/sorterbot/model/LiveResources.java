package io.sorterbot.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link LiveResource}s the way every kind reports them. */
public final class LiveResources {
  private LiveResources() {}

  /**
   * {@code props} gets {@code tags} (the user tags); null properties and attributes are dropped; {@code id}
   * is always an attribute; refs are de-duplicated, empty ones dropped; SBID and SBStack come from the tags.
   */
  public static LiveResource of(String type, String id, Map<String, String> tags, Map<String, Object> props,
                                Map<String, Object> attrs, List<String> refs, Instant createdAt) {
    Map<String, Object> p = new LinkedHashMap<>();
    props.forEach((k, v) -> { if (v != null) p.put(k, v); });
    p.put("tags", Tags.userTags(tags));
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("id", id);
    attrs.forEach((k, v) -> { if (v != null) a.put(k, v); });
    List<String> r = refs.stream().filter(x -> x != null && !x.isEmpty()).distinct().toList();
    return new LiveResource(tags.get(Tags.SBID), type, tags.get(Tags.STACK), id, p, a, tags, r, createdAt);
  }

  /** A property map from alternating names and values (nulls allowed: {@link #of} drops them). */
  public static Map<String, Object> props(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
