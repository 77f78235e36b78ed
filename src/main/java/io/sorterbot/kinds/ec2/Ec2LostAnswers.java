package io.sorterbot.kinds.ec2;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.model.Desired;
import io.sorterbot.model.Tags;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * EC2 calls whose answer may have been lost (a 5xx or timeout after EC2 did the work, then the SDK's retry
 * sends the call again). See {@link io.sorterbot.kinds.LostAnswers} for creates with a natural key; this
 * class has the two other cases: a non-create call refused as "already done", and creates with neither a
 * natural key nor a client token (CreateVpc, CreateInternetGateway), whose second call makes a twin.
 */
final class Ec2LostAnswers {
  private Ec2LostAnswers() {}

  /**
   * Runs {@code action}; the AWS error {@code code} counts as success only when {@code done} confirms the
   * wanted state is there (the first, lost call did it). The same code for a real conflict (a route to
   * another target, a gateway on another VPC) still fails.
   */
  static void unlessDone(String code, BooleanSupplier done, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      if (!code.equals(AwsErrors.code(e)) || !done.getAsBoolean()) throw e;
    }
  }

  /** Describe filters for the live copies of {@code d}: its SBID and stack tags. */
  static List<Filter> ownFilters(Desired d) {
    return List.of(Filter.builder().name("tag:" + Tags.SBID).values(d.sbid()).build(),
        Filter.builder().name("tag:" + Tags.STACK).values(d.stack()).build());
  }

  /**
   * After a create without natural key or token returned {@code keep}: planning saw no resource with this
   * SBID, so any other one {@code found} (id → tags) now carrying it was made by the lost first call. It is
   * deleted, so exactly one remains, unless retained (a retain tag is never overridden). One look only:
   * a twin hidden by eventual consistency is left to the next plan, which reports it as a duplicate; so is
   * a twin something was already built in (DependencyViolation), which no lost answer can explain.
   */
  static void deleteTwins(String keep, Map<String, Map<String, String>> found, Consumer<String> delete) {
    found.forEach((id, tags) -> {
      if (id.equals(keep) || "retain".equals(tags.get(Tags.DELETION_POLICY))) return;
      try {
        delete.accept(id);
      } catch (RuntimeException e) {
        ErrorClass c = AwsErrors.classify(e);
        if (c != ErrorClass.NOT_FOUND && c != ErrorClass.DEPENDENCY) throw e;
      }
    });
  }
}
