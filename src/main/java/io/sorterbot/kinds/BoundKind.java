package io.sorterbot.kinds;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.model.Kind;
import io.sorterbot.model.KindFailure;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * A {@link ResourceKind} bound to the account of one run: what the engine holds. SDK exceptions are
 * turned into {@link KindFailure}s here, the one boundary between the engine and AWS.
 */
public final class BoundKind implements Kind {
  private final ResourceKind kind;
  private final KindContext ctx;

  public BoundKind(ResourceKind kind, KindContext ctx) {
    this.kind = kind;
    this.ctx = ctx;
  }

  /** Every kind of {@code kinds} bound to {@code ctx}, by type. */
  public static Map<String, Kind> bind(Map<String, ResourceKind> kinds, KindContext ctx) {
    Map<String, Kind> out = new java.util.TreeMap<>();
    kinds.forEach((t, k) -> out.put(t, new BoundKind(k, ctx)));
    return out;
  }

  @Override public KindSchema schema() { return kind.schema(); }
  @Override public List<LiveResource> discover() { return call(() -> kind.discover(ctx)); }
  @Override public LiveResource create(Desired d) { return call(() -> kind.create(ctx, d)); }

  @Override public LiveResource update(LiveResource live, Desired d, List<PropertyChange> changes) {
    return call(() -> kind.update(ctx, live, d, changes));
  }

  @Override public void delete(LiveResource live) { call(() -> { kind.delete(ctx, live); return null; }); }
  @Override public Object normalize(String property, Object value) { return kind.normalize(property, value); }
  @Override public Set<String> attributesChangedByUpdate() { return kind.attributesChangedByUpdate(); }
  @Override public Map<String, Object> conceal(Map<String, Object> properties) { return kind.conceal(properties); }

  @Override public boolean equivalent(String property, Object desired, Object live) {
    return kind.equivalent(property, desired, live);
  }

  private static <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (KindFailure e) {
      throw e;
    } catch (RuntimeException e) {
      String code = e instanceof AwsServiceException ? AwsErrors.code(e) : null;
      String message = AwsErrors.message(e);
      if (message == null || message.isBlank() || message.equals("null")) message = e.getClass().getSimpleName();
      if (e instanceof AwsServiceException a && a.statusCode() >= 500) message += " (HTTP " + a.statusCode() + ")";
      throw new KindFailure(code, message, e);
    }
  }
}
