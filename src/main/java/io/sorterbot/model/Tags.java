package io.sorterbot.model;

import java.util.Map;
import java.util.TreeMap;

/** The tags sorterbot owns on every resource. */
public final class Tags {
  public static final String SBID = "SBID";
  public static final String STACK = "SBStack";
  public static final String DELETION_POLICY = "SBDeletionPolicy";
  public static final String SECRET = "SBSecret";
  /** On resources of global kinds (IAM): the region whose stack applied it (stacks are per region). */
  public static final String REGION = "SBRegion";
  /** Prefix of the tags recording the file's value last applied to an ignoreChanges property. */
  public static final String APPLIED = "SBApplied:";

  private Tags() {}

  /** Tags that are not part of the user-visible {@code tags} property (system tags, aws: keys). */
  public static boolean isSystem(String key) {
    return key.equals(SBID) || key.equals(STACK) || key.equals(DELETION_POLICY) || key.equals(REGION)
        || key.startsWith(APPLIED) || key.startsWith("aws:");
  }

  /** The tag recording the value last applied from the file to {@code property} (see SPEC "ignoreChanges"). */
  public static String applied(String property) { return APPLIED + property; }

  /** Tags sorterbot keeps for its own bookkeeping: not drift when they differ, only recorded again by apply. */
  public static boolean isBookkeeping(String key) { return key.equals(REGION) || key.startsWith(APPLIED); }

  /** The user-visible part of a tag map, sorted. */
  public static Map<String, String> userTags(Map<String, String> all) {
    Map<String, String> out = new TreeMap<>();
    all.forEach((k, v) -> { if (!isSystem(k)) out.put(k, v); });
    return out;
  }
}
