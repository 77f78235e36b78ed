package io.sorterbot.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * The RDS state of one region of the sandbox account, as persisted by {@link SandboxAccount} under
 * {@code services.rds.<region>}. Keys are the lowercase names AWS stores (identifiers are case-insensitive).
 *
 * <p>Slow transitions are not scheduled: an instance records its phase and when it began, and every
 * operation first settles what the account's ticker says has finished (see {@code FakeRdsSupport.settle}).
 */
public final class RdsState {
  public TreeMap<String, SubnetGroupRec> subnetGroups = new TreeMap<>();
  public TreeMap<String, InstanceRec> instances = new TreeMap<>();
  public TreeMap<String, SnapshotRec> snapshots = new TreeMap<>();

  /** What every taggable RDS resource has. */
  public abstract static class Res {
    public String arn;
    /** ISO-8601 instant of creation, from the account's ticker. */
    public String createdAt;
    public LinkedHashMap<String, String> tags = new LinkedHashMap<>();
  }

  public static final class SubnetGroupRec extends Res {
    public String name;
    public String description;
    public String vpcId;
    public List<String> subnetIds = new ArrayList<>();
  }

  public static final class InstanceRec extends Res {
    public String identifier;
    public String resourceId;
    public String engine;
    public String engineVersion;
    public String instanceClass;
    public int allocatedStorage;
    public String storageType;
    public String masterUsername;
    /** SHA-256 (hex) of the master password: enough to tell a change, never the secret itself on disk. */
    public String masterUserPasswordSha256;
    public String dbName;
    public int port;
    public boolean publiclyAccessible;
    public boolean iamAuth;
    public int backupRetentionPeriod;
    public String subnetGroupName;
    public List<String> vpcSecurityGroupIds = new ArrayList<>();
    public String availabilityZone;
    /** The subnet holding the instance's network interface (and the standby's, when Multi-AZ). */
    public String subnetId;
    public String secondaryAvailabilityZone;
    public String secondarySubnetId;
    public boolean multiAZ;
    public boolean storageEncrypted;
    public String kmsKeyId;
    public boolean deletionProtection;
    /** creating, backing-up, available, modifying, storage-optimization or deleting. */
    public String status;
    /** When the current status began (ISO-8601). */
    public String statusSince;
    /** When the last storage change (size or type) was accepted (ISO-8601), or null: no other for 6 hours. */
    public String storageModifiedAt;
    /** Modifications being applied now (ApplyImmediately): field name to new value, applied when modifying ends. */
    public TreeMap<String, String> applying = new TreeMap<>();
    /** Modifications waiting for the maintenance window (which the sandbox never reaches). */
    public TreeMap<String, String> scheduled = new TreeMap<>();
  }

  public static final class SnapshotRec extends Res {
    public String identifier;
    public String instanceIdentifier;
    public String engine;
    public String engineVersion;
    public int allocatedStorage;
    public String vpcId;
    public String availabilityZone;
    public String masterUsername;
    public int port;
    public String instanceCreatedAt;
    /** manual (a final snapshot is a manual one). */
    public String snapshotType = "manual";
  }
}
