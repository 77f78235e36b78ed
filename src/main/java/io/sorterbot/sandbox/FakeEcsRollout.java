package io.sorterbot.sandbox;

import io.sorterbot.sandbox.EcsState.ServiceRec;
import io.sorterbot.sandbox.EcsState.TaskDefRec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a service's current deployment stands, derived from its record and the clock rather than stored:
 * new tasks start once the provisioning time has passed since the change and their images can be pulled.
 *
 * <p>An image of this account's ECR that is not there cannot be pulled: its tasks stop with
 * CannotPullContainerError and the service never reaches steady state
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html). Without the
 * deployment circuit breaker ECS keeps launching tasks, so they start once the image is pushed. With it, the
 * deployment fails after the breaker's threshold of failed tasks (0.5 × desired count, 3 to 200:
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceDeploymentCircuitBreaker.html) and
 * "stops launching new tasks"; with rollback, the service goes back to the last deployment that completed
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentCircuitBreaker.html). An image pushed
 * after the failure is not picked up: only a new deployment (UpdateService, forceNewDeployment) tries again.
 */
final class FakeEcsRollout {
  static final Duration START = Duration.ofMinutes(2);
  static final Duration STOP = Duration.ofMinutes(1);
  /** How long failing tasks take to reach the breaker's threshold (each pull is retried for a while). */
  static final Duration FAIL_AFTER = Duration.ofMinutes(5);

  enum Phase { IN_PROGRESS, COMPLETED, FAILED, ROLLED_BACK }

  /**
   * @param taskDefinition what the service runs (the rollback's on ROLLED_BACK)
   * @param missingImage   the first image of the deployment that cannot be pulled, or null
   */
  record Outcome(Phase phase, String taskDefinition, int running, int failedTasks, String missingImage) {}

  private final FakeEcsSupport s;
  private final FakeEcsTaskDefinitions taskDefinitions;

  FakeEcsRollout(FakeEcsSupport s, FakeEcsTaskDefinitions taskDefinitions) {
    this.s = s;
    this.taskDefinitions = taskDefinitions;
  }

  Outcome of(ServiceRec svc) {
    int target = "ACTIVE".equals(svc.status) ? svc.desiredCount : 0;
    boolean redeploy = svc.previousTaskDefinition != null;
    boolean starts = "ACTIVE".equals(svc.status) && target > 0 && (redeploy || target > svc.runningAtChange);
    if (!starts) {
      boolean done = target == svc.runningAtChange && !redeploy || s.gate.provisioned(svc.changedAt, STOP);
      return new Outcome(done ? Phase.COMPLETED : Phase.IN_PROGRESS, svc.taskDefinition, done ? target : svc.runningAtChange,
          0, null);
    }
    String missing = missingImage(svc.taskDefinition);
    Instant ready = missing == null ? readySince(svc) : null;
    Instant now = s.account.now();
    if (svc.circuitBreaker) {
      Instant trips = s.gate.provisionedAt(svc.changedAt, FAIL_AFTER);
      // Pulls fail until the image is pushed: a push at or after the breaker tripped comes too late.
      boolean tooLate = ready == null || ready.isAfter(Instant.parse(svc.changedAt)) && !ready.isBefore(trips);
      if (tooLate && !now.isBefore(trips)) {
        int threshold = Math.max(3, Math.min(200, (int) Math.ceil(0.5 * target)));
        if (svc.rollback && svc.rollbackTaskDefinition != null) {
          return new Outcome(Phase.ROLLED_BACK, svc.rollbackTaskDefinition, target, threshold, missing);
        }
        return new Outcome(Phase.FAILED, svc.taskDefinition, redeploy ? svc.runningAtChange : 0, threshold, missing);
      }
    }
    boolean started = ready != null && !now.isBefore(s.gate.provisionedAt(ready.toString(), START));
    return started ? new Outcome(Phase.COMPLETED, svc.taskDefinition, target, 0, null)
        : new Outcome(Phase.IN_PROGRESS, svc.taskDefinition, svc.runningAtChange, missing == null ? 0 : 1, missing);
  }

  /**
   * Folds what happened since the last change into the record, before a mutation changes it: a rollback
   * becomes the service's task definition; a completed deployment becomes what a later rollback returns to.
   */
  void fold(ServiceRec svc) {
    Outcome o = of(svc);
    if (o.phase() == Phase.ROLLED_BACK || o.phase() == Phase.COMPLETED) {
      svc.taskDefinition = o.taskDefinition();
      svc.rollbackTaskDefinition = o.taskDefinition();
      svc.previousTaskDefinition = null;
      svc.runningAtChange = o.running();
      svc.changedAt = s.now();
    }
  }

  /** The first container image of the task definition that cannot be pulled now, or null. */
  String missingImage(String taskDefinitionArn) {
    for (String image : images(taskDefinitionArn)) {
      if (FakeEcrImages.pushedAt(s.account, image).isEmpty()) return image;
    }
    return null;
  }

  /** Since when every image can be pulled and the change was made: when new tasks can begin to start. */
  private Instant readySince(ServiceRec svc) {
    Instant since = Instant.parse(svc.changedAt);
    for (String image : images(svc.taskDefinition)) {
      Optional<Instant> pushed = FakeEcrImages.pushedAt(s.account, image);
      if (pushed.isPresent() && pushed.get().isAfter(since)) since = pushed.get();
    }
    return since;
  }

  private List<String> images(String taskDefinitionArn) {
    TaskDefRec td = taskDefinitions.find(taskDefinitionArn);
    List<String> out = new ArrayList<>();
    if (td == null || !(td.definition.get("containerDefinitions") instanceof List<?> containers)) return out;
    for (Object c : containers) {
      if (c instanceof Map<?, ?> m && m.get("image") != null) out.add(String.valueOf(m.get("image")));
    }
    return out;
  }
}
