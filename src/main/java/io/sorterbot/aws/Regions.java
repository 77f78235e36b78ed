package io.sorterbot.aws;

import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.regions.Region;

/** The region codes this AWS SDK knows (its endpoint data), without the partitions' global pseudo-regions. */
public final class Regions {
  private static final Set<String> KNOWN;

  static {
    Set<String> s = new TreeSet<>();
    for (Region r : Region.regions()) if (!r.isGlobalRegion()) s.add(r.id());
    KNOWN = java.util.Collections.unmodifiableSet(s);
  }

  private Regions() {}

  public static Set<String> known() { return KNOWN; }
}
