package io.sorterbot.kinds.ssm;

import static io.sorterbot.kinds.ssm.SsmSupport.consistent;
import static io.sorterbot.kinds.ssm.SsmSupport.ssm;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.kinds.LostAnswers;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.Prop;
import io.sorterbot.kinds.PropertyTable;
import io.sorterbot.kinds.Props;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Format;
import io.sorterbot.model.Sensitive;
import io.sorterbot.model.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

/**
 * {@code ssm.parameter}: a String, StringList or SecureString parameter. The name is its id. Values are read
 * decrypted, so drift on a SecureString is seen; the live value of a SecureString (or of any parameter whose
 * desired value embeds a secret) is {@link Sensitive}, so it never prints.
 */
public final class ParameterKind implements ResourceKind {
  private static final String SECURE = "SecureString";
  private static final String INTELLIGENT_TIERING = "Intelligent-Tiering";

  /** What AWS tells of one parameter: DescribeParameters (metadata) and GetParameters (the decrypted value). */
  record Seen(ParameterMetadata meta, Parameter parameter) {}

  /**
   * Every property goes into one PutParameter: on create, and (with Overwrite) on any change, which always
   * sends the value again; so none changes on its own ({@code BY_KIND}).
   */
  private static final Props<Seen, PutParameterRequest.Builder, Void> P = Props.of();

  private static final Prop<Seen, PutParameterRequest.Builder, Void, String> NAME = P.string("name")
      .format(Format.SSM_PARAMETER_NAME).required().replaces().attribute().doc("Name of the parameter, e.g. /app/db-url or AppDbUrl")
      .read(s -> s.meta().name()).create(PutParameterRequest.Builder::name).build();

  private static final Prop<Seen, PutParameterRequest.Builder, Void, String> TYPE = P.oneOf("type", "String", SECURE, "StringList")
      .required().replaces()
      .doc("Parameter type; the value of a SecureString is never shown; a change replaces the parameter (AWS refuses type changes)")
      .read(s -> s.meta().typeAsString()).create(PutParameterRequest.Builder::type).build();

  private static final Prop<Seen, PutParameterRequest.Builder, Void, String> VALUE = P.string("value").required()
      .normalise(v -> v).doc("Value of the parameter (a StringList is comma-separated)")
      .read(s -> s.parameter().value()).create(PutParameterRequest.Builder::value).build();

  private static final Prop<Seen, PutParameterRequest.Builder, Void, String> DESCRIPTION = P.string("description")
      .normalise(v -> v).doc("Description of the parameter")
      .read(s -> s.meta().description()).create(PutParameterRequest.Builder::description).build();

  /** Intelligent-Tiering is a request, not a tier: AWS answers Standard or Advanced, and either honours it. */
  private static final Prop<Seen, PutParameterRequest.Builder, Void, String> TIER = P.oneOf("tier", "Standard", "Advanced",
          INTELLIGENT_TIERING).defaultValue("Standard").doc("Parameter tier")
      .equivalence((d, l) -> INTELLIGENT_TIERING.equals(d) || java.util.Objects.equals(d, l))
      .read(s -> s.meta().tier() == null ? null : s.meta().tierAsString()).create(PutParameterRequest.Builder::tier).build();

  /** A keyId on a String is refused by AWS, loudly: better than a silent perpetual diff. */
  private static final Prop<Seen, PutParameterRequest.Builder, Void, String> KEY_ID = P.string("keyId")
      .doc("KMS key that encrypts a SecureString (default: the aws/ssm key)")
      .read(s -> s.meta().keyId()).create(PutParameterRequest.Builder::keyId).build();

  static final PropertyTable<Seen, PutParameterRequest.Builder, Void> TABLE = PropertyTable
      .<Seen, PutParameterRequest.Builder, Void>builder("ssm.parameter", "SSM Parameter Store parameter (String, SecureString or StringList)")
      .props(NAME, TYPE, VALUE, DESCRIPTION, TIER, KEY_ID).taggable()
      .attribute("arn", s -> s.meta().arn() != null ? s.meta().arn() : s.parameter().arn()).build();

  @Override public KindSchema schema() { return TABLE.schema(); }

  @Override public Object normalize(String property, Object value) { return TABLE.normalize(property, value); }

  @Override public boolean equivalent(String property, Object desired, Object live) {
    return TABLE.equivalent(property, desired, live);
  }

