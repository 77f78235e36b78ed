package io.sorterbot.kinds.ecs;

import static io.sorterbot.kinds.ecs.EcsSupport.ecs;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * {@code ecs.taskDefinition}: a family. A revision is immutable, so a change registers a new revision
 * (tagged like the first) and deregisters the older ACTIVE revisions this stack registered; other
 * revisions of the family (the Control Panel's CI registers its own) are left alone until delete,
 * which deregisters every ACTIVE revision of the family.
 */
public final class TaskDefinitionKind implements ResourceKind {
  /** How far back discovery looks, per family, for a revision carrying an SBID tag. */
  private static final int MAX_REVISIONS_PER_FAMILY = 10;
  /**
   * On a revision registered by an update: the ARN of the revision it replaces. Internal (never shown or
   * compared); discovery uses it to notice an update that died before deregistering the old revision.
   */
  static final String REPLACES_TAG = "SBReplaces";
  /** DeleteTaskDefinitions takes at most 10 revisions per call. */
  private static final int DELETE_BATCH = 10;

  @Override public KindSchema schema() { return EcsSchemas.TASK_DEFINITION; }

  /** An update registers a new revision: its ARN and number change. */
  @Override public java.util.Set<String> attributesChangedByUpdate() { return java.util.Set.of("arn", "id", "revision"); }

  /**
   * One paginated ListTaskDefinitions (ACTIVE, newest first) lists every family's revisions; tags only
   * come with DescribeTaskDefinition, so each family costs at least one describe (an API-forced N+1), more
   * when its newest revisions were registered without our tags (the CI's): the newest tagged one counts.
   */
  @Override
  public List<LiveResource> discover(KindContext ctx) {
    Map<String, List<String>> byFamily = new LinkedHashMap<>();
    ecs(ctx).listTaskDefinitionsPaginator(ListTaskDefinitionsRequest.builder().status(TaskDefinitionStatus.ACTIVE)
            .sort(SortOrder.DESC).build())
        .taskDefinitionArns().forEach(arn -> byFamily.computeIfAbsent(family(arn), k -> new ArrayList<>()).add(arn));
    return EcsSupport.parallel(new ArrayList<>(byFamily.values()), arns -> newestTagged(ctx, arns))
        .stream().filter(Objects::nonNull).toList();
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    LiveResource made = register(ctx, d, null);
    // Planning found no revision of ours: any other ACTIVE one tagged ours is the twin a lost answer made.
    deregisterOthers(ctx, d, made);
    return made;
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    boolean onlyTags = changes.stream().allMatch(c -> c.property().equals("tags"));
    if (onlyTags) {
      EcsSupport.syncTags(ctx, live.id(), live.tags(), d, changes);
      return read(ctx, live.id());
    }
    // Register first: a failed registration leaves the current revision in place and ACTIVE.
    LiveResource made = register(ctx, d, live.id());
    deregisterOthers(ctx, d, made);
    return made;
  }

  /**
   * Deregisters every ACTIVE revision of the family tagged with our SBID and stack but {@code made}: on update
   * the older ones this stack registered, and, after a RegisterTaskDefinition sent twice because its answer
   * was lost, the first call's twin (the answer is the second's), so one revision of ours stays ACTIVE.
   * Revisions without our tags (the CI's) are left alone.
   */
  private static void deregisterOthers(KindContext ctx, Desired d, LiveResource made) {
    for (String arn : activeRevisions(ctx, d.string("family"))) {
      if (arn.equals(made.id())) continue;
      DescribeTaskDefinitionResponse r = describeUnlessGone(ctx, arn);
      if (r != null && LostAnswers.ours(EcsSupport.tagMap(r.tags()), d)) deregister(ctx, arn);
    }
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    String family = String.valueOf(live.attributes().get("family"));
    List<String> arns = activeRevisions(ctx, family);
    arns.forEach(arn -> deregister(ctx, arn));
    // Deregistered revisions stay INACTIVE (visible) until deleted. Deleting them is housekeeping the
    // reconciler does not depend on (discovery reads ACTIVE revisions only), and endpoints without
    // DeleteTaskDefinitions, or a policy without the permission, must not fail the destroy.
    for (int i = 0; i < arns.size(); i += DELETE_BATCH) {
      List<String> batch = arns.subList(i, Math.min(arns.size(), i + DELETE_BATCH));
      try {
        ecs(ctx).deleteTaskDefinitions(b -> b.taskDefinitions(batch));
      } catch (UnsupportedOperationException | software.amazon.awssdk.core.exception.SdkException e) {
        // housekeeping only, see above
      }
    }
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "containerDefinitions" -> ContainerDefinitions.normalize(value);
      case "requiresCompatibilities" -> value instanceof List<?> l ? l.stream().map(String::valueOf).sorted().distinct().toList() : value;
      case "cpu" -> size(value, "vcpu");
      case "memory" -> size(value, "gb");
      default -> value;
    };
  }

  /** @param replaces the revision this one succeeds (kept in {@link #REPLACES_TAG}), or null on create */
  private LiveResource register(KindContext ctx, Desired d, String replaces) {
    Map<String, String> tags = new java.util.LinkedHashMap<>(d.tags());
    if (replaces != null) tags.put(REPLACES_TAG, replaces);
    // A role created moments ago may not be usable yet (iam:PassRole propagation).
    RegisterTaskDefinitionResponse r = EcsSupport.consistent(ctx, () -> ecs(ctx).registerTaskDefinition(b -> {
      b.family(d.string("family")).containerDefinitions(ContainerDefinitions.toSdk(d.get("containerDefinitions")))
          .tags(EcsSupport.toTags(tags));
      if (d.has("requiresCompatibilities")) {
        b.requiresCompatibilitiesWithStrings(((List<?>) d.get("requiresCompatibilities")).stream().map(String::valueOf).toList());
      }
      if (d.has("networkMode")) b.networkMode(d.string("networkMode"));
      if (d.has("cpu")) b.cpu(d.string("cpu"));
      if (d.has("memory")) b.memory(d.string("memory"));
      if (d.has("taskRoleArn")) b.taskRoleArn(d.string("taskRoleArn"));
      if (d.has("executionRoleArn")) b.executionRoleArn(d.string("executionRoleArn"));
    }));
    return toLive(r.taskDefinition(), EcsSupport.tagMap(r.tags()));
  }

  private LiveResource read(KindContext ctx, String arn) {
    DescribeTaskDefinitionResponse r = EcsSupport.consistent(ctx, () -> describe(ctx, arn));
    return toLive(r.taskDefinition(), EcsSupport.tagMap(r.tags()));
  }

  /**
   * The newest of a family's ACTIVE revisions (newest first) that carries an SBID tag, or null. When the
   * revision it replaced is still ACTIVE, an update died between registering and deregistering (a crash):
   * that older revision is reported instead, so the plan shows the update that finishes the job (register,
   * then deregister every other revision of ours). Costs one describe more, only in that case.
   */
  private LiveResource newestTagged(KindContext ctx, List<String> arns) {
    for (String arn : arns.subList(0, Math.min(arns.size(), MAX_REVISIONS_PER_FAMILY))) {
      DescribeTaskDefinitionResponse r = describeUnlessGone(ctx, arn);
      if (r == null || r.taskDefinition().status() != TaskDefinitionStatus.ACTIVE) continue;
      Map<String, String> tags = EcsSupport.tagMap(r.tags());
      if (!tags.containsKey(Tags.SBID)) continue;
      String replaced = tags.get(REPLACES_TAG);
      if (replaced != null && !replaced.equals(arn) && arns.contains(replaced)) {
        DescribeTaskDefinitionResponse old = describeUnlessGone(ctx, replaced);
        if (old != null && old.taskDefinition().status() == TaskDefinitionStatus.ACTIVE
            && tags.get(Tags.SBID).equals(EcsSupport.tagMap(old.tags()).get(Tags.SBID))) {
          return toLive(old.taskDefinition(), EcsSupport.tagMap(old.tags()));
        }
      }
      return toLive(r.taskDefinition(), tags);
    }
    return null;
  }

  private static DescribeTaskDefinitionResponse describe(KindContext ctx, String arn) {
    return ecs(ctx).describeTaskDefinition(b -> b.taskDefinition(arn).include(TaskDefinitionField.TAGS));
  }

  /**
   * A revision deleted since it was listed: ECS answers a generic ClientException ("Unable to describe
   * task definition" / "does not exist") rather than a NotFound code.
   */
  private static DescribeTaskDefinitionResponse describeUnlessGone(KindContext ctx, String arn) {
    try {
      return EcsSupport.unlessGone(() -> describe(ctx, arn));
    } catch (RuntimeException e) {
      if (gone(e)) return null;
      throw e;
    }
  }

  private static boolean gone(RuntimeException e) {
    String msg = AwsErrors.message(e).toLowerCase(java.util.Locale.ROOT);
    return "ClientException".equals(AwsErrors.code(e)) && (msg.contains("unable to describe") || msg.contains("does not exist"));
  }

  private static List<String> activeRevisions(KindContext ctx, String family) {
    List<String> out = new ArrayList<>();
    ecs(ctx).listTaskDefinitionsPaginator(ListTaskDefinitionsRequest.builder().familyPrefix(family)
        .status(TaskDefinitionStatus.ACTIVE).build()).taskDefinitionArns().forEach(arn -> {
          if (family(arn).equals(family)) out.add(arn);
        });
    return out;
  }

  private static void deregister(KindContext ctx, String arn) {
    try {
      EcsSupport.unlessGone(() -> ecs(ctx).deregisterTaskDefinition(b -> b.taskDefinition(arn)));
    } catch (RuntimeException e) {
      if (!gone(e)) throw e;
    }
  }

  /** {@code arn:aws:ecs:region:account:task-definition/FAMILY:REVISION} to FAMILY. */
  static String family(String arn) {
    String tail = arn.substring(arn.lastIndexOf('/') + 1);
    int colon = tail.lastIndexOf(':');
    return colon < 0 ? tail : tail.substring(0, colon);
  }

  private LiveResource toLive(TaskDefinition td, Map<String, String> allTags) {
    Map<String, String> tags = new java.util.LinkedHashMap<>(allTags);
    tags.remove(REPLACES_TAG); // internal: not part of the resource's tags as the engine sees them
    List<String> refs = new ArrayList<>(List.of(nz(td.taskRoleArn()), nz(td.executionRoleArn())));
    refs.addAll(ContainerDefinitions.secretArns(td.containerDefinitions()));
    return EcsSupport.live(type(), td.taskDefinitionArn(), tags,
        EcsSupport.props("family", td.family(),
            "containerDefinitions", ContainerDefinitions.fromSdk(td.containerDefinitions()),
            "requiresCompatibilities", td.hasRequiresCompatibilities() ? td.requiresCompatibilitiesAsStrings() : null,
            "networkMode", td.networkModeAsString(), "cpu", td.cpu(), "memory", td.memory(),
            "taskRoleArn", td.taskRoleArn(), "executionRoleArn", td.executionRoleArn()),
        EcsSupport.props("arn", td.taskDefinitionArn(), "family", td.family(),
            "revision", td.revision() == null ? null : td.revision().longValue()),
        refs, td.registeredAt());
  }

  private static String nz(String s) { return s == null ? "" : s; }

  /** Task sizes as AWS stores them: "1 vCPU" is "1024", "4 GB" is "4096", 512 is "512". */
  private static Object size(Object value, String unit) {
    if (value instanceof Number n) return String.valueOf(n.longValue());
    if (!(value instanceof String s)) return value;
    String v = s.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (v.endsWith(unit)) {
        return String.valueOf(Math.round(Double.parseDouble(v.substring(0, v.length() - unit.length()).trim()) * 1024));
      }
    } catch (NumberFormatException e) {
      return s;
    }
    return s.trim();
  }
}
