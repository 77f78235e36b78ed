package io.sorterbot.kinds.ecs;

import io.sorterbot.model.Desired;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;

/** The service's requests built from the file's properties, and its network configuration both ways. */
final class ServiceRequests {
  /**
   * Every service gets the deployment circuit breaker with rollback: a deployment whose tasks keep failing
   * (a missing image, a crashing container) fails and goes back to the last one that worked, instead of
   * launching tasks for ever (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentCircuitBreaker.html).
   */
  static final DeploymentConfiguration CIRCUIT_BREAKER = DeploymentConfiguration.builder()
      .deploymentCircuitBreaker(c -> c.enable(true).rollback(true)).build();

  private ServiceRequests() {}

  static CreateServiceRequest create(Desired d, String token) {
    CreateServiceRequest.Builder b = CreateServiceRequest.builder().cluster(d.string("cluster"))
        .serviceName(d.string("serviceName")).taskDefinition(d.string("taskDefinition"))
        // The schema's default; AWS would otherwise pick the cluster's capacity providers or EC2.
        .launchType(d.has("launchType") ? d.string("launchType") : "FARGATE")
        // AWS requires a count for replica services; one task is what a file without it means.
        .desiredCount(d.has("desiredCount") ? EcsSupport.integer(d.get("desiredCount")) : 1)
        .tags(EcsSupport.toTags(d.tags())).clientToken(token).deploymentConfiguration(CIRCUIT_BREAKER);
    if (d.has("networkConfiguration")) b.networkConfiguration(network(d.get("networkConfiguration")));
    if (d.has("platformVersion")) b.platformVersion(d.string("platformVersion"));
    if (d.has("enableExecuteCommand")) b.enableExecuteCommand((Boolean) EcsSupport.bool(d.get("enableExecuteCommand")));
    if (d.has("propagateTags")) b.propagateTags(d.string("propagateTags"));
    return b.build();
  }

  static NetworkConfiguration network(Object value) {
    Map<?, ?> vpc = (Map<?, ?>) ((Map<?, ?>) value).get("awsvpcConfiguration");
    AwsVpcConfiguration.Builder b = AwsVpcConfiguration.builder().subnets(strings(vpc.get("subnets")));
    if (vpc.get("securityGroups") != null) b.securityGroups(strings(vpc.get("securityGroups")));
    if (vpc.get("assignPublicIp") != null) b.assignPublicIp(String.valueOf(vpc.get("assignPublicIp")));
    return NetworkConfiguration.builder().awsvpcConfiguration(b.build()).build();
  }

  /** The live network configuration in the file's shape (AWS fills in assignPublicIp DISABLED). */
  static Map<String, Object> networkMap(NetworkConfiguration nc) {
    if (nc == null || nc.awsvpcConfiguration() == null) return null;
    AwsVpcConfiguration c = nc.awsvpcConfiguration();
    Map<String, Object> vpc = new LinkedHashMap<>();
    vpc.put("subnets", c.subnets());
    vpc.put("securityGroups", c.securityGroups());
    vpc.put("assignPublicIp", c.assignPublicIpAsString() == null ? "DISABLED" : c.assignPublicIpAsString());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("awsvpcConfiguration", vpc);
    return out;
  }

  /** Subnets and security groups are sets: order and duplicates do not count. */
  static Object normalizeNetwork(Object value) {
    if (!(value instanceof Map<?, ?> m) || !(m.get("awsvpcConfiguration") instanceof Map<?, ?> vpc)) return value;
    Map<String, Object> c = new LinkedHashMap<>();
    vpc.forEach((k, v) -> c.put(String.valueOf(k), v instanceof List<?> l ? sortedSet(l) : v));
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    out.put("awsvpcConfiguration", c);
    return out;
  }

  /** The last segment of a cluster ARN, or the name itself. */
  static String clusterName(String nameOrArn) {
    if (nameOrArn == null) return null;
    int slash = nameOrArn.lastIndexOf('/');
    return nameOrArn.startsWith("arn:") && slash >= 0 ? nameOrArn.substring(slash + 1) : nameOrArn;
  }

  /** {@code family:revision} out of a task definition ARN; anything else unchanged. */
  static String taskDefinitionTail(String ref) {
    int at = ref.indexOf(":task-definition/");
    return ref.startsWith("arn:") && at >= 0 ? ref.substring(at + ":task-definition/".length()) : ref;
  }

  private static List<String> sortedSet(List<?> l) {
    return l.stream().map(x -> String.valueOf(x).trim()).distinct().sorted().toList();
  }

  private static List<String> strings(Object v) { return ((List<?>) v).stream().map(String::valueOf).toList(); }
}
