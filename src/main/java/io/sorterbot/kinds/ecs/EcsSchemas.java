package io.sorterbot.kinds.ecs;

import static io.sorterbot.model.PropSchema.prop;
import static io.sorterbot.model.ValueType.BOOLEAN;
import static io.sorterbot.model.ValueType.DOCUMENT;
import static io.sorterbot.model.ValueType.INTEGER;
import static io.sorterbot.model.ValueType.STRING;
import static io.sorterbot.model.ValueType.STRING_LIST;

import io.sorterbot.model.Format;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.ValueType;

/** Schemas of the ECS kinds (pure data). */
public final class EcsSchemas {
  private EcsSchemas() {}

  public static final KindSchema CLUSTER = KindSchema.builder("ecs.cluster",
          "ECS cluster")
      .prop(prop("clusterName", STRING).format(Format.ECS_NAME).required().immutable()
          .doc("Name of the cluster"))
      .taggable()
      .attrs("arn", "name")
      .build();

  private static final ValueType PORT_MAPPING = ValueType.objectOf(
      prop("containerPort", INTEGER).required().doc("Port the container listens on").build(),
      prop("hostPort", INTEGER).doc("Port on the host (with awsvpc: equal to containerPort or unset)").build(),
      prop("protocol", ValueType.enumOf("tcp", "udp")).doc("Protocol of the mapping (default tcp)").build());

  private static final ValueType KEY_VALUE = ValueType.objectOf(
      prop("name", STRING).required().doc("Name of the environment variable").build(),
      prop("value", STRING).doc("Value of the environment variable").build());

  private static final ValueType SECRET = ValueType.objectOf(
      prop("name", STRING).required().doc("Name of the environment variable that receives the secret").build(),
      prop("valueFrom", STRING).required().doc("ARN of the SSM parameter or Secrets Manager secret").build());

  private static final ValueType CONTAINER_DEFINITION = ValueType.objectOf(
      prop("name", STRING).required().doc("Name of the container").build(),
      prop("image", STRING).required().doc("Image to run, e.g. <repositoryUri>:<tag>").build(),
      prop("essential", BOOLEAN).doc("Whether the task stops when this container stops (default true)").build(),
      prop("cpu", INTEGER).doc("CPU units reserved for the container").build(),
      prop("memory", INTEGER).doc("Hard memory limit of the container in MiB").build(),
      prop("memoryReservation", INTEGER).doc("Soft memory limit of the container in MiB").build(),
      prop("portMappings", ValueType.listOf(PORT_MAPPING)).doc("Ports the container exposes").build(),
      prop("environment", ValueType.listOf(KEY_VALUE)).doc("Environment variables of the container").build(),
      prop("secrets", ValueType.listOf(SECRET)).doc("Environment variables filled from SSM parameters or Secrets Manager").build(),
      prop("command", STRING_LIST).doc("Command passed to the container (overrides the image's CMD)").build(),
      prop("entryPoint", STRING_LIST).doc("Entry point of the container (overrides the image's ENTRYPOINT)").build(),
      prop("workingDirectory", STRING).doc("Working directory of the command").build(),
      prop("logConfiguration", DOCUMENT).doc("Log configuration, e.g. {logDriver: awslogs, options: {...}}").build());

  /**
   * Only the family forces replacement: a revision is immutable in AWS, but the kind's update
   * registers a new revision of the same family, which a replace (delete + create) must not do.
   */
  public static final KindSchema TASK_DEFINITION = KindSchema.builder("ecs.taskDefinition",
          "ECS task definition family; a change registers a new revision and deregisters older ones")
      .prop(prop("family", STRING).format(Format.ECS_NAME).required().immutable()
          .doc("Name of the task definition family"))
      .prop(prop("containerDefinitions", ValueType.listOf(CONTAINER_DEFINITION)).required()
          .doc("Containers of the task (only declared fields are compared)"))
      .prop(prop("requiresCompatibilities", ValueType.listOf(ValueType.enumOf("EC2", "FARGATE", "EXTERNAL")))
          .doc("Launch types the task definition is validated against"))
      .prop(prop("networkMode", ValueType.enumOf("awsvpc", "bridge", "host", "none"))
          .doc("Docker networking mode (Fargate requires awsvpc)"))
      .prop(prop("cpu", STRING)
          .doc("CPU units of the task as a string, e.g. \"512\" (required for Fargate)"))
      .prop(prop("memory", STRING)
          .doc("Memory of the task in MiB as a string, e.g. \"4096\" (required for Fargate)"))
      .prop(prop("taskRoleArn", STRING)
          .doc("ARN of the role the containers assume"))
      .prop(prop("executionRoleArn", STRING)
          .doc("ARN of the role ECS uses to pull images and read secrets"))
      .taggable()
      .attrs("arn", "family")
      .attr("revision", INTEGER)
      .build();

  private static final ValueType AWSVPC_CONFIGURATION = ValueType.objectOf(
      prop("subnets", STRING_LIST).required().doc("IDs of the subnets of the tasks").build(),
      prop("securityGroups", STRING_LIST).doc("IDs of the security groups of the tasks").build(),
      prop("assignPublicIp", ValueType.enumOf("ENABLED", "DISABLED")).doc("Whether tasks get a public IP (default DISABLED)").build());

  private static final ValueType NETWORK_CONFIGURATION = ValueType.objectOf(
      prop("awsvpcConfiguration", AWSVPC_CONFIGURATION).required().doc("Subnets, security groups and public IP of awsvpc tasks").build());

  public static final KindSchema SERVICE = KindSchema.builder("ecs.service",
          "ECS service (Fargate) with the deployment circuit breaker (rollback on); create and update wait until it is"
              + " stable, except while an image of its tasks is missing from this account's ECR: then apply says what to"
              + " push and goes on. Attribute imageStatus is 'ready' or 'waiting for image URI'")
      .prop(prop("serviceName", STRING).format(Format.ECS_NAME).required().immutable()
          .doc("Name of the service, unique within the cluster"))
      .prop(prop("cluster", STRING).required().immutable()
          .doc("ARN or name of the cluster that runs the service"))
      .prop(prop("taskDefinition", STRING).required()
          .doc("ARN (family:revision) or family of the task definition to run"))
      .prop(prop("launchType", ValueType.enumOf("FARGATE", "EC2")).defaultValue("FARGATE").immutable()
          .doc("Launch type of the tasks (UpdateService cannot change it)"))
      .prop(prop("desiredCount", INTEGER)
          .doc("Number of tasks to keep running"))
      .prop(prop("platformVersion", STRING)
          .doc("Fargate platform version (default LATEST)"))
      .prop(prop("enableExecuteCommand", BOOLEAN)
          .doc("Whether ECS Exec is enabled for the tasks"))
      .prop(prop("networkConfiguration", NETWORK_CONFIGURATION)
          .doc("Network configuration of awsvpc tasks"))
      .prop(prop("propagateTags", ValueType.enumOf("TASK_DEFINITION", "SERVICE", "NONE"))
          .doc("Whether tasks get the tags of the service or of the task definition (default NONE)"))
      .taggable()
      .attrs("arn", "name", "imageStatus")
      .build();
}
