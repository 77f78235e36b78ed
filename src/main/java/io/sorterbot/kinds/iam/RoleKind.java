package io.sorterbot.kinds.iam;

import static io.sorterbot.kinds.iam.IamSupport.iam;
import static io.sorterbot.kinds.iam.IamSupport.propagating;
import static io.sorterbot.kinds.iam.IamSupport.unlessGone;

import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * {@code iam.role}: the role, its trust policy, its managed policy attachments and its inline policies (both
 * complete sets). Follow-ups on a new role retry NoSuchEntity while IAM propagates it.
 */
public final class RoleKind implements ResourceKind {
  private final Set<String> extraPaths;

  public RoleKind() { this(Set.of()); }

  /** @param extraPaths explicit {@code path}s of the file's roles, listed by discovery besides the stack's */
  public RoleKind(Collection<String> extraPaths) { this.extraPaths = Set.copyOf(extraPaths); }

  @Override public KindSchema schema() { return IamSchemas.ROLE; }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    Map<String, Role> found = new LinkedHashMap<>();
    for (String prefix : IamSupport.prefixes(ctx.stack(), extraPaths)) {
      iam(ctx).listRolesPaginator(b -> b.pathPrefix(prefix)).roles().forEach(r -> found.putIfAbsent(r.arn(), r));
    }
    // ListRoles returns no tags: ListRoleTags per role is an API-forced N+1, narrowed by the path; only
    // roles that carry an SBID tag get their attachments and inline policies read.
    return IamSupport.readEach(new ArrayList<>(found.values()), r -> IamSupport.orNull(() -> {
      Map<String, String> tags = new LinkedHashMap<>();
      iam(ctx).listRoleTagsPaginator(b -> b.roleName(r.roleName())).tags().forEach(t -> tags.put(t.key(), t.value()));
      return tags.containsKey(Tags.SBID) ? toLive(ctx, r, tags) : null;
    }));
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    String name = d.string("roleName");
    // A CreateRole whose answer was lost is sent again and refused as existing: the role is ours if tagged so.
    IamSupport.createOrAdopt(ctx, d, () -> iam(ctx).createRole(b -> {
      b.roleName(name).path(IamSupport.path(ctx, d)).tags(IamSupport.toTags(d.tags()))
          .assumeRolePolicyDocument(PolicyDocuments.toJson(d.get("assumeRolePolicyDocument")));
      if (d.has("description")) b.description(d.string("description"));
      if (d.has("maxSessionDuration")) b.maxSessionDuration(seconds(d.get("maxSessionDuration")));
    }), () -> IamSupport.tagMap(iam(ctx).getRole(b -> b.roleName(name)).role().tags()));
    for (String arn : IamSupport.strings(d.get("managedPolicyArns"))) attach(ctx, name, arn);
    for (Map<String, Object> p : InlinePolicies.of(d.get("policies")).values()) putInline(ctx, name, p);
    return read(ctx, name);
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    String name = IamSupport.name(live);
    if (IamSupport.changed(changes, "assumeRolePolicyDocument")) {
      String doc = PolicyDocuments.toJson(d.get("assumeRolePolicyDocument"));
      propagating(ctx, () -> iam(ctx).updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(doc)));
    }
    boolean description = IamSupport.changed(changes, "description");
    boolean duration = IamSupport.changed(changes, "maxSessionDuration");
    if (description || duration) {
      propagating(ctx, () -> iam(ctx).updateRole(b -> {
        b.roleName(name);
        if (description) b.description(d.string("description"));
        if (duration) b.maxSessionDuration(seconds(d.get("maxSessionDuration")));
      }));
    }
    if (IamSupport.changed(changes, "managedPolicyArns")) {
      IamSupport.converge(IamSupport.strings(d.get("managedPolicyArns")),
          IamSupport.strings(live.properties().get("managedPolicyArns")),
          arn -> attach(ctx, name, arn),
          arn -> unlessGone(() -> iam(ctx).detachRolePolicy(b -> b.roleName(name).policyArn(arn))));
    }
    if (IamSupport.changed(changes, "policies")) {
      Map<String, Map<String, Object>> want = InlinePolicies.of(d.get("policies"));
      Map<String, Map<String, Object>> have = InlinePolicies.of(live.properties().get("policies"));
      for (String gone : have.keySet()) {
        if (!want.containsKey(gone)) unlessGone(() -> iam(ctx).deleteRolePolicy(b -> b.roleName(name).policyName(gone)));
      }
      want.forEach((policyName, p) -> {
        if (!InlinePolicies.sameAs(p, have.get(policyName))) putInline(ctx, name, p);
      });
    }
    IamSupport.syncTags(live.tags(), d, changes,
        tags -> propagating(ctx, () -> iam(ctx).tagRole(b -> b.roleName(name).tags(tags))),
        keys -> propagating(ctx, () -> iam(ctx).untagRole(b -> b.roleName(name).tagKeys(keys))));
    return read(ctx, name);
  }

  /** Out of its instance profiles, detached, inline policies deleted, then deleted; DeleteConflict retried. */
  @Override
  public void delete(KindContext ctx, LiveResource live) {
    String name = IamSupport.name(live);
    IamSupport.destroying(ctx, live.sbid(), () -> {
      iam(ctx).listInstanceProfilesForRolePaginator(b -> b.roleName(name)).instanceProfiles().forEach(p ->
          unlessGone(() -> iam(ctx).removeRoleFromInstanceProfile(b -> b.instanceProfileName(p.instanceProfileName())
              .roleName(name))));
      iam(ctx).listAttachedRolePoliciesPaginator(b -> b.roleName(name)).attachedPolicies().forEach(p ->
          unlessGone(() -> iam(ctx).detachRolePolicy(b -> b.roleName(name).policyArn(p.policyArn()))));
      iam(ctx).listRolePoliciesPaginator(b -> b.roleName(name)).policyNames().forEach(p ->
          unlessGone(() -> iam(ctx).deleteRolePolicy(b -> b.roleName(name).policyName(p))));
      iam(ctx).deleteRole(b -> b.roleName(name));
    });
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "assumeRolePolicyDocument" -> PolicyDocuments.canonical(value);
      case "managedPolicyArns" -> IamSupport.stringSet(value);
      case "policies" -> InlinePolicies.canonical(value);
      case "maxSessionDuration" -> value instanceof String s && s.trim().matches("\\d+") ? Long.valueOf(s.trim()) : value;
      case "roleName", "path", "description" -> value instanceof String s ? s.trim() : value;
      default -> value;
    };
  }

  /** The policy may be new too (upstream in this apply): NoSuchEntity is retried while IAM propagates. */
  private static void attach(KindContext ctx, String role, String arn) {
    propagating(ctx, () -> iam(ctx).attachRolePolicy(b -> b.roleName(role).policyArn(arn)));
  }

  private static void putInline(KindContext ctx, String role, Map<String, Object> p) {
    String doc = PolicyDocuments.toJson(p.get("policyDocument"));
    propagating(ctx, () -> iam(ctx).putRolePolicy(b -> b.roleName(role)
        .policyName(String.valueOf(p.get("policyName"))).policyDocument(doc)));
  }

  private static Integer seconds(Object v) {
    return v instanceof Number n ? Integer.valueOf(n.intValue()) : Integer.valueOf(v.toString().trim());
  }

  private LiveResource read(KindContext ctx, String name) {
    return propagating(ctx, () -> {
      Role r = iam(ctx).getRole(b -> b.roleName(name)).role();
      return toLive(ctx, r, IamSupport.tagMap(r.tags()));
    });
  }

  private LiveResource toLive(KindContext ctx, Role r, Map<String, String> tags) {
    String name = r.roleName();
    List<String> managed = new ArrayList<>();
    iam(ctx).listAttachedRolePoliciesPaginator(b -> b.roleName(name)).attachedPolicies().forEach(p -> managed.add(p.policyArn()));
    List<Map<String, Object>> inline = new ArrayList<>();
    iam(ctx).listRolePoliciesPaginator(b -> b.roleName(name)).policyNames().forEach(p -> inline.add(InlinePolicies.entry(p,
        PolicyDocuments.fromAws(iam(ctx).getRolePolicy(b -> b.roleName(name).policyName(p)).policyDocument()))));
    Map<String, Object> props = IamSupport.props("roleName", name,
        "assumeRolePolicyDocument", PolicyDocuments.fromAws(r.assumeRolePolicyDocument()),
        "description", r.description(),
        "maxSessionDuration", r.maxSessionDuration() == null ? null : r.maxSessionDuration().longValue(),
        "managedPolicyArns", managed, "policies", inline, "path", r.path());
    return IamSupport.live(type(), r.arn(), name, tags, props, managed, r.createDate());
  }
}
