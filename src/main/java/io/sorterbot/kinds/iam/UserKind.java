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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.iam.model.User;

/**
 * {@code iam.user}: the user, its managed policy attachments and, optionally, one access key made once and
 * written to a credentials profile. The key's secret exists only in that file: AWS never returns it again,
 * so the live {@code accessKey} means "the user has its key" and equals whatever the file declares.
 *
 * <p>Which key is the user's is kept in internal tags on the user, set by {@link AccessKeys} so that a crash
 * between CreateAccessKey and the profile write cannot lose the key for good (see {@link AccessKeyMarks}):
 * the user has its key when the recorded key exists and no issue is left unfinished. An unfinished issue
 * (a run died in it) reads back as no key, so plan shows {@code accessKey} as a change, and apply finishes
 * it: it records the key the local profile holds, or deletes the dead run's orphan and makes a new key.
 * A user without any mark keeps the meaning "has any key": it was made by an earlier sorterbot, whose key
 * sits in some profile (maybe on another machine), or its keys were made by hand; either way a new key
 * would be a second credential nobody asked for, and no key of it is ever deleted (but by delete).
 * The marks are not part of the tags the engine sees: never diffed, shown, or pruned by tag sync.
 */
public final class UserKind implements ResourceKind {
  private final Set<String> extraPaths;
  private final Map<String, String> env;
  private final Path home;
  private final AccessKeys accessKeys = new AccessKeys();

  public UserKind() { this(Set.of(), System.getenv(), Path.of(System.getProperty("user.home"))); }

  /**
   * @param extraPaths explicit {@code path}s of the file's users, listed by discovery besides the stack's
   * @param env  where {@code AWS_SHARED_CREDENTIALS_FILE} is read
   * @param home what {@code ~} means in credentials file paths
   */
  public UserKind(Collection<String> extraPaths, Map<String, String> env, Path home) {
    this.extraPaths = Set.copyOf(extraPaths);
    this.env = Map.copyOf(env);
    this.home = home;
  }

