package io.sorterbot.kinds.rds;

import static io.sorterbot.kinds.rds.RdsSupport.rds;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.kinds.LostAnswers;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Sensitive;
import io.sorterbot.model.Tags;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

/**
 * {@code rds.dbInstance}: create, modify and delete wait until RDS is done. The identifier is a natural
 * idempotency key: a create that finds it taken by an instance carrying our SBID/SBStack tags (a crash
 * after the create) adopts that instance. The master password is compared by fingerprint
 * ({@link RdsPassword}); how to delete it (final snapshot or not) is kept in kind tags, because a delete
 * sees only the live resource.
 */
public final class DbInstanceKind implements ResourceKind {
  private static final DateTimeFormatter SNAPSHOT_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  @Override public KindSchema schema() { return RdsSchemas.DB_INSTANCE; }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    // No tag filter in DescribeDBInstances, but it returns each instance's TagList: one paginated call.
    return rds(ctx).describeDBInstancesPaginator(DescribeDbInstancesRequest.builder().build()).dbInstances().stream()
        .filter(i -> !"deleting".equals(i.dbInstanceStatus()))
        .filter(i -> i.tagList().stream().anyMatch(t -> Tags.SBID.equals(t.key())))
        .map(i -> DbInstanceView.toLive(type(), i)).toList();
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    String id = d.string("dbInstanceIdentifier").trim().toLowerCase(java.util.Locale.ROOT);
    Map<String, String> tags = new LinkedHashMap<>(d.tags());
    tags.putAll(DbInstanceRequests.kindTags(d, null));
    // Taken by the instance of a lost answer's first call or of a run that stopped after the create: ours when
    // tagged so (the shared rule), then waited for like a fresh one; anyone else's stays a conflict.
    LostAnswers.createOrAdopt(
        // The subnet group or security groups may have been created moments ago.
        () -> RdsSupport.consistent(ctx, () -> rds(ctx).createDBInstance(DbInstanceRequests.create(d, tags))).dbInstance(),
        LostAnswers.code("DBInstanceAlreadyExists"), () -> ours(DbInstanceWaits.describe(ctx, id), d));
    return DbInstanceView.toLive(type(), DbInstanceWaits.available(ctx, d.sbid(), id, "creating", false));
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    ModifyDbInstanceRequest modify = DbInstanceRequests.modify(live, d, changes);
    if (modify != null) {
      // RDS refuses modifications unless the instance is usable (available or storage-optimization).
      DbInstanceWaits.available(ctx, d.sbid(), live.id(), "modifying", false);
      modifyOnce(ctx, live.id(), modify);
    }
    // Only once AWS took the new password does its fingerprint describe the instance.
    RdsSupport.syncTags(ctx, (String) live.attributes().get("arn"), live.tags(), d, changes,
        DbInstanceRequests.kindTags(d, changes));
    boolean now = DbInstanceRequests.applyImmediately(d);
    DBInstance done = modify == null ? DbInstanceWaits.describe(ctx, live.id())
        : DbInstanceWaits.available(ctx, d.sbid(), live.id(), "modifying", now);
    if (done == null) throw new IllegalStateException("DB instance " + live.id() + " disappeared during the update");
    return DbInstanceView.toLive(type(), done);
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    String id = live.id();
    DBInstance i = DbInstanceWaits.describe(ctx, id);
    if (i == null) return;
    if (!"deleting".equals(i.dbInstanceStatus())) {
      if (Boolean.TRUE.equals(i.deletionProtection())) {
        throw new IllegalStateException("DB instance " + id + " has deletion protection on: set deletionProtection: false"
            + " on " + live.sbid() + " in the file and apply (put the entry back first if it was removed), then delete it");
      }
      Map<String, String> tags = RdsSupport.tagMap(i.tagList());
      boolean skip = Boolean.parseBoolean(tags.get(DbInstanceView.SKIP_FINAL_SNAPSHOT_TAG));
      String snapshot = skip ? null : tags.getOrDefault(DbInstanceView.FINAL_SNAPSHOT_TAG,
          id + "-final-" + SNAPSHOT_TIME.format(ctx.ticker().now()));
      String activity = skip ? "destroying" : "destroying (final snapshot " + snapshot + ")";
      // A final snapshot needs an available instance; RDS also refuses while it is modifying.
      if (!skip && !"available".equals(i.dbInstanceStatus())) DbInstanceWaits.strictlyAvailable(ctx, live.sbid(), id, activity);
      RdsSupport.destroying(ctx, live.sbid(), () -> deleteOnce(ctx, id, skip, snapshot));
      DbInstanceWaits.gone(ctx, live.sbid(), id, activity);
      return;
    }
    DbInstanceWaits.gone(ctx, live.sbid(), id, "destroying");
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "dbInstanceIdentifier", "engine", "dbInstanceClass", "storageType", "dbSubnetGroupName",
          "finalSnapshotIdentifier" -> RdsSupport.lower(value);
      case "engineVersion" -> value instanceof Number || value instanceof String ? String.valueOf(value).trim() : value;
      case "allocatedStorage", "port", "backupRetentionPeriod" -> RdsSupport.number(value);
      case "publiclyAccessible", "enableIAMDatabaseAuthentication", "multiAZ", "storageEncrypted",
          "deletionProtection", "skipFinalSnapshot", "applyImmediately" -> RdsSupport.bool(value);
      case "vpcSecurityGroupIds" -> RdsSupport.stringSet(value);
      case "masterUserPassword" -> value;
      default -> RdsSupport.trimmed(value);
    };
  }

  @Override
  public boolean equivalent(String property, Object desired, Object live) {
    return switch (property) {
      case "engineVersion" -> RdsVersions.matches(normalize(property, desired), normalize(property, live));
      case "masterUserPassword" -> RdsPassword.matches(desired, live);
      // How to apply, not a setting of the instance: nothing to compare.
      case "applyImmediately" -> true;
      case "kmsKeyId" -> sameKey(normalize(property, Sensitive.reveal(desired)), normalize(property, live));
      default -> Objects.equals(normalize(property, desired), normalize(property, live));
    };
  }

  /**
   * AWS reports the key's ARN whatever form was given; an alias cannot be resolved without KMS, and a
   * false difference here would replace the database, so an alias matches any key.
   */
  private static boolean sameKey(Object desired, Object live) {
    if (Objects.equals(desired, live)) return true;
    if (!(desired instanceof String d) || !(live instanceof String l)) return false;
    return l.endsWith(":key/" + d) || d.startsWith("alias/") || d.contains(":alias/");
  }

  /** What a ModifyDBInstance puts an available instance into. */
  private static final java.util.Set<String> MODIFYING = java.util.Set.of("modifying", "resetting-master-credentials",
      "upgrading", "storage-optimization", "configuring-iam-database-auth");

  /**
   * Sent again after a lost answer, a ModifyDBInstance that made the (available) instance busy is refused with
   * InvalidDBInstanceState: the instance is busy with our own first call, which is success (the caller waits).
   */
  private static void modifyOnce(KindContext ctx, String id, ModifyDbInstanceRequest modify) {
    try {
      rds(ctx).modifyDBInstance(modify);
    } catch (RuntimeException e) {
      if (!"InvalidDBInstanceState".equals(AwsErrors.code(e))) throw e;
      DBInstance now = DbInstanceWaits.describe(ctx, id);
      if (now == null || !MODIFYING.contains(now.dbInstanceStatus())) throw e;
    }
  }

  /** An RDS delete either way: retried while RDS is busy with the instance; already deleting counts as done. */
  private static void deleteOnce(KindContext ctx, String id, boolean skip, String snapshot) {
    try {
      rds(ctx).deleteDBInstance(b -> b.dbInstanceIdentifier(id).skipFinalSnapshot(skip).finalDBSnapshotIdentifier(snapshot));
    } catch (RuntimeException e) {
      if (!"InvalidDBInstanceState".equals(AwsErrors.code(e))) throw e;
      DBInstance now = DbInstanceWaits.describe(ctx, id);
      if (now != null && !"deleting".equals(now.dbInstanceStatus())) throw e;
    }
  }

  /** The instance when it is ours by its tags and not on its way out. */
  private static java.util.Optional<DBInstance> ours(DBInstance i, Desired d) {
    if (i == null || "deleting".equals(i.dbInstanceStatus())) return java.util.Optional.empty();
    return LostAnswers.oursOrEmpty(RdsSupport.tagMap(i.tagList()), d, i);
  }
}
