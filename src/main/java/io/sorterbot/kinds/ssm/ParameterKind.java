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
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Sensitive;
import io.sorterbot.model.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  /** What a change to any of these needs: PutParameter with Overwrite (the value is always resent). */
  private static final Set<String> PUT = Set.of("value", "type", "description", "tier", "keyId");

  @Override public KindSchema schema() { return SsmSchemas.PARAMETER; }

  /** A SecureString's value is secret whether or not it came from ${secret...}. */
  @Override public java.util.Map<String, Object> conceal(java.util.Map<String, Object> properties) {
    if ("SecureString".equals(properties.get("type")) && properties.get("value") instanceof String v) {
      java.util.Map<String, Object> out = new java.util.LinkedHashMap<>(properties);
      out.put("value", new io.sorterbot.model.Sensitive(v));
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
    String name = d.string("name");
    LostAnswers.createOrAdopt(() -> ssm(ctx).putParameter(put(d).tags(SsmSupport.toTags(d.tags())).build()),
        LostAnswers.code("ParameterAlreadyExists"),
        () -> LostAnswers.oursOrEmpty(consistent(ctx, () -> SsmSupport.tags(ctx, name)), d,
            software.amazon.awssdk.services.ssm.model.PutParameterResponse.builder().build()));
    return read(ctx, d.string("name"), Sensitive.within(d.properties().get("value")));
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    if (changes.stream().anyMatch(c -> PUT.contains(c.property()))) {
      PutParameterRequest.Builder b = put(d).name(live.id()).overwrite(true);
      // What the file leaves undeclared must survive the overwrite: AWS would reset the tier and the key to
      // the account's defaults (and an Advanced parameter refuses to go back to Standard).
      Map<String, Object> was = live.properties();
      if (!d.has("tier") && was.get("tier") instanceof String t) b.tier(t);
      if (!d.has("keyId") && SECURE.equals(d.string("type")) && was.get("keyId") instanceof String k) b.keyId(k);
      if (!d.has("description") && was.get("description") instanceof String x) b.description(x);
      consistent(ctx, () -> ssm(ctx).putParameter(b.build()));
    }
    SsmSupport.syncTags(ctx, live.id(), live.tags(), d, changes);
    return read(ctx, live.id(), Sensitive.within(d.properties().get("value")));
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    try {
      ssm(ctx).deleteParameter(b -> b.name(live.id()));
    } catch (RuntimeException e) {
      if (!AwsErrors.isNotFound(e)) throw e;
    }
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "name", "keyId", "type", "tier" -> value instanceof String s ? s.trim() : value;
      default -> value;
    };
  }

  /** Intelligent-Tiering is a request, not a tier: AWS answers Standard or Advanced, and either honours it. */
  @Override
  public boolean equivalent(String property, Object desired, Object live) {
    if (property.equals("tier") && "Intelligent-Tiering".equals(desired)) return true;
    return ResourceKind.super.equivalent(property, desired, live);
  }

  /** The PutParameter fields of a create or overwrite: only what the file declares besides name/type/value. */
  private static PutParameterRequest.Builder put(Desired d) {
    PutParameterRequest.Builder b = PutParameterRequest.builder().name(d.string("name")).type(d.string("type"))
        .value(d.string("value"));
    if (d.has("description")) b.description(d.string("description"));
    if (d.has("tier")) b.tier(d.string("tier"));
    // a keyId on a String is refused by AWS, loudly: better than a silent perpetual diff
    if (d.has("keyId")) b.keyId(d.string("keyId"));
    return b;
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

  private LiveResource toLive(ParameterMetadata m, Parameter p, Map<String, String> tags, boolean sensitive) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("name", m.name());
    props.put("type", m.typeAsString());
    props.put("value", sensitive || SECURE.equals(m.typeAsString()) ? new Sensitive(p.value()) : p.value());
    if (m.description() != null) props.put("description", m.description());
    if (m.tier() != null) props.put("tier", m.tierAsString());
    if (m.keyId() != null) props.put("keyId", m.keyId());
    props.put("tags", Tags.userTags(tags));
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("id", m.name());
    attrs.put("arn", m.arn() != null ? m.arn() : p.arn());
    attrs.put("name", m.name());
    // Only LastModifiedDate is reported; for a version-1 parameter that is its creation.
    Instant created = m.version() != null && m.version() == 1L ? m.lastModifiedDate() : null;
    return new LiveResource(tags.get(Tags.SBID), type(), tags.get(Tags.STACK), m.name(), props, attrs, tags, List.of(),
        created);
  }
}
