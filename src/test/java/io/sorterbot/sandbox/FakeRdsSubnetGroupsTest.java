package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeRdsTestSupport.assertCode;
import static io.sorterbot.sandbox.FakeRdsTestSupport.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.sandbox.FakeRdsTestSupport.Net;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.*;

class FakeRdsSubnetGroupsTest {
  @TempDir Path dir;
  private SandboxClients clients;
  private RdsClient rds;
  private Net net;

  @BeforeEach void setUp() {
    clients = FakeRdsTestSupport.open(dir, new FakeTicker(), 0);
    rds = clients.rds();
    net = Net.create(clients.ec2(), false);
  }

  @Test void createDescribeTagModifyDelete() {
    DBSubnetGroup made = rds.createDBSubnetGroup(r -> r.dbSubnetGroupName("My-DB-Subnets").dbSubnetGroupDescription("mine")
        .subnetIds(net.b(), net.a()).tags(tag("SBID", "SBGroup"), tag("Name", "x"))).dbSubnetGroup();
    assertThat(made.dbSubnetGroupName()).isEqualTo("my-db-subnets");
    String arn = "arn:aws:rds:eu-west-1:123456789012:subgrp:my-db-subnets";
    assertThat(made.dbSubnetGroupArn()).isEqualTo(arn);

    DBSubnetGroup g = rds.describeDBSubnetGroups(r -> r.dbSubnetGroupName("MY-DB-SUBNETS")).dbSubnetGroups().get(0);
    assertThat(g.vpcId()).isEqualTo(net.vpc());
    assertThat(g.subnetGroupStatus()).isEqualTo("Complete");
    assertThat(g.subnets()).extracting(Subnet::subnetIdentifier).containsExactly(net.b(), net.a());
    assertThat(g.subnets()).extracting(s -> s.subnetAvailabilityZone().name()).containsExactly("eu-west-1b", "eu-west-1a");
    assertThat(rds.listTagsForResource(r -> r.resourceName(arn)).tagList()).containsExactly(tag("SBID", "SBGroup"), tag("Name", "x"));

    rds.addTagsToResource(r -> r.resourceName(arn).tags(tag("Name", "y"), tag("Env", "t")));
    rds.removeTagsFromResource(r -> r.resourceName(arn).tagKeys("SBID"));
    assertThat(rds.listTagsForResource(r -> r.resourceName(arn)).tagList()).containsExactly(tag("Name", "y"), tag("Env", "t"));

    rds.modifyDBSubnetGroup(r -> r.dbSubnetGroupName("my-db-subnets").dbSubnetGroupDescription("three").subnetIds(net.a(), net.b(), net.c()));
    g = rds.describeDBSubnetGroups().dbSubnetGroups().get(0);
    assertThat(g.dbSubnetGroupDescription()).isEqualTo("three");
    assertThat(g.subnets()).hasSize(3);

    rds.deleteDBSubnetGroup(r -> r.dbSubnetGroupName("my-db-subnets"));
    AwsExceptionCheck.notFound(assertCode("DBSubnetGroupNotFoundFault",
        () -> rds.describeDBSubnetGroups(r -> r.dbSubnetGroupName("my-db-subnets"))), DbSubnetGroupNotFoundException.class);
    assertCode("DBSubnetGroupNotFoundFault", () -> rds.listTagsForResource(r -> r.resourceName(arn)));
    assertCode("DBSubnetGroupNotFoundFault", () -> rds.deleteDBSubnetGroup(r -> r.dbSubnetGroupName("my-db-subnets")));
  }

  @Test void createChecksWhatAwsChecks() {
    assertCode("DBSubnetGroupDoesNotCoverEnoughAZs", () -> create("one-zone", net.a()));
    assertCode("InvalidSubnet", () -> create("ghost", net.a(), "subnet-0000000000000dead"));
    String otherVpc = clients.ec2().createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
    String far = clients.ec2().createSubnet(r -> r.vpcId(otherVpc).cidrBlock("10.9.0.0/24").availabilityZone("eu-west-1c"))
        .subnet().subnetId();
    assertCode("InvalidParameterValue", () -> create("two-vpcs", net.a(), far));
    assertCode("InvalidParameterValue", () -> create("default", net.a(), net.b()));
    assertCode("InvalidParameterValue", () -> create("1starts-with-digit", net.a(), net.b()));
    assertCode("InvalidParameterValue", () -> rds.createDBSubnetGroup(r -> r.dbSubnetGroupName("x").subnetIds(net.a(), net.b())));
    create("taken", net.a(), net.b());
    assertCode("DBSubnetGroupAlreadyExists", () -> create("TAKEN", net.a(), net.c()));
    assertCode("InvalidParameterValue", () -> rds.listTagsForResource(r -> r.resourceName("arn:aws:s3:::bucket")));
    assertThat(rds.describeDBSubnetGroups().dbSubnetGroups()).hasSize(1);
  }

  @Test void aGroupInUseCannotGoNorLoseTheSubnetItsInstanceIsIn() {
    create("in-use", net.a(), net.b());
    rds.createDBInstance(postgres("db1", "in-use").build());
    assertCode("InvalidDBSubnetGroupStateFault", () -> rds.deleteDBSubnetGroup(r -> r.dbSubnetGroupName("in-use")));
    // the instance sits in zone a: dropping b is fine, dropping a is not
    rds.modifyDBSubnetGroup(r -> r.dbSubnetGroupName("in-use").subnetIds(net.a(), net.c()));
    assertCode("SubnetAlreadyInUse", () -> rds.modifyDBSubnetGroup(r -> r.dbSubnetGroupName("in-use").subnetIds(net.b(), net.c())));
    assertCode("MissingParameter", () -> rds.modifyDBSubnetGroup(r -> r.dbSubnetGroupName("in-use").dbSubnetGroupDescription("x")));

    rds.deleteDBInstance(r -> r.dbInstanceIdentifier("db1").skipFinalSnapshot(true));
    rds.deleteDBSubnetGroup(r -> r.dbSubnetGroupName("in-use"));  // provisioning is instant at scale 0
  }

  @Test void describePagesThroughMarkers() {
    for (int i = 0; i < 25; i++) create("group-" + i, net.a(), net.b());
    DescribeDbSubnetGroupsResponse first = rds.describeDBSubnetGroups(r -> r.maxRecords(20));
    assertThat(first.dbSubnetGroups()).hasSize(20);
    assertThat(first.marker()).isNotNull();
    List<DBSubnetGroup> all = rds.describeDBSubnetGroupsPaginator(r -> r.maxRecords(20)).dbSubnetGroups().stream().toList();
    assertThat(all).hasSize(25).extracting(DBSubnetGroup::dbSubnetGroupName).doesNotHaveDuplicates();
    assertCode("InvalidParameterValue", () -> rds.describeDBSubnetGroups(r -> r.maxRecords(5)));
  }

  private void create(String name, String... subnets) {
    rds.createDBSubnetGroup(r -> r.dbSubnetGroupName(name).dbSubnetGroupDescription("d").subnetIds(subnets));
  }

  static Tag tag(String k, String v) { return Tag.builder().key(k).value(v).build(); }

  /** Checks on the exception types the real client would throw. */
  static final class AwsExceptionCheck {
    static void notFound(software.amazon.awssdk.awscore.exception.AwsServiceException e, Class<?> type) {
      assertThat(e).isInstanceOf(type);
      assertThat(e.statusCode()).isEqualTo(404);
    }
  }
}
