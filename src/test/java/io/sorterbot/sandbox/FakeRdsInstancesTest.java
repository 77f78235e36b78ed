package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeRdsTestSupport.assertCode;
import static io.sorterbot.sandbox.FakeRdsTestSupport.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.sandbox.FakeRdsTestSupport.Net;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.*;

/** DB instances of the fake at real-life provisioning durations, on a clock the test moves. */
class FakeRdsInstancesTest {
  @TempDir Path dir;
  private final FakeTicker ticker = new FakeTicker();
  private SandboxClients clients;
  private RdsClient rds;
  private Ec2Client ec2;
  private Net net;
  private String group;

  @BeforeEach void setUp() {
    clients = FakeRdsTestSupport.open(dir, ticker, 1);
    rds = clients.rds();
    ec2 = clients.ec2();
    net = Net.create(ec2, true);
    group = FakeRdsTestSupport.group(rds, net, "db-subnets");
  }

  @Test void createsThroughCreatingAndBackingUpToAvailable() {
    DBInstance made = rds.createDBInstance(postgres("SorterBot-Postgres", group).vpcSecurityGroupIds(net.sg1())
        .tags(FakeRdsSubnetGroupsTest.tag("SBID", "SBPostgres")).build()).dbInstance();
    assertThat(made.dbInstanceIdentifier()).isEqualTo("sorterbot-postgres");
    assertThat(made.dbInstanceStatus()).isEqualTo("creating");
    assertThat(made.endpoint()).isNull();
    assertThat(made.engineVersion()).isEqualTo("16.4");

    ticker.advance(Duration.ofMinutes(6));
    assertThat(describe("sorterbot-postgres").dbInstanceStatus()).isEqualTo("backing-up");
    ticker.advance(Duration.ofMinutes(1));
    DBInstance i = describe("SORTERBOT-POSTGRES");
    assertThat(i.dbInstanceStatus()).isEqualTo("available");
    assertThat(i.endpoint().address()).isEqualTo("sorterbot-postgres.c0sandbox.eu-west-1.rds.amazonaws.com");
    assertThat(i.endpoint().port()).isEqualTo(5432);
    assertThat(i.dbInstanceArn()).isEqualTo("arn:aws:rds:eu-west-1:123456789012:db:sorterbot-postgres");
    assertThat(i.dbSubnetGroup().dbSubnetGroupName()).isEqualTo("db-subnets");
    assertThat(i.vpcSecurityGroups()).extracting(VpcSecurityGroupMembership::vpcSecurityGroupId).containsExactly(net.sg1());
    assertThat(i.availabilityZone()).isEqualTo("eu-west-1a");
    assertThat(i.backupRetentionPeriod()).isEqualTo(1);
    assertThat(i.publiclyAccessible()).isFalse();
    assertThat(i.tagList()).containsExactly(FakeRdsSubnetGroupsTest.tag("SBID", "SBPostgres"));
    assertThat(i.instanceCreateTime()).isNotNull();

    // the account persists: another process sees the same instance
    SandboxClients again = FakeRdsTestSupport.open(dir, ticker, 1);
    assertThat(again.rds().describeDBInstances().dbInstances()).extracting(DBInstance::dbInstanceStatus).containsExactly("available");
  }

