package io.sorterbot.cli;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.model.Ticker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The run lock kept in AWS itself, for runners on several machines ({@code --lock ssm}): an SSM
 * parameter {@code /<stack>/lock} written without overwrite (so only one writer succeeds), holding
 * the holder, the start time and an expiry. A holder that died leaves it until the expiry, after
 * which the next run takes it over. Released by deleting it.
 */
final class SsmLock implements AutoCloseable {
  static final Duration TTL = Duration.ofHours(2);

  private final SsmClient ssm;
  private final String name;

  private SsmLock(SsmClient ssm, String name) {
    this.ssm = ssm;
    this.name = name;
  }

  static String parameterName(String stack) { return "/" + stack + "/lock"; }

  static SsmLock acquire(SsmClient ssm, String stack, String command, Duration timeout, Ticker ticker) {
    String name = parameterName(stack);
    Instant deadline = ticker.now().plus(timeout);
    while (true) {
      Instant now = ticker.now();
      String value = "holder=" + ManagementFactory.getRuntimeMXBean().getName() + " command=" + command
          + " since=" + now + " expires=" + now.plus(TTL);
      try {
        ssm.putParameter(b -> b.name(name).type(ParameterType.STRING).value(value).overwrite(false)
            .description("sorterbot run lock of stack " + stack));
        return new SsmLock(ssm, name);
      } catch (RuntimeException e) {
        if (AwsErrors.classify(e) != ErrorClass.ALREADY_EXISTS) throw e;
      }
      String held = holder(ssm, name);
      if (held == null) continue; // released meanwhile
      if (expired(held, now)) {
        ssm.deleteParameter(b -> b.name(name)); // the holder died: its expiry has passed
        continue;
      }
      if (!now.isBefore(deadline)) {
        throw new UserError("stack '" + stack + "' is locked by another run (SSM " + name + "): " + held,
            timeout.isZero() ? "wait for it to finish, or pass --lock-timeout 10m to wait" : "it is still running after " + Durations.text(timeout));
      }
      try {
        ticker.sleep(Duration.ofSeconds(2));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new UserError("interrupted while waiting for the run lock", null);
      }
    }
  }

  private static String holder(SsmClient ssm, String name) {
    try {
      return ssm.getParameter(b -> b.name(name)).parameter().value();
    } catch (RuntimeException e) {
      if (AwsErrors.isNotFound(e)) return null;
      throw e;
    }
  }

  static boolean expired(String value, Instant now) {
    int i = value.indexOf("expires=");
    if (i < 0) return false;
    try {
      return !now.isBefore(Instant.parse(value.substring(i + 8).strip()));
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  @Override public void close() {
    try {
      ssm.deleteParameter(b -> b.name(name));
    } catch (RuntimeException e) {
      if (!AwsErrors.isNotFound(e)) throw e;
    }
  }
}
