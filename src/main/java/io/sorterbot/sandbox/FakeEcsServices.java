package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeEcsSupport.error;
import static io.sorterbot.sandbox.FakeEcsSupport.invalid;
import static io.sorterbot.sandbox.FakeEcsSupport.unsupported;

import io.sorterbot.sandbox.EcsState.ClusterRec;
import io.sorterbot.sandbox.EcsState.ServiceRec;
import io.sorterbot.sandbox.EcsState.TaskDefRec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.*;

/**
 * Services of {@link FakeEcs}. Tasks are not simulated one by one: a service's running count moves
 * to its desired count once the provisioning time has passed since the last change (see
 * {@link FakeEcsTasks}), like the moto server with {@code MOTO_ECS_SERVICE_RUNNING=1}.
 */
final class FakeEcsServices {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

  private final FakeEcsSupport s;
  private final FakeEcsTaskDefinitions taskDefinitions;
  private final FakeEcsTasks tasks;

  FakeEcsServices(FakeEcsSupport support, FakeEcsTaskDefinitions taskDefinitions, FakeEcsTasks tasks) {
    this.s = support;
    this.taskDefinitions = taskDefinitions;
    this.tasks = tasks;
  }

  CreateServiceResponse create(CreateServiceRequest r) {
    if (r.hasLoadBalancers() || r.hasServiceRegistries() || r.hasCapacityProviderStrategy() || r.hasPlacementConstraints()
        || r.hasPlacementStrategy() || r.serviceConnectConfiguration() != null || r.hasVolumeConfigurations()
        || r.deploymentController() != null || "DAEMON".equals(r.schedulingStrategyAsString())) {
      throw unsupported("CreateService with load balancers, registries, capacity providers, placement, Service Connect,"
          + " volumes, deployment controllers or DAEMON scheduling");
    }
    if (r.serviceName() == null || !NAME.matcher(r.serviceName()).matches()) throw invalid("Invalid service name: " + r.serviceName());
    if (r.clientToken() != null && r.clientToken().length() > 36) throw invalid("clientToken must be at most 36 characters.");
    ClusterRec cluster = s.activeCluster(r.cluster());
    s.requireServiceLinkedRole();
    EcsState st = s.state();
    String arn = s.arn("service/" + cluster.name + "/" + r.serviceName());
    String prior = r.clientToken() == null ? null : st.clientTokens.get(r.clientToken());
    if (prior != null && st.services.containsKey(prior) && !"INACTIVE".equals(tasks.status(st.services.get(prior)))) {
      if (!prior.equals(arn)) throw invalid("Creation of service was not idempotent.");
      return CreateServiceResponse.builder().service(toService(st.services.get(prior), true)).build();
    }
    ServiceRec old = st.services.get(arn);
    if (old != null && !"INACTIVE".equals(tasks.status(old))) throw invalid("Creation of service was not idempotent.");
    if (r.desiredCount() == null) throw invalid("desiredCount is required when schedulingStrategy is REPLICA.");
    if (r.desiredCount() < 0) throw invalid("desiredCount must be at least 0.");
    String launchType = r.launchTypeAsString() == null ? "EC2" : r.launchTypeAsString();
    TaskDefRec td = checkTaskDefinition(r.taskDefinition(), launchType);
    FakeEcsNetwork.check(s, td, launchType, r.networkConfiguration());

    ServiceRec svc = new ServiceRec();
    svc.arn = arn;
    svc.name = r.serviceName();
    svc.clusterArn = cluster.arn;
    svc.status = "ACTIVE";
    svc.desiredCount = r.desiredCount();
    svc.taskDefinition = td.arn;
    svc.launchType = launchType;
    svc.platformVersion = platformVersion(r.platformVersion(), launchType);
    svc.networkConfiguration = r.networkConfiguration() == null ? null : SdkMaps.toMap(r.networkConfiguration());
    svc.enableExecuteCommand = Boolean.TRUE.equals(r.enableExecuteCommand());
    svc.propagateTags = r.propagateTagsAsString() == null ? "NONE" : r.propagateTagsAsString();
    svc.createdAt = s.now();
    FakeEcsSupport.putTags(svc.tags, r.tags());
    svc.changedAt = svc.createdAt;
    svc.deployment = s.account.nextSequence();
    breaker(svc, r.deploymentConfiguration());
    st.services.put(arn, svc);
    if (r.clientToken() != null) st.clientTokens.put(r.clientToken(), arn);
    return CreateServiceResponse.builder().service(toService(svc, true)).build();
  }

