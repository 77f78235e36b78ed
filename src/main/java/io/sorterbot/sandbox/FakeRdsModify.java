package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeRdsSupport.combination;
import static io.sorterbot.sandbox.FakeRdsSupport.error;
import static io.sorterbot.sandbox.FakeRdsSupport.invalid;

import io.sorterbot.sandbox.FakeRdsEngines.Engine;
import io.sorterbot.sandbox.RdsState.InstanceRec;
import io.sorterbot.sandbox.RdsState.SubnetGroupRec;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceResponse;

/**
 * ModifyDBInstance of {@link FakeRds}. Without ApplyImmediately, the changes AWS defers to the
 * maintenance window wait in {@code scheduled} (the sandbox never reaches a window); the rest, and
 * everything with ApplyImmediately, is applied while the instance is {@code modifying}. Deletion
 * protection, security groups and public accessibility take effect at once, as in AWS.
 */
final class FakeRdsModify {
  private static final Set<String> DEFERRABLE =
      Set.of("instanceClass", "allocatedStorage", "storageType", "engineVersion", "multiAZ", "subnetGroupName");

  private final FakeRdsSupport s;
  private final FakeRdsInstances instances;
  private final FakeRdsSubnetGroups groups;
  private final FakeRdsNetwork network;
  private final FakeRdsViews views;

  FakeRdsModify(FakeRdsSupport s, FakeRdsInstances instances, FakeRdsSubnetGroups groups, FakeRdsNetwork network,
                FakeRdsViews views) {
    this.s = s;
    this.instances = instances;
    this.groups = groups;
    this.network = network;
    this.views = views;
  }

