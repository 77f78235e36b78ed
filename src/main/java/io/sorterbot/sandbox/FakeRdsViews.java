package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeRdsSupport.instant;
import static io.sorterbot.sandbox.FakeRdsSupport.invalid;

import io.sorterbot.sandbox.RdsState.InstanceRec;
import io.sorterbot.sandbox.RdsState.SnapshotRec;
import io.sorterbot.sandbox.RdsState.SubnetGroupRec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.rds.model.*;

/** Describes of {@link FakeRds}: instances and snapshots as AWS shows them. Runs under the account lock. */
final class FakeRdsViews {
  private final FakeRdsSupport s;
  private final FakeRdsSubnetGroups groups;

  FakeRdsViews(FakeRdsSupport support, FakeRdsSubnetGroups groups) {
    this.s = support;
    this.groups = groups;
  }

  DescribeDbInstancesResponse describeInstances(DescribeDbInstancesRequest r, FakeRdsInstances instances) {
    RdsState st = s.state();
    List<InstanceRec> found = new ArrayList<>();
    if (r.dbInstanceIdentifier() != null) found.add(instances.require(st, r.dbInstanceIdentifier()));
    else found.addAll(st.instances.values());
    Map<String, Function<InstanceRec, List<String>>> fields = Map.of(
        "db-instance-id", i -> List.of(i.identifier, i.arn),
        "dbi-resource-id", i -> List.of(i.resourceId),
        "engine", i -> List.of(i.engine));
    List<InstanceRec> out = new ArrayList<>();
    for (InstanceRec i : found) if (matches(r.filters(), fields, i)) out.add(i);
    FakeRdsSupport.Page<InstanceRec> p = FakeRdsSupport.page(out, r.maxRecords(), r.marker());
    return DescribeDbInstancesResponse.builder().dbInstances(p.items().stream().map(this::instance).toList())
        .marker(p.marker()).build();
  }

  DescribeDbSnapshotsResponse describeSnapshots(DescribeDbSnapshotsRequest r) {
    if (r.hasFilters() && !r.filters().isEmpty()) throw FakeRdsSupport.unsupported("DescribeDBSnapshots filters");
    RdsState st = s.state();
    List<SnapshotRec> found = new ArrayList<>();
    if (r.dbSnapshotIdentifier() != null) {
      SnapshotRec x = st.snapshots.get(r.dbSnapshotIdentifier().toLowerCase(Locale.ROOT));
      if (x == null) {
        throw FakeRdsSupport.notFound("DBSnapshotNotFound", "DBSnapshot " + r.dbSnapshotIdentifier() + " not found.");
      }
      found.add(x);
    } else {
      found.addAll(st.snapshots.values());
    }
    String of = r.dbInstanceIdentifier() == null ? null : r.dbInstanceIdentifier().toLowerCase(Locale.ROOT);
    List<SnapshotRec> out = found.stream().filter(x -> of == null || of.equals(x.instanceIdentifier)).toList();
    FakeRdsSupport.Page<SnapshotRec> p = FakeRdsSupport.page(out, r.maxRecords(), r.marker());
    return DescribeDbSnapshotsResponse.builder().dbSnapshots(p.items().stream().map(this::snapshot).toList())
        .marker(p.marker()).build();
  }

  private static boolean matches(List<Filter> filters, Map<String, Function<InstanceRec, List<String>>> fields, InstanceRec i) {
    if (filters == null) return true;
    for (Filter f : filters) {
      Function<InstanceRec, List<String>> field = fields.get(f.name());
      if (field == null) throw invalid("Unrecognized filter name: " + f.name());
      if (!f.hasValues() || f.values().isEmpty()) throw invalid("Filter " + f.name() + " requires at least one value");
      List<String> actual = field.apply(i);
      if (f.values().stream().noneMatch(v -> actual.contains(f.name().equals("db-instance-id") ? v.toLowerCase(Locale.ROOT) : v))) {
        return false;
      }
    }
    return true;
  }