  @Override public KindSchema schema() { return IamSchemas.USER; }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    Map<String, User> found = new LinkedHashMap<>();
    for (String prefix : IamSupport.prefixes(ctx.stack(), extraPaths)) {
      iam(ctx).listUsersPaginator(b -> b.pathPrefix(prefix)).users().forEach(u -> found.putIfAbsent(u.arn(), u));
    }
    // ListUsers returns no tags: ListUserTags per user is an API-forced N+1, narrowed by the path.
    return IamSupport.readEach(new ArrayList<>(found.values()), u -> IamSupport.orNull(() -> {
      Map<String, String> tags = new LinkedHashMap<>();
      iam(ctx).listUserTagsPaginator(b -> b.userName(u.userName())).tags().forEach(t -> tags.put(t.key(), t.value()));
      return tags.containsKey(Tags.SBID) ? toLive(ctx, u, tags) : null;
    }));
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    String name = d.string("userName");
    Map<?, ?> accessKey = d.get("accessKey") instanceof Map<?, ?> m ? m : null;
    // Refuse before anything exists rather than leave a user whose key has nowhere to go.
    if (accessKey != null) credentials(accessKey).requireFree(profile(accessKey));
    // Sent again after a lost answer, the create is refused as existing: the user is ours if tagged so.
    IamSupport.createOrAdopt(ctx, d,
        () -> iam(ctx).createUser(b -> b.userName(name).path(IamSupport.path(ctx, d)).tags(IamSupport.toTags(d.tags()))),
        () -> IamSupport.tagMap(iam(ctx).getUser(b -> b.userName(name)).user().tags()));
    for (String arn : IamSupport.strings(d.get("managedPolicyArns"))) attach(ctx, name, arn);
    if (accessKey != null) issueKey(ctx, d.sbid(), name, accessKey);
    return read(ctx, name);
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    String name = IamSupport.name(live);
    if (IamSupport.changed(changes, "path")) {
      propagating(ctx, () -> iam(ctx).updateUser(b -> b.userName(name).newPath(d.string("path"))));
    }
    if (IamSupport.changed(changes, "managedPolicyArns")) {
      IamSupport.converge(IamSupport.strings(d.get("managedPolicyArns")),
          IamSupport.strings(live.properties().get("managedPolicyArns")),
          arn -> attach(ctx, name, arn),
          arn -> unlessGone(() -> iam(ctx).detachUserPolicy(b -> b.userName(name).policyArn(arn))));
    }
    // Only a user without its key shows a change here (deleted out of band, or a run died issuing it).
    if (IamSupport.changed(changes, "accessKey") && d.get("accessKey") instanceof Map<?, ?> accessKey
        && !live.properties().containsKey("accessKey")) {
      issueKey(ctx, d.sbid(), name, accessKey);
    }
    IamSupport.syncTags(live.tags(), d, changes,
        tags -> propagating(ctx, () -> iam(ctx).tagUser(b -> b.userName(name).tags(tags))),
        keys -> propagating(ctx, () -> iam(ctx).untagUser(b -> b.userName(name).tagKeys(keys))));
    return read(ctx, name);
  }

  /** Detached, inline policies, access keys and console password removed, then deleted; DeleteConflict retried. */
  @Override
  public void delete(KindContext ctx, LiveResource live) {
    String name = IamSupport.name(live);
    IamSupport.destroying(ctx, live.sbid(), () -> {
      iam(ctx).listAttachedUserPoliciesPaginator(b -> b.userName(name)).attachedPolicies().forEach(p ->
          unlessGone(() -> iam(ctx).detachUserPolicy(b -> b.userName(name).policyArn(p.policyArn()))));
      iam(ctx).listUserPoliciesPaginator(b -> b.userName(name)).policyNames().forEach(p ->
          unlessGone(() -> iam(ctx).deleteUserPolicy(b -> b.userName(name).policyName(p))));
      iam(ctx).listAccessKeysPaginator(b -> b.userName(name)).accessKeyMetadata().forEach(k ->
          unlessGone(() -> iam(ctx).deleteAccessKey(b -> b.userName(name).accessKeyId(k.accessKeyId()))));
      unlessGone(() -> iam(ctx).deleteLoginProfile(b -> b.userName(name)));
      iam(ctx).deleteUser(b -> b.userName(name));
    });
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      // Unreadable: any declared key and any live key are the same thing, "the user has a key".
      case "accessKey" -> value instanceof Map<?, ?> ? Map.of() : value;
      case "managedPolicyArns" -> IamSupport.stringSet(value);
      case "userName", "path" -> value instanceof String s ? s.trim() : value;
      default -> value;
    };
  }

  /** The secret goes nowhere but the profile; see {@link AccessKeys} for how a crash is recovered from. */
  private void issueKey(KindContext ctx, String sbid, String user, Map<?, ?> accessKey) {
    accessKeys.ensure(ctx, sbid, user, credentials(accessKey), profile(accessKey));
  }

  private CredentialsFile credentials(Map<?, ?> accessKey) {
    Object f = accessKey.get("credentialsFile");
    return CredentialsFile.resolve(f == null ? null : f.toString(), env, home);
  }

  private static String profile(Map<?, ?> accessKey) { return String.valueOf(accessKey.get("credentialsProfile")).trim(); }

  private static void attach(KindContext ctx, String user, String arn) {
    propagating(ctx, () -> iam(ctx).attachUserPolicy(b -> b.userName(user).policyArn(arn)));
  }

  private LiveResource read(KindContext ctx, String name) {
    return propagating(ctx, () -> {
      User u = iam(ctx).getUser(b -> b.userName(name)).user();
      return toLive(ctx, u, IamSupport.tagMap(u.tags()));
    });
  }

  private LiveResource toLive(KindContext ctx, User u, Map<String, String> tags) {
    String name = u.userName();
    List<String> managed = new ArrayList<>();
    iam(ctx).listAttachedUserPoliciesPaginator(b -> b.userName(name)).attachedPolicies().forEach(p -> managed.add(p.policyArn()));
    List<String> keys = new ArrayList<>();
    iam(ctx).listAccessKeysPaginator(b -> b.userName(name)).accessKeyMetadata().forEach(k -> keys.add(k.accessKeyId()));
    boolean hasKey = AccessKeyMarks.of(tags).hasKey(keys);
    return IamSupport.live(type(), u.arn(), name, AccessKeyMarks.without(tags),
        IamSupport.props("userName", name, "managedPolicyArns", managed, "accessKey", hasKey ? Map.of() : null,
            "path", u.path()),
        managed, u.createDate());
  }
}
