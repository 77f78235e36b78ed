package io.sorterbot.drift;

import io.sorterbot.plan.Plan;
import java.time.Instant;
import java.util.List;

/**
 * How live state differs from the file, grouped as SPEC.md says. Values may be {@code Sensitive}
 * (renderers mask them).
 *
 * @param ignored differences on ignoreChanges properties: reported, not drift
 */
public record DriftReport(String stack, String region, Instant checkedAt, List<Modified> modified, List<Missing> missing,
                          List<Unmanaged> unmanaged, List<Plan.Conflict> conflicts, List<Plan.Duplicate> duplicates,
                          List<Modified> ignored) {
  public static final int FORMAT_VERSION = 1;

  /** One difference; {@code kind} is added (in AWS, not in the file), removed (in the file, not in AWS) or changed. */
  public record Difference(String path, String kind, Object expected, Object actual) {}

  public record Modified(String sbid, String type, String id, List<Difference> differences) {}

  public record Missing(String sbid, String type) {}

  public record Unmanaged(String sbid, String type, String id, boolean retained) {}

  public boolean drifted() {
    return !modified.isEmpty() || !missing.isEmpty() || !unmanaged.isEmpty() || !conflicts.isEmpty() || !duplicates.isEmpty();
  }
}
