package io.sorterbot.kinds;

import io.sorterbot.model.Desired;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The tags an update adds and removes: sorterbot's own tags (SBID, SBStack, SBDeletionPolicy...) follow
 * the desired tags on every update, because retain is a tag and must protect even when nothing else
 * changed; user tags only when the {@code tags} property itself changed (undeclared properties are never
 * touched); {@code aws:} tags never. Each service adapts it in two lines: its Tag type, and its calls.
 */
public record TagDelta(Map<String, String> put, List<String> remove) {

  public static TagDelta of(Map<String, String> live, Desired d, List<PropertyChange> changes) {
    boolean userTags = changes.stream().anyMatch(c -> c.property().equals("tags"));
    Map<String, String> put = new LinkedHashMap<>();
    List<String> remove = new ArrayList<>();
    d.tags().forEach((k, v) -> {
      if ((userTags || ours(k)) && !v.equals(live.get(k))) put.put(k, v);
    });
    live.forEach((k, v) -> {
      if (k.startsWith("aws:") || d.tags().containsKey(k)) return;
      if (userTags || ours(k)) remove.add(k);
    });
    return new TagDelta(put, remove);
  }

  /** With the kind's own bookkeeping tags added to what is put. */
  public TagDelta plus(Map<String, String> more) {
    Map<String, String> p = new LinkedHashMap<>(put);
    p.putAll(more);
    List<String> r = new ArrayList<>(remove);
    r.removeAll(more.keySet());
    return new TagDelta(p, r);
  }

  public boolean isEmpty() { return put.isEmpty() && remove.isEmpty(); }

  /** Runs the service's tag call for what is put and its untag call for what is removed, skipping empty ones. */
  public void apply(Consumer<Map<String, String>> tag, Consumer<List<String>> untag) {
    if (!put.isEmpty()) tag.accept(put);
    if (!remove.isEmpty()) untag.accept(remove);
  }

  private static boolean ours(String key) { return Tags.isSystem(key) && !key.startsWith("aws:"); }

  /** A tag map as a service's list of Tag objects. */
  public static <T> List<T> list(Map<String, String> tags, BiFunction<String, String, T> tag) {
    List<T> out = new ArrayList<>(tags.size());
    tags.forEach((k, v) -> out.add(tag.apply(k, v)));
    return out;
  }

  /** A service's Tag objects as a map (in their order). */
  public static <T> Map<String, String> map(Collection<T> tags, Function<T, String> key, Function<T, String> value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tags != null) for (T t : tags) out.put(key.apply(t), value.apply(t));
    return out;
  }
}
