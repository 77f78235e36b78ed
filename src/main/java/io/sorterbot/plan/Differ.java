package io.sorterbot.plan;

import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropSchema;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.PropertyRules;
import io.sorterbot.model.Sensitive;
import io.sorterbot.model.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Desired vs live, on declared properties only, after the kind's normalisation. */
public final class Differ {
  private Differ() {}

  /**
   * @param desired resolved properties (may hold Unknown / Sensitive)
   * @param tags    the full desired tag set
   * @param ignore  ignoreChanges properties: compared only when the file's value differs from the one last
   *                applied (recorded on the resource, see {@link LastApplied}); a live value that alone differs is ignored
   */
  public static List<PropertyChange> diff(PropertyRules kind, Map<String, Object> desired, Map<String, String> tags,
                                          LiveResource live, Collection<String> ignore) {
    KindSchema schema = kind.schema();
    List<PropertyChange> out = new ArrayList<>();
    for (var e : desired.entrySet()) {
      String p = e.getKey();
      if (p.equals("tags") || (ignore.contains(p) && !LastApplied.fileChanged(p, e.getValue(), tags, live.tags()))) continue;
      PropSchema ps = schema.property(p);
      boolean immutable = ps != null && ps.immutable();
      Object d = e.getValue();
      Object l = live.properties().get(p);
      if (Unknown.within(d)) {
        out.add(new PropertyChange(p, l, d, immutable));
      } else if (!same(kind, ps, p, d, l)) {
        out.add(new PropertyChange(p, mask(ps, d, declaredPart(ps, d, l)), d, immutable));
      }
    }
    if (schema.taggable() && !ignore.contains("tags")) {
      Map<String, String> want = comparableTags(tags);
      Map<String, String> have = comparableTags(live.tags());
      // A new record of a property that changes anyway says nothing more: shown once, as that property's change.
      for (PropertyChange c : out) {
        String key = Tags.applied(c.property());
        if (want.containsKey(key) || have.containsKey(key)) {
          if (want.containsKey(key)) have.put(key, want.get(key)); else have.remove(key);
        }
      }
      if (!want.equals(have)) out.add(new PropertyChange("tags", comparableTags(live.tags()), want, false));
    }
    return out;
  }

  /** Tags as compared: everything but SBID, SBStack and aws: keys (SBDeletionPolicy, SBRegion, SBApplied:* are). */
  static Map<String, String> comparableTags(Map<String, String> all) {
    Map<String, String> out = new TreeMap<>();
    all.forEach((k, v) -> {
      if (!k.equals(Tags.SBID) && !k.equals(Tags.STACK) && !k.startsWith("aws:")) out.put(k, v);
    });
    return out;
  }

  static boolean same(PropertyRules kind, PropSchema ps, String p, Object desired, Object live) {
    Object d = Values.canonical(kind.normalize(p, Values.canonical(Sensitive.reveal(desired))));
    Object l = Values.canonical(kind.normalize(p, Values.canonical(Sensitive.reveal(live))));
    Object lp = ps == null ? l : Values.project(ps.type(), d, l);
    return kind.equivalent(p, d, lp);
  }

  /** The live value as shown in a change: only the fields the file declares (AWS defaults are noise). */
  private static Object declaredPart(PropSchema ps, Object desired, Object live) {
    if (ps == null || live instanceof Sensitive) return live;
    return Values.project(ps.type(), Values.canonical(Sensitive.reveal(desired)), Values.canonical(live));
  }

  /** A live value shown in a change is sensitive when the property or the desired value is. */
  private static Object mask(PropSchema ps, Object desired, Object live) {
    if (live == null || live instanceof Sensitive) return live;
    boolean sensitive = (ps != null && ps.sensitive()) || Sensitive.within(desired);
    return sensitive ? new Sensitive(String.valueOf(Sensitive.reveal(live))) : live;
  }
}
