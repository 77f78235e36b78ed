package io.sorterbot.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * The IAM state of the sandbox account, persisted by {@link SandboxAccount} under {@code services.iam.global}
 * (IAM is global: one state whatever the region). Customer managed policies are keyed by ARN, the other
 * entities by name (IAM names are unique per account, whatever the path). AWS managed policies are not
 * stored: they come from {@link FakeIamManaged}. Access key secrets are never stored, as in AWS.
 * Other fakes may read this state (e.g. whether an instance profile exists) inside their own operation.
 */
public final class IamState {
  public TreeMap<String, PolicyRec> policies = new TreeMap<>();
  public TreeMap<String, RoleRec> roles = new TreeMap<>();
  public TreeMap<String, InstanceProfileRec> instanceProfiles = new TreeMap<>();
  public TreeMap<String, UserRec> users = new TreeMap<>();

  /** What every IAM entity has. */
  public abstract static class Entity {
    /** The unique id: AROA..., ANPA..., AIPA..., AIDA... */
    public String id;
    public String name;
    public String path;
    public String arn;
    /** ISO-8601 instant of creation, from the account's ticker. */
    public String createdAt;
    public LinkedHashMap<String, String> tags = new LinkedHashMap<>();
  }

  public static final class PolicyRec extends Entity {
    public String description;
    public String defaultVersionId;
    /** The number of the next version (v1, v2...): deleted numbers are never reused. */
    public int nextVersion = 1;
    public List<VersionRec> versions = new ArrayList<>();
    public String updatedAt;
  }

  public static final class VersionRec {
    public String versionId;
    /** The document as sent (AWS returns it URL-encoded). */
    public String document;
    public String createdAt;
  }

  /** What roles and users share: managed attachments and inline policies. */
  public abstract static class Principal extends Entity {
    public List<String> attachedPolicyArns = new ArrayList<>();
    /** Inline policy name to document. */
    public TreeMap<String, String> inlinePolicies = new TreeMap<>();
  }

  public static final class RoleRec extends Principal {
    public String assumeRolePolicyDocument;
    public String description;
    public int maxSessionDuration = 3600;
  }

  public static final class InstanceProfileRec extends Entity {
    /** Role names (AWS allows at most one). */
    public List<String> roles = new ArrayList<>();
  }

  public static final class UserRec extends Principal {
    public TreeMap<String, AccessKeyRec> accessKeys = new TreeMap<>();
    /** A console password exists (CreateLoginProfile; the password itself is not kept). */
    public boolean loginProfile;
  }

  public static final class AccessKeyRec {
    public String id;
    public String status = "Active";
    public String createdAt;
  }
}