  DBInstance instance(InstanceRec i) {
    SubnetGroupRec g = s.state().subnetGroups.get(i.subnetGroupName);
    boolean creating = i.status.equals("creating");
    DBInstance.Builder b = DBInstance.builder().dbInstanceIdentifier(i.identifier).dbInstanceArn(i.arn)
        .dbiResourceId(i.resourceId).dbInstanceClass(i.instanceClass).engine(i.engine).engineVersion(i.engineVersion)
        .dbInstanceStatus(i.status).masterUsername(i.masterUsername).dbName(i.dbName)
        .allocatedStorage(i.allocatedStorage).storageType(i.storageType)
        .backupRetentionPeriod(i.backupRetentionPeriod).preferredBackupWindow("01:00-01:30")
        .preferredMaintenanceWindow("sun:03:00-sun:03:30").availabilityZone(i.availabilityZone)
        .secondaryAvailabilityZone(i.secondaryAvailabilityZone).multiAZ(i.multiAZ)
        .publiclyAccessible(i.publiclyAccessible).iamDatabaseAuthenticationEnabled(i.iamAuth)
        .storageEncrypted(i.storageEncrypted).kmsKeyId(i.kmsKeyId).deletionProtection(i.deletionProtection)
        .vpcSecurityGroups(i.vpcSecurityGroupIds.stream()
            .map(id -> VpcSecurityGroupMembership.builder().vpcSecurityGroupId(id).status("active").build()).toList())
        .dbInstancePort(0).autoMinorVersionUpgrade(true).copyTagsToSnapshot(false)
        .licenseModel(FakeRdsEngines.engine(i.engine).license()).networkType("IPV4")
        .tagList(FakeRdsSupport.sdkTags(i.tags)).pendingModifiedValues(pending(i));
    if (g != null) b.dbSubnetGroup(groups.toSdk(g));
    // AWS gives the endpoint and the creation time once the instance has been built.
    if (!creating) {
      b.endpoint(e -> e.address(i.identifier + ".c0sandbox." + s.region() + ".rds.amazonaws.com").port(i.port)
          .hostedZoneId("Z1SANDBOXRDS00"));
      b.instanceCreateTime(instant(i.createdAt));
    }
    return b.build();
  }

  private static PendingModifiedValues pending(InstanceRec i) {
    PendingModifiedValues.Builder b = PendingModifiedValues.builder();
    java.util.TreeMap<String, String> all = new java.util.TreeMap<>(i.applying);
    all.putAll(i.scheduled);
    all.forEach((field, v) -> {
      switch (field) {
        case "instanceClass" -> b.dbInstanceClass(v);
        case "allocatedStorage" -> b.allocatedStorage(Integer.parseInt(v));
        case "storageType" -> b.storageType(v);
        case "engineVersion" -> b.engineVersion(v);
        case "multiAZ" -> b.multiAZ(Boolean.parseBoolean(v));
        case "backupRetentionPeriod" -> b.backupRetentionPeriod(Integer.parseInt(v));
        case "subnetGroupName" -> b.dbSubnetGroupName(v);
        case "port" -> b.port(Integer.parseInt(v));
        case "masterUserPassword" -> b.masterUserPassword("****");
        case "iamAuth" -> b.iamDatabaseAuthenticationEnabled(Boolean.parseBoolean(v));
        default -> { }
      }
    });
    return b.build();
  }

  private DBSnapshot snapshot(SnapshotRec x) {
    boolean done = s.provisioned(x.createdAt, FakeRdsSupport.SNAPSHOT);
    return DBSnapshot.builder().dbSnapshotIdentifier(x.identifier).dbSnapshotArn(x.arn)
        .dbInstanceIdentifier(x.instanceIdentifier).snapshotCreateTime(instant(x.createdAt)).engine(x.engine)
        .engineVersion(x.engineVersion).allocatedStorage(x.allocatedStorage).status(done ? "available" : "creating")
        .percentProgress(done ? 100 : 0).port(x.port).availabilityZone(x.availabilityZone).vpcId(x.vpcId)
        .masterUsername(x.masterUsername).instanceCreateTime(instant(x.instanceCreatedAt)).snapshotType(x.snapshotType)
        .tagList(FakeRdsSupport.sdkTags(x.tags)).build();
  }
}
