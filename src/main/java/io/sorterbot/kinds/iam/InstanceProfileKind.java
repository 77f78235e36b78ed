package io.sorterbot.kinds.iam;

import static io.sorterbot.kinds.iam.IamSupport.iam;
import static io.sorterbot.kinds.iam.IamSupport.propagating;
import static io.sorterbot.kinds.iam.IamSupport.unlessGone;

import io.sorterbot.aws.AwsErrors;
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
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * {@code iam.instanceProfile}: the profile and its role (AWS allows one: a change removes the old role before
 * adding the new one). Adding a role created moments ago retries NoSuchEntity while IAM propagates it.
 */
public final class InstanceProfileKind implements ResourceKind {
  private final Set<String> extraPaths;

  public InstanceProfileKind() { this(Set.of()); }

  /** @param extraPaths explicit {@code path}s of the file's profiles, listed by discovery besides the stack's */
  public InstanceProfileKind(Collection<String> extraPaths) { this.extraPaths = Set.copyOf(extraPaths); }

  @Override public KindSchema schema() { return IamSchemas.INSTANCE_PROFILE; }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    Map<String, InstanceProfile> found = new LinkedHashMap<>();
    for (String prefix : IamSupport.prefixes(ctx.stack(), extraPaths)) {
      iam(ctx).listInstanceProfilesPaginator(b -> b.pathPrefix(prefix)).instanceProfiles()
          .forEach(p -> found.putIfAbsent(p.arn(), p));
    }
    // ListInstanceProfiles returns no tags: ListInstanceProfileTags per profile is an API-forced N+1,
    // narrowed by the path (its roles do come with the list).
    return IamSupport.readEach(new ArrayList<>(found.values()), p -> IamSupport.orNull(() -> {
      Map<String, String> tags = tagsOf(ctx, p.instanceProfileName());
      return tags.containsKey(Tags.SBID) ? toLive(p, tags) : null;
    }));
  }

  /**
   * The profile's tags. Some AWS-compatible endpoints (moto) lack ListInstanceProfileTags and answer
   * 5xx: GetInstanceProfile, which carries the tags too, is the same one call there.
   */
  private static Map<String, String> tagsOf(KindContext ctx, String name) {
    Map<String, String> tags = new LinkedHashMap<>();
    try {
      iam(ctx).listInstanceProfileTagsPaginator(b -> b.instanceProfileName(name)).tags()
          .forEach(t -> tags.put(t.key(), t.value()));
    } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
      if (e.statusCode() < 500) throw e;
      iam(ctx).getInstanceProfile(b -> b.instanceProfileName(name)).instanceProfile().tags()
          .forEach(t -> tags.put(t.key(), t.value()));
    }
    return tags;
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    String name = d.string("instanceProfileName");
    // Sent again after a lost answer, the create is refused as existing: the profile is ours if tagged so.
    IamSupport.createOrAdopt(ctx, d, () -> iam(ctx).createInstanceProfile(b -> b.instanceProfileName(name)
        .path(IamSupport.path(ctx, d)).tags(IamSupport.toTags(d.tags()))), () -> tagsOf(ctx, name));
    for (String role : IamSupport.strings(d.get("roles"))) addRole(ctx, name, role);
    return read(ctx, name);
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    String name = IamSupport.name(live);
    if (IamSupport.changed(changes, "roles")) {
      IamSupport.converge(IamSupport.strings(d.get("roles")), IamSupport.strings(live.properties().get("roles")),
          role -> addRole(ctx, name, role),
          role -> unlessGone(() -> iam(ctx).removeRoleFromInstanceProfile(b -> b.instanceProfileName(name).roleName(role))));
    }
    IamSupport.syncTags(live.tags(), d, changes,
        tags -> propagating(ctx, () -> iam(ctx).tagInstanceProfile(b -> b.instanceProfileName(name).tags(tags))),
        keys -> propagating(ctx, () -> iam(ctx).untagInstanceProfile(b -> b.instanceProfileName(name).tagKeys(keys))));
    return read(ctx, name);
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    String name = IamSupport.name(live);
    IamSupport.destroying(ctx, live.sbid(), () -> {
      for (Role r : iam(ctx).getInstanceProfile(b -> b.instanceProfileName(name)).instanceProfile().roles()) {
        unlessGone(() -> iam(ctx).removeRoleFromInstanceProfile(b -> b.instanceProfileName(name).roleName(r.roleName())));
      }
      iam(ctx).deleteInstanceProfile(b -> b.instanceProfileName(name));
    });
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "roles" -> IamSupport.stringSet(value);
      case "instanceProfileName", "path" -> value instanceof String s ? s.trim() : value;
      default -> value;
    };
  }

  /**
   * A profile holds one role: sent again after a lost answer, AddRoleToInstanceProfile is refused with
   * LimitExceeded (or EntityAlreadyExists) although the first call added it. That is success when the profile
   * now holds exactly the role wanted; any other role there keeps the error.
   */
  private static void addRole(KindContext ctx, String profile, String role) {
    try {
      propagating(ctx, () -> iam(ctx).addRoleToInstanceProfile(b -> b.instanceProfileName(profile).roleName(role)));
    } catch (RuntimeException e) {
      String code = AwsErrors.code(e);
      if (!"LimitExceeded".equals(code) && !"EntityAlreadyExists".equals(code)) throw e;
      List<String> has = iam(ctx).getInstanceProfile(b -> b.instanceProfileName(profile)).instanceProfile().roles()
          .stream().map(Role::roleName).toList();
      if (has.size() != 1 || !has.get(0).equalsIgnoreCase(role)) throw e;
    }
  }

  private LiveResource read(KindContext ctx, String name) {
    return propagating(ctx, () -> {
      InstanceProfile p = iam(ctx).getInstanceProfile(b -> b.instanceProfileName(name)).instanceProfile();
      return toLive(p, IamSupport.tagMap(p.tags()));
    });
  }

  /** Refs are the roles' ARNs: a role's id. */
  private LiveResource toLive(InstanceProfile p, Map<String, String> tags) {
    List<String> roles = p.roles().stream().map(Role::roleName).toList();
    List<String> refs = p.roles().stream().map(Role::arn).toList();
    return IamSupport.live(type(), p.arn(), p.instanceProfileName(), tags,
        IamSupport.props("instanceProfileName", p.instanceProfileName(), "roles", roles, "path", p.path()),
        refs, p.createDate());
  }
}
