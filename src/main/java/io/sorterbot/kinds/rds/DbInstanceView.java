package io.sorterbot.kinds.rds;

import io.sorterbot.model.LiveResource;
import io.sorterbot.model.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * A DB instance as the file would write it. Values AWS has accepted but not applied yet (pending
 * modifications, e.g. deferred to the maintenance window) count as made: the change is scheduled and
 * there is nothing more to do for it.
 */
final class DbInstanceView {
  /** Kind tags: bookkeeping on the instance, never part of its visible tags. */
  static final String SKIP_FINAL_SNAPSHOT_TAG = "SBSkipFinalSnapshot";
  static final String FINAL_SNAPSHOT_TAG = "SBFinalSnapshotIdentifier";
  static final List<String> KIND_TAGS = List.of(RdsPassword.TAG, SKIP_FINAL_SNAPSHOT_TAG, FINAL_SNAPSHOT_TAG);

  private DbInstanceView() {}

  static LiveResource toLive(String type, DBInstance i) {
    Map<String, String> tags = RdsSupport.tagMap(i.tagList());
    PendingModifiedValues p = i.pendingModifiedValues() == null ? PendingModifiedValues.builder().build()
        : i.pendingModifiedValues();
    String group = or(p.dbSubnetGroupName(), i.dbSubnetGroup() == null ? null : i.dbSubnetGroup().dbSubnetGroupName());
    List<String> groups = new ArrayList<>();
    for (VpcSecurityGroupMembership m : i.vpcSecurityGroups()) {
      if (!"removing".equals(m.status())) groups.add(m.vpcSecurityGroupId());
    }
    Integer port = or(p.port(), i.endpoint() == null ? null : i.endpoint().port());
    String fingerprint = tags.get(RdsPassword.TAG);
    Map<String, Object> props = RdsSupport.props(
        "dbInstanceIdentifier", i.dbInstanceIdentifier(),
        "engine", i.engine(),
        "engineVersion", or(p.engineVersion(), i.engineVersion()),
        "dbInstanceClass", or(p.dbInstanceClass(), i.dbInstanceClass()),
        "allocatedStorage", num(or(p.allocatedStorage(), i.allocatedStorage())),
        "storageType", or(p.storageType(), i.storageType()),
        "masterUsername", i.masterUsername(),
        "masterUserPassword", fingerprint == null ? null
            : RdsPassword.marker(tags.get(Tags.STACK), tags.get(Tags.SBID), fingerprint),
        "dbName", i.dbName(),
        "port", num(port),
        "publiclyAccessible", i.publiclyAccessible(),
        "enableIAMDatabaseAuthentication", or(p.iamDatabaseAuthenticationEnabled(), i.iamDatabaseAuthenticationEnabled()),
        "backupRetentionPeriod", num(or(p.backupRetentionPeriod(), i.backupRetentionPeriod())),
        "dbSubnetGroupName", group,
        "vpcSecurityGroupIds", RdsSupport.stringSet(groups),
        "availabilityZone", i.availabilityZone(),
        "multiAZ", or(p.multiAZ(), i.multiAZ()),
        "storageEncrypted", i.storageEncrypted(),
        "kmsKeyId", i.kmsKeyId(),
        "deletionProtection", i.deletionProtection(),
        // Not AWS settings but how sorterbot deletes it: kept as kind tags, since delete sees only live state.
        "skipFinalSnapshot", Boolean.parseBoolean(tags.get(SKIP_FINAL_SNAPSHOT_TAG)),
        "finalSnapshotIdentifier", tags.get(FINAL_SNAPSHOT_TAG));
    List<String> refs = new ArrayList<>();
    refs.add(group);
    refs.addAll(groups);
    return RdsSupport.live(type, i.dbInstanceIdentifier(), tags, KIND_TAGS, props,
        RdsSupport.props("arn", i.dbInstanceArn(),
            "endpointAddress", i.endpoint() == null ? null : i.endpoint().address(),
            "endpointPort", i.endpoint() == null ? null : num(i.endpoint().port())),
        refs, i.instanceCreateTime());
  }

  /** Whether AWS still has modifications in flight of the kinds sorterbot makes. */
  static boolean pending(DBInstance i) {
    PendingModifiedValues p = i.pendingModifiedValues();
    if (p == null) return false;
    return p.dbInstanceClass() != null || p.allocatedStorage() != null || p.masterUserPassword() != null
        || p.port() != null || p.backupRetentionPeriod() != null || p.multiAZ() != null || p.engineVersion() != null
        || p.storageType() != null || p.dbSubnetGroupName() != null || p.iamDatabaseAuthenticationEnabled() != null;
  }

  private static <T> T or(T first, T second) { return first != null ? first : second; }

  private static Long num(Integer v) { return v == null ? null : v.longValue(); }
}
