package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeEcsSupport.error;
import static io.sorterbot.sandbox.FakeEcsSupport.invalid;

import io.sorterbot.sandbox.EcsState.ClusterRec;
import io.sorterbot.sandbox.EcsState.ServiceRec;
import io.sorterbot.sandbox.EcsState.TaskDefRec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.*;

/** Clusters of {@link FakeEcs}, and tags of every ECS resource (they are addressed by ARN). */
final class FakeEcsClusters {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

  private final FakeEcsSupport s;
  private final FakeEcsTaskDefinitions taskDefinitions;
  private final FakeEcsTasks tasks;

  FakeEcsClusters(FakeEcsSupport s, FakeEcsTaskDefinitions taskDefinitions, FakeEcsTasks tasks) {
    this.s = s;
    this.taskDefinitions = taskDefinitions;
    this.tasks = tasks;
  }

  /** Idempotent like AWS: the name of an ACTIVE cluster returns that cluster unchanged. */
  CreateClusterResponse create(CreateClusterRequest r) {
    if (r.hasSettings() || r.hasCapacityProviders() || r.hasDefaultCapacityProviderStrategy() || r.configuration() != null
        || r.serviceConnectDefaults() != null) {
      throw FakeEcsSupport.unsupported("CreateCluster with settings, configuration or capacity providers");
    }
    s.requireServiceLinkedRole();
    String name = r.clusterName() == null ? "default" : r.clusterName();
    if (!NAME.matcher(name).matches()) throw invalid("Cluster name can have up to 255 letters, numbers, hyphens and underscores.");
    ClusterRec c = s.state().clusters.get(name);
    if (c != null && "ACTIVE".equals(c.status)) return CreateClusterResponse.builder().cluster(toCluster(c, true)).build();
    c = new ClusterRec();
    c.name = name;
    c.arn = s.arn("cluster/" + name);
    c.status = "ACTIVE";
    c.createdAt = s.now();
    FakeEcsSupport.putTags(c.tags, r.tags());
    s.state().clusters.put(name, c);
    return CreateClusterResponse.builder().cluster(toCluster(c, true)).build();
  }

  DescribeClustersResponse describe(DescribeClustersRequest r) {
    List<String> refs = r.hasClusters() && !r.clusters().isEmpty() ? r.clusters() : List.of("default");
    if (refs.size() > 100) throw invalid("clusters can have at most 100 items.");
    boolean tags = r.includeAsStrings().contains("TAGS");
    List<Cluster> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : refs) {
      ClusterRec c = s.state().clusters.get(FakeEcsSupport.clusterName(ref));
      boolean sameArn = !ref.startsWith("arn:") || (c != null && c.arn.equals(ref));
      if (c == null || !sameArn || !s.gate.visible(c.createdAt)) {
        failures.add(Failure.builder().arn(ref.startsWith("arn:") ? ref : s.arn("cluster/" + ref)).reason("MISSING").build());
      } else {
        found.add(toCluster(c, tags));
      }
    }
    return DescribeClustersResponse.builder().clusters(found).failures(failures).build();
  }

  ListClustersResponse list(ListClustersRequest r) {
    List<String> arns = s.state().clusters.values().stream()
        .filter(c -> "ACTIVE".equals(c.status) && s.gate.visible(c.createdAt)).map(c -> c.arn).toList();
    SandboxPages.Page<String> p = SandboxPages.page(arns, r.maxResults(), r.nextToken(), 100, FakeEcsSupport.ERRORS);
    return ListClustersResponse.builder().clusterArns(p.items()).nextToken(p.nextToken()).build();
  }

  DeleteClusterResponse delete(DeleteClusterRequest r) {
    ClusterRec c = s.activeCluster(r.cluster());
    List<String> statuses = inCluster(c).stream().map(tasks::status).toList();
    if (statuses.contains("ACTIVE")) {
      throw error("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.");
    }
    if (statuses.contains("DRAINING")) {
      throw error("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.");
    }
    c.status = "INACTIVE";
    return DeleteClusterResponse.builder().cluster(toCluster(c, false)).build();
  }

  // ---- tags ----

  TagResourceResponse tag(TagResourceRequest r) {
    FakeEcsSupport.putTags(tagsOf(r.resourceArn()), r.tags());
    return TagResourceResponse.builder().build();
  }

  UntagResourceResponse untag(UntagResourceRequest r) {
    Map<String, String> tags = tagsOf(r.resourceArn());
    r.tagKeys().forEach(tags::remove);
    return UntagResourceResponse.builder().build();
  }

  ListTagsForResourceResponse listTags(ListTagsForResourceRequest r) {
    return ListTagsForResourceResponse.builder().tags(FakeEcsSupport.sdkTags(tagsOf(r.resourceArn()))).build();
  }

  private Map<String, String> tagsOf(String arn) {
    String prefix = s.arn("");
    if (arn == null || !arn.startsWith("arn:aws:ecs:")) throw invalid("The ARN provided is invalid.");
    String resource = arn.startsWith(prefix) ? arn.substring(prefix.length()) : "";
    if (resource.startsWith("cluster/")) return s.activeCluster(arn).tags;
    if (resource.startsWith("service/")) {
      ServiceRec svc = s.state().services.get(arn);
      if (svc != null && !"INACTIVE".equals(tasks.status(svc))) return svc.tags;
    } else if (resource.startsWith("task-definition/")) {
      TaskDefRec td = taskDefinitions.find(arn);
      if (td != null) return td.tags;
    }
    throw error("ResourceNotFoundException", "The specified resource could not be found.");
  }

  private List<ServiceRec> inCluster(ClusterRec c) {
    return s.state().services.values().stream().filter(x -> x.clusterArn.equals(c.arn)).toList();
  }

  private Cluster toCluster(ClusterRec c, boolean withTags) {
    List<ServiceRec> svcs = "ACTIVE".equals(c.status) ? inCluster(c) : List.of();
    Cluster.Builder b = Cluster.builder().clusterArn(c.arn).clusterName(c.name).status(c.status)
        .registeredContainerInstancesCount(0).pendingTasksCount(0)
        .runningTasksCount(svcs.stream().mapToInt(tasks::running).sum())
        .activeServicesCount((int) svcs.stream().filter(x -> "ACTIVE".equals(tasks.status(x))).count())
        .statistics(List.of()).settings(x -> x.name(ClusterSettingName.CONTAINER_INSIGHTS).value("disabled"))
        .capacityProviders(List.of()).defaultCapacityProviderStrategy(List.of());
    if (withTags && !c.tags.isEmpty()) b.tags(FakeEcsSupport.sdkTags(c.tags));
    return b.build();
  }
}
