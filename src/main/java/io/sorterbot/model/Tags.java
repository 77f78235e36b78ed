package io.sorterbot.model;

import java.util.Map;
import java.util.TreeMap;

/** The tags sorterbot owns on every resource. */
public final class Tags {
  public static final String SBID = "SBID";
  public static final String STACK = "SBStack";
  public static final String DELETION_POLICY = "SBDeletionPolicy";
  public static final String SECRET = "SBSecret";

  private Tags() {}

  /** Tags that are not part of the user-visible {@code tags} property (system tags, aws: keys). */
  public static boolean isSystem(String key) {
    return key.equals(SBID) || key.equals(STACK) || key.equals(DELETION_POLICY) || key.startsWith("aws:");
  }

  /** The user-visible part of a tag map, sorted. */
  public static Map<String, String> userTags(Map<String, String> all) {
    Map<String, String> out = new TreeMap<>();
    all.forEach((k, v) -> { if (!isSystem(k)) out.put(k, v); });
    return out;
  }
}
