package io.sorterbot.cli;

import io.sorterbot.apply.Discovery;
import io.sorterbot.aws.AwsClients;
import io.sorterbot.aws.SdkClients;
import io.sorterbot.model.Ticker;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.kinds.KindRegistry;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.kinds.BoundKind;
import io.sorterbot.model.Kind;
import io.sorterbot.plan.DesiredState;
import io.sorterbot.plan.Plan;
import io.sorterbot.plan.PlanInput;
import io.sorterbot.plan.Planner;
import io.sorterbot.plan.Resolver;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import io.sorterbot.spec.Loaded;
import io.sorterbot.spec.SpecReader;
import io.sorterbot.spec.StackSpec;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/** One run's wiring: the file, the clients (AWS, endpoint or sandbox), the kinds, secrets, the planner. */
final class Session implements AutoCloseable {
  final StackSpec spec;
  final Loaded loaded;
  final AwsClients clients;
  final Map<String, Kind> kinds;
  final KindContext ctx;
  final AwsOptions aws;
  final FileOptions file;
  private final Secrets secrets;
  private final AutoCloseable lock;
  private final RetryReport retries;
  private final Notices notices;
  private List<LiveResource> live;

  /** A command's session: {@code err} takes the retry lines and total that {@code -v} asks for. */
  Session(String command, FileOptions file, AwsOptions aws, KindContext.Progress progress, Environment env,
          java.io.PrintWriter err) {
    this(command, file, aws, progress, env, err, null);
  }

  /**
   * @param env        environment variables, the clock of every wait (benchmarks run a scaled one), the crash point
   * @param clientsFor when not null, builds the clients for the region instead of the options
   */
  Session(String command, FileOptions file, AwsOptions aws, KindContext.Progress progress, Environment env,
          java.io.PrintWriter err, java.util.function.Function<String, AwsClients> clientsFor) {
    this.file = file;
    this.aws = aws;
    this.retries = new RetryReport(err, file.verbose);
    this.notices = new Notices(err, file.verbose);
    // Retries are only reported with -v: otherwise the SDK need not collect call metrics at all.
    io.sorterbot.aws.RetryListener told = file.verbose ? retries : io.sorterbot.aws.RetryListener.NONE;
    Loaded l = new SpecReader(io.sorterbot.kinds.KindRegistry.catalog(), io.sorterbot.aws.Regions.known()).read(file.file, file.vars);
    String region = region(aws.region, l.spec().region(), aws.sandbox != null, env);
    this.spec = l.spec().withRegion(region);
    this.loaded = new Loaded(spec, io.sorterbot.plan.ImplicitNeeds.graph(spec, l.graph()));
    Map<String, io.sorterbot.kinds.ResourceKind> registered = KindRegistry.standard(settings(aws, spec, env));
    unsupportedKinds(registered.keySet());
    if (clientsFor == null && aws.sandbox == null) Profiles.check(aws.profile, env);
    this.clients = clientsFor != null ? clientsFor.apply(region)
        : aws.sandbox != null ? SandboxClients.open(aws.sandbox, region, knobs(env), env.ticker(), env.crash(), told)
        : new SdkClients(region, aws.profile, endpoint(aws.endpointUrl, env), told);
    this.lock = aws.lock == AwsOptions.LockKind.ssm
        ? SsmLock.acquire(clients.ssm(), spec.stack(), command, aws.lockTimeout, env.ticker())
        : RunLock.acquire(lockFile(aws, region, spec.stack(), env), spec.stack(), command, aws.lockTimeout);
    this.ctx = new KindContext(spec.stack(), clients, env.ticker(), progress, notices);
    this.kinds = BoundKind.bind(registered, ctx);
    this.secrets = new Secrets(spec, clients, env::get);
  }

  private static SandboxKnobs knobs(Environment env) {
    try {
      return SandboxKnobs.fromEnv(env.vars());
    } catch (IllegalArgumentException e) {
      throw new UserError("sandbox knob " + e.getMessage(), "see the README's sandbox section for the knobs and their values");
    }
  }

  /** In the sandbox, files kinds write (keys, credentials) go to its own home folder, never the user's. */
  private static KindRegistry.Settings settings(AwsOptions aws, StackSpec spec, Environment environment) {
    java.util.Set<String> paths = new java.util.TreeSet<>();
    spec.resources().values().forEach(r -> {
      String property = KindRegistry.catalog().find(r.type()).map(k -> k.hints().pathProperty()).orElse(null);
      if (property != null && r.properties().get(property) instanceof String p) paths.add(p);
    });
    if (aws.sandbox == null) {
      return new KindRegistry.Settings(java.nio.file.Path.of(System.getProperty("user.home")), paths, environment.vars());
    }
    Map<String, String> env = new java.util.HashMap<>(environment.vars());
    env.remove("AWS_SHARED_CREDENTIALS_FILE");
    return new KindRegistry.Settings(aws.sandbox.toAbsolutePath().resolve("home"), paths, env);
  }

  private static String region(String flag, String fromFile, boolean sandbox, Environment environment) {
    if (flag != null) return knownRegion("--region " + flag, flag);
    if (fromFile != null) return fromFile; // checked by validation, at its line
    for (String env : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
      String v = environment.get(env);
      if (v != null && !v.isBlank()) return knownRegion(env + "=" + v, v);
    }
    if (sandbox) return "eu-central-1";
    try {
      return io.sorterbot.aws.SdkClients.configuredRegion();
    } catch (RuntimeException e) {
      throw new UserError("no region: the file sets none and AWS config gives none", "add 'region:' to the file or pass --region");
    }
  }

