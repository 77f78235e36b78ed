package io.sorterbot.kinds.rds;

import static io.sorterbot.kinds.rds.RdsTestSupport.desired;
import static io.sorterbot.kinds.rds.RdsTestSupport.error;
import static io.sorterbot.kinds.rds.RdsTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.Retry;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Sensitive;
import io.sorterbot.model.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.*;

/** The AWS failures the RDS kinds handle, forced with Mockito. */
class RdsFailureTest {
  private final RdsClient rds = RdsTestSupport.mockRds();
  private final RdsTestSupport.FakeTicker ticker = new RdsTestSupport.FakeTicker();
  private final RdsTestSupport.Notices notices = new RdsTestSupport.Notices();
  private final KindContext ctx = RdsTestSupport.ctx(rds, ticker, notices);
  private final DbInstanceKind instances = new DbInstanceKind();
  private final DbSubnetGroupKind groups = new DbSubnetGroupKind();

  @Test
  void createRetriesAMissingSubnetGroupThenWaitsUntilAvailable() {
    doThrow(error("DBSubnetGroupNotFoundFault")).doThrow(error("DBSubnetGroupNotFoundFault"))
        .doReturn(CreateDbInstanceResponse.builder().build()).when(rds).createDBInstance(any(CreateDbInstanceRequest.class));
    describes(instance("creating", ours()), instance("creating", ours()), instance("backing-up", ours()),
        instance("available", ours()));

    LiveResource live = instances.create(ctx, postgres());

    assertThat(live.id()).isEqualTo("db");
    assertThat(live.attributes()).containsEntry("endpointPort", 5432L).containsEntry("endpointAddress", "db.example");
    assertThat(notices.activities).contains("SBPostgres creating");
    assertThat(notices.elapsed).allSatisfy(e -> assertThat(e).isGreaterThanOrEqualTo(Duration.ofSeconds(10)));
    ArgumentCaptor<CreateDbInstanceRequest> req = ArgumentCaptor.forClass(CreateDbInstanceRequest.class);
    verify(rds, times(3)).createDBInstance(req.capture());
    CreateDbInstanceRequest r = req.getValue();
    assertThat(r.masterUserPassword()).isEqualTo("s3cretPassw0rd");
    assertThat(r.allocatedStorage()).isEqualTo(20);
    assertThat(r.tags()).contains(tag(Tags.SBID, "SBPostgres"), tag(Tags.STACK, RdsTestSupport.STACK),
        tag(RdsPassword.TAG, RdsPassword.fingerprint(RdsTestSupport.STACK, "SBPostgres", "s3cretPassw0rd")));
  }

