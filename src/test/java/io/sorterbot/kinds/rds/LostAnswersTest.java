package io.sorterbot.kinds.rds;

import static io.sorterbot.kinds.rds.RdsTestSupport.desired;
import static io.sorterbot.kinds.rds.RdsTestSupport.diff;
import static io.sorterbot.kinds.rds.RdsTestSupport.map;
import static io.sorterbot.kinds.rds.RdsTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;

/**
 * Every mutating RDS call's first answer lost (lost rate 1), provisioning at real durations: a create sent
 * again meets its own group or instance, a modify sent again meets the instance busy with the first one.
 */
class LostAnswersTest {
  @TempDir Path dir;
  private final RdsTestSupport.FakeTicker ticker = new RdsTestSupport.FakeTicker();
  private final DbSubnetGroupKind groups = new DbSubnetGroupKind();
  private final DbInstanceKind instances = new DbInstanceKind();
  /** The same account without faults: setup and inspection. */
  private SandboxClients plain;
  private KindContext ctx;
  private RdsSandboxLifecycleTest.RdsSandboxNetwork net;

  @BeforeEach
  void open() {
    plain = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none().withProvisionScale(1), ticker);
    net = RdsSandboxLifecycleTest.RdsSandboxNetwork.create(plain.ec2());
    SandboxClients lost = SandboxClients.open(dir, "eu-central-1",
        SandboxKnobs.none().withProvisionScale(1).withLostRate(1.0), ticker);
    ctx = new KindContext(RdsTestSupport.STACK, lost, ticker, KindContext.Progress.NONE);
  }

  @Test
  void subnetGroupAndInstanceAreMadeOnceUpdatedAndDeleted() {
    Desired g = desired("SBGroup", "rds.dbSubnetGroup", map("dbSubnetGroupName", "lost-subnets",
        "dbSubnetGroupDescription", "d", "subnetIds", List.of(net.a(), net.b())));
    LiveResource group = groups.create(ctx, g);
    assertThat(plain.rds().describeDBSubnetGroups().dbSubnetGroups()).singleElement()
        .extracting(DBSubnetGroup::dbSubnetGroupName).isEqualTo(group.id());
    group = update(groups, group, with(g, "dbSubnetGroupDescription", "changed"));

    Desired d = desired("SBPostgres", "rds.dbInstance", map("dbInstanceIdentifier", "lost-postgres", "engine", "postgres",
        "engineVersion", "16", "dbInstanceClass", "db.t4g.micro", "allocatedStorage", 20L, "masterUsername", "postgres",
        "masterUserPassword", new Sensitive("s3cretPassw0rdXYZ"), "dbSubnetGroupName", group.id(),
        "vpcSecurityGroupIds", List.of(net.sg1()), "skipFinalSnapshot", true));
    LiveResource db = instances.create(ctx, d);
    assertThat(plain.rds().describeDBInstances().dbInstances()).singleElement()
        .extracting(DBInstance::dbInstanceIdentifier).isEqualTo(db.id());
    assertThat(diff(instances, d, db)).isEmpty();
    // applied at once: the instance is modifying when the second ModifyDBInstance arrives
    db = update(instances, db, d = with(d, "masterUserPassword", new Sensitive("an0therSecretValue")));
    db = update(instances, db, with(d, "dbInstanceClass", "db.t4g.small"));

    instances.delete(ctx, db);
    assertThat(plain.rds().describeDBInstances().dbInstances()).isEmpty();
    groups.delete(ctx, group);
    assertThat(plain.rds().describeDBSubnetGroups().dbSubnetGroups()).isEmpty();
  }

  @Test
  void sameNamedOnesOfAnotherStackStillFailTheCreate() {
    Map<String, String> foreign = Map.of(Tags.SBID, "SBGroup", Tags.STACK, "otherstack");
    plain.rds().createDBSubnetGroup(b -> b.dbSubnetGroupName("taken").dbSubnetGroupDescription("d")
        .subnetIds(net.a(), net.b()).tags(RdsSupport.toTags(foreign)));
    assertThatThrownBy(() -> groups.create(ctx, desired("SBGroup", "rds.dbSubnetGroup", map("dbSubnetGroupName", "taken",
        "dbSubnetGroupDescription", "d", "subnetIds", List.of(net.a(), net.b()))))).hasMessageContaining("already exists");

    plain.rds().createDBInstance(b -> b.dbInstanceIdentifier("taken-db").engine("postgres").dbInstanceClass("db.t4g.micro")
        .allocatedStorage(20).masterUsername("postgres").masterUserPassword("s3cretPassw0rdXYZ").dbSubnetGroupName("taken")
        .tags(RdsSupport.toTags(Map.of(Tags.SBID, "SBPostgres", Tags.STACK, "otherstack"))));
    assertThatThrownBy(() -> instances.create(ctx, desired("SBPostgres", "rds.dbInstance", map("dbInstanceIdentifier",
        "taken-db", "engine", "postgres", "dbInstanceClass", "db.t4g.micro", "allocatedStorage", 20L, "masterUsername",
        "postgres", "masterUserPassword", new Sensitive("s3cretPassw0rdXYZ"), "dbSubnetGroupName", "taken"))))
        .hasMessageContaining("already exists");
  }

  private LiveResource update(ResourceKind kind, LiveResource live, Desired d) {
    List<PropertyChange> changes = diff(kind, d, live);
    assertThat(changes).isNotEmpty();
    LiveResource after = kind.update(ctx, live, d, changes);
    assertThat(diff(kind, d, after)).isEmpty();
    return after;
  }
}