  /** {@code region} when the AWS SDK knows it; else a UserError naming where it came from and the nearest region. */
  private static String knownRegion(String given, String region) {
    if (io.sorterbot.aws.Regions.known().contains(region)) return region;
    String near = io.sorterbot.spec.Suggest.hint(region, io.sorterbot.aws.Regions.known());
    throw new UserError(Errors.printable(given, 80) + ": not an AWS region",
        near != null && near.startsWith("did you mean") ? near : "regions look like eu-central-1 (aws ec2 describe-regions lists yours)");
  }

  private static URI endpoint(String flag, Environment env) {
    String v = flag != null ? flag : env.get("AWS_ENDPOINT_URL");
    if (v == null || v.isBlank()) return null;
    try {
      URI u = URI.create(v);
      if (u.getScheme() == null || u.getHost() == null) throw new IllegalArgumentException("no scheme or host");
      return u;
    } catch (IllegalArgumentException e) {
      throw new UserError("--endpoint-url " + v + " is not a URL", "e.g. --endpoint-url http://127.0.0.1:5000");
    }
  }

  private void unsupportedKinds(java.util.Set<String> supported) {
    TreeSet<String> missing = new TreeSet<>();
    spec.resources().values().forEach(r -> { if (!supported.contains(r.type())) missing.add(r.type()); });
    if (!missing.isEmpty()) {
      throw new UserError("this version validates but cannot yet plan or apply: " + String.join(", ", missing),
          "supported today: " + String.join(", ", supported) + " (see the README's status)");
    }
  }

  List<LiveResource> live() {
    if (live == null) live = Discovery.discover(kinds.values());
    return live;
  }

  void refresh() { live = null; }

  DesiredState desiredState() {
    Map<String, String> builtins = new LinkedHashMap<>();
    builtins.put("region", spec.region());
    builtins.put("stack", spec.stack());
    if (usesAccountId()) builtins.put("accountId", accountId());
    return new DesiredState(spec, new Resolver(spec, secrets.values(), builtins), kinds);
  }

  Plan plan(boolean destroy) {
    PlanInput in = new PlanInput(spec, loaded.graph(), kinds, live(), destroy,
        new LinkedHashSet<>(aws.targets));
    try {
      return new Planner(in, desiredState()).plan();
    } catch (Planner.RetainedReplaceException e) {
      throw new UserError(e.getMessage(), "remove 'deletionPolicy: retain' first, or revert the change");
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), "--target takes an SBID from the file");
    }
  }

  /** Replaces every secret value in a message by (sensitive). */
  UnaryOperator<String> redactor() { return secrets::redact; }

  /** Creates generated secrets that do not exist yet (before apply). */
  void ensureSecrets() { secrets.ensureGenerated(); }

  /** After a successful apply or destroy: generated secrets no longer declared (all, on destroy) are deleted. */
  List<String> pruneSecrets(boolean destroy, Plan plan) {
    if (!aws.targets.isEmpty()) return List.of();
    return secrets.pruneGenerated(destroy, Secrets.usedByRetained(spec, plan));
  }

  private String accountId;

  /** The account id, asked of STS once, only when the file uses ${accountId}. */
  private synchronized String accountId() {
    if (accountId == null) accountId = clients.sts().getCallerIdentity().account();
    return accountId;
  }

  private boolean usesAccountId() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    spec.resources().values().forEach(r -> collectBuiltins(r.properties(), seen));
    spec.outputs().values().forEach(o -> collectBuiltins(o.value(), seen));
    return seen.contains("accountId");
  }

  private static void collectBuiltins(Object v, java.util.Set<String> into) {
    if (v instanceof io.sorterbot.spec.Template t) {
      t.refs().forEach(r -> { if (r.ns() == io.sorterbot.spec.Template.Namespace.BUILTIN) into.add(r.name()); });
    } else if (v instanceof java.util.Collection<?> c) {
      c.forEach(x -> collectBuiltins(x, into));
    } else if (v instanceof Map<?, ?> m) {
      m.values().forEach(x -> collectBuiltins(x, into));
    }
  }

  /** Sandbox runs lock inside the sandbox; AWS runs per endpoint, region and stack under ~/.sorterbot. */
  private static java.nio.file.Path lockFile(AwsOptions aws, String region, String stack, Environment env) {
    if (aws.sandbox != null) return aws.sandbox.resolve("locks").resolve(stack + ".lock");
    URI e = endpoint(aws.endpointUrl, env);
    String target = e == null ? "aws" : e.getHost() + "-" + e.getPort();
    return java.nio.file.Path.of(System.getProperty("user.home"), ".sorterbot", "locks", target + "-" + region + "-" + stack + ".lock");
  }

  @Override public void close() {
    notices.print(secrets::redact);
    retries.finish();
    try {
      lock.close();
    } catch (Exception e) {
      throw new UserError("could not release the run lock: " + e.getMessage(), "remove it by hand if it stays");
    } finally {
      clients.close();
    }
  }
}
