package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeRdsSupport.blank;
import static io.sorterbot.sandbox.FakeRdsSupport.combination;
import static io.sorterbot.sandbox.FakeRdsSupport.error;
import static io.sorterbot.sandbox.FakeRdsSupport.instanceNotFound;
import static io.sorterbot.sandbox.FakeRdsSupport.invalid;

import io.sorterbot.sandbox.FakeRdsEngines.Engine;
import io.sorterbot.sandbox.RdsState.InstanceRec;
import io.sorterbot.sandbox.RdsState.SubnetGroupRec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.rds.model.*;

/** Creating and deleting DB instances of {@link FakeRds} (describes and modifications live next door). Runs under the account lock. */
final class FakeRdsInstances {
  private static final Set<String> STORAGE_TYPES = Set.of("gp2", "gp3", "io1", "io2", "standard");

  private final FakeRdsSupport s;
  private final FakeRdsSubnetGroups groups;
  private final FakeRdsNetwork network;
  private final FakeRdsViews views;

  FakeRdsInstances(FakeRdsSupport support, FakeRdsSubnetGroups groups, FakeRdsNetwork network, FakeRdsViews views) {
    this.s = support;
    this.groups = groups;
    this.network = network;
    this.views = views;
  }

  CreateDbInstanceResponse create(CreateDbInstanceRequest r) {
    String id = FakeRdsSupport.identifier(r.dbInstanceIdentifier(), "DBInstanceIdentifier", 63);
    RdsState st = s.state();
    if (st.instances.containsKey(id)) throw error("DBInstanceAlreadyExists", "DB instance already exists");
    if (r.dbClusterIdentifier() != null || Boolean.TRUE.equals(r.manageMasterUserPassword()) || r.iops() != null) {
      throw FakeRdsSupport.unsupported("CreateDBInstance for clusters, managed passwords or provisioned IOPS");
    }
    if (r.dbInstanceClass() == null || r.dbInstanceClass().isBlank()) throw blank("DBInstanceClass");
    if (!r.dbInstanceClass().startsWith("db.")) throw invalid("Invalid DB Instance class: " + r.dbInstanceClass());
    Engine engine = FakeRdsEngines.engine(r.engine());
    String version = FakeRdsEngines.resolve(engine, r.engineVersion());
    String storageType = storageType(r.storageType());
    checkStorage(engine, storageType, r.allocatedStorage());
    String user = masterUsername(r.masterUsername());
    checkPassword(r.masterUserPassword());
    if (r.dbName() != null && !r.dbName().matches("[A-Za-z][A-Za-z0-9_]{0,62}")) {
      throw invalid("The parameter DBName is not a valid identifier: it must begin with a letter and contain only"
          + " letters, digits and underscores (at most 63)");
    }
    int backup = r.backupRetentionPeriod() == null ? 1 : r.backupRetentionPeriod();
    if (backup < 0 || backup > 35) throw invalid("Invalid backup retention period " + backup + ": must be 0 to 35");
    int port = r.port() == null ? engine.port() : r.port();
    if (port < 1150 || port > 65535) throw invalid("Invalid port " + port + ": must be 1150 to 65535");
    if (r.kmsKeyId() != null && !Boolean.TRUE.equals(r.storageEncrypted())) {
      throw combination("Specifying a KmsKeyId requires StorageEncrypted to be true");
    }
    if (r.dbSubnetGroupName() == null) {
      // The sandbox account has no default VPC, hence no default subnet group.
      throw FakeRdsSupport.groupNotFound("default");
    }
    SubnetGroupRec g = groups.require(st, r.dbSubnetGroupName());
    boolean multiAZ = Boolean.TRUE.equals(r.multiAZ());
    boolean publicly = Boolean.TRUE.equals(r.publiclyAccessible());
    List<String> sgs = network.securityGroups(g.vpcId, r.hasVpcSecurityGroupIds() ? r.vpcSecurityGroupIds() : List.of());
    if (publicly) network.checkPublic(g.vpcId, "create");

    Map<String, String> tags = new LinkedHashMap<>();
    FakeRdsSupport.putTags(tags, r.tags());
    InstanceRec i = new InstanceRec();
    i.identifier = id;
    i.arn = s.arn("db", id);
    i.resourceId = "db-" + String.format("%026X", s.account.nextSequence());
    i.createdAt = s.now();
    i.tags.putAll(tags);
    i.engine = engine.name();
    i.engineVersion = version;
    i.instanceClass = r.dbInstanceClass();
    i.allocatedStorage = r.allocatedStorage();
    i.storageType = storageType;
    i.masterUsername = user;
    i.masterUserPasswordSha256 = FakeRdsSupport.sha256(r.masterUserPassword());
    i.dbName = r.dbName();
    i.port = port;
    i.publiclyAccessible = publicly;
    i.iamAuth = Boolean.TRUE.equals(r.enableIAMDatabaseAuthentication());
    i.backupRetentionPeriod = backup;
    i.subnetGroupName = g.name;
    i.vpcSecurityGroupIds = new java.util.ArrayList<>(sgs);
    i.multiAZ = multiAZ;
    i.storageEncrypted = Boolean.TRUE.equals(r.storageEncrypted());
    i.kmsKeyId = i.storageEncrypted ? network.kmsKeyArn(r.kmsKeyId()) : null;
    i.deletionProtection = Boolean.TRUE.equals(r.deletionProtection());
    s.place(i, g, r.availabilityZone());
    s.become(i, "creating");
    st.instances.put(id, i);
    return CreateDbInstanceResponse.builder().dbInstance(views.instance(i)).build();
  }

