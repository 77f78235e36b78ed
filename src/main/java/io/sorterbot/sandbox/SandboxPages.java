package io.sorterbot.sandbox;

import java.util.List;

/** Offset pagination for the ECR and ECS fakes: {@code nextToken} is an opaque {@code sbx-<offset>}. */
final class SandboxPages {
  private SandboxPages() {}

  record Page<T>(List<T> items, String nextToken) {}

  /**
   * One page of {@code all}: {@code maxResults} items (default {@code dflt}) from the offset in
   * {@code nextToken}; AWS's bounds 1..{@code max} answer {@code InvalidParameterException}.
   */
  static <T> Page<T> page(List<T> all, Integer maxResults, String nextToken, int max, SandboxErrors errors) {
    return page(all, maxResults, nextToken, max, max, errors);
  }

  static <T> Page<T> page(List<T> all, Integer maxResults, String nextToken, int dflt, int max, SandboxErrors errors) {
    int from = 0;
    if (nextToken != null && !nextToken.isEmpty()) {
      try {
        from = Integer.parseInt(nextToken.startsWith("sbx-") ? nextToken.substring(4) : "x");
      } catch (NumberFormatException e) {
        from = -1;
      }
      if (from < 0 || from > all.size()) throw errors.error("InvalidParameterException", "Invalid nextToken: " + nextToken);
    }
    int size = maxResults == null ? dflt : maxResults;
    if (size < 1 || size > max) {
      throw errors.error("InvalidParameterException", "maxResults must be between 1 and " + max + ": " + size);
    }
    int to = Math.min(all.size(), from + size);
    return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? "sbx-" + to : null);
  }
}