  ModifyDbInstanceResponse modify(ModifyDbInstanceRequest r) {
    RdsState st = s.state();
    InstanceRec i = instances.require(st, r.dbInstanceIdentifier());
    if (r.newDBInstanceIdentifier() != null || r.iops() != null || Boolean.TRUE.equals(r.manageMasterUserPassword())) {
      throw FakeRdsSupport.unsupported("ModifyDBInstance renames, provisioned IOPS or managed passwords");
    }
    // storage-optimization is usable and modifiable, as AWS documents (see FakeRdsSupport.STORAGE_OPTIMIZATION).
    if (!i.status.equals("available") && !i.status.equals("storage-optimization")) {
      throw error("InvalidDBInstanceState", "Database instance is not in available state.");
    }
    Engine engine = FakeRdsEngines.engine(i.engine);
    TreeMap<String, String> changes = new TreeMap<>();
    if (r.dbInstanceClass() != null && !r.dbInstanceClass().equals(i.instanceClass)) {
      if (!r.dbInstanceClass().startsWith("db.")) throw invalid("Invalid DB Instance class: " + r.dbInstanceClass());
      changes.put("instanceClass", r.dbInstanceClass());
    }
    String storageType = r.storageType() == null ? i.storageType : FakeRdsInstances.storageType(r.storageType());
    if (!storageType.equals(i.storageType)) changes.put("storageType", storageType);
    if (r.allocatedStorage() != null && r.allocatedStorage() != i.allocatedStorage) {
      FakeRdsInstances.checkStorage(engine, storageType, r.allocatedStorage());
      if (r.allocatedStorage() < i.allocatedStorage * 1.1) {
        throw combination("Invalid storage size " + r.allocatedStorage() + ": the allocated storage must be increased by"
            + " at least 10 percent and can never be decreased.");
      }
      changes.put("allocatedStorage", String.valueOf(r.allocatedStorage()));
    }
    if ((changes.containsKey("storageType") || changes.containsKey("allocatedStorage")) && !storageChangeAllowed(i)) {
      // AWS: no further storage modification for 6 hours or until storage optimization completes, whichever
      // is longer (the message is ours; the code is the one RDS gives for a refused combination).
      throw combination("You can't currently modify the storage of DB instance " + i.identifier + ": the previous storage"
          + " change is still being optimized or was made less than 6 hours ago.");
    }
    if (r.engineVersion() != null) version(r, i, engine, changes);
    if (r.multiAZ() != null && r.multiAZ() != i.multiAZ) changes.put("multiAZ", String.valueOf(r.multiAZ()));
    if (r.dbSubnetGroupName() != null && !r.dbSubnetGroupName().equalsIgnoreCase(i.subnetGroupName)) {
      changes.put("subnetGroupName", groups.require(st, r.dbSubnetGroupName()).name);
    }
    boolean now = Boolean.TRUE.equals(r.applyImmediately());
    boolean deferBackup = false;
    if (r.backupRetentionPeriod() != null && r.backupRetentionPeriod() != i.backupRetentionPeriod) {
      int b = r.backupRetentionPeriod();
      if (b < 0 || b > 35) throw invalid("Invalid backup retention period " + b + ": must be 0 to 35");
      // Turning backups on or off means an outage: AWS defers it unless told to apply now.
      deferBackup = (b == 0) != (i.backupRetentionPeriod == 0);
      changes.put("backupRetentionPeriod", String.valueOf(b));
    }
    if (r.dbPortNumber() != null && r.dbPortNumber() != i.port) {
      if (r.dbPortNumber() < 1150 || r.dbPortNumber() > 65535) throw invalid("Invalid port " + r.dbPortNumber());
      changes.put("port", String.valueOf(r.dbPortNumber()));
    }
    if (r.masterUserPassword() != null) {
      FakeRdsInstances.checkPassword(r.masterUserPassword());
      changes.put("masterUserPassword", FakeRdsSupport.sha256(r.masterUserPassword()));
    }
    if (r.enableIAMDatabaseAuthentication() != null && r.enableIAMDatabaseAuthentication() != i.iamAuth) {
      changes.put("iamAuth", String.valueOf(r.enableIAMDatabaseAuthentication()));
    }
    SubnetGroupRec g = st.subnetGroups.get(changes.getOrDefault("subnetGroupName", i.subnetGroupName));
    String vpcId = g == null ? null : g.vpcId;
    if (r.hasVpcSecurityGroupIds() && !r.vpcSecurityGroupIds().isEmpty()) {
      i.vpcSecurityGroupIds = new ArrayList<>(network.securityGroups(vpcId, r.vpcSecurityGroupIds()));
    }
    if (Boolean.TRUE.equals(r.publiclyAccessible()) && !i.publiclyAccessible) network.checkPublic(vpcId, "modify");
    if (r.publiclyAccessible() != null) i.publiclyAccessible = r.publiclyAccessible();
    if (r.deletionProtection() != null) i.deletionProtection = r.deletionProtection();

    boolean backupDeferred = deferBackup;
    changes.forEach((field, v) -> {
      boolean defer = !now && (DEFERRABLE.contains(field) || (field.equals("backupRetentionPeriod") && backupDeferred));
      (defer ? i.scheduled : i.applying).put(field, v);
    });
    if (now) {
      i.applying.putAll(i.scheduled);
      i.scheduled.clear();
    }
    if (i.applying.containsKey("allocatedStorage") || i.applying.containsKey("storageType")) i.storageModifiedAt = s.now();
    if (!i.applying.isEmpty()) s.become(i, "modifying");
    return ModifyDbInstanceResponse.builder().dbInstance(views.instance(i)).build();
  }

  private boolean storageChangeAllowed(InstanceRec i) {
    if (i.status.equals("storage-optimization")) return false;
    return i.storageModifiedAt == null || s.provisioned(i.storageModifiedAt, FakeRdsSupport.STORAGE_COOLDOWN);
  }

  private static void version(ModifyDbInstanceRequest r, InstanceRec i, Engine engine, TreeMap<String, String> changes) {
    String target = FakeRdsEngines.resolve(engine, r.engineVersion());
    int cmp = FakeRdsEngines.compare(target, i.engineVersion);
    if (cmp == 0 || (r.engineVersion().equals(FakeRdsEngines.major(engine, i.engineVersion)))) return;
    if (cmp < 0) {
      throw combination("Cannot upgrade " + engine.name() + " from " + i.engineVersion + " to " + target);
    }
    boolean major = !FakeRdsEngines.major(engine, target).equals(FakeRdsEngines.major(engine, i.engineVersion));
    if (major && !Boolean.TRUE.equals(r.allowMajorVersionUpgrade())) {
      throw combination("The AllowMajorVersionUpgrade flag must be present when upgrading to a new major version.");
    }
    changes.put("engineVersion", target);
  }
}
