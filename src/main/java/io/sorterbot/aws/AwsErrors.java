package io.sorterbot.aws;

import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The one place AWS errors are classified. */
public final class AwsErrors {
  private AwsErrors() {}

  public static String code(Throwable t) {
    if (t instanceof AwsServiceException e && e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
      return e.awsErrorDetails().errorCode();
    }
    return t == null ? "" : t.getClass().getSimpleName();
  }

  public static String message(Throwable t) {
    if (t instanceof AwsServiceException e && e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
      return e.awsErrorDetails().errorMessage();
    }
    return t == null ? "" : String.valueOf(t.getMessage());
  }

  public static ErrorClass classify(Throwable t) {
    if (t instanceof SdkClientException) return ErrorClass.SERVER;
    if (!(t instanceof AwsServiceException e)) return ErrorClass.OTHER;
    String code = code(t);
    String msg = message(t).toLowerCase(Locale.ROOT);
    if (e.isThrottlingException() || code.contains("Throttl") || code.equals("RequestLimitExceeded")
        || code.equals("TooManyRequestsException") || code.equals("SlowDown")) {
      return ErrorClass.THROTTLING;
    }
    if (code.equals("DependencyViolation") || code.equals("DeleteConflict") || code.equals("ResourceInUse")
        || code.equals("ResourceInUseException") || code.equals("InvalidDBSubnetGroupStateFault")
        || code.equals("ClusterContainsServicesException") || code.equals("ClusterContainsTasksException")
        || code.equals("InvalidDBInstanceState") || code.equals("InvalidDBInstanceStateFault")
        || code.equals("IncorrectState") || code.equals("InvalidGroup.InUse")) {
      return ErrorClass.DEPENDENCY;
    }
    if (propagating(msg)) return ErrorClass.EVENTUAL_CONSISTENCY;
    if (code.endsWith(".NotFound") || code.endsWith("NotFound") || code.endsWith("NotFoundException")
        || code.endsWith("NotFoundFault") || code.equals("NoSuchEntity") || code.equals("NoSuchBucket")
        || code.equals("ParameterNotFound") || code.equals("ClusterNotFoundException")
        || code.equals("ServiceNotFoundException") || code.equals("RepositoryNotFoundException")) {
      return ErrorClass.NOT_FOUND;
    }
    if (code.contains("AccessDenied") || code.equals("UnauthorizedOperation") || code.equals("AuthFailure")
        || code.equals("InvalidClientTokenId") || code.equals("ExpiredToken") || e.statusCode() == 403) {
      return ErrorClass.ACCESS_DENIED;
    }
    if (code.contains("AlreadyExists") || code.contains("Duplicate") || code.equals("EntityAlreadyExists")
        || code.equals("ParameterAlreadyExists") || code.equals("BucketAlreadyOwnedByYou")) {
      return ErrorClass.ALREADY_EXISTS;
    }
    if (e.statusCode() >= 500) return ErrorClass.SERVER;
    return ErrorClass.OTHER;
  }

  /**
   * What AWS answers while IAM propagates a role or instance profile made seconds ago, or while ECS's
   * service-linked role does not exist yet in a fresh account: EC2 "Invalid IAM Instance Profile" / "has no
   * associated IAM Roles", ECS "Role is not valid" (RegisterTaskDefinition), "Unable to assume the service
   * linked role" (CreateCluster, CreateService; Terraform's serviceCreateWithRetry retries it), "verify that
   * the ECS service role", and iam:PassRole denied for a new role (terraform-aws-modules/terraform-aws-ecs#414).
   */
  private static boolean propagating(String msg) {
    return msg.contains("invalid iam instance profile") || msg.contains("has no associated iam roles")
        || msg.contains("unable to assume role") || msg.contains("verify that the ecs service role")
        || msg.contains("not authorized to perform: iam:passrole") || msg.contains("cannot be assumed")
        || msg.contains("role is not valid") || msg.contains("unable to assume the service linked role")
        || msg.contains("ecs service linked role is not ready");
  }

  /** Whether {@code t}, or a cause, is the SDK's "no credentials in the provider chain". */
  public static boolean credentialsMissing(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SdkClientException && c.getMessage() != null && c.getMessage().startsWith("Unable to load credentials")) {
        return true;
      }
    }
    return false;
  }

  /** NOT_FOUND right after a create is eventual consistency; elsewhere it is a real absence. */
  public static boolean isNotFound(Throwable t) { return classify(t) == ErrorClass.NOT_FOUND; }
}
