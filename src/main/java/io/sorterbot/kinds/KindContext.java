package io.sorterbot.kinds;

import io.sorterbot.aws.AwsClients;
import io.sorterbot.model.Ticker;

/**
 * What a kind needs to do its work.
 *
 * @param stack    the stack name (SBStack tag value)
 * @param clients  AWS clients (real, endpoint, or sandbox)
 * @param ticker   the clock for every wait and backoff (tests replace it)
 * @param progress where long waits report elapsed time
 */
public record KindContext(String stack, AwsClients clients, Ticker ticker, Progress progress) {

  public io.sorterbot.aws.Retry retry() { return new io.sorterbot.aws.Retry(ticker); }

  /** Receives "still waiting" notices during long operations. */
  @FunctionalInterface
  public interface Progress {
    void waiting(String sbid, String activity, java.time.Duration elapsed);

    Progress NONE = (s, a, e) -> {};
  }
}
