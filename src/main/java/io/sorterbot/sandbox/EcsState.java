package io.sorterbot.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ECS state of one region of the sandbox account, persisted by {@link SandboxAccount} under
 * {@code services.ecs.<region>}. Request shapes that the fake only stores and returns (a task
 * definition, a network configuration) are kept as the API's JSON ({@link SdkMaps}).
 */
public final class EcsState {
  /** By cluster name. Deleted clusters stay as INACTIVE, as AWS keeps them describable for a while. */
  public TreeMap<String, ClusterRec> clusters = new TreeMap<>();
  /** By family name. */
  public TreeMap<String, FamilyRec> families = new TreeMap<>();
  /** By service ARN (cluster and name); a deleted service stays as INACTIVE until one of the same name replaces it. */
  public TreeMap<String, ServiceRec> services = new TreeMap<>();
  /** CreateService idempotency: client token to the ARN of the service it created. */
  public TreeMap<String, String> clientTokens = new TreeMap<>();

  public static final class ClusterRec {
    public String name;
    public String arn;
    /** ACTIVE or INACTIVE. */
    public String status;
    public String createdAt;
    public LinkedHashMap<String, String> tags = new LinkedHashMap<>();
  }

  public static final class FamilyRec {
    /** Revisions are never reused, even after a revision is deleted. */
    public int lastRevision;
    public TreeMap<Integer, TaskDefRec> revisions = new TreeMap<>();
  }

  public static final class TaskDefRec {
    public String arn;
    public String family;
    public int revision;
    /** ACTIVE or INACTIVE (DeleteTaskDefinitions removes the record). */
    public String status;
    public String registeredAt;
    public String deregisteredAt;
    /** The TaskDefinition as the API's JSON, AWS defaults filled in, without status and dates. */
    public Map<String, Object> definition = new LinkedHashMap<>();
    public LinkedHashMap<String, String> tags = new LinkedHashMap<>();
  }

  public static final class ServiceRec {
    public String arn;
    public String name;
    public String clusterArn;
    /** ACTIVE, or DRAINING once deleted (INACTIVE is derived: draining finished). */
    public String status;
    public int desiredCount;
    public String taskDefinition;
    public String launchType;
    public String platformVersion;
    /** NetworkConfiguration as the API's JSON, or null. */
    public Map<String, Object> networkConfiguration;
    public boolean enableExecuteCommand;
    public String propagateTags;
    public String createdAt;
    public LinkedHashMap<String, String> tags = new LinkedHashMap<>();
    /** When the desired count, the deployment or the status last changed: tasks converge from there. */
    public String changedAt;
    /** Tasks running at {@link #changedAt}. */
    public int runningAtChange;
    /** The task definition being replaced by the current deployment, or null when it is not a redeployment. */
    public String previousTaskDefinition;
    /** Sequence of the current deployment (its id). */
    public long deployment;
    /** The deployment circuit breaker: a deployment whose tasks keep failing to start fails instead of retrying. */
    public boolean circuitBreaker;
    /** On a failed deployment, go back to {@link #rollbackTaskDefinition}. */
    public boolean rollback;
    /** The task definition of the last deployment that completed, or null: what a rollback returns to. */
    public String rollbackTaskDefinition;
    public String deletedAt;
  }
}
