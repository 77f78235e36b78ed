package io.sorterbot.aws;

/** How an AWS error should be handled. */
public enum ErrorClass {
  /** Rate limited: left to the SDK's retry strategy. */
  THROTTLING,
  /** Right after a create the resource is not visible yet, or IAM has not propagated: retry a while. */
  EVENTUAL_CONSISTENCY,
  /** Something still depends on it (DependencyViolation, DeleteConflict...): retry deletes for minutes. */
  DEPENDENCY,
  NOT_FOUND,
  ACCESS_DENIED,
  ALREADY_EXISTS,
  /** 5xx: transient server-side error. */
  SERVER,
  OTHER
}
