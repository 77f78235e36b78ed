package io.sorterbot.kinds.rds;

import static io.sorterbot.kinds.rds.RdsTestSupport.desired;
import static io.sorterbot.kinds.rds.RdsTestSupport.diff;
import static io.sorterbot.kinds.rds.RdsTestSupport.map;
import static io.sorterbot.kinds.rds.RdsTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Sensitive;
import io.sorterbot.model.Tags;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Both kinds against the sandbox's simulated RDS (provisioning at real-life durations on a fake clock). */
class RdsSandboxLifecycleTest {
  @TempDir Path dir;
  private final RdsTestSupport.FakeTicker ticker = new RdsTestSupport.FakeTicker();
  private final RdsTestSupport.Notices notices = new RdsTestSupport.Notices();
  private SandboxClients clients;
  private KindContext ctx;
  private final DbSubnetGroupKind groups = new DbSubnetGroupKind();
  private final DbInstanceKind instances = new DbInstanceKind();
  private RdsSandboxNetwork net;

  @BeforeEach
  void open() {
    clients = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none().withProvisionScale(1), ticker);
    ctx = new KindContext(RdsTestSupport.STACK, clients, ticker, notices);
    net = RdsSandboxNetwork.create(clients.ec2());
  }

  @Test
  void subnetGroup() {
    Desired d = desired("SBDbSubnetGroup", "rds.dbSubnetGroup", map("dbSubnetGroupName", "SorterBot-DB-Subnets",
        "dbSubnetGroupDescription", "SorterBot subnets", "subnetIds", List.of(net.b(), net.a()), "tags", Map.of("Name", "db")));
    LiveResource live = roundTrip(groups, d);
    assertThat(live.id()).isEqualTo("sorterbot-db-subnets");
    assertThat(live.attributes()).containsEntry("name", "sorterbot-db-subnets")
        .containsEntry("arn", "arn:aws:rds:eu-central-1:123456789012:subgrp:sorterbot-db-subnets");
    assertThat(live.refs()).containsExactlyInAnyOrder(net.a(), net.b());

    live = update(groups, live, with(d, "dbSubnetGroupDescription", "now three zones"));
    live = update(groups, live, with(d, "subnetIds", List.of(net.a(), net.b(), net.c())));
    live = update(groups, live, with(with(d, "subnetIds", List.of(net.c(), net.a())), "tags", Map.of("Env", "test")));
    assertThat(live.tags()).doesNotContainKey("Name").containsEntry("Env", "test");

    groups.delete(ctx, live);
    assertThat(find(groups, "SBDbSubnetGroup")).isNull();
    groups.delete(ctx, live);  // already gone = success
  }

  @Test
  void subnetGroupCreateAfterACrashAdoptsOursAndRefusesOthers() {
    Desired d = desired("SBDbSubnetGroup", "rds.dbSubnetGroup", map("dbSubnetGroupName", "db-subnets",
        "dbSubnetGroupDescription", "d", "subnetIds", List.of(net.a(), net.b())));
    String first = groups.create(ctx, d).id();
    LiveResource again = groups.create(ctx, with(d, "dbSubnetGroupDescription", "changed meanwhile"));
    assertThat(again.id()).isEqualTo(first);
    assertThat(again.properties()).containsEntry("dbSubnetGroupDescription", "changed meanwhile");

    Desired other = new Desired("SBDbSubnetGroup", d.type(), "otherstack", d.properties(),
        Map.of(Tags.SBID, "SBDbSubnetGroup", Tags.STACK, "otherstack"));
    assertThatThrownBy(() -> groups.create(ctx, other))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("DBSubnetGroupAlreadyExists"));
  }

  @Test
  void dbInstanceThroughEveryMutableProperty() throws Exception {
    String group = group("SBDbSubnetGroup", "sorterbot-db-subnets");
    Desired d = postgres(group);

    LiveResource live = roundTrip(instances, d);
    assertThat(ticker.slept()).isGreaterThanOrEqualTo(Duration.ofMinutes(6)).isLessThan(Duration.ofMinutes(10));
    assertThat(notices.activities).contains("SBPostgres creating");
    assertThat(live.properties()).containsEntry("engineVersion", "16.4");
    assertThat(live.properties().get("masterUserPassword")).isInstanceOf(Sensitive.class).hasToString(Sensitive.MASK);
    assertThat(live.tags()).doesNotContainKeys(RdsPassword.TAG, DbInstanceView.SKIP_FINAL_SNAPSHOT_TAG);
    assertThat(live.attributes()).containsEntry("id", "sorterbot-postgres")
        .containsEntry("arn", "arn:aws:rds:eu-central-1:123456789012:db:sorterbot-postgres")
        .containsEntry("endpointAddress", "sorterbot-postgres.c0sandbox.eu-central-1.rds.amazonaws.com")
        .containsEntry("endpointPort", 5432L);
    assertThat(live.refs()).containsExactlyInAnyOrder(group, net.sg1());
    assertThat(live.createdAt()).isNotNull();

    live = update(instances, live, d = with(d, "dbInstanceClass", "db.t4g.small"));
    live = update(instances, live, d = with(d, "allocatedStorage", 30L));
    // AWS refuses another storage change for 6 hours or until storage optimization ends (RdsStorageOptimizationTest).
    ticker.advance(Duration.ofHours(7));
    live = update(instances, live, d = with(d, "storageType", "gp2"));
    ticker.advance(Duration.ofHours(7));
    live = update(instances, live, d = with(d, "engineVersion", "17"));
    assertThat(live.properties()).containsEntry("engineVersion", "17.2");
    live = update(instances, live, d = with(d, "backupRetentionPeriod", 7L));
    live = update(instances, live, d = with(d, "publiclyAccessible", false));
    live = update(instances, live, d = with(d, "enableIAMDatabaseAuthentication", false));
    live = update(instances, live, d = with(d, "vpcSecurityGroupIds", List.of(net.sg2(), net.sg1())));
    live = update(instances, live, d = with(d, "port", 5433L));
    assertThat(live.attributes()).containsEntry("endpointPort", 5433L);
    live = update(instances, live, d = with(d, "multiAZ", true));
    live = update(instances, live, d = with(d, "masterUserPassword", new Sensitive("an0therSecretValue")));
    assertThat(storedPassword("sorterbot-postgres")).isEqualTo(sha256("an0therSecretValue"));
    assertThat(clients.account().toJson()).doesNotContain("an0therSecretValue", "s3cretPassw0rdXYZ");
    live = update(instances, live, d = with(d, "tags", Map.of("Name", "pg2")));
    live = update(instances, live, d = with(d, "deletionProtection", true));
    assertThat(notices.activities).contains("SBPostgres modifying");

    LiveResource protectedOne = live;
    assertThatThrownBy(() -> instances.delete(ctx, protectedOne)).hasMessageContaining("deletionProtection: false");
    assertThat(find(instances, "SBPostgres")).isNotNull();

    live = update(instances, live, with(d, "deletionProtection", false));
    instances.delete(ctx, live);
    assertThat(find(instances, "SBPostgres")).isNull();
    String snapshot = clients.rds().describeDBSnapshots(b -> b.dbInstanceIdentifier("sorterbot-postgres"))
        .dbSnapshots().get(0).dbSnapshotIdentifier();
    assertThat(snapshot).matches("sorterbot-postgres-final-2025030\\d{7}");
    assertThat(notices.activities).contains("SBPostgres destroying (final snapshot " + snapshot + ")");
    instances.delete(ctx, live);  // already gone = success
  }

  @Test
  void howToDeleteIsRecordedOnTheInstance() {
    String group = group("SBDbSubnetGroup", "db-subnets");
    Desired d = with(postgres(group), "finalSnapshotIdentifier", "Keep-Me");
    LiveResource live = roundTrip(instances, d);
    live = update(instances, live, with(d, "finalSnapshotIdentifier", "keep-this-one"));
    instances.delete(ctx, live);
    assertThat(clients.rds().describeDBSnapshots(b -> b.dbSnapshotIdentifier("keep-this-one")).dbSnapshots()).hasSize(1);

    LiveResource skipping = roundTrip(instances, with(postgres(group), "skipFinalSnapshot", true));
    instances.delete(ctx, skipping);
    assertThat(clients.rds().describeDBSnapshots().dbSnapshots()).hasSize(1);
    assertThat(find(instances, "SBPostgres")).isNull();
  }

  @Test
  void deferredChangesCountAsMadeAndAreNotWaitedFor() {
    Desired d = with(postgres(group("SBDbSubnetGroup", "db-subnets")), "applyImmediately", false);
    LiveResource live = roundTrip(instances, d);
    Duration before = ticker.slept();
    live = update(instances, live, with(d, "dbInstanceClass", "db.m7g.large"));
    assertThat(ticker.slept()).isEqualTo(before);
    var described = clients.rds().describeDBInstances(b -> b.dbInstanceIdentifier("sorterbot-postgres")).dbInstances().get(0);
    assertThat(described.dbInstanceClass()).isEqualTo("db.t4g.micro");
    assertThat(described.pendingModifiedValues().dbInstanceClass()).isEqualTo("db.m7g.large");
    assertThat(described.dbInstanceStatus()).isEqualTo("available");
  }

  @Test
  void createAfterACrashAdoptsOurInstanceAndRefusesAnotherStacks() {
    Desired d = postgres(group("SBDbSubnetGroup", "db-subnets"));
    String first = instances.create(ctx, d).id();
    assertThat(instances.create(ctx, d).id()).isEqualTo(first);
    assertThat(instances.discover(ctx)).hasSize(1);

    Desired other = new Desired("SBPostgres", d.type(), "otherstack", d.properties(),
        Map.of(Tags.SBID, "SBPostgres", Tags.STACK, "otherstack"));
    assertThatThrownBy(() -> instances.create(ctx, other))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("DBInstanceAlreadyExists"));
  }

  @Test
  void subnetGroupDeleteWaitsUntilItsInstanceIsGone() {
    String group = group("SBDbSubnetGroup", "db-subnets");
    LiveResource db = instances.create(ctx, with(postgres(group), "skipFinalSnapshot", true));
    clients.rds().deleteDBInstance(b -> b.dbInstanceIdentifier(db.id()).skipFinalSnapshot(true));
    Duration before = ticker.slept();

    groups.delete(ctx, find(groups, "SBDbSubnetGroup"));

    assertThat(find(groups, "SBDbSubnetGroup")).isNull();
    assertThat(ticker.slept().minus(before)).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    assertThat(notices.activities).contains("SBDbSubnetGroup destroying");
  }

  // ---------------------------------------------------------------------------------------------

  private Desired postgres(String group) {
    return desired("SBPostgres", "rds.dbInstance", map("dbInstanceIdentifier", "sorterbot-postgres", "engine", "postgres",
        "engineVersion", "16", "dbInstanceClass", "db.t4g.micro", "allocatedStorage", 20L, "masterUsername", "postgres",
        "masterUserPassword", new Sensitive("s3cretPassw0rdXYZ"), "dbName", "sorterbot", "publiclyAccessible", true,
        "enableIAMDatabaseAuthentication", true, "backupRetentionPeriod", 0L, "dbSubnetGroupName", group,
        "vpcSecurityGroupIds", List.of(net.sg1()), "tags", Map.of("Name", "pg")));
  }

  private String group(String sbid, String name) {
    return groups.create(ctx, desired(sbid, "rds.dbSubnetGroup", map("dbSubnetGroupName", name,
        "dbSubnetGroupDescription", "subnets", "subnetIds", List.of(net.a(), net.b())))).id();
  }

  private String storedPassword(String id) {
    return clients.account().read(() -> clients.account().state("rds", "eu-central-1", io.sorterbot.sandbox.RdsState.class)
        .instances.get(id).masterUserPasswordSha256);
  }

  private static String sha256(String s) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Creates, then checks that the engine would see no difference, on the created and on the discovered resource. */
  private LiveResource roundTrip(ResourceKind kind, Desired d) {
    LiveResource created = kind.create(ctx, d);
    assertMatches(kind, d, created);
    LiveResource found = find(kind, d.sbid());
    assertThat(found).isNotNull();
    assertThat(found.id()).isEqualTo(created.id());
    assertThat(found.properties()).isEqualTo(created.properties());
    assertMatches(kind, d, found);
    return found;
  }

  /** Updates what the engine would plan, then checks it sees no difference any more. */
  private LiveResource update(ResourceKind kind, LiveResource live, Desired d) {
    List<PropertyChange> changes = diff(kind, d, live);
    assertThat(changes).isNotEmpty().noneMatch(PropertyChange::forcesReplacement);
    LiveResource after = kind.update(ctx, live, d, changes);
    assertMatches(kind, d, after);
    LiveResource found = find(kind, d.sbid());
    assertThat(found.properties()).isEqualTo(after.properties());
    assertThat(found.id()).isEqualTo(live.id());
    assertMatches(kind, d, found);
    return found;
  }

  private static void assertMatches(ResourceKind kind, Desired d, LiveResource live) {
    assertThat(diff(kind, d, live)).as("changes the engine would still plan").isEmpty();
    assertThat(live.stackTag()).isEqualTo(RdsTestSupport.STACK);
    assertThat(live.sbid()).isEqualTo(d.sbid());
    assertThat(live.properties().get("tags")).isEqualTo(Tags.userTags(d.tags()));
    assertThat(live.attributes()).containsEntry("id", live.id());
  }

  private LiveResource find(ResourceKind kind, String sbid) {
    List<LiveResource> found = kind.discover(ctx).stream().filter(r -> sbid.equals(r.sbid())).toList();
    assertThat(found).hasSizeLessThanOrEqualTo(1);
    return found.isEmpty() ? null : found.get(0);
  }

  /** The EC2 side, made with the sandbox's EC2 directly: a public VPC with three zones and two groups. */
  record RdsSandboxNetwork(String vpc, String a, String b, String c, String igw, String sg1, String sg2) {
    static RdsSandboxNetwork create(Ec2Client ec2) {
      String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
      ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(v -> v.value(true)));
      String a = subnet(ec2, vpc, "10.0.0.0/24", "eu-central-1a");
      String b = subnet(ec2, vpc, "10.0.1.0/24", "eu-central-1b");
      String c = subnet(ec2, vpc, "10.0.2.0/24", "eu-central-1c");
      String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
      ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
      String sg1 = ec2.createSecurityGroup(r -> r.groupName("pg").description("pg").vpcId(vpc)).groupId();
      String sg2 = ec2.createSecurityGroup(r -> r.groupName("pg2").description("pg2").vpcId(vpc)).groupId();
      return new RdsSandboxNetwork(vpc, a, b, c, igw, sg1, sg2);
    }

    private static String subnet(Ec2Client ec2, String vpc, String cidr, String zone) {
      return ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr).availabilityZone(zone)).subnet().subnetId();
    }
  }
}
