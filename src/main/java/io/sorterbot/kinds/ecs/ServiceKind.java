package io.sorterbot.kinds.ecs;

import static io.sorterbot.kinds.ecs.EcsSupport.changed;
import static io.sorterbot.kinds.ecs.EcsSupport.ecs;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.ListServicesRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * {@code ecs.service}: a Fargate service; create and update wait until it is stable, delete scales it
 * to 0, deletes it and waits until it has drained. Update sends only what changed, so a desired count
 * the file ignores (the Control Panel starts and stops the task) is never reset.
 */
public final class ServiceKind implements ResourceKind {
  /** DescribeServices takes at most 10 services per call. */
  private static final int DESCRIBE_BATCH = 10;
  /** Marks a live task definition whose deployment failed: it is not what runs, so plan deploys it again. */
  static final String FAILED = " (deployment failed)";

  @Override public KindSchema schema() { return EcsSchemas.SERVICE; }

  /**
   * ECS has no tag filter and lists services per cluster: ListClusters, then per cluster (an API-forced
   * N+1) ListServices and DescribeServices with tags, 10 at a time.
   */
  @Override
  public List<LiveResource> discover(KindContext ctx) {
    List<String> clusters = new ArrayList<>();
    ecs(ctx).listClustersPaginator(b -> {}).clusterArns().forEach(clusters::add);
    return EcsSupport.parallel(clusters, c -> inCluster(ctx, c)).stream().flatMap(List::stream).toList();
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    String cluster = d.string("cluster");
    String token = EcsSupport.clientToken(ctx.stack(), String.join("/", d.sbid(), ServiceRequests.clusterName(cluster),
        d.string("serviceName"), d.string("taskDefinition")));
    // IAM propagation ("Unable to assume role", "verify that the ECS service role"), ECS's service-linked role in a
    // fresh account, a cluster created moments ago (ClusterNotFoundException) pass within minutes; the token keeps
    // retries to one service.
    Service s = EcsSupport.consistent(ctx, () -> ecs(ctx).createService(ServiceRequests.create(d, token))).service();
    return settled(ctx, d, "creating", s.clusterArn(), s.serviceArn());
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    String cluster = String.valueOf(live.properties().get("cluster"));
    UpdateServiceRequest.Builder b = UpdateServiceRequest.builder().cluster(cluster).service(live.id())
        .deploymentConfiguration(ServiceRequests.CIRCUIT_BREAKER);
    boolean send = false;
    if (changed(changes, "desiredCount")) { b.desiredCount(EcsSupport.integer(d.get("desiredCount"))); send = true; }
    if (changed(changes, "taskDefinition")) {
      // Forced: the live revision may be the wanted one whose deployment failed (its image was pushed since).
      b.taskDefinition(d.string("taskDefinition")).forceNewDeployment(true);
      send = true;
    }
    if (changed(changes, "networkConfiguration")) {
      b.networkConfiguration(ServiceRequests.network(d.get("networkConfiguration")));
      send = true;
    }
    if (changed(changes, "platformVersion")) { b.platformVersion(d.string("platformVersion")); send = true; }
    if (changed(changes, "enableExecuteCommand")) {
      b.enableExecuteCommand((Boolean) EcsSupport.bool(d.get("enableExecuteCommand")));
      send = true;
    }
    if (changed(changes, "propagateTags")) { b.propagateTags(d.string("propagateTags")); send = true; }
    if (send) {
      UpdateServiceRequest r = b.build();
      EcsSupport.consistent(ctx, () -> ecs(ctx).updateService(r));
    }
    EcsSupport.syncTags(ctx, live.id(), live.tags(), d, changes);
    if (send) return settled(ctx, d, "modifying", cluster, live.id());
    return toLive(ctx, EcsSupport.consistent(ctx, () -> require(ServiceWaits.describe(ctx, cluster, live.id()), live.id())), null);
  }

