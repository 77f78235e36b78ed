package io.sorterbot.sandbox;

import java.time.Duration;
import java.util.Map;

/**
 * Knobs of the simulated account, for tests and benchmarks. {@link #fromEnv()} reads them from the
 * environment; anything unset keeps the {@link #none()} default:
 *
 * <ul>
 *   <li>{@code SORTERBOT_SANDBOX_LATENCY_MS}: latency added to every call, in milliseconds (default 0);
 *   <li>{@code SORTERBOT_SANDBOX_THROTTLE_RATE}: share of calls, 0..1, answered with a throttling error
 *       ({@code RequestLimitExceeded} for EC2, {@code ThrottlingException} elsewhere; status 400) (default 0);
 *   <li>{@code SORTERBOT_SANDBOX_ERROR_RATE}: share of calls, 0..1, answered with a 5xx {@code InternalError}
 *       (default 0);
 *   <li>{@code SORTERBOT_SANDBOX_LAG_MS}: eventual-consistency lag, in milliseconds: for that long after its
 *       creation a resource is missing from describes and its id answers {@code *.NotFound} there, while
 *       mutations on it work (default 0);
 *   <li>{@code SORTERBOT_SANDBOX_CRASH_AFTER}: the process halts with status 137 (as after {@code kill -9})
 *       right after that many successful mutating calls have been saved; 0 halts before the first
 *       mutation; -1 is off (default -1);
 *   <li>{@code SORTERBOT_SANDBOX_SEED}: seed of the fault-injection random source (default 1);
 *   <li>{@code SORTERBOT_SANDBOX_PROVISION_SCALE}: factor on the nominal provisioning times of slow
 *       resources (RDS instance 6 min, EC2 instance 1 min, ECS service 2 min to stable): 0 makes them
 *       instant (default), 1 real-life, 0.001 a benchmark's scaled-down world (default 0);
 *   <li>{@code SORTERBOT_SANDBOX_REFUSE}: calls answered, every time, with an authorization error
 *       ({@code UnauthorizedOperation} for EC2, {@code AccessDenied} elsewhere; status 403), as
 *       comma-separated {@code service:Action} ({@code iam:CreateInstanceProfile}), for trying partial
 *       failures (default none);
 *   <li>{@code SORTERBOT_SANDBOX_LOST_RATE}: share of successful mutating calls, 0..1, whose answer is
 *       lost: the mutation is done and saved, then the caller gets a 5xx {@code InternalError}, and the
 *       retry strategy sends the call again, as after a real timeout or 5xx from AWS. Only a call's first
 *       answer is lost (the retry's arrives), so 1 means "every mutation is sent twice" (default 0).
 *   <li>{@code SORTERBOT_SANDBOX_IAM_PROPAGATION_MS}: for that long after its creation an IAM role or instance
 *       profile exists in IAM but other services refuse it, as AWS's do while IAM propagates: ECS
 *       RegisterTaskDefinition answers {@code ClientException: Role is not valid}, EC2 RunInstances
 *       {@code InvalidParameterValue: ... Invalid IAM Instance Profile name} (default 2000: on, and short, so
 *       every run and test goes through the retries; 0 is off);
 *   <li>{@code SORTERBOT_SANDBOX_ECS_SLR_DELAY_MS}: for that long after the account's creation ECS has no
 *       service-linked role yet: CreateCluster and CreateService answer {@code InvalidParameterException:
 *       Unable to assume the service linked role...}, as on the first use of ECS in a fresh AWS account
 *       (default 2000; 0 is off).
 * </ul>
 *
 * Faults are drawn once per call: with probability {@code throttleRate} a throttling error, else with
 * probability {@code errorRate} a server error. Both are thrown before the operation runs, so a retried
 * call never applies a mutation twice.
 */
