package io.sorterbot.kinds.iam;

import static io.sorterbot.kinds.iam.IamSupport.iam;
import static io.sorterbot.kinds.iam.IamSupport.unlessGone;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.kinds.LostAnswers;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * {@code iam.policy}: a customer managed policy. A document change adds a new default version (AWS keeps at
 * most 5: the oldest non-default one goes first); deleting detaches it from every entity first.
 */
public final class PolicyKind implements ResourceKind {
  private static final int MAX_VERSIONS = 5;

  private final Set<String> extraPaths;

  public PolicyKind() { this(Set.of()); }

  /** @param extraPaths explicit {@code path}s of the file's policies, listed by discovery besides the stack's */
  public PolicyKind(Collection<String> extraPaths) { this.extraPaths = Set.copyOf(extraPaths); }

  @Override public KindSchema schema() { return IamSchemas.POLICY; }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    Map<String, Policy> found = new LinkedHashMap<>();
    for (String prefix : IamSupport.prefixes(ctx.stack(), extraPaths)) {
      iam(ctx).listPoliciesPaginator(b -> b.scope(PolicyScopeType.LOCAL).pathPrefix(prefix))
          .policies().forEach(p -> found.putIfAbsent(p.arn(), p));
    }
    // ListPolicies returns no tags: ListPolicyTags per policy is an API-forced N+1, narrowed by the path.
    return IamSupport.readEach(new ArrayList<>(found.values()), p -> IamSupport.orNull(() -> toLive(ctx, p)));
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    String name = d.string("policyName");
    String path = IamSupport.path(ctx, d);
    // Sent again after a lost answer, the create is refused as existing: the policy the first call made sits at
    // our path under our name, and is ours if tagged so.
    String arn = LostAnswers.createOrAdopt(() -> iam(ctx).createPolicy(b -> b.policyName(name).path(path)
            .policyDocument(PolicyDocuments.toJson(d.get("policyDocument"))).tags(IamSupport.toTags(d.tags()))).policy().arn(),
        IamSupport.EXISTS, () -> IamSupport.propagating(ctx, () -> existing(ctx, path, name))
            .flatMap(a -> LostAnswers.oursOrEmpty(tags(ctx, a), d, a)));
    return read(ctx, arn);
  }

  /**
   * The ARN of the customer managed policy {@code name} when it sits at {@code path} (where our create put it);
   * empty when it sits elsewhere (not ours). Names are unique in the account, so the whole account is listed;
   * a policy IAM says exists but does not list yet is still propagating: NoSuchEntity, retried by the caller.
   */
  private static java.util.Optional<String> existing(KindContext ctx, String path, String name) {
    Policy p = iam(ctx).listPoliciesPaginator(b -> b.scope(PolicyScopeType.LOCAL)).policies().stream()
        .filter(x -> name.equalsIgnoreCase(x.policyName())).findFirst()
        .orElseThrow(() -> software.amazon.awssdk.services.iam.model.NoSuchEntityException.builder().statusCode(404)
            .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder().errorCode("NoSuchEntity")
                .errorMessage("policy " + name + " not listed yet").serviceName("Iam").build()).build());
    return path.equals(p.path()) ? java.util.Optional.of(p.arn()) : java.util.Optional.empty();
  }

  private static Map<String, String> tags(KindContext ctx, String arn) {
    Map<String, String> tags = new LinkedHashMap<>();
    iam(ctx).listPolicyTagsPaginator(b -> b.policyArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    String arn = live.id();
    if (IamSupport.changed(changes, "policyDocument")) newDefaultVersion(ctx, arn, d.get("policyDocument"));
    IamSupport.syncTags(live.tags(), d, changes,
        tags -> iam(ctx).tagPolicy(b -> b.policyArn(arn).tags(tags)),
        keys -> iam(ctx).untagPolicy(b -> b.policyArn(arn).tagKeys(keys)));
    return read(ctx, arn);
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    String arn = live.id();
    IamSupport.destroying(ctx, live.sbid(), () -> {
      for (ListEntitiesForPolicyResponse page : iam(ctx).listEntitiesForPolicyPaginator(b -> b.policyArn(arn))) {
        page.policyRoles().forEach(r -> unlessGone(() -> iam(ctx).detachRolePolicy(b -> b.roleName(r.roleName()).policyArn(arn))));
        page.policyUsers().forEach(u -> unlessGone(() -> iam(ctx).detachUserPolicy(b -> b.userName(u.userName()).policyArn(arn))));
        page.policyGroups().forEach(g -> unlessGone(() -> iam(ctx).detachGroupPolicy(b -> b.groupName(g.groupName()).policyArn(arn))));
      }
      for (PolicyVersion v : versions(ctx, arn)) {
        if (!Boolean.TRUE.equals(v.isDefaultVersion())) {
          unlessGone(() -> iam(ctx).deletePolicyVersion(b -> b.policyArn(arn).versionId(v.versionId())));
        }
      }
      iam(ctx).deletePolicy(b -> b.policyArn(arn));
    });
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "policyDocument" -> PolicyDocuments.canonical(value);
      case "policyName", "path" -> value instanceof String s ? s.trim() : value;
      default -> value;
    };
  }

  /**
   * AWS keeps at most 5 versions: make room by deleting the oldest one that is not the default. A
   * CreatePolicyVersion sent again after a lost answer makes a second version (the first one's twin, no
   * longer the default): it is deleted, so every update costs one slot. When the first call took the last
   * slot the second is refused with LimitExceeded: fine if the default version is now our document.
   */
  private static void newDefaultVersion(KindContext ctx, String arn, Object document) {
    List<PolicyVersion> versions = versions(ctx, arn);
    if (versions.size() >= MAX_VERSIONS) {
      versions.stream().filter(v -> !Boolean.TRUE.equals(v.isDefaultVersion()))
          .min(Comparator.comparing(PolicyVersion::createDate, Comparator.nullsFirst(Comparator.naturalOrder())))
          .ifPresent(v -> unlessGone(() -> iam(ctx).deletePolicyVersion(b -> b.policyArn(arn).versionId(v.versionId()))));
    }
    List<String> before = ids(versions(ctx, arn));
    String made;
    try {
      PolicyVersion v = iam(ctx).createPolicyVersion(b -> b.policyArn(arn).policyDocument(PolicyDocuments.toJson(document))
          .setAsDefault(true)).policyVersion();
      made = v == null ? null : v.versionId();
    } catch (RuntimeException e) {
      if (!"LimitExceeded".equals(AwsErrors.code(e))) throw e;
      Policy p = iam(ctx).getPolicy(b -> b.policyArn(arn)).policy();
      String doc = iam(ctx).getPolicyVersion(b -> b.policyArn(arn).versionId(p.defaultVersionId())).policyVersion().document();
      if (before.contains(p.defaultVersionId()) || !PolicyDocuments.same(document, PolicyDocuments.fromAws(doc))) throw e;
      made = p.defaultVersionId();
    }
    List<String> nonDefault = ids(versions(ctx, arn).stream().filter(v -> !Boolean.TRUE.equals(v.isDefaultVersion())).toList());
    for (String twin : LostAnswers.twins(nonDefault, before, made)) {
      unlessGone(() -> iam(ctx).deletePolicyVersion(b -> b.policyArn(arn).versionId(twin)));
    }
  }

  private static List<String> ids(List<PolicyVersion> versions) {
    return versions.stream().map(PolicyVersion::versionId).toList();
  }

  private static List<PolicyVersion> versions(KindContext ctx, String arn) {
    List<PolicyVersion> out = new ArrayList<>();
    iam(ctx).listPolicyVersionsPaginator(b -> b.policyArn(arn)).versions().forEach(out::add);
    return out;
  }

  private LiveResource read(KindContext ctx, String arn) {
    return IamSupport.propagating(ctx, () -> {
      LiveResource l = toLive(ctx, iam(ctx).getPolicy(b -> b.policyArn(arn)).policy());
      if (l == null) throw new IllegalStateException("policy " + arn + " lost its " + Tags.SBID + " tag");
      return l;
    });
  }

  /** Null when the policy carries no SBID tag (not sorterbot's). */
  private LiveResource toLive(KindContext ctx, Policy p) {
    Map<String, String> tags = tags(ctx, p.arn());
    if (!tags.containsKey(Tags.SBID)) return null;
    String doc = iam(ctx).getPolicyVersion(b -> b.policyArn(p.arn()).versionId(p.defaultVersionId()))
        .policyVersion().document();
    return IamSupport.live(type(), p.arn(), p.policyName(), tags,
        IamSupport.props("policyName", p.policyName(), "policyDocument", PolicyDocuments.fromAws(doc), "path", p.path()),
        List.of(), p.createDate());
  }
}
