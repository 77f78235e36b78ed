package io.sorterbot.kinds.rds;

import io.sorterbot.model.Desired;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

/** The CreateDBInstance and ModifyDBInstance requests for what the file says. */
final class DbInstanceRequests {
  private DbInstanceRequests() {}

  static CreateDbInstanceRequest create(Desired d, Map<String, String> tags) {
    CreateDbInstanceRequest.Builder b = CreateDbInstanceRequest.builder()
        .dbInstanceIdentifier(d.string("dbInstanceIdentifier")).engine(d.string("engine"))
        .dbInstanceClass(d.string("dbInstanceClass")).allocatedStorage(integer(d, "allocatedStorage"))
        .masterUsername(d.string("masterUsername")).tags(RdsSupport.toTags(tags));
    if (d.has("engineVersion")) b.engineVersion(d.string("engineVersion"));
    if (d.has("storageType")) b.storageType(d.string("storageType"));
    if (d.has("masterUserPassword")) b.masterUserPassword(d.string("masterUserPassword"));
    if (d.has("dbName")) b.dbName(d.string("dbName"));
    if (d.has("port")) b.port(integer(d, "port"));
    if (d.has("publiclyAccessible")) b.publiclyAccessible(bool(d, "publiclyAccessible"));
    if (d.has("enableIAMDatabaseAuthentication")) b.enableIAMDatabaseAuthentication(bool(d, "enableIAMDatabaseAuthentication"));
    if (d.has("backupRetentionPeriod")) b.backupRetentionPeriod(integer(d, "backupRetentionPeriod"));
    if (d.has("dbSubnetGroupName")) b.dbSubnetGroupName(d.string("dbSubnetGroupName"));
    if (d.has("vpcSecurityGroupIds")) b.vpcSecurityGroupIds(RdsSupport.strings(d.get("vpcSecurityGroupIds")));
    if (d.has("availabilityZone")) b.availabilityZone(d.string("availabilityZone"));
    if (d.has("multiAZ")) b.multiAZ(bool(d, "multiAZ"));
    if (d.has("storageEncrypted")) b.storageEncrypted(bool(d, "storageEncrypted"));
    if (d.has("kmsKeyId")) b.kmsKeyId(d.string("kmsKeyId"));
    if (d.has("deletionProtection")) b.deletionProtection(bool(d, "deletionProtection"));
    return b.build();
  }

  /** The kind tags that record what the file says about deleting, and the password's fingerprint. */
  static Map<String, String> kindTags(Desired d, List<PropertyChange> changes) {
    Map<String, String> out = new LinkedHashMap<>();
    boolean all = changes == null;
    if (d.has("masterUserPassword") && (all || RdsSupport.changed(changes, "masterUserPassword"))) {
      out.put(RdsPassword.TAG, RdsPassword.fingerprint(d.stack(), d.sbid(), d.string("masterUserPassword")));
    }
    if (d.has("skipFinalSnapshot") && (all || RdsSupport.changed(changes, "skipFinalSnapshot"))) {
      out.put(DbInstanceView.SKIP_FINAL_SNAPSHOT_TAG, String.valueOf(bool(d, "skipFinalSnapshot")));
    }
    if (d.has("finalSnapshotIdentifier") && (all || RdsSupport.changed(changes, "finalSnapshotIdentifier"))) {
      out.put(DbInstanceView.FINAL_SNAPSHOT_TAG, d.string("finalSnapshotIdentifier").trim().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** The modification for {@code changes}, or null when none of them is an AWS setting. */
  static ModifyDbInstanceRequest modify(LiveResource live, Desired d, List<PropertyChange> changes) {
    ModifyDbInstanceRequest.Builder b = ModifyDbInstanceRequest.builder().dbInstanceIdentifier(live.id())
        .applyImmediately(applyImmediately(d));
    boolean any = false;
    for (PropertyChange c : changes) {
      String p = c.property();
      switch (p) {
        case "dbInstanceClass" -> b.dbInstanceClass(d.string(p));
        case "allocatedStorage" -> b.allocatedStorage(integer(d, p));
        case "storageType" -> b.storageType(d.string(p));
        case "engineVersion" -> {
          String want = d.string(p).trim();
          b.engineVersion(want);
          Object have = live.properties().get(p);
          String engine = d.string("engine");
          if (have == null || !RdsVersions.major(engine, want).equals(RdsVersions.major(engine, have.toString()))) {
            b.allowMajorVersionUpgrade(true);
          }
        }
        case "backupRetentionPeriod" -> b.backupRetentionPeriod(integer(d, p));
        case "publiclyAccessible" -> b.publiclyAccessible(bool(d, p));
        case "enableIAMDatabaseAuthentication" -> b.enableIAMDatabaseAuthentication(bool(d, p));
        case "vpcSecurityGroupIds" -> b.vpcSecurityGroupIds(RdsSupport.strings(d.get(p)));
        case "deletionProtection" -> b.deletionProtection(bool(d, p));
        case "multiAZ" -> b.multiAZ(bool(d, p));
        case "port" -> b.dbPortNumber(integer(d, p));
        case "dbSubnetGroupName" -> b.dbSubnetGroupName(d.string(p));
        case "masterUserPassword" -> b.masterUserPassword(d.string(p));
        case "tags", "skipFinalSnapshot", "finalSnapshotIdentifier", "applyImmediately" -> {
          continue;  // sorterbot's own bookkeeping (tags), nothing to modify
        }
        default -> throw new IllegalStateException("rds.dbInstance cannot change " + p + " in place (it forces replacement)");
      }
      any = true;
    }
    return any ? b.build() : null;
  }

  /** Unset means true: the file states the wanted state, so apply it now unless told otherwise. */
  static boolean applyImmediately(Desired d) {
    return !d.has("applyImmediately") || !Boolean.FALSE.equals(RdsSupport.bool(d.get("applyImmediately")));
  }

  private static Integer integer(Desired d, String p) {
    Object v = RdsSupport.number(d.get(p));
    return v == null ? null : Math.toIntExact((Long) v);
  }

  private static Boolean bool(Desired d, String p) { return (Boolean) RdsSupport.bool(d.get(p)); }
}
