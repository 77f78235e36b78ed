package io.sorterbot.cli;

import io.sorterbot.aws.AwsClients;
import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.model.Sensitive;
import io.sorterbot.model.Tags;
import io.sorterbot.plan.Action;
import io.sorterbot.plan.Plan;
import io.sorterbot.spec.FileText;
import io.sorterbot.spec.ResourceSpec;
import io.sorterbot.spec.SecretSpec;
import io.sorterbot.spec.StackSpec;
import io.sorterbot.spec.Template;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * Secret values: read from their sources on first use, never printed. Generated secrets live in SSM
 * as SecureString /<stack>/secrets/<NAME>, tagged SBStack and SBSecret (no SBID: they are not resources
 * of the file, so discovery never sees them); before they exist they are unknown at plan time, are made
 * by {@link #ensureGenerated()} at apply, and removed by {@link #pruneGenerated} once no longer declared.
 */
final class Secrets {
  /** In a set of retained secret names: a retained resource whose references are unknown keeps them all. */
  static final String ALL = "*";
  /** A secret file is a password or a key, not a disk image: larger files are refused unread. */
  static final long MAX_FILE_BYTES = 1 << 20;
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final StackSpec spec;
  private final AwsClients clients;
  private final Function<String, String> env;
  private Map<String, String> values;

  Secrets(StackSpec spec, AwsClients clients) { this(spec, clients, System::getenv); }

  /** With {@code env} standing in for the process environment (tests cannot set variables). */
  Secrets(StackSpec spec, AwsClients clients, Function<String, String> env) {
    this.spec = spec;
    this.clients = clients;
    this.env = env;
  }

  synchronized Map<String, String> values() {
    if (values != null) return values;
    Map<String, String> out = new LinkedHashMap<>();
    for (SecretSpec s : spec.secrets().values()) {
      String v = read(s);
      if (v != null) out.put(s.name(), v);
    }
    values = out;
    return values;
  }

  private String read(SecretSpec s) {
    SecretSpec.Source src = s.source();
    if (src instanceof SecretSpec.Env e) {
      String v = env.apply(e.variable());
      if (v == null) {
        throw new UserError("secret '" + s.name() + "': environment variable " + e.variable() + " is not set",
            "export " + e.variable() + " before running (" + s.pos() + ")");
      }
      if (v.isEmpty()) {
        throw new UserError("secret '" + s.name() + "': environment variable " + e.variable() + " is set but empty",
            "export " + e.variable() + " with the secret's value before running (" + s.pos() + ")");
      }
      return v;
    }
    if (src instanceof SecretSpec.FromFile f) {
      String where = "secret '" + s.name() + "': cannot read file " + f.path() + ": ";
      String v;
      try {
        v = FileText.read(FileText.path(home(f.path())), MAX_FILE_BYTES).strip();
      } catch (FileText.Unreadable ex) {
        // the reason only: never the detail (an offending byte, its position), which is part of the secret
        throw new UserError(where + ex.reason(), ex.hint() + " (" + s.pos() + ")");
      }
      if (v.isEmpty()) throw new UserError(where + "the file is empty", "put the secret's value in it (" + s.pos() + ")");
      return v;
    }
    String name = src instanceof SecretSpec.Ssm ssm ? ssm.parameter() : generatedName(s.name());
    try {
      return clients.ssm().getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
    } catch (RuntimeException ex) {
      if (AwsErrors.isNotFound(ex) && src instanceof SecretSpec.Generate) return null; // made at apply
      if (AwsErrors.isNotFound(ex)) {
        throw new UserError("secret '" + s.name() + "': SSM parameter " + name + " does not exist (" + AwsErrors.code(ex) + ")",
            "create it (aws ssm put-parameter --type SecureString --name " + name + " ...) or fix the name (" + s.pos() + ")");
      }
      // the code only: a message could echo what was sent
      throw new UserError("secret '" + s.name() + "': cannot read SSM parameter " + name + ": "
          + (ex instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ? AwsErrors.code(ex) : Errors.oneLine(ex)), "check the parameter exists and you may read it (" + s.pos() + ")");
    }
  }

  /** A leading "~" or "~/" is the user's home folder (as the shell would have it). */
  private static String home(String path) {
    if (path.equals("~")) return System.getProperty("user.home");
    if (path.startsWith("~/")) return System.getProperty("user.home") + path.substring(1);
    return path;
  }

  String generatedName(String secret) { return prefix() + secret; }

  private String prefix() { return "/" + spec.stack() + "/secrets/"; }

  /** Makes the generated secrets that do not exist yet; a run that made one first wins (its value is read). */
  synchronized void ensureGenerated() {
    Map<String, String> v = new LinkedHashMap<>(values());
    SecureRandom rnd = new SecureRandom();
    for (SecretSpec s : spec.secrets().values()) {
      if (!(s.source() instanceof SecretSpec.Generate g) || v.containsKey(s.name())) continue;
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < g.length(); i++) sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
      String name = generatedName(s.name());
      v.put(s.name(), sb.toString());
      values = v; // from here on, redact() knows the new value, whatever the call answers
      try {
        clients.ssm().putParameter(b -> b.name(name).type(ParameterType.SECURE_STRING).value(sb.toString())
            .description("sorterbot generated secret " + s.name())
            .tags(Tag.builder().key(Tags.STACK).value(spec.stack()).build(),
                Tag.builder().key(Tags.SECRET).value(s.name()).build()));
      } catch (RuntimeException ex) {
        if (AwsErrors.classify(ex) != ErrorClass.ALREADY_EXISTS) throw failure("create", name, ex);
        // Made by a run that got there first, or by this very put: its answer was lost and the SDK sent it
        // again. Either way the value to use is the one SSM holds (after a lost answer, the one generated
        // here), and only from a parameter tagged as this stack's secret of that name.
        requireOurs(s, name);
        String theirs = read(s);
        if (theirs == null) throw failure("create", name, ex);
        v.put(s.name(), theirs);
      }
    }
    values = v;
  }

  /** Refuses a parameter at a generated secret's name that is not tagged SBSecret=<secret>, SBStack=<stack>. */
  private void requireOurs(SecretSpec s, String name) {
    Map<String, String> tags = new LinkedHashMap<>();
    try {
      clients.ssm().listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name))
          .tagList().forEach(t -> tags.put(t.key(), t.value()));
    } catch (RuntimeException ex) {
      throw failure("read the tags of", name, ex);
    }
    if (s.name().equals(tags.get(Tags.SECRET)) && spec.stack().equals(tags.get(Tags.STACK))) return;
    throw new UserError("cannot create the generated secret " + name + ": an SSM parameter of that name already exists"
        + " and is not tagged " + Tags.SECRET + "=" + s.name() + ", " + Tags.STACK + "=" + spec.stack() + " (it has "
        + Tags.SECRET + "=" + tags.get(Tags.SECRET) + ", " + Tags.STACK + "=" + tags.get(Tags.STACK) + ")",
        "delete or rename that parameter, or declare secret '" + s.name() + "' as {ssm: " + name + "} to use it ("
        + s.pos() + ")");
  }

  /**
   * Deletes the generated secrets of this stack that are no longer declared (all of them on destroy), except
   * those named in {@code retainedSecretNames} (or every one when it holds {@link #ALL}). Call after a
   * successful apply or destroy. Returns the parameter names deleted.
   */
  synchronized List<String> pruneGenerated(boolean destroy, Set<String> retainedSecretNames) {
    if (retainedSecretNames.contains(ALL)) return List.of();
    List<ParameterMetadata> found = new ArrayList<>();
    try {
      clients.ssm().describeParametersPaginator(b -> b.maxResults(50).parameterFilters(
              ParameterStringFilter.builder().key("Name").option("BeginsWith").values(prefix()).build(),
              ParameterStringFilter.builder().key("tag:" + Tags.STACK).option("Equals").values(spec.stack()).build(),
              ParameterStringFilter.builder().key("tag:" + Tags.SECRET).build()))
          .forEach(page -> found.addAll(page.parameters()));
    } catch (RuntimeException ex) {
      throw failure("list", prefix(), ex);
    }
    List<String> deleted = new ArrayList<>();
    for (ParameterMetadata m : found) {
      String secret = m.name().substring(prefix().length());
      SecretSpec declared = spec.secrets().get(secret);
      boolean wanted = !destroy && declared != null && declared.source() instanceof SecretSpec.Generate;
      if (wanted || retainedSecretNames.contains(secret)) continue;
      try {
        clients.ssm().deleteParameter(b -> b.name(m.name()));
        deleted.add(m.name());
      } catch (RuntimeException ex) {
        if (!AwsErrors.isNotFound(ex)) throw failure("delete", m.name(), ex);
      }
    }
    return deleted;
  }

  /**
   * The secrets that resources kept by this plan use: a retained resource (or one kept for it) reads them, so
   * they must outlive a destroy or prune. A kept resource no longer in the file has unknown references: it
   * keeps them all ({@link #ALL}).
   */
  static Set<String> usedByRetained(StackSpec spec, Plan plan) {
    Set<String> out = new TreeSet<>();
    for (Action a : plan.actions()) {
      if (!(a instanceof Action.Retain)) continue;
      ResourceSpec r = spec.resources().get(a.sbid());
      if (r == null || !r.type().equals(a.type())) return Set.of(ALL);
      collect(r.properties(), out);
    }
    return out;
  }

  private static void collect(Object v, Set<String> out) {
    if (v instanceof Template t) {
      t.refs().stream().filter(r -> r.ns() == Template.Namespace.SECRET).forEach(r -> out.add(r.name()));
    } else if (v instanceof Map<?, ?> m) {
      m.values().forEach(x -> collect(x, out));
    } else if (v instanceof List<?> l) {
      l.forEach(x -> collect(x, out));
    }
  }

  /** A failed SSM call on a secret, without the AWS message (it may echo the value sent) and without a cause. */
  private UserError failure(String what, String name, RuntimeException ex) {
    return new UserError("cannot " + what + " the generated secret " + name + ": " + AwsErrors.code(ex)
        + " (" + redact(AwsErrors.message(ex)) + ")", "check you may use SSM Parameter Store in " + clients.region());
  }

  /** Every secret value inside {@code text} (as is, JSON-escaped or URL-encoded) becomes (sensitive). */
  synchronized String redact(String text) {
    if (text == null || values == null || values.isEmpty()) return text;
    List<String> forms = new ArrayList<>();
    for (String v : values.values()) {
      if (v.isEmpty()) continue;
      forms.add(v);
      forms.add(jsonEscaped(v));
      forms.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
    }
    // One pass, longest first: a secret inside another is masked whole, and a mask is never re-scanned.
    forms.sort(Comparator.comparingInt(String::length).reversed());
    StringBuilder alternatives = new StringBuilder();
    for (String f : new java.util.LinkedHashSet<>(forms)) {
      if (alternatives.length() > 0) alternatives.append('|');
      alternatives.append(Pattern.quote(f));
    }
    return Pattern.compile(alternatives.toString()).matcher(text).replaceAll(Matcher.quoteReplacement(Sensitive.MASK));
  }

  private static String jsonEscaped(String v) {
    StringBuilder sb = new StringBuilder();
    for (char c : v.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return sb.toString();
  }
}