  DescribeServicesResponse describe(DescribeServicesRequest r) {
    ClusterRec cluster = s.activeCluster(r.cluster());
    if (!r.hasServices() || r.services().isEmpty() || r.services().size() > 10) {
      throw invalid("services can have between 1 and 10 items.");
    }
    boolean tags = r.includeAsStrings().contains("TAGS");
    List<Service> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : r.services()) {
      ServiceRec svc = find(cluster, ref);
      if (svc == null || !s.gate.visible(svc.createdAt)) {
        failures.add(Failure.builder().arn(ref.startsWith("arn:") ? ref : s.arn("service/" + cluster.name + "/" + ref))
            .reason("MISSING").build());
      } else {
        found.add(toService(svc, tags));
      }
    }
    return DescribeServicesResponse.builder().services(found).failures(failures).build();
  }

  ListServicesResponse list(ListServicesRequest r) {
    ClusterRec cluster = s.activeCluster(r.cluster());
    List<String> arns = s.state().services.values().stream()
        .filter(x -> x.clusterArn.equals(cluster.arn) && !"INACTIVE".equals(tasks.status(x)) && s.gate.visible(x.createdAt))
        .filter(x -> r.launchTypeAsString() == null || r.launchTypeAsString().equals(x.launchType))
        .map(x -> x.arn).toList();
    SandboxPages.Page<String> p = SandboxPages.page(arns, r.maxResults(), r.nextToken(), 10, 100, FakeEcsSupport.ERRORS);
    return ListServicesResponse.builder().serviceArns(p.items()).nextToken(p.nextToken()).build();
  }

  UpdateServiceResponse update(UpdateServiceRequest r) {
    if (r.hasLoadBalancers() || r.hasServiceRegistries() || r.hasCapacityProviderStrategy() || r.hasPlacementConstraints()
        || r.hasPlacementStrategy() || r.serviceConnectConfiguration() != null || r.hasVolumeConfigurations()
        || r.deploymentController() != null) {
      throw unsupported("UpdateService of load balancers, registries, capacity providers, placement, Service Connect,"
          + " volumes or deployment controllers");
    }
    ServiceRec svc = require(s.activeCluster(r.cluster()), r.service());
    if (!"ACTIVE".equals(tasks.status(svc))) throw error("ServiceNotActiveException", "Service was not ACTIVE.");
    tasks.fold(svc);
    int running = tasks.running(svc);
    breaker(svc, r.deploymentConfiguration());
    String td = svc.taskDefinition;
    if (r.taskDefinition() != null) td = checkTaskDefinition(r.taskDefinition(), svc.launchType).arn;
    TaskDefRec current = taskDefinitions.find(td);
    if (r.networkConfiguration() != null) FakeEcsNetwork.check(s, current, svc.launchType, r.networkConfiguration());
    String network = r.networkConfiguration() == null ? null : SandboxAccount.mapper().valueToTree(
        SdkMaps.toMap(r.networkConfiguration())).toString();
    String platform = r.platformVersion() == null ? svc.platformVersion : platformVersion(r.platformVersion(), svc.launchType);
    boolean redeploy = Boolean.TRUE.equals(r.forceNewDeployment()) || !td.equals(svc.taskDefinition)
        || !Objects.equals(platform, svc.platformVersion)
        || (network != null && !network.equals(SandboxAccount.mapper().valueToTree(svc.networkConfiguration).toString()));
    if (r.desiredCount() != null && r.desiredCount() < 0) throw invalid("desiredCount must be at least 0.");
    boolean rescale = r.desiredCount() != null && r.desiredCount() != svc.desiredCount;
    if (redeploy || rescale) {
      svc.changedAt = s.now();
      svc.runningAtChange = running;
      svc.previousTaskDefinition = redeploy ? svc.taskDefinition : null;
      if (redeploy) svc.deployment = s.account.nextSequence();
    }
    if (r.desiredCount() != null) svc.desiredCount = r.desiredCount();
    svc.taskDefinition = td;
    svc.platformVersion = platform;
    if (r.networkConfiguration() != null) svc.networkConfiguration = SdkMaps.toMap(r.networkConfiguration());
    if (r.enableExecuteCommand() != null) svc.enableExecuteCommand = r.enableExecuteCommand();
    if (r.propagateTagsAsString() != null) svc.propagateTags = r.propagateTagsAsString();
    return UpdateServiceResponse.builder().service(toService(svc, false)).build();
  }

  DeleteServiceResponse delete(DeleteServiceRequest r) {
    ServiceRec svc = require(s.activeCluster(r.cluster()), r.service());
    String status = tasks.status(svc);
    if ("INACTIVE".equals(status)) throw error("ServiceNotFoundException", "Service not found.");
    if (!"ACTIVE".equals(status)) throw error("ServiceNotActiveException", "Service was not ACTIVE.");
    tasks.fold(svc);
    if (svc.desiredCount > 0 && !Boolean.TRUE.equals(r.force())) {
      throw invalid("The service cannot be stopped while it is scaled above 0.");
    }
    svc.runningAtChange = tasks.running(svc);
    svc.changedAt = s.now();
    svc.deletedAt = svc.changedAt;
    svc.desiredCount = 0;
    svc.previousTaskDefinition = null;
    svc.status = "DRAINING";
    return DeleteServiceResponse.builder().service(toService(svc, false)).build();
  }

  private ServiceRec require(ClusterRec cluster, String ref) {
    ServiceRec svc = find(cluster, ref);
    if (svc == null) throw error("ServiceNotFoundException", "Service not found.");
    return svc;
  }

  ServiceRec find(ClusterRec cluster, String ref) {
    if (ref == null) return null;
    String arn = ref.startsWith("arn:") ? ref : s.arn("service/" + cluster.name + "/" + ref);
    ServiceRec svc = s.state().services.get(arn);
    return svc != null && svc.clusterArn.equals(cluster.arn) ? svc : null;
  }

  /** The deployment circuit breaker of a create or update; other deployment settings keep AWS's defaults. */
  private static void breaker(ServiceRec svc, DeploymentConfiguration c) {
    if (c == null) return;
    if ((c.maximumPercent() != null && c.maximumPercent() != 200) || (c.minimumHealthyPercent() != null
        && c.minimumHealthyPercent() != 100) || c.alarms() != null) {
      throw unsupported("deployment configurations other than the circuit breaker");
    }
    if (c.deploymentCircuitBreaker() != null) {
      svc.circuitBreaker = Boolean.TRUE.equals(c.deploymentCircuitBreaker().enable());
      svc.rollback = Boolean.TRUE.equals(c.deploymentCircuitBreaker().rollback());
    }
  }

  private TaskDefRec checkTaskDefinition(String ref, String launchType) {
    TaskDefRec td = taskDefinitions.find(ref);
    if (td == null) throw invalid("TaskDefinition not found.");
    if (!"ACTIVE".equals(td.status)) throw invalid("TaskDefinition is inactive");
    if ("FARGATE".equals(launchType) && !((List<?>) td.definition.get("compatibilities")).contains("FARGATE")) {
      throw invalid("Task definition does not support launch_type FARGATE.");
    }
    return td;
  }

  private static String platformVersion(String v, String launchType) {
    if (!"FARGATE".equals(launchType)) {
      if (v != null) throw invalid("The platformVersion parameter is only supported for tasks using the Fargate launch type.");
      return null;
    }
    String pv = v == null ? "LATEST" : v;
    if (!List.of("LATEST", "1.4.0", "1.3.0").contains(pv)) throw invalid("The specified platform does not exist.");
    return pv;
  }

  private Service toService(ServiceRec svc, boolean withTags) {
    Service.Builder b = Service.builder().serviceArn(svc.arn).serviceName(svc.name).clusterArn(svc.clusterArn)
        .status(tasks.status(svc)).desiredCount(svc.desiredCount).runningCount(tasks.running(svc)).pendingCount(0)
        .launchType(svc.launchType).platformVersion(svc.platformVersion)
        .platformFamily("FARGATE".equals(svc.launchType) ? "Linux" : null).taskDefinition(tasks.taskDefinition(svc))
        .deploymentConfiguration(d -> d.maximumPercent(200).minimumHealthyPercent(100)
            .deploymentCircuitBreaker(c -> c.enable(svc.circuitBreaker).rollback(svc.rollback)))
        .deployments(tasks.deployments(svc)).events(tasks.events(svc))
        .createdAt(java.time.Instant.parse(svc.createdAt)).schedulingStrategy(SchedulingStrategy.REPLICA)
        .deploymentController(c -> c.type(DeploymentControllerType.ECS)).enableECSManagedTags(false)
        .propagateTags(svc.propagateTags).enableExecuteCommand(svc.enableExecuteCommand);
    if (svc.networkConfiguration != null) b.networkConfiguration(SdkMaps.<NetworkConfiguration>build(NetworkConfiguration.builder(), svc.networkConfiguration));
    if (withTags && !svc.tags.isEmpty()) b.tags(FakeEcsSupport.sdkTags(svc.tags));
    return b.build();
  }
}