  /** A SecureString's value is secret whether or not it came from ${secret...}. */
  @Override public Map<String, Object> conceal(Map<String, Object> properties) {
    if (SECURE.equals(properties.get(TYPE.name())) && properties.get(VALUE.name()) instanceof String v) {
      Map<String, Object> out = new LinkedHashMap<>(properties);
      out.put(VALUE.name(), new Sensitive(v));
      return out;
    }
    return properties;
  }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    // tag:SBID without values: every parameter that carries the key, whatever its stack (the planner decides)
    DescribeParametersRequest req = DescribeParametersRequest.builder().maxResults(50)
        .parameterFilters(ParameterStringFilter.builder().key("tag:" + Tags.SBID).build()).build();
    List<ParameterMetadata> found = new ArrayList<>();
    ssm(ctx).describeParametersPaginator(req).forEach(page -> found.addAll(page.parameters()));
    if (found.isEmpty()) return List.of();
    Map<String, Parameter> values = SsmSupport.values(ctx, found.stream().map(ParameterMetadata::name).toList());
    List<LiveResource> out = new ArrayList<>();
    for (ParameterMetadata m : found) {
      Parameter p = values.get(m.name());
      if (p == null) continue; // deleted between the two calls
      // Tags are not in DescribeParameters: ListTagsForResource per parameter is an API-forced N+1.
      Map<String, String> tags = tagsUnlessGone(ctx, m.name());
      if (tags != null && tags.containsKey(Tags.SBID)) out.add(toLive(m, p, tags, false));
    }
    return out;
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    // Tags ride on the create call (never with Overwrite: AWS refuses both at once), so a crash leaves no orphan.
    // Sent again after a lost answer, the put is refused as ParameterAlreadyExists: the first call's parameter
    // (same name, same value) is ours if tagged so; anyone else's stays a conflict.
    String name = NAME.get(d);
    LostAnswers.createOrAdopt(() -> ssm(ctx).putParameter(TABLE.create(PutParameterRequest.builder(), d)
            .tags(SsmSupport.sdk(d.tags())).build()),
        LostAnswers.code("ParameterAlreadyExists"),
        () -> LostAnswers.oursOrEmpty(consistent(ctx, () -> SsmSupport.tags(ctx, name)), d,
            software.amazon.awssdk.services.ssm.model.PutParameterResponse.builder().build()));
    return read(ctx, name, Sensitive.within(d.properties().get(VALUE.name())));
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    if (changes.stream().anyMatch(c -> !c.property().equals("tags"))) {
      PutParameterRequest.Builder b = TABLE.create(PutParameterRequest.builder(), d).name(live.id()).overwrite(true);
      // What the file leaves undeclared must survive the overwrite: AWS would reset the tier and the key to
      // the account's defaults (and an Advanced parameter refuses to go back to Standard).
      Map<String, Object> was = live.properties();
      if (!TIER.in(d) && was.get(TIER.name()) instanceof String t) b.tier(t);
      if (!KEY_ID.in(d) && SECURE.equals(TYPE.get(d)) && was.get(KEY_ID.name()) instanceof String k) b.keyId(k);
      if (!DESCRIPTION.in(d) && was.get(DESCRIPTION.name()) instanceof String x) b.description(x);
      consistent(ctx, () -> ssm(ctx).putParameter(b.build()));
    }
    SsmSupport.syncTags(ctx, live.id(), live.tags(), d, changes);
    return read(ctx, live.id(), Sensitive.within(d.properties().get(VALUE.name())));
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    try {
      ssm(ctx).deleteParameter(b -> b.name(live.id()));
    } catch (RuntimeException e) {
      if (!AwsErrors.isNotFound(e)) throw e;
    }
  }

  private LiveResource read(KindContext ctx, String name, boolean sensitive) {
    return consistent(ctx, () -> {
      Parameter p = ssm(ctx).getParameter(b -> b.name(name).withDecryption(true)).parameter();
      List<ParameterMetadata> m = ssm(ctx).describeParameters(b -> b.parameterFilters(
          ParameterStringFilter.builder().key("Name").option("Equals").values(name).build())).parameters();
      if (m.isEmpty()) throw SsmSupport.notFound(name);
      return toLive(m.get(0), p, SsmSupport.tags(ctx, name), sensitive);
    });
  }

  private static Map<String, String> tagsUnlessGone(KindContext ctx, String name) {
    try {
      return SsmSupport.tags(ctx, name);
    } catch (RuntimeException e) {
      if ("InvalidResourceId".equals(AwsErrors.code(e)) || AwsErrors.isNotFound(e)) return null;
      throw e;
    }
  }

  /** The value of a SecureString, or of a parameter whose desired value embeds a secret, is Sensitive. */
  private static LiveResource toLive(ParameterMetadata m, Parameter p, Map<String, String> tags, boolean sensitive) {
    Map<String, Object> value = new LinkedHashMap<>();
    if (sensitive || SECURE.equals(m.typeAsString())) value.put(VALUE.name(), new Sensitive(p.value()));
    // Only LastModifiedDate is reported; for a version-1 parameter that is its creation.
    Instant created = m.version() != null && m.version() == 1L ? m.lastModifiedDate() : null;
    return TABLE.live(new Seen(m, p), m.name(), tags, value, List.of(), created);
  }
}
