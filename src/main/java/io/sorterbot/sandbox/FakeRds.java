package io.sorterbot.sandbox;

import io.sorterbot.sandbox.RdsState.Res;
import java.util.function.Supplier;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.*;

/**
 * A stateful fake of {@link RdsClient} over a {@link SandboxAccount}: DB subnet groups, DB instances (with
 * their slow status transitions on the account's ticker and {@code gate.provisioned}), final snapshots and
 * tags by ARN, with AWS's documented checks and error codes. Subnets and security groups are those of the
 * account's EC2 state; a live instance blocks deleting its subnet, its security groups and (when publicly
 * accessible) detaching its VPC's internet gateway, through the account's dependency hooks. Every call goes
 * through the {@link SandboxGate}. Methods not overridden keep the interface's default and throw
 * {@link UnsupportedOperationException}, so nothing passes by accident; SDK paginators work.
 */
public final class FakeRds implements RdsClient {
  private final SandboxGate gate;
  private final FakeRdsSupport support;
  private final FakeRdsSubnetGroups groups;
  private final FakeRdsViews views;
  private final FakeRdsInstances instances;
  private final FakeRdsModify modify;

  public FakeRds(SandboxGate gate) {
    this.gate = gate;
    this.support = new FakeRdsSupport(gate);
    this.groups = new FakeRdsSubnetGroups(support);
    FakeRdsNetwork network = new FakeRdsNetwork(support);
    this.views = new FakeRdsViews(support, groups);
    this.instances = new FakeRdsInstances(support, groups, network, views);
    this.modify = new FakeRdsModify(support, instances, groups, network, views);
  }

  @Override public String serviceName() { return SERVICE_NAME; }

  @Override public void close() {}

  /** Every operation first settles the transitions the ticker says are over. */
  private <T> T call(String action, boolean mutating, Supplier<T> op) {
    return gate.call(FakeRdsSupport.ERRORS, action, mutating, () -> {
      support.settle(support.state());
      return op.get();
    });
  }

  // ---- DB subnet groups ----

  @Override public CreateDbSubnetGroupResponse createDBSubnetGroup(CreateDbSubnetGroupRequest r) {
    return call("CreateDBSubnetGroup", true, () -> groups.create(r));
  }

  @Override public DescribeDbSubnetGroupsResponse describeDBSubnetGroups(DescribeDbSubnetGroupsRequest r) {
    return call("DescribeDBSubnetGroups", false, () -> groups.describe(r));
  }

  @Override public DescribeDbSubnetGroupsResponse describeDBSubnetGroups() {
    return describeDBSubnetGroups(DescribeDbSubnetGroupsRequest.builder().build());
  }

  @Override public ModifyDbSubnetGroupResponse modifyDBSubnetGroup(ModifyDbSubnetGroupRequest r) {
    return call("ModifyDBSubnetGroup", true, () -> groups.modify(r));
  }

  @Override public DeleteDbSubnetGroupResponse deleteDBSubnetGroup(DeleteDbSubnetGroupRequest r) {
    return call("DeleteDBSubnetGroup", true, () -> groups.delete(r));
  }

  // ---- DB instances ----

  @Override public CreateDbInstanceResponse createDBInstance(CreateDbInstanceRequest r) {
    return call("CreateDBInstance", true, () -> instances.create(r));
  }

  @Override public DescribeDbInstancesResponse describeDBInstances(DescribeDbInstancesRequest r) {
    return call("DescribeDBInstances", false, () -> views.describeInstances(r, instances));
  }

  @Override public DescribeDbInstancesResponse describeDBInstances() {
    return describeDBInstances(DescribeDbInstancesRequest.builder().build());
  }

  @Override public ModifyDbInstanceResponse modifyDBInstance(ModifyDbInstanceRequest r) {
    return call("ModifyDBInstance", true, () -> modify.modify(r));
  }

  @Override public DeleteDbInstanceResponse deleteDBInstance(DeleteDbInstanceRequest r) {
    return call("DeleteDBInstance", true, () -> instances.delete(r));
  }

  @Override public DescribeDbSnapshotsResponse describeDBSnapshots(DescribeDbSnapshotsRequest r) {
    return call("DescribeDBSnapshots", false, () -> views.describeSnapshots(r));
  }

  @Override public DescribeDbSnapshotsResponse describeDBSnapshots() {
    return describeDBSnapshots(DescribeDbSnapshotsRequest.builder().build());
  }

  // ---- tags ----

  @Override public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
    return call("ListTagsForResource", false, () -> {
      if (r.hasFilters() && !r.filters().isEmpty()) throw FakeRdsSupport.unsupported("ListTagsForResource filters");
      Res x = support.byArn(r.resourceName());
      return ListTagsForResourceResponse.builder().tagList(FakeRdsSupport.sdkTags(x.tags)).build();
    });
  }

  @Override public AddTagsToResourceResponse addTagsToResource(AddTagsToResourceRequest r) {
    return call("AddTagsToResource", true, () -> {
      Res x = support.byArn(r.resourceName());
      if (!r.hasTags() || r.tags().isEmpty()) throw FakeRdsSupport.blank("Tags");
      FakeRdsSupport.putTags(x.tags, r.tags());
      return AddTagsToResourceResponse.builder().build();
    });
  }

  @Override public RemoveTagsFromResourceResponse removeTagsFromResource(RemoveTagsFromResourceRequest r) {
    return call("RemoveTagsFromResource", true, () -> {
      Res x = support.byArn(r.resourceName());
      if (!r.hasTagKeys() || r.tagKeys().isEmpty()) throw FakeRdsSupport.blank("TagKeys");
      r.tagKeys().forEach(x.tags::remove);
      return RemoveTagsFromResourceResponse.builder().build();
    });
  }
}