  @Test void createChecksWhatAwsChecks() {
    rds.createDBInstance(postgres("taken", group).build());
    assertCode("DBInstanceAlreadyExists", () -> rds.createDBInstance(postgres("TAKEN", group).build()));
    assertCode("DBSubnetGroupNotFoundFault", () -> rds.createDBInstance(postgres("a", "nope").build()));
    assertCode("DBSubnetGroupNotFoundFault", () -> rds.createDBInstance(postgres("a", null).build()));
    assertCode("InvalidParameterValue", () -> rds.createDBInstance(postgres("a", group).masterUserPassword("short").build()));
    assertCode("InvalidParameterValue", () -> rds.createDBInstance(postgres("a", group).masterUserPassword("has@atsign1").build()));
    assertCode("InvalidParameterValue", () -> rds.createDBInstance(postgres("a", group).masterUserPassword(null).build()));
    assertCode("InvalidParameterValue", () -> rds.createDBInstance(postgres("a", group).allocatedStorage(10).build()));
    assertCode("InvalidParameterValue", () -> rds.createDBInstance(postgres("a", group).engine("oracle-xe").build()));
    assertCode("InvalidParameterCombination", () -> rds.createDBInstance(postgres("a", group).engineVersion("9").build()));
    assertCode("InvalidParameterValue", () -> rds.createDBInstance(postgres("bad--name", group).build()));
    assertCode("InvalidParameterValue", () -> rds.createDBInstance(postgres("a", group).vpcSecurityGroupIds("sg-00000000000000bad").build()));
    String otherVpc = ec2.createVpc(r -> r.cidrBlock("10.8.0.0/16")).vpc().vpcId();
    String foreign = ec2.createSecurityGroup(r -> r.groupName("x").description("x").vpcId(otherVpc)).groupId();
    assertCode("InvalidParameterCombination", () -> rds.createDBInstance(postgres("a", group).vpcSecurityGroupIds(foreign).build()));
    assertCode("InvalidParameterCombination", () -> rds.createDBInstance(postgres("a", group).multiAZ(true)
        .availabilityZone("eu-west-1a").build()));
    assertThat(rds.describeDBInstances().dbInstances()).hasSize(1);
  }

  @Test void publicAccessNeedsDnsAndAnInternetGateway() {
    Net closed = Net.create(ec2, false);
    String closedGroup = rds.createDBSubnetGroup(r -> r.dbSubnetGroupName("closed").dbSubnetGroupDescription("d")
        .subnetIds(closed.a(), closed.b())).dbSubnetGroup().dbSubnetGroupName();
    assertCode("InvalidVPCNetworkStateFault", () -> rds.createDBInstance(postgres("p", closedGroup).publiclyAccessible(true).build()));
    ec2.modifyVpcAttribute(r -> r.vpcId(closed.vpc()).enableDnsHostnames(v -> v.value(true)));
    AwsServiceExceptionMessage.contains(assertCode("InvalidVPCNetworkStateFault",
        () -> rds.createDBInstance(postgres("p", closedGroup).publiclyAccessible(true).build())), "no internet gateway");
    rds.createDBInstance(postgres("p", group).publiclyAccessible(true).build());
  }

  @Test void aLiveInstanceBlocksItsSubnetGroupsAndGatewayInEc2() {
    rds.createDBInstance(postgres("db", group).vpcSecurityGroupIds(net.sg1()).publiclyAccessible(true).build());
    assertEc2Code("DependencyViolation", () -> ec2.deleteSubnet(r -> r.subnetId(net.a())));
    assertEc2Code("DependencyViolation", () -> ec2.deleteSecurityGroup(r -> r.groupId(net.sg1())));
    assertEc2Code("DependencyViolation", () -> ec2.detachInternetGateway(r -> r.internetGatewayId(net.igw()).vpcId(net.vpc())));
    ec2.deleteSubnet(r -> r.subnetId(net.c()));  // no interface there
    ec2.deleteSecurityGroup(r -> r.groupId(net.sg2()));

    ticker.advance(Duration.ofMinutes(10));
    rds.deleteDBInstance(r -> r.dbInstanceIdentifier("db").skipFinalSnapshot(true));
    assertEc2Code("DependencyViolation", () -> ec2.deleteSubnet(r -> r.subnetId(net.a())));  // still deleting
    ticker.advance(Duration.ofMinutes(2));
    ec2.detachInternetGateway(r -> r.internetGatewayId(net.igw()).vpcId(net.vpc()));
    ec2.deleteSecurityGroup(r -> r.groupId(net.sg1()));
    ec2.deleteSubnet(r -> r.subnetId(net.a()));
  }