  @Test
  void aMissingSubnetGroupPastTheBudgetFailsWithTheAwsError() {
    doThrow(error("DBSubnetGroupNotFoundFault")).when(rds).createDBInstance(any(CreateDbInstanceRequest.class));
    assertThatThrownBy(() -> instances.create(ctx, postgres()))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("DBSubnetGroupNotFoundFault"));
    assertThat(ticker.slept()).isGreaterThan(Duration.ofMinutes(1)).isLessThanOrEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void otherCreateErrorsAreNotRetried() {
    doThrow(error("InvalidParameterValue")).when(rds).createDBInstance(any(CreateDbInstanceRequest.class));
    assertThatThrownBy(() -> instances.create(ctx, postgres()))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("InvalidParameterValue"));
    assertThat(ticker.slept()).isZero();
  }

  @Test
  void alreadyExistsAdoptsOnlyAnInstanceTaggedAsOurs() {
    doThrow(error("DBInstanceAlreadyExists")).when(rds).createDBInstance(any(CreateDbInstanceRequest.class));
    describes(instance("available", ours()));
    assertThat(instances.create(ctx, postgres()).sbid()).isEqualTo("SBPostgres");

    describes(instance("available", List.of(tag(Tags.SBID, "SBPostgres"), tag(Tags.STACK, "otherstack"))));
    assertThatThrownBy(() -> instances.create(ctx, postgres()))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("DBInstanceAlreadyExists"));
  }

  @Test
  void aWaitThatNeverEndsTimesOutAfterAnHourReportingProgress() {
    doReturn(CreateDbInstanceResponse.builder().build()).when(rds).createDBInstance(any(CreateDbInstanceRequest.class));
    describes(instance("creating", ours()));
    assertThatThrownBy(() -> instances.create(ctx, postgres())).isInstanceOf(Retry.WaitTimeoutException.class);
    assertThat(ticker.slept()).isGreaterThanOrEqualTo(Duration.ofMinutes(60)).isLessThan(Duration.ofMinutes(61));
    assertThat(notices.elapsed).hasSizeGreaterThan(200);
  }

  @Test
  void aFailedInstanceStopsTheWait() {
    doReturn(CreateDbInstanceResponse.builder().build()).when(rds).createDBInstance(any(CreateDbInstanceRequest.class));
    describes(instance("creating", ours()), instance("incompatible-network", ours()));
    assertThatThrownBy(() -> instances.create(ctx, postgres())).hasMessageContaining("incompatible-network");
  }

  @Test
  void updateSendsOnlyTheChangesAndWaitsUntilNothingIsPending() {
    describes(instance("available", ours()));
    LiveResource live = instances.discover(ctx).get(0);
    PendingModifiedValues pending = PendingModifiedValues.builder().engineVersion("17").masterUserPassword("****").build();
    describes(instance("available", ours()), instance("available", ours()).toBuilder().pendingModifiedValues(pending).build(),
        instance("modifying", ours()), instance("available", ours()));
    doReturn(ModifyDbInstanceResponse.builder().build()).when(rds).modifyDBInstance(any(ModifyDbInstanceRequest.class));
    doReturn(AddTagsToResourceResponse.builder().build()).when(rds).addTagsToResource(any(AddTagsToResourceRequest.class));
    Desired d = postgres();
    List<PropertyChange> changes = List.of(new PropertyChange("engineVersion", "16.4", "17", false),
        new PropertyChange("masterUserPassword", live.properties().get("masterUserPassword"), new Sensitive("n3wPassw0rd!"), false));
    Desired changed = RdsTestSupport.with(RdsTestSupport.with(d, "engineVersion", "17"), "masterUserPassword", new Sensitive("n3wPassw0rd!"));

    instances.update(ctx, live, changed, changes);

    ArgumentCaptor<ModifyDbInstanceRequest> mod = ArgumentCaptor.forClass(ModifyDbInstanceRequest.class);
    verify(rds).modifyDBInstance(mod.capture());
    assertThat(mod.getValue().engineVersion()).isEqualTo("17");
    assertThat(mod.getValue().allowMajorVersionUpgrade()).isTrue();
    assertThat(mod.getValue().masterUserPassword()).isEqualTo("n3wPassw0rd!");
    assertThat(mod.getValue().applyImmediately()).isTrue();
    assertThat(mod.getValue().dbInstanceClass()).isNull();
    verify(rds, times(5)).describeDBInstances(any(DescribeDbInstancesRequest.class));
    ArgumentCaptor<AddTagsToResourceRequest> tags = ArgumentCaptor.forClass(AddTagsToResourceRequest.class);
    verify(rds).addTagsToResource(tags.capture());
    assertThat(tags.getValue().tags()).containsExactly(
        tag(RdsPassword.TAG, RdsPassword.fingerprint(RdsTestSupport.STACK, "SBPostgres", "n3wPassw0rd!")));
  }

  @Test
  void deleteTakesAFinalSnapshotNamedFromTheClockByDefault() {
    describes(instance("available", ours()), null);
    doReturn(DeleteDbInstanceResponse.builder().build()).when(rds).deleteDBInstance(any(DeleteDbInstanceRequest.class));
    instances.delete(ctx, live("db"));
    ArgumentCaptor<DeleteDbInstanceRequest> req = ArgumentCaptor.forClass(DeleteDbInstanceRequest.class);
    verify(rds).deleteDBInstance(req.capture());
    assertThat(req.getValue().skipFinalSnapshot()).isFalse();
    assertThat(req.getValue().finalDBSnapshotIdentifier()).isEqualTo("db-final-20250304050607");
  }

  @Test
  void deleteRetriesWhileRdsIsBusyWithTheInstance() {
    List<Tag> skip = new java.util.ArrayList<>(ours());
    skip.add(tag(DbInstanceView.SKIP_FINAL_SNAPSHOT_TAG, "true"));
    describes(instance("modifying", skip), instance("modifying", skip), instance("deleting", skip), null);
    doThrow(error("InvalidDBInstanceState")).doReturn(DeleteDbInstanceResponse.builder().build())
        .when(rds).deleteDBInstance(any(DeleteDbInstanceRequest.class));
    instances.delete(ctx, live("db"));
    ArgumentCaptor<DeleteDbInstanceRequest> req = ArgumentCaptor.forClass(DeleteDbInstanceRequest.class);
    verify(rds, times(2)).deleteDBInstance(req.capture());
    assertThat(req.getValue().skipFinalSnapshot()).isTrue();
    assertThat(req.getValue().finalDBSnapshotIdentifier()).isNull();
  }

  @Test
  void deleteOfAProtectedInstanceFailsWithAHintAndDeletesNothing() {
    describes(instance("available", ours()).toBuilder().deletionProtection(true).build());
    assertThatThrownBy(() -> instances.delete(ctx, live("db"))).hasMessageContaining("deletionProtection: false");
    verify(rds, never()).deleteDBInstance(any(DeleteDbInstanceRequest.class));
  }

  @Test
  void deleteOfAnInstanceAlreadyGoneSucceeds() {
    describes((DBInstance) null);
    instances.delete(ctx, live("db"));
    verify(rds, never()).deleteDBInstance(any(DeleteDbInstanceRequest.class));
  }

  @Test
  void subnetGroupInUseIsRetriedThenDeleted() {
    var err = error("InvalidDBSubnetGroupStateFault");
    // Seven failures: with equal jitter the waits before the seventh add up to at least 15.75 s, so the
    // ten-second progress notice is due whatever the random halves draw (six left it to chance).
    doThrow(err, err, err, err, err, err, err).doReturn(DeleteDbSubnetGroupResponse.builder().build())
        .when(rds).deleteDBSubnetGroup(any(DeleteDbSubnetGroupRequest.class));
    groups.delete(ctx, live("g"));
    verify(rds, times(8)).deleteDBSubnetGroup(any(DeleteDbSubnetGroupRequest.class));
    assertThat(notices.activities).isNotEmpty().allMatch(a -> a.endsWith("destroying"));
  }

  @Test
  void subnetGroupInUsePastTheBudgetFailsWithTheAwsError() {
    doThrow(error("InvalidDBSubnetGroupStateFault")).when(rds).deleteDBSubnetGroup(any(DeleteDbSubnetGroupRequest.class));
    assertThatThrownBy(() -> groups.delete(ctx, live("g")))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("InvalidDBSubnetGroupStateFault"));
    assertThat(ticker.slept()).isGreaterThan(Duration.ofMinutes(18)).isLessThanOrEqualTo(Duration.ofMinutes(20));
  }

  @Test
  void subnetGroupNotFoundOnDeleteMeansGone() {
    doThrow(error("DBSubnetGroupNotFoundFault")).when(rds).deleteDBSubnetGroup(any(DeleteDbSubnetGroupRequest.class));
    groups.delete(ctx, live("g"));
    assertThat(ticker.slept()).isZero();
  }

  @Test
  void subnetGroupDiscoveryReadsTagsPerGroupAndKeepsTaggedOnes() {
    doReturn(DescribeDbSubnetGroupsResponse.builder().dbSubnetGroups(group("mine"), group("untagged"), group("vanished"))
        .build()).when(rds).describeDBSubnetGroups(any(DescribeDbSubnetGroupsRequest.class));
    // The reads run concurrently: answer by ARN, not by call order.
    doAnswer(inv -> switch (((ListTagsForResourceRequest) inv.getArgument(0)).resourceName()) {
      case "arn:mine" -> ListTagsForResourceResponse.builder()
          .tagList(tag(Tags.SBID, "SBGroup"), tag(Tags.STACK, "s"), tag("Name", "n")).build();
      case "arn:untagged" -> ListTagsForResourceResponse.builder().tagList(tag("Name", "x")).build();
      default -> throw error("DBSubnetGroupNotFoundFault");
    }).when(rds).listTagsForResource(any(ListTagsForResourceRequest.class));

    List<LiveResource> found = groups.discover(ctx);

    assertThat(found).hasSize(1);
    LiveResource g = found.get(0);
    assertThat(g.sbid()).isEqualTo("SBGroup");
    assertThat(g.id()).isEqualTo("mine");
    assertThat(g.properties()).containsEntry("subnetIds", List.of("subnet-a", "subnet-b"))
        .containsEntry("dbSubnetGroupDescription", "d").containsEntry("tags", Map.of("Name", "n"));
    verify(rds, times(3)).listTagsForResource(any(ListTagsForResourceRequest.class));
  }

  @Test
  void instanceDiscoveryKeepsTaggedInstancesThatAreNotBeingDeleted() {
    doReturn(DescribeDbInstancesResponse.builder().dbInstances(instance("available", ours()),
        instance("deleting", ours()).toBuilder().dbInstanceIdentifier("old").build(),
        instance("available", List.of(tag("Name", "manual"))).toBuilder().dbInstanceIdentifier("manual").build()).build())
        .when(rds).describeDBInstances(any(DescribeDbInstancesRequest.class));
    List<LiveResource> found = instances.discover(ctx);
    assertThat(found).extracting(LiveResource::id).containsExactly("db");
    verify(rds, times(1)).describeDBInstances(any(DescribeDbInstancesRequest.class));
  }

  // ---------------------------------------------------------------------------------------------

  private static Desired postgres() {
    return desired("SBPostgres", "rds.dbInstance", map("dbInstanceIdentifier", "db", "engine", "postgres",
        "engineVersion", "16", "dbInstanceClass", "db.t4g.micro", "allocatedStorage", 20L, "masterUsername", "postgres",
        "masterUserPassword", new Sensitive("s3cretPassw0rd"), "dbSubnetGroupName", "g"));
  }

  private static List<Tag> ours() {
    return List.of(tag(Tags.SBID, "SBPostgres"), tag(Tags.STACK, RdsTestSupport.STACK),
        tag(RdsPassword.TAG, RdsPassword.fingerprint(RdsTestSupport.STACK, "SBPostgres", "s3cretPassw0rd")));
  }

  private static DBInstance instance(String status, List<Tag> tags) {
    return DBInstance.builder().dbInstanceIdentifier("db").dbInstanceStatus(status).engine("postgres").engineVersion("16.4")
        .dbInstanceClass("db.t4g.micro").allocatedStorage(20).masterUsername("postgres").dbInstanceArn("arn:aws:rds:x:1:db:db")
        .dbSubnetGroup(g -> g.dbSubnetGroupName("g")).endpoint(e -> e.address("db.example").port(5432)).tagList(tags).build();
  }

  /** DescribeDBInstances answers these in turn (the last one repeats); null answers DBInstanceNotFound. */
  private void describes(DBInstance... answers) {
    var stub = answers[0] == null ? doThrow(error("DBInstanceNotFound"))
        : doReturn(DescribeDbInstancesResponse.builder().dbInstances(answers[0]).build());
    for (int i = 1; i < answers.length; i++) {
      stub = answers[i] == null ? stub.doThrow(error("DBInstanceNotFound"))
          : stub.doReturn(DescribeDbInstancesResponse.builder().dbInstances(answers[i]).build());
    }
    stub.when(rds).describeDBInstances(any(DescribeDbInstancesRequest.class));
  }

  private static DBSubnetGroup group(String name) {
    return DBSubnetGroup.builder().dbSubnetGroupName(name).dbSubnetGroupDescription("d").dbSubnetGroupArn("arn:" + name)
        .subnets(s -> s.subnetIdentifier("subnet-b"), s -> s.subnetIdentifier("subnet-a")).build();
  }

  private static Tag tag(String k, String v) { return Tag.builder().key(k).value(v).build(); }

  private static LiveResource live(String id) {
    return new LiveResource("SBX", "rds.x", RdsTestSupport.STACK, id, Map.of(), Map.of("id", id, "arn", "arn:" + id),
        Map.of(Tags.SBID, "SBX", Tags.STACK, RdsTestSupport.STACK), List.of(), null);
  }
}
