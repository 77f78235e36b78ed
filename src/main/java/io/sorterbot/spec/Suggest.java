package io.sorterbot.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "Did you mean ...?" hints. */
public final class Suggest {
  private Suggest() {}

  /** A hint naming the closest candidate (edit distance ≤ 2, case-insensitive), or listing a few, or null. */
  public static String hint(String wrong, Collection<String> candidates) {
    String best = candidates.stream()
        .filter(c -> distance(wrong.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT)) <= Math.max(2, wrong.length() / 4))
        .min(Comparator.comparingInt((String c) -> distance(wrong.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT)))
            .thenComparing(Comparator.naturalOrder()))
        .orElse(null);
    if (best != null) return "did you mean '" + best + "'?";
    if (candidates.isEmpty()) return null;
    if (candidates.size() <= 8) return "expected one of: " + String.join(", ", candidates.stream().sorted().toList());
    return null;
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev; prev = cur; cur = t;
    }
    return prev[b.length()];
  }
}
