package io.sorterbot.kinds;

import io.sorterbot.aws.AwsClients;
import io.sorterbot.model.Notice;
import io.sorterbot.model.Ticker;
import java.util.function.Consumer;

/**
 * What a kind needs to do its work.
 *
 * @param stack    the stack name (SBStack tag value)
 * @param clients  AWS clients (real, endpoint, or sandbox)
 * @param ticker   the clock for every wait and backoff (tests replace it)
 * @param progress where long waits report elapsed time
 * @param notices  where a kind leaves what the user should know ({@link Notice}); the command line shows them
 */
public record KindContext(String stack, AwsClients clients, Ticker ticker, Progress progress, Consumer<Notice> notices) {

  /** A context whose notices go nowhere (tests that do not look at them). */
  public KindContext(String stack, AwsClients clients, Ticker ticker, Progress progress) {
    this(stack, clients, ticker, progress, n -> { });
  }

  public io.sorterbot.aws.Retry retry() { return new io.sorterbot.aws.Retry(ticker); }

  public void notice(Notice n) { notices.accept(n); }

  /** Receives "still waiting" notices during long operations. */
  @FunctionalInterface
  public interface Progress {
    void waiting(String sbid, String activity, java.time.Duration elapsed);

    Progress NONE = (s, a, e) -> {};
  }
}
