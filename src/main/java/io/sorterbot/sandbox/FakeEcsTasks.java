package io.sorterbot.sandbox;

import io.sorterbot.sandbox.EcsState.ServiceRec;
import java.time.Duration;
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
 * The tasks of services, derived rather than stored: after a change (create, new desired count,
 * new deployment, delete) the running count reaches its target once the provisioning time has passed
 * ({@link SandboxGate#provisioned}: 2 min to start, 1 min to stop). Running tasks of awsvpc services
 * hold network interfaces in their subnets and security groups (and public addresses in the VPC), so
 * EC2 refuses to delete those with DependencyViolation until the tasks have stopped, as AWS does.
 */
final class FakeEcsTasks {
  static final Duration START = Duration.ofMinutes(2);
  static final Duration STOP = Duration.ofMinutes(1);

  private final FakeEcsSupport s;

  FakeEcsTasks(FakeEcsSupport support) { this.s = support; }

  /** Registers the dependency hooks EC2 consults before deleting subnets, groups and gateways. */
  void registerDependents() {
    SandboxAccount a = s.account;
    a.registerDependents("ec2", "subnet", id -> a.read(() -> holders(svc -> awsvpc(svc, "subnets").contains(id))));
    a.registerDependents("ec2", "security-group", id -> a.read(() -> holders(svc -> awsvpc(svc, "securityGroups").contains(id))));
    a.registerDependents("ec2", "vpc-public-addresses", vpc -> a.read(() -> holders(svc -> publicIp(svc)
        && awsvpc(svc, "subnets").stream().anyMatch(sn -> vpc.equals(vpcOf(sn))))));
  }

  String status(ServiceRec svc) {
    return "DRAINING".equals(svc.status) && settled(svc) ? "INACTIVE" : svc.status;
  }

  int running(ServiceRec svc) { return settled(svc) ? target(svc) : svc.runningAtChange; }

  List<Deployment> deployments(ServiceRec svc) {
    if ("INACTIVE".equals(status(svc))) return List.of();
    boolean done = settled(svc);
    Instant at = Instant.parse(svc.changedAt);
    NetworkConfiguration nc = svc.networkConfiguration == null ? null
        : SdkMaps.build(NetworkConfiguration.builder(), svc.networkConfiguration);
    String id = String.format("ecs-svc/%019d", svc.deployment);
    List<Deployment> out = new ArrayList<>();
    out.add(Deployment.builder().id(id).status("PRIMARY").taskDefinition(svc.taskDefinition).desiredCount(target(svc))
        .pendingCount(0).failedTasks(0).runningCount(done ? target(svc) : svc.previousTaskDefinition != null ? 0 : svc.runningAtChange)
        .createdAt(at).updatedAt(at).launchType(svc.launchType).platformVersion(svc.platformVersion).networkConfiguration(nc)
        .rolloutState(done ? DeploymentRolloutState.COMPLETED : DeploymentRolloutState.IN_PROGRESS)
        .rolloutStateReason(done ? "ECS deployment " + id + " completed." : null).build());
    if (!done && svc.previousTaskDefinition != null) {
      out.add(Deployment.builder().id(String.format("ecs-svc/%019d", svc.deployment - 1)).status("ACTIVE")
          .taskDefinition(svc.previousTaskDefinition).desiredCount(svc.runningAtChange).runningCount(svc.runningAtChange)
          .pendingCount(0).failedTasks(0).createdAt(Instant.parse(svc.createdAt)).updatedAt(at).launchType(svc.launchType)
          .platformVersion(svc.platformVersion).networkConfiguration(nc).rolloutState(DeploymentRolloutState.COMPLETED).build());
    }
    return out;
  }

  List<ServiceEvent> events(ServiceRec svc) {
    if (!"ACTIVE".equals(svc.status) || !settled(svc)) return List.of();
    return List.of(ServiceEvent.builder().id(String.valueOf(svc.deployment)).createdAt(Instant.parse(svc.changedAt))
        .message("(service " + svc.name + ") has reached a steady state.").build());
  }

  private int target(ServiceRec svc) { return "ACTIVE".equals(svc.status) ? svc.desiredCount : 0; }

  private boolean settled(ServiceRec svc) {
    int target = target(svc);
    boolean redeploy = svc.previousTaskDefinition != null;
    if (!redeploy && target == svc.runningAtChange) return true;
    return s.gate.provisioned(svc.changedAt, redeploy || target > svc.runningAtChange ? START : STOP);
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
