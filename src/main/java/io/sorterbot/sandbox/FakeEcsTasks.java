package io.sorterbot.sandbox;

import io.sorterbot.sandbox.EcsState.ServiceRec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

/**
 * The tasks of services, derived rather than stored ({@link FakeEcsRollout}): after a change (create, new
 * desired count, new deployment, delete) the running count reaches its target once the provisioning time has
 * passed (2 min to start, 1 min to stop) and the images can be pulled. Running tasks of awsvpc services hold
 * network interfaces in their subnets and security groups (and public addresses in the VPC), so EC2 refuses
 * to delete those with DependencyViolation until the tasks have stopped, as AWS does.
 */
final class FakeEcsTasks {
  private final FakeEcsSupport s;
  private final FakeEcsRollout rollout;

  FakeEcsTasks(FakeEcsSupport support, FakeEcsRollout rollout) {
    this.s = support;
    this.rollout = rollout;
  }

  /** Registers the dependency hooks EC2 consults before deleting subnets, groups and gateways. */
  void registerDependents() {
    SandboxAccount a = s.account;
    a.registerDependents("ec2", "subnet", id -> a.read(() -> holders(svc -> awsvpc(svc, "subnets").contains(id))));
    a.registerDependents("ec2", "security-group", id -> a.read(() -> holders(svc -> awsvpc(svc, "securityGroups").contains(id))));
    a.registerDependents("ec2", "vpc-public-addresses", vpc -> a.read(() -> holders(svc -> publicIp(svc)
        && awsvpc(svc, "subnets").stream().anyMatch(sn -> vpc.equals(vpcOf(sn))))));
  }

  String status(ServiceRec svc) {
    return "DRAINING".equals(svc.status) && rollout.of(svc).phase() == FakeEcsRollout.Phase.COMPLETED ? "INACTIVE" : svc.status;
  }

  int running(ServiceRec svc) { return rollout.of(svc).running(); }

  /** The task definition the service runs: after a rollback, the one it went back to. */
  String taskDefinition(ServiceRec svc) { return rollout.of(svc).taskDefinition(); }

  void fold(ServiceRec svc) { rollout.fold(svc); }

  List<Deployment> deployments(ServiceRec svc) {
    if ("INACTIVE".equals(status(svc))) return List.of();
    FakeEcsRollout.Outcome o = rollout.of(svc);
    Instant at = Instant.parse(svc.changedAt);
    NetworkConfiguration nc = svc.networkConfiguration == null ? null
        : SdkMaps.build(NetworkConfiguration.builder(), svc.networkConfiguration);
    String id = String.format("ecs-svc/%019d", svc.deployment);
    if (o.phase() == FakeEcsRollout.Phase.ROLLED_BACK) {
      String back = String.format("ecs-svc/%019d-rollback", svc.deployment);
      return List.of(Deployment.builder().id(back).status("PRIMARY").taskDefinition(o.taskDefinition())
          .desiredCount(svc.desiredCount).runningCount(o.running()).pendingCount(0).failedTasks(0).createdAt(at).updatedAt(at)
          .launchType(svc.launchType).platformVersion(svc.platformVersion).networkConfiguration(nc)
          .rolloutState(DeploymentRolloutState.COMPLETED).rolloutStateReason("ECS deployment " + back + " completed.").build());
    }
    boolean done = o.phase() == FakeEcsRollout.Phase.COMPLETED;
    int target = "ACTIVE".equals(svc.status) ? svc.desiredCount : 0;
    List<Deployment> out = new ArrayList<>();
    out.add(Deployment.builder().id(id).status("PRIMARY").taskDefinition(svc.taskDefinition).desiredCount(target)
        .pendingCount(0).failedTasks(o.failedTasks())
        .runningCount(done ? target : svc.previousTaskDefinition != null ? 0 : o.running())
        .createdAt(at).updatedAt(at).launchType(svc.launchType).platformVersion(svc.platformVersion).networkConfiguration(nc)
        .rolloutState(done ? DeploymentRolloutState.COMPLETED : o.phase() == FakeEcsRollout.Phase.FAILED
            ? DeploymentRolloutState.FAILED : DeploymentRolloutState.IN_PROGRESS)
        .rolloutStateReason(done ? "ECS deployment " + id + " completed." : o.phase() == FakeEcsRollout.Phase.FAILED
            ? "ECS deployment circuit breaker: tasks failed to start." : null).build());
    if (!done && svc.previousTaskDefinition != null) {
      out.add(Deployment.builder().id(String.format("ecs-svc/%019d", svc.deployment - 1)).status("ACTIVE")
          .taskDefinition(svc.previousTaskDefinition).desiredCount(svc.runningAtChange).runningCount(svc.runningAtChange)
          .pendingCount(0).failedTasks(0).createdAt(Instant.parse(svc.createdAt)).updatedAt(at).launchType(svc.launchType)
          .platformVersion(svc.platformVersion).networkConfiguration(nc).rolloutState(DeploymentRolloutState.COMPLETED).build());
    }
    return out;
  }

  /** The newest event first, as ECS lists them: why tasks do not start, a failed deployment, a steady state. */
  List<ServiceEvent> events(ServiceRec svc) {
    if (!"ACTIVE".equals(svc.status)) return List.of();
    FakeEcsRollout.Outcome o = rollout.of(svc);
    Instant at = Instant.parse(svc.changedAt);
    String name = "(service " + svc.name + ")";
    List<ServiceEvent> out = new ArrayList<>();
    if (o.phase() == FakeEcsRollout.Phase.COMPLETED || o.phase() == FakeEcsRollout.Phase.ROLLED_BACK) {
      out.add(event(svc, 2, at, name + " has reached a steady state."));
    }
    if (o.phase() == FakeEcsRollout.Phase.FAILED || o.phase() == FakeEcsRollout.Phase.ROLLED_BACK) {
      out.add(event(svc, 1, at, name + " (deployment " + String.format("ecs-svc/%019d", svc.deployment)
          + ") deployment failed: tasks failed to start."));
    }
    if (o.missingImage() != null) {
      out.add(event(svc, 0, at, name + " failed to launch a task with (error CannotPullContainerError: pull image manifest"
          + " has been retried 5 time(s): failed to resolve ref " + o.missingImage() + ": not found)."));
    }
    return out;
  }

  private static ServiceEvent event(ServiceRec svc, int n, Instant at, String message) {
    return ServiceEvent.builder().id(svc.deployment + "-" + n).createdAt(at.plusSeconds(n)).message(message).build();
  }

  private List<String> holders(Predicate<ServiceRec> uses) {
    List<String> out = new ArrayList<>();
    for (ServiceRec svc : s.state().services.values()) {
      int n = running(svc);
      if (n > 0 && uses.test(svc)) out.add("network interfaces of " + n + " task(s) of ECS service " + svc.arn);
    }
    return out;
  }

  private static List<String> awsvpc(ServiceRec svc, String field) {
    if (svc.networkConfiguration == null || !(svc.networkConfiguration.get("awsvpcConfiguration") instanceof Map<?, ?> c)) {
      return List.of();
    }
    return c.get(field) instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }

  private static boolean publicIp(ServiceRec svc) {
    return svc.networkConfiguration != null && svc.networkConfiguration.get("awsvpcConfiguration") instanceof Map<?, ?> c
        && "ENABLED".equals(c.get("assignPublicIp"));
  }

  private String vpcOf(String subnetId) {
    Ec2State.SubnetRec sn = s.account.regionalState("ec2", Ec2State.class).subnets.get(subnetId);
    return sn == null ? null : sn.vpcId;
  }
}