  /**
   * After a create or an update: waits until stable, unless an image of its tasks is missing from this account's
   * ECR (a first apply creates the repository empty): then the service is left to wait for it, and the user is
   * told once what to push. Waiting could only end in a timeout.
   */
  private LiveResource settled(KindContext ctx, Desired d, String activity, String cluster, String arn) {
    Service s = EcsSupport.consistent(ctx, () -> require(ServiceWaits.describe(ctx, cluster, arn), arn));
    // The revision just deployed, not the one a failed deployment may already have been rolled back to.
    String wanted = d.string("taskDefinition");
    List<String> missing = s.desiredCount() != null && s.desiredCount() > 0 ? ServiceImages.missing(ctx, arn, wanted) : List.of();
    if (!missing.isEmpty()) return toLive(ctx, s, missing);
    return toLive(ctx, ServiceWaits.stable(ctx, d.sbid(), activity, cluster, arn, wanted), List.of());
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    String cluster = String.valueOf(live.properties().get("cluster"));
    try {
      // AWS refuses to delete a service scaled above 0 (without force): scale in first.
      ecs(ctx).updateService(b -> b.cluster(cluster).service(live.id()).desiredCount(0));
      ecs(ctx).deleteService(b -> b.cluster(cluster).service(live.id()));
    } catch (RuntimeException e) {
      if (AwsErrors.isNotFound(e)) return;
      // Already deleted and draining: wait for it like for our own delete.
      if (!"ServiceNotActiveException".equals(AwsErrors.code(e))) throw e;
    }
    ServiceWaits.inactive(ctx, live.sbid(), cluster, live.id());
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "cluster" -> value instanceof String s ? ServiceRequests.clusterName(s.trim()) : value;
      case "taskDefinition" -> value instanceof String s ? ServiceRequests.taskDefinitionTail(s.trim()) : value;
      case "networkConfiguration" -> ServiceRequests.normalizeNetwork(value);
      case "desiredCount" -> EcsSupport.number(value);
      case "enableExecuteCommand" -> EcsSupport.bool(value);
      default -> value;
    };
  }

  /** A bare family means "its latest revision": any revision of that family is the same. */
  @Override
  public boolean equivalent(String property, Object desired, Object live) {
    if ("taskDefinition".equals(property) && live instanceof String l && l.endsWith(FAILED)) return false;
    Object dn = normalize(property, desired);
    if ("taskDefinition".equals(property) && dn instanceof String d && live instanceof String l && !d.contains(":")) {
      return d.equals(TaskDefinitionKind.family(l));
    }
    return Objects.equals(normalize(property, desired), normalize(property, live));
  }

  private List<LiveResource> inCluster(KindContext ctx, String cluster) {
    List<String> arns = new ArrayList<>();
    List<LiveResource> out = new ArrayList<>();
    try {
      ecs(ctx).listServicesPaginator(ListServicesRequest.builder().cluster(cluster).build()).serviceArns().forEach(arns::add);
      for (int i = 0; i < arns.size(); i += DESCRIBE_BATCH) {
        List<String> batch = arns.subList(i, Math.min(arns.size(), i + DESCRIBE_BATCH));
        for (Service s : ecs(ctx).describeServices(b -> b.cluster(cluster).services(batch).include(ServiceField.TAGS)).services()) {
          // DRAINING and INACTIVE services are being deleted or gone: not live for us.
          if ("ACTIVE".equals(s.status()) && EcsSupport.tagMap(s.tags()).containsKey(Tags.SBID)) out.add(toLive(ctx, s, null));
        }
      }
    } catch (RuntimeException e) {
      if (AwsErrors.classify(e) != ErrorClass.NOT_FOUND) throw e;  // the cluster went away since it was listed
    }
    return out;
  }

  private static Service require(Service s, String arn) {
    if (s == null) throw EcsSupport.notFound("ServiceNotFoundException", "service " + arn);
    return s;
  }

  /**
   * The service as found. One that is not steady is checked for images missing from ECR ({@code missing} when
   * the caller knows them): {@code imageStatus} says what it waits for, and the user is told once. One whose
   * deployment failed (the circuit breaker stopped it) but whose images are there now reads back its task
   * definition marked as not deployed, so that plan shows the revision to deploy again and apply does it.
   */
  private LiveResource toLive(KindContext ctx, Service s, List<String> missing) {
    boolean failed = ServiceWaits.failed(s);
    List<String> waitingFor = missing != null ? missing
        : ServiceWaits.steady(s) || s.desiredCount() == null || s.desiredCount() == 0 ? List.of()
        : ServiceImages.missing(ctx, s.serviceArn(), s.taskDefinition());
    Map<String, String> tags = EcsSupport.tagMap(s.tags());
    if (!waitingFor.isEmpty()) ctx.notice(ServiceImages.notice(tags.getOrDefault(Tags.SBID, s.serviceName()), ctx.clients().region(), waitingFor));
    String taskDefinition = failed && waitingFor.isEmpty() && s.taskDefinition() != null ? s.taskDefinition() + FAILED
        : s.taskDefinition();
    List<String> refs = new ArrayList<>(List.of(s.clusterArn(), s.taskDefinition() == null ? "" : s.taskDefinition()));
    AwsVpcConfiguration vpc = s.networkConfiguration() == null ? null : s.networkConfiguration().awsvpcConfiguration();
    if (vpc != null) {
      refs.addAll(vpc.subnets());
      refs.addAll(vpc.securityGroups());
    }
    return EcsSupport.live(type(), s.serviceArn(), tags,
        EcsSupport.props("serviceName", s.serviceName(), "cluster", s.clusterArn(), "taskDefinition", taskDefinition,
            "launchType", s.launchTypeAsString(), "desiredCount", s.desiredCount() == null ? null : s.desiredCount().longValue(),
            "platformVersion", s.platformVersion(), "enableExecuteCommand", s.enableExecuteCommand(),
            "networkConfiguration", ServiceRequests.networkMap(s.networkConfiguration()),
            "propagateTags", s.propagateTagsAsString()),
        EcsSupport.props("arn", s.serviceArn(), "name", s.serviceName(), "imageStatus", ServiceImages.status(waitingFor)),
        refs, s.createdAt());
  }
}
