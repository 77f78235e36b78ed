package io.sorterbot.kinds.ecs;

import static io.sorterbot.kinds.ecs.EcsSupport.ecs;

import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.kinds.LostAnswers;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.ListClustersRequest;

/** {@code ecs.cluster}: an empty cluster (Fargate needs no instances); only its tags change in place. */
public final class ClusterKind implements ResourceKind {
  /** DescribeClusters takes at most 100 clusters per call. */
  private static final int DESCRIBE_BATCH = 100;

  @Override public KindSchema schema() { return EcsSchemas.CLUSTER; }

  /** ECS has no tag filter: ListClusters, then DescribeClusters with tags, 100 at a time. */
  @Override
  public List<LiveResource> discover(KindContext ctx) {
    List<String> arns = new ArrayList<>();
    ecs(ctx).listClustersPaginator(ListClustersRequest.builder().build()).clusterArns().forEach(arns::add);
    List<LiveResource> out = new ArrayList<>();
    for (int i = 0; i < arns.size(); i += DESCRIBE_BATCH) {
      List<String> batch = arns.subList(i, Math.min(arns.size(), i + DESCRIBE_BATCH));
      for (Cluster c : describe(ctx, batch).clusters()) {
        // A deleted cluster stays INACTIVE (describable) for a while: it is gone for us.
        if ("ACTIVE".equals(c.status()) && EcsSupport.tagMap(c.tags()).containsKey(Tags.SBID)) out.add(toLive(c));
      }
    }
    return out;
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    String name = d.string("clusterName");
    // On the first use of ECS in an account, CreateCluster is refused until ECS's service-linked role exists
    // ("Unable to assume the service linked role"): eventual consistency, retried for a bounded time.
    String arn = EcsSupport.consistent(ctx, () -> ecs(ctx).createCluster(b -> b.clusterName(name)
        .tags(EcsSupport.toTags(d.tags())))).cluster().clusterArn();
    LiveResource made = read(ctx, arn);
    // CreateCluster is idempotent on the name: an ACTIVE cluster of that name comes back unchanged,
    // whoever made it (also to a create sent again after a lost answer). Ours has our tags; anything
    // else must not be taken over silently.
    if (!LostAnswers.ours(made.tags(), d)) {
      throw new IllegalStateException("cluster " + name + " already exists and is not tagged SBID=" + d.sbid()
          + ", SBStack=" + d.stack() + ": delete or rename it, or adopt it");
    }
    return made;
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    EcsSupport.syncTags(ctx, live.id(), live.tags(), d, changes);
    return read(ctx, live.id());
  }

  /** Services still draining keep the cluster busy (ClusterContains*Exception): retried for minutes. */
  @Override
  public void delete(KindContext ctx, LiveResource live) {
    EcsSupport.destroying(ctx, live.sbid(), () -> ecs(ctx).deleteCluster(b -> b.cluster(live.id())));
  }

  @Override
  public Object normalize(String property, Object value) {
    return "clusterName".equals(property) && value instanceof String s ? s.trim() : value;
  }

  private LiveResource read(KindContext ctx, String arn) {
    return EcsSupport.consistent(ctx, () -> {
      DescribeClustersResponse r = describe(ctx, List.of(arn));
      Cluster c = r.clusters().stream().filter(x -> "ACTIVE".equals(x.status())).findFirst()
          .orElseThrow(() -> EcsSupport.notFound("ClusterNotFoundException", "cluster " + arn));
      return toLive(c);
    });
  }

  private static DescribeClustersResponse describe(KindContext ctx, List<String> arns) {
    return ecs(ctx).describeClusters(b -> b.clusters(arns).include(ClusterField.TAGS));
  }

  private LiveResource toLive(Cluster c) {
    Map<String, String> tags = EcsSupport.tagMap(c.tags());
    return EcsSupport.live(type(), c.clusterArn(), tags, EcsSupport.props("clusterName", c.clusterName()),
        EcsSupport.props("arn", c.clusterArn(), "name", c.clusterName()), List.of(), null);
  }
}
