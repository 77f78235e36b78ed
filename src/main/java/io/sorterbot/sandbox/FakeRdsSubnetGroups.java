package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeRdsSupport.blank;
import static io.sorterbot.sandbox.FakeRdsSupport.error;
import static io.sorterbot.sandbox.FakeRdsSupport.groupNotFound;
import static io.sorterbot.sandbox.FakeRdsSupport.unsupported;

import io.sorterbot.sandbox.Ec2State.SubnetRec;
import io.sorterbot.sandbox.RdsState.InstanceRec;
import io.sorterbot.sandbox.RdsState.SubnetGroupRec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.rds.model.*;

/** DB subnet groups of {@link FakeRds}: subnets of the account's EC2, one VPC, at least two AZs. Runs under the account lock. */
final class FakeRdsSubnetGroups {
  private final FakeRdsSupport s;

  FakeRdsSubnetGroups(FakeRdsSupport support) { this.s = support; }

  CreateDbSubnetGroupResponse create(CreateDbSubnetGroupRequest r) {
    String name = FakeRdsSupport.groupName(r.dbSubnetGroupName());
    if (name.equals("default")) throw FakeRdsSupport.invalid("DBSubnetGroupName must not be 'default'");
    if (r.dbSubnetGroupDescription() == null || r.dbSubnetGroupDescription().isBlank()) {
      throw blank("DBSubnetGroupDescription");
    }
    RdsState st = s.state();
    if (st.subnetGroups.containsKey(name)) {
      throw error("DBSubnetGroupAlreadyExists", "The DB subnet group '" + name + "' already exists.");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    FakeRdsSupport.putTags(tags, r.tags());
    SubnetGroupRec g = new SubnetGroupRec();
    g.name = name;
    g.description = r.dbSubnetGroupDescription();
    g.arn = s.arn("subgrp", name);
    g.createdAt = s.now();
    g.tags.putAll(tags);
    place(g, r.subnetIds());
    st.subnetGroups.put(name, g);
    return CreateDbSubnetGroupResponse.builder().dbSubnetGroup(toSdk(g)).build();
  }

  DescribeDbSubnetGroupsResponse describe(DescribeDbSubnetGroupsRequest r) {
    if (r.hasFilters() && !r.filters().isEmpty()) throw unsupported("DescribeDBSubnetGroups filters");
    RdsState st = s.state();
    List<SubnetGroupRec> found = new ArrayList<>();
    if (r.dbSubnetGroupName() != null) found.add(require(st, r.dbSubnetGroupName()));
    else found.addAll(st.subnetGroups.values());
    FakeRdsSupport.Page<SubnetGroupRec> p = FakeRdsSupport.page(found, r.maxRecords(), r.marker());
    return DescribeDbSubnetGroupsResponse.builder().dbSubnetGroups(p.items().stream().map(this::toSdk).toList())
        .marker(p.marker()).build();
  }

  ModifyDbSubnetGroupResponse modify(ModifyDbSubnetGroupRequest r) {
    RdsState st = s.state();
    SubnetGroupRec g = require(st, r.dbSubnetGroupName());
    if (!r.hasSubnetIds()) throw error("MissingParameter", "The request must contain the parameter SubnetIds");
    List<String> before = List.copyOf(g.subnetIds);
    String vpcBefore = g.vpcId;
    place(g, r.subnetIds());
    for (InstanceRec i : users(st, g.name)) {
      // A live instance's network interface pins its subnet (and VPC).
      if (!g.vpcId.equals(vpcBefore)) {
        throw error("InvalidParameterValue", "The new subnets must be in the VPC of the instances using the group");
      }
      for (String used : new String[] {i.subnetId, i.secondarySubnetId}) {
        if (used != null && before.contains(used) && !g.subnetIds.contains(used)) {
          throw error("SubnetAlreadyInUse", "The DB subnet " + used + " is in use by DB instance " + i.identifier + ".");
        }
      }
    }
    if (r.dbSubnetGroupDescription() != null) g.description = r.dbSubnetGroupDescription();
    return ModifyDbSubnetGroupResponse.builder().dbSubnetGroup(toSdk(g)).build();
  }

  DeleteDbSubnetGroupResponse delete(DeleteDbSubnetGroupRequest r) {
    RdsState st = s.state();
    if ("default".equalsIgnoreCase(r.dbSubnetGroupName())) {
      throw error("InvalidDBSubnetGroupStateFault", "The default DB subnet group cannot be deleted.");
    }
    SubnetGroupRec g = require(st, r.dbSubnetGroupName());
    List<InstanceRec> users = users(st, g.name);
    if (!users.isEmpty()) {
      throw error("InvalidDBSubnetGroupStateFault", "Cannot delete the subnet group '" + g.name
          + "' because at least one database instance: " + users.get(0).identifier + " is still using it.");
    }
    st.subnetGroups.remove(g.name);
    return DeleteDbSubnetGroupResponse.builder().build();
  }

  SubnetGroupRec require(RdsState st, String name) {
    if (name == null || name.isBlank()) throw blank("DBSubnetGroupName");
    SubnetGroupRec g = st.subnetGroups.get(name.toLowerCase(java.util.Locale.ROOT));
    if (g == null) throw groupNotFound(name);
    return g;
  }

  /** Instances (not yet gone) placed in the group. */
  static List<InstanceRec> users(RdsState st, String group) {
    return st.instances.values().stream().filter(i -> group.equals(i.subnetGroupName)).toList();
  }

  /** Sets the group's subnets after AWS's checks: they exist, share one VPC and cover two AZs. */
  private void place(SubnetGroupRec g, List<String> ids) {
    Ec2State ec2 = s.ec2();
    List<SubnetRec> subnets = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      SubnetRec sn = id == null ? null : ec2.subnets.get(id);
      if (sn == null) invalid.add(id);
      else subnets.add(sn);
    }
    if (!invalid.isEmpty()) throw error("InvalidSubnet", "Some input subnets in :" + invalid + " are invalid.");
    if (subnets.stream().map(x -> x.vpcId).distinct().count() > 1) {
      throw error("InvalidParameterValue", "The subnets of a DB subnet group must all be in the same VPC.");
    }
    TreeSet<String> zones = new TreeSet<>();
    subnets.forEach(x -> zones.add(x.availabilityZone));
    if (zones.size() < 2) {
      throw error("DBSubnetGroupDoesNotCoverEnoughAZs", "The DB subnet group doesn't meet Availability Zone (AZ)"
          + " coverage requirement. Current AZ coverage: " + String.join(", ", zones) + ". Add subnets to cover at least"
          + " 2 AZs.");
    }
    g.vpcId = subnets.get(0).vpcId;
    g.subnetIds = new ArrayList<>(subnets.stream().map(x -> x.id).toList());
  }

  DBSubnetGroup toSdk(SubnetGroupRec g) {
    Ec2State ec2 = s.ec2();
    List<Subnet> subnets = new ArrayList<>();
    for (String id : g.subnetIds) {
      SubnetRec sn = ec2.subnets.get(id);
      // A subnet deleted behind the group's back stays listed, as in AWS, without its zone.
      Subnet.Builder b = Subnet.builder().subnetIdentifier(id).subnetStatus(sn == null ? "Inactive" : "Active");
      if (sn != null) b.subnetAvailabilityZone(z -> z.name(sn.availabilityZone));
      subnets.add(b.build());
    }
    return DBSubnetGroup.builder().dbSubnetGroupName(g.name).dbSubnetGroupDescription(g.description).vpcId(g.vpcId)
        .subnetGroupStatus("Complete").subnets(subnets).dbSubnetGroupArn(g.arn).supportedNetworkTypes("IPV4").build();
  }
}
