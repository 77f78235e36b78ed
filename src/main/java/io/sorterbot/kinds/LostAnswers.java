package io.sorterbot.kinds;

import io.sorterbot.model.Tags;
import io.sorterbot.model.Desired;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Creates whose answer may have been lost. After a 5xx or a timeout the SDK's retry strategy sends a
 * create again although AWS may have done the first one: for a resource with a natural key (a name, a
 * CIDR) the second call is refused as existing. Planning found no live resource with this SBID, so one
 * that now exists carrying our SBID and stack tags was made by that first call (or by a run whose work
 * discovery could not see yet): it is ours, and taken instead of failing. Anything else stays an error.
 */
public final class LostAnswers {
  private LostAnswers() {}

  /**
   * @param create     the create call
   * @param existing   whether its error says the resource exists already
   * @param ours       the existing resource, when it carries our SBID and stack tags; empty otherwise
   */
  public static <T> T createOrAdopt(Supplier<T> create, Predicate<RuntimeException> existing, Supplier<Optional<T>> ours) {
    try {
      return create.get();
    } catch (RuntimeException e) {
      if (!existing.test(e)) throw e;
      return ours.get().orElseThrow(() -> e);
    }
  }

  /** Whether live tags say SBID and stack of {@code d}: the test every adopted resource must pass. */
  public static boolean ours(java.util.Map<String, String> tags, Desired d) {
    return tags != null && d.sbid().equals(tags.get(Tags.SBID)) && d.stack().equals(tags.get(Tags.STACK));
  }

  /** The {@code existing} test of {@link #createOrAdopt} for the given AWS error codes. */
  public static Predicate<RuntimeException> code(String... codes) {
    java.util.Set<String> set = java.util.Set.of(codes);
    return e -> set.contains(io.sorterbot.aws.AwsErrors.code(e));
  }

  /**
   * Whether {@code tags} say SBID and stack of {@code d}, as an Optional of {@code value} for
   * {@link #createOrAdopt}: the existing resource is adopted only then.
   */
  public static <T> Optional<T> oursOrEmpty(java.util.Map<String, String> tags, Desired d, T value) {
    return ours(tags, d) ? Optional.of(value) : Optional.empty();
  }

  /**
   * The twins of a call sent twice that makes a new item each time (a task definition revision, an access
   * key, a policy version): what exists now, minus what existed before the call, minus what the answer
   * returned. Only the caller knows which of them may be removed (it checks they carry our marks).
   */
  public static <T> java.util.List<T> twins(java.util.Collection<T> now, java.util.Collection<T> before, T returned) {
    java.util.List<T> out = new java.util.ArrayList<>();
    for (T x : now) if (!before.contains(x) && !x.equals(returned)) out.add(x);
    return out;
  }
}
