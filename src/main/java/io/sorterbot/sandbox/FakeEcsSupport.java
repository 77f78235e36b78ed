package io.sorterbot.sandbox;

import io.sorterbot.sandbox.EcsState.ClusterRec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsServicesException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsTasksException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;

/** What the ECS fakes share: typed errors, ARNs, tags, cluster lookup. Runs under the account lock. */
final class FakeEcsSupport {
  static final SandboxErrors ERRORS = new SandboxErrors("ecs", "Ecs", "ThrottlingException", "Rate exceeded",
      FakeEcsSupport::build);
  private static final int MAX_TAGS = 50;

  final SandboxGate gate;
  final SandboxAccount account;

  FakeEcsSupport(SandboxGate gate) {
    this.gate = gate;
    this.account = gate.account();
  }

  EcsState state() { return account.regionalState("ecs", EcsState.class); }

  String now() { return account.now().toString(); }

  String arn(String resource) { return "arn:aws:ecs:" + account.region() + ":" + account.accountId() + ":" + resource; }

  // ---- errors ----

  private static AwsServiceException build(int status, AwsErrorDetails d) {
    EcsException.Builder b = switch (d.errorCode()) {
      case "ClientException" -> ClientException.builder();
      case "InvalidParameterException" -> InvalidParameterException.builder();
      case "ClusterNotFoundException" -> ClusterNotFoundException.builder();
      case "ClusterContainsServicesException" -> ClusterContainsServicesException.builder();
      case "ClusterContainsTasksException" -> ClusterContainsTasksException.builder();
      case "ServiceNotFoundException" -> ServiceNotFoundException.builder();
      case "ServiceNotActiveException" -> ServiceNotActiveException.builder();
      case "ResourceNotFoundException" -> ResourceNotFoundException.builder();
      default -> EcsException.builder();
    };
    return (AwsServiceException) b.statusCode(status).awsErrorDetails(d).message(d.errorMessage()).build();
  }

  static AwsServiceException error(String code, String message) { return ERRORS.error(code, message); }

  static AwsServiceException invalid(String message) { return error("InvalidParameterException", message); }

  static AwsServiceException client(String message) { return error("ClientException", message); }

  static AwsServiceException clusterNotFound() { return error("ClusterNotFoundException", "Cluster not found."); }

  static UnsupportedOperationException unsupported(String what) {
    return new UnsupportedOperationException("the sandbox does not simulate " + what + " yet");
  }

  /**
   * ECS's service-linked role. On the first use of ECS in an account, CreateCluster (which asks IAM for
   * AWSServiceRoleForECS) and CreateService answer this until the role exists and has propagated: AWS's
   * CreateCluster reference ("Amazon ECS attempts to create the Amazon ECS service-linked role"), users'
   * reports (aws-samples/run-selenium-tests-at-scale-using-ecs-fargate#2: "CreateCluster ... on a second
   * deployment it worked"; awslabs/fargatecli#35), and Terraform's CreateService retry on this very message
   * (terraform-provider-aws internal/service/ecs/service.go, serviceCreateWithRetry).
   */
  void requireServiceLinkedRole() {
    if (!gate.ecsServiceLinkedRoleReady()) {
      throw invalid("Unable to assume the service linked role. Please verify that the ECS service linked role exists.");
    }
  }

  /**
   * A role given to ECS (a task or execution role) must have propagated: a role created seconds ago is refused
   * with {@code ClientException: Role is not valid} (bradford-hamilton/terraform-ecs-fargate#8,
   * terraform-aws-modules/terraform-aws-ecs#414). Roles the sandbox's IAM does not know are left alone.
   */
  void requirePropagatedRole(String roleArn) {
    if (roleArn == null) return;
    IamState iam = account.state("iam", SandboxAccount.GLOBAL, IamState.class);
    for (IamState.RoleRec r : iam.roles.values()) {
      if (roleArn.equals(r.arn) && !gate.propagated(r.createdAt)) throw client("Role is not valid");
    }
  }

  // ---- clusters ----

  /** The last segment of a cluster ARN, or the name itself; "default" when absent, as AWS assumes. */
  static String clusterName(String nameOrArn) {
    if (nameOrArn == null || nameOrArn.isEmpty()) return "default";
    int slash = nameOrArn.lastIndexOf('/');
    return nameOrArn.startsWith("arn:") && slash >= 0 ? nameOrArn.substring(slash + 1) : nameOrArn;
  }

  /** The ACTIVE cluster, visible to reads once the consistency lag has passed; ClusterNotFoundException otherwise. */
  ClusterRec activeCluster(String nameOrArn) {
    ClusterRec c = state().clusters.get(clusterName(nameOrArn));
    if (c == null || !"ACTIVE".equals(c.status) || !gate.visible(c.createdAt)) throw clusterNotFound();
    if (nameOrArn != null && nameOrArn.startsWith("arn:") && !nameOrArn.equals(c.arn)) throw clusterNotFound();
    return c;
  }

  // ---- tags ----

  /** Adds {@code tags} after AWS's checks (aws: prefix reserved, lengths, at most 50 per resource). */
  static void putTags(Map<String, String> into, List<Tag> tags) {
    if (tags == null) return;
    Map<String, String> merged = new LinkedHashMap<>(into);
    for (Tag t : tags) {
      if (t.key() == null || t.key().isEmpty() || t.key().length() > 128 || (t.value() != null && t.value().length() > 256)) {
        throw invalid("The specified tags are not valid: " + t.key());
      }
      if (t.key().toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw invalid("Tag keys with the prefix 'aws:' are reserved for AWS use.");
      }
      merged.put(t.key(), t.value() == null ? "" : t.value());
    }
    if (merged.size() > MAX_TAGS) throw invalid("The number of tags exceeds the limit of 50.");
    into.clear();
    into.putAll(merged);
  }

  static List<Tag> sdkTags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }
}