  DeleteDbInstanceResponse delete(DeleteDbInstanceRequest r) {
    RdsState st = s.state();
    InstanceRec i = require(st, r.dbInstanceIdentifier());
    if (i.status.equals("deleting")) {
      throw error("InvalidDBInstanceState", "Instance " + i.identifier + " is already being deleted.");
    }
    if (i.deletionProtection) {
      throw combination("Cannot delete protected DB Instance, please disable deletion protection and try again.");
    }
    boolean skip = Boolean.TRUE.equals(r.skipFinalSnapshot());
    if (skip && r.finalDBSnapshotIdentifier() != null) {
      throw combination("FinalDBSnapshotIdentifier can not be specified when SkipFinalSnapshot is enabled.");
    }
    if (!skip) {
      if (r.finalDBSnapshotIdentifier() == null) {
        throw combination("FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.");
      }
      if (!i.status.equals("available")) {
        throw error("InvalidDBInstanceState", "Instance " + i.identifier + " is currently " + i.status
            + " - a final snapshot cannot be taken.");
      }
      finalSnapshot(st, i, r.finalDBSnapshotIdentifier());
    }
    s.become(i, "deleting");
    return DeleteDbInstanceResponse.builder().dbInstance(views.instance(i)).build();
  }

  InstanceRec require(RdsState st, String identifier) {
    if (identifier == null || identifier.isBlank()) throw blank("DBInstanceIdentifier");
    String id = identifier.toLowerCase(java.util.Locale.ROOT);
    if (id.startsWith("arn:")) id = id.substring(id.lastIndexOf(':') + 1);
    InstanceRec i = st.instances.get(id);
    if (i == null) throw instanceNotFound(identifier);
    return i;
  }

  private void finalSnapshot(RdsState st, InstanceRec i, String name) {
    String id = FakeRdsSupport.identifier(name, "FinalDBSnapshotIdentifier", 255);
    if (st.snapshots.containsKey(id)) {
      throw error("DBSnapshotAlreadyExists", "Cannot create the snapshot because a snapshot with the identifier " + id
          + " already exists.");
    }
    RdsState.SnapshotRec snap = new RdsState.SnapshotRec();
    snap.identifier = id;
    snap.arn = s.arn("snapshot", id);
    snap.createdAt = s.now();
    snap.instanceIdentifier = i.identifier;
    snap.engine = i.engine;
    snap.engineVersion = i.engineVersion;
    snap.allocatedStorage = i.allocatedStorage;
    snap.vpcId = st.subnetGroups.containsKey(i.subnetGroupName) ? st.subnetGroups.get(i.subnetGroupName).vpcId : null;
    snap.availabilityZone = i.availabilityZone;
    snap.masterUsername = i.masterUsername;
    snap.port = i.port;
    snap.instanceCreatedAt = i.createdAt;
    st.snapshots.put(id, snap);
  }

  static String storageType(String requested) {
    String t = requested == null ? "gp3" : requested.toLowerCase(java.util.Locale.ROOT);
    if (!STORAGE_TYPES.contains(t)) throw invalid("Invalid storage type: " + requested);
    if (t.startsWith("io")) throw combination("You must specify Iops for storage type " + t);
    return t;
  }

  static void checkStorage(Engine e, String storageType, Integer gib) {
    int min = storageType.equals("standard") ? 5 : 20;
    int max = storageType.equals("standard") ? 3072 : 65536;
    if (gib == null || gib < min || gib > max) {
      throw invalid("Invalid storage size for engine name " + e.name() + " and storage type " + storageType + ": " + gib);
    }
  }

  private static String masterUsername(String u) {
    if (u == null || u.isBlank()) throw blank("MasterUsername");
    if (!u.matches("[A-Za-z][A-Za-z0-9_]{0,62}") || u.equalsIgnoreCase("rdsadmin")) {
      throw invalid("The parameter MasterUsername is not a valid identifier or is a reserved word: " + u);
    }
    return u;
  }

  static void checkPassword(String p) {
    if (p == null || p.isEmpty()) throw blank("MasterUserPassword");
    if (p.length() < 8) {
      throw invalid("The parameter MasterUserPassword is not a valid password because it is shorter than 8 characters.");
    }
    if (p.length() > 128 || !p.chars().allMatch(c -> c > 32 && c < 127 && c != '/' && c != '@' && c != '"')) {
      throw invalid("The parameter MasterUserPassword is not a valid password. Only printable ASCII characters besides"
          + " '/', '@', '\"', ' ' may be used.");
    }
  }
}