  @Test void aStandbyTakesASecondZoneAndItsSubnet() {
    rds.createDBInstance(postgres("db", group).build());
    ticker.advance(Duration.ofMinutes(7));
    ec2.deleteSubnet(r -> r.subnetId(net.c()));
    rds.modifyDBInstance(r -> r.dbInstanceIdentifier("db").multiAZ(true).applyImmediately(true));
    assertThat(describe("db").pendingModifiedValues().multiAZ()).isTrue();
    ticker.advance(Duration.ofMinutes(2));
    DBInstance i = describe("db");
    assertThat(i.multiAZ()).isTrue();
    assertThat(i.availabilityZone()).isEqualTo("eu-west-1a");
    assertThat(i.secondaryAvailabilityZone()).isEqualTo("eu-west-1b");
    assertEc2Code("DependencyViolation", () -> ec2.deleteSubnet(r -> r.subnetId(net.b())));
  }

  @Test void modifyGoesThroughModifyingAndChecksVersions() {
    rds.createDBInstance(postgres("db", group).backupRetentionPeriod(0).build());
    assertCode("InvalidDBInstanceState", () -> rds.modifyDBInstance(r -> r.dbInstanceIdentifier("db").dbInstanceClass("db.t4g.small")));
    ticker.advance(Duration.ofMinutes(6));
    assertThat(describe("db").dbInstanceStatus()).isEqualTo("available");

    assertCode("InvalidParameterCombination", () -> rds.modifyDBInstance(r -> r.dbInstanceIdentifier("db").engineVersion("17")
        .applyImmediately(true)));
    assertCode("InvalidParameterCombination", () -> rds.modifyDBInstance(r -> r.dbInstanceIdentifier("db").engineVersion("15")
        .allowMajorVersionUpgrade(true).applyImmediately(true)));
    assertCode("InvalidParameterCombination", () -> rds.modifyDBInstance(r -> r.dbInstanceIdentifier("db").allocatedStorage(21)));
    rds.modifyDBInstance(r -> r.dbInstanceIdentifier("db").engineVersion("17").allowMajorVersionUpgrade(true)
        .dbInstanceClass("db.t4g.small").masterUserPassword("n3wPassw0rd").deletionProtection(true).applyImmediately(true));
    DBInstance during = describe("db");
    assertThat(during.dbInstanceStatus()).isEqualTo("modifying");
    assertThat(during.pendingModifiedValues().engineVersion()).isEqualTo("17.2");
    assertThat(during.pendingModifiedValues().masterUserPassword()).isEqualTo("****");
    assertThat(during.deletionProtection()).isTrue();
    assertThat(during.engineVersion()).isEqualTo("16.4");

    ticker.advance(Duration.ofMinutes(2));
    DBInstance after = describe("db");
    assertThat(after.dbInstanceStatus()).isEqualTo("available");
    assertThat(after.engineVersion()).isEqualTo("17.2");
    assertThat(after.dbInstanceClass()).isEqualTo("db.t4g.small");
    assertThat(after.pendingModifiedValues().engineVersion()).isNull();

    // without ApplyImmediately the class waits for the maintenance window; security groups apply at once
    rds.modifyDBInstance(r -> r.dbInstanceIdentifier("db").dbInstanceClass("db.m7g.large").vpcSecurityGroupIds(net.sg2()));
    DBInstance deferred = describe("db");
    assertThat(deferred.dbInstanceStatus()).isEqualTo("available");
    assertThat(deferred.dbInstanceClass()).isEqualTo("db.t4g.small");
    assertThat(deferred.pendingModifiedValues().dbInstanceClass()).isEqualTo("db.m7g.large");
    assertThat(deferred.vpcSecurityGroups()).extracting(VpcSecurityGroupMembership::vpcSecurityGroupId).containsExactly(net.sg2());
  }