public record SandboxKnobs(Duration latency, double throttleRate, double errorRate, Duration consistencyLag,
                           int crashAfterMutations, long seed, double provisionScale, java.util.Set<String> refused,
                           double lostRate, Duration iamPropagation, Duration ecsServiceLinkedRole) {

  public static final String ENV_LATENCY_MS = "SORTERBOT_SANDBOX_LATENCY_MS";
  public static final String ENV_THROTTLE_RATE = "SORTERBOT_SANDBOX_THROTTLE_RATE";
  public static final String ENV_ERROR_RATE = "SORTERBOT_SANDBOX_ERROR_RATE";
  public static final String ENV_LAG_MS = "SORTERBOT_SANDBOX_LAG_MS";
  public static final String ENV_CRASH_AFTER = "SORTERBOT_SANDBOX_CRASH_AFTER";
  public static final String ENV_SEED = "SORTERBOT_SANDBOX_SEED";
  public static final String ENV_PROVISION_SCALE = "SORTERBOT_SANDBOX_PROVISION_SCALE";
  public static final String ENV_REFUSE = "SORTERBOT_SANDBOX_REFUSE";
  public static final String ENV_LOST_RATE = "SORTERBOT_SANDBOX_LOST_RATE";
  public static final String ENV_IAM_PROPAGATION_MS = "SORTERBOT_SANDBOX_IAM_PROPAGATION_MS";
  public static final String ENV_ECS_SLR_DELAY_MS = "SORTERBOT_SANDBOX_ECS_SLR_DELAY_MS";
  /** AWS's own delays, short: on by default so that every run exercises the retries they need. */
  public static final Duration DEFAULT_IAM_PROPAGATION = Duration.ofSeconds(2);
  public static final Duration DEFAULT_ECS_SLR_DELAY = Duration.ofSeconds(2);

  public static final long DEFAULT_SEED = 1L;

  public SandboxKnobs {
    if (latency == null || latency.isNegative()) throw new IllegalArgumentException("latency must be >= 0: " + latency);
    if (consistencyLag == null || consistencyLag.isNegative()) {
      throw new IllegalArgumentException("consistencyLag must be >= 0: " + consistencyLag);
    }
    checkRate("throttleRate", throttleRate);
    checkRate("errorRate", errorRate);
    checkRate("lostRate", lostRate);
    if (throttleRate + errorRate > 1.0) {
      throw new IllegalArgumentException("throttleRate + errorRate must be <= 1: " + (throttleRate + errorRate));
    }
    if (crashAfterMutations < -1) throw new IllegalArgumentException("crashAfterMutations must be >= -1");
    if (!(provisionScale >= 0)) throw new IllegalArgumentException("provisionScale must be >= 0: " + provisionScale);
    if (iamPropagation == null || iamPropagation.isNegative()) {
      throw new IllegalArgumentException("iamPropagation must be >= 0: " + iamPropagation);
    }
    if (ecsServiceLinkedRole == null || ecsServiceLinkedRole.isNegative()) {
      throw new IllegalArgumentException("ecsServiceLinkedRole must be >= 0: " + ecsServiceLinkedRole);
    }
    refused = serviceActions(String.join(",", refused));
  }

  /** {@code "iam:CreateRole, ec2:CreateVpc"} as a set; anything else throws. */
  private static java.util.Set<String> serviceActions(String list) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (String r : list.split(",")) {
      if (r.isBlank()) continue;
      if (!r.strip().matches("[a-z0-9]+:[A-Za-z0-9]+")) throw new IllegalArgumentException("not service:Action: '" + r.strip() + "'");
      out.add(r.strip());
    }
    return java.util.Set.copyOf(out);
  }

  /** Whether the sandbox refuses {@code action} of {@code service} ({@link #ENV_REFUSE}). */
  public boolean refuses(String service, String action) { return refused.contains(service + ":" + action); }

  /**
   * No latency, no faults, no lag, no crash; AWS's own short delays (IAM propagation, ECS's service-linked
   * role in a fresh account) at their defaults, as a real account has them.
   */
  public static SandboxKnobs none() {
    return new SandboxKnobs(Duration.ZERO, 0, 0, Duration.ZERO, -1, DEFAULT_SEED, 0, java.util.Set.of(), 0,
        DEFAULT_IAM_PROPAGATION, DEFAULT_ECS_SLR_DELAY);
  }

  /** The knobs from {@link System#getenv()}. */
  public static SandboxKnobs fromEnv() { return fromEnv(System.getenv()); }

  /** The knobs from the given environment; a malformed value throws {@link IllegalArgumentException} naming it. */
  public static SandboxKnobs fromEnv(Map<String, String> env) {
    SandboxKnobs d = none();
    return new SandboxKnobs(
        Duration.ofMillis(parse(env, ENV_LATENCY_MS, d.latency.toMillis(), Long::parseLong)),
        parse(env, ENV_THROTTLE_RATE, d.throttleRate, Double::parseDouble),
        parse(env, ENV_ERROR_RATE, d.errorRate, Double::parseDouble),
        Duration.ofMillis(parse(env, ENV_LAG_MS, d.consistencyLag.toMillis(), Long::parseLong)),
        parse(env, ENV_CRASH_AFTER, d.crashAfterMutations, Integer::parseInt),
        parse(env, ENV_SEED, d.seed, Long::parseLong),
        parse(env, ENV_PROVISION_SCALE, d.provisionScale, Double::parseDouble),
        parse(env, ENV_REFUSE, d.refused, SandboxKnobs::serviceActions),
        parse(env, ENV_LOST_RATE, d.lostRate, Double::parseDouble),
        Duration.ofMillis(parse(env, ENV_IAM_PROPAGATION_MS, d.iamPropagation.toMillis(), Long::parseLong)),
        Duration.ofMillis(parse(env, ENV_ECS_SLR_DELAY_MS, d.ecsServiceLinkedRole.toMillis(), Long::parseLong)));
  }

  public SandboxKnobs withLatency(Duration v) {
    return new SandboxKnobs(v, throttleRate, errorRate, consistencyLag, crashAfterMutations, seed, provisionScale, refused, lostRate, iamPropagation, ecsServiceLinkedRole);
  }

  public SandboxKnobs withThrottleRate(double v) {
    return new SandboxKnobs(latency, v, errorRate, consistencyLag, crashAfterMutations, seed, provisionScale, refused, lostRate, iamPropagation, ecsServiceLinkedRole);
  }

  public SandboxKnobs withErrorRate(double v) {
    return new SandboxKnobs(latency, throttleRate, v, consistencyLag, crashAfterMutations, seed, provisionScale, refused, lostRate, iamPropagation, ecsServiceLinkedRole);
  }

  public SandboxKnobs withConsistencyLag(Duration v) {
    return new SandboxKnobs(latency, throttleRate, errorRate, v, crashAfterMutations, seed, provisionScale, refused, lostRate, iamPropagation, ecsServiceLinkedRole);
  }

  public SandboxKnobs withCrashAfterMutations(int v) {
    return new SandboxKnobs(latency, throttleRate, errorRate, consistencyLag, v, seed, provisionScale, refused, lostRate, iamPropagation, ecsServiceLinkedRole);
  }

  public SandboxKnobs withSeed(long v) {
    return new SandboxKnobs(latency, throttleRate, errorRate, consistencyLag, crashAfterMutations, v, provisionScale, refused, lostRate, iamPropagation, ecsServiceLinkedRole);
  }

  public SandboxKnobs withProvisionScale(double v) {
    return new SandboxKnobs(latency, throttleRate, errorRate, consistencyLag, crashAfterMutations, seed, v, refused, lostRate, iamPropagation, ecsServiceLinkedRole);
  }

  public SandboxKnobs withRefused(String... serviceActions) {
    return new SandboxKnobs(latency, throttleRate, errorRate, consistencyLag, crashAfterMutations, seed, provisionScale,
        java.util.Set.of(serviceActions), lostRate, iamPropagation, ecsServiceLinkedRole);
  }

  public SandboxKnobs withLostRate(double v) {
    return new SandboxKnobs(latency, throttleRate, errorRate, consistencyLag, crashAfterMutations, seed, provisionScale,
        refused, v, iamPropagation, ecsServiceLinkedRole);
  }

  public SandboxKnobs withIamPropagation(Duration v) {
    return new SandboxKnobs(latency, throttleRate, errorRate, consistencyLag, crashAfterMutations, seed, provisionScale,
        refused, lostRate, v, ecsServiceLinkedRole);
  }

  public SandboxKnobs withEcsServiceLinkedRole(Duration v) {
    return new SandboxKnobs(latency, throttleRate, errorRate, consistencyLag, crashAfterMutations, seed, provisionScale,
        refused, lostRate, iamPropagation, v);
  }

  private static void checkRate(String name, double v) {
    if (!(v >= 0.0 && v <= 1.0)) throw new IllegalArgumentException(name + " must be within 0..1: " + v);
  }

  private static <T> T parse(Map<String, String> env, String name, T dflt, java.util.function.Function<String, T> f) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) return dflt;
    try {
      return f.apply(raw.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name + ": not a valid value: '" + raw + "'", e);
    }
  }
}