  @Test void deleteNeedsASnapshotDecisionNoProtectionAndTakesTheSnapshot() {
    rds.createDBInstance(postgres("db", group).deletionProtection(true).build());
    ticker.advance(Duration.ofMinutes(7));
    assertThat(AwsErrors.message(assertCode("InvalidParameterCombination",
        () -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier("db").skipFinalSnapshot(true))))).contains("protected");
    rds.modifyDBInstance(r -> r.dbInstanceIdentifier("db").deletionProtection(false));
    assertThat(describe("db").dbInstanceStatus()).isEqualTo("available");
    assertCode("InvalidParameterCombination", () -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier("db")));

    rds.createDBInstance(postgres("db2", group).build());
    assertCode("InvalidDBInstanceState", () -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier("db2").finalDBSnapshotIdentifier("final")));
    ticker.advance(Duration.ofMinutes(7));
    rds.deleteDBInstance(r -> r.dbInstanceIdentifier("db").finalDBSnapshotIdentifier("Final-One"));
    assertCode("DBSnapshotAlreadyExists", () -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier("db2").finalDBSnapshotIdentifier("final-one")));
    assertCode("InvalidDBInstanceState", () -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier("db").skipFinalSnapshot(true)));
    assertThat(describe("db").dbInstanceStatus()).isEqualTo("deleting");
    DBSnapshot snap = rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier("final-one")).dbSnapshots().get(0);
    assertThat(snap.dbInstanceIdentifier()).isEqualTo("db");
    assertThat(snap.status()).isEqualTo("creating");

    ticker.advance(Duration.ofMinutes(2));
    assertCode("DBInstanceNotFound", () -> describe("db"));
    assertThat(assertCode("DBInstanceNotFound", () -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier("db").skipFinalSnapshot(true))))
        .isInstanceOf(DbInstanceNotFoundException.class).satisfies(e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThat(rds.describeDBSnapshots(r -> r.dbInstanceIdentifier("db")).dbSnapshots().get(0).status()).isEqualTo("available");
    assertThat(rds.describeDBInstances().dbInstances()).extracting(DBInstance::dbInstanceIdentifier).containsExactly("db2");
  }

  @Test void describeFiltersAndTagsByArn() {
    rds.createDBInstance(postgres("one", group).build());
    rds.createDBInstance(postgres("two", group).engine("mysql").engineVersion("8.0").build());
    assertThat(rds.describeDBInstances(r -> r.filters(f -> f.name("engine").values("mysql"))).dbInstances())
        .extracting(DBInstance::dbInstanceIdentifier).containsExactly("two");
    assertThat(describe("two").engineVersion()).isEqualTo("8.0.39");
    assertThat(describe("two").dbInstancePort()).isZero();
    String arn = describe("one").dbInstanceArn();
    assertThat(rds.describeDBInstances(r -> r.filters(f -> f.name("db-instance-id").values(arn))).dbInstances()).hasSize(1);
    assertCode("InvalidParameterValue", () -> rds.describeDBInstances(r -> r.filters(f -> f.name("nonsense").values("x"))));

    rds.addTagsToResource(r -> r.resourceName(arn).tags(FakeRdsSubnetGroupsTest.tag("SBID", "SBOne")));
    assertThat(describe("one").tagList()).containsExactly(FakeRdsSubnetGroupsTest.tag("SBID", "SBOne"));
    rds.removeTagsFromResource(r -> r.resourceName(arn).tagKeys("SBID"));
    assertThat(rds.listTagsForResource(r -> r.resourceName(arn)).tagList()).isEmpty();
    assertCode("InvalidParameterValue", () -> rds.addTagsToResource(r -> r.resourceName(arn)
        .tags(FakeRdsSubnetGroupsTest.tag("aws:reserved", "x"))));
    assertCode("DBInstanceNotFound", () -> rds.listTagsForResource(r -> r.resourceName(arn.replace(":one", ":three"))));
  }

  private DBInstance describe(String id) {
    return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
  }

  private static void assertEc2Code(String code, Runnable call) {
    Throwable t = Assertions.catchThrowable(call::run);
    assertThat(t).isNotNull();
    assertThat(AwsErrors.code(t)).isEqualTo(code);
  }

  /** Message checks on AWS errors. */
  static final class AwsServiceExceptionMessage {
    static void contains(software.amazon.awssdk.awscore.exception.AwsServiceException e, String text) {
      assertThat(AwsErrors.message(e)).contains(text);
    }
  }
}
