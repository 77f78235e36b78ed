package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeRdsSupport.combination;
import static io.sorterbot.sandbox.FakeRdsSupport.error;
import static io.sorterbot.sandbox.FakeRdsSupport.invalid;

import io.sorterbot.sandbox.Ec2State.SecurityGroupRec;
import io.sorterbot.sandbox.Ec2State.SubnetRec;
import io.sorterbot.sandbox.Ec2State.VpcRec;
import io.sorterbot.sandbox.RdsState.InstanceRec;
import io.sorterbot.sandbox.RdsState.SubnetGroupRec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where an instance meets the account's EC2: its subnet, security groups, public reachability, and the
 * blocks it puts on deleting those (registered as the account's dependency hooks, so the EC2 fake answers
 * {@code DependencyViolation} while the instance's network interface lives).
 */
final class FakeRdsNetwork {
  private final FakeRdsSupport s;

  FakeRdsNetwork(FakeRdsSupport support) {
    this.s = support;
    SandboxAccount a = support.account;
    a.registerDependents("ec2", "subnet", id -> holders(i -> id.equals(i.subnetId) || id.equals(i.secondarySubnetId)));
    a.registerDependents("ec2", "security-group", id -> holders(i -> i.vpcSecurityGroupIds.contains(id)));
    a.registerDependents("ec2", "vpc-public-addresses", vpcId -> holders(i -> i.publiclyAccessible && vpcId.equals(vpcOf(i))));
  }

  /** Runs inside the EC2 fake's operation, under the account lock. */
  private List<String> holders(java.util.function.Predicate<InstanceRec> uses) {
    RdsState st = s.state();
    s.settle(st);
    List<String> out = new ArrayList<>();
    for (InstanceRec i : st.instances.values()) if (uses.test(i)) out.add("DB instance " + i.identifier);
    return out;
  }

  private String vpcOf(InstanceRec i) {
    SubnetGroupRec g = s.state().subnetGroups.get(i.subnetGroupName);
    if (g != null) return g.vpcId;
    SubnetRec sn = s.ec2().subnets.get(i.subnetId);
    return sn == null ? null : sn.vpcId;
  }

  /** The requested groups (or the VPC's default one), each existing and in the instance's VPC. */
  List<String> securityGroups(String vpcId, List<String> requested) {
    Ec2State ec2 = s.ec2();
    if (requested.isEmpty()) {
      return ec2.securityGroups.values().stream().filter(g -> vpcId.equals(g.vpcId) && g.groupName.equals("default"))
          .map(g -> g.id).limit(1).toList();
    }
    List<String> out = new ArrayList<>();
    for (String id : new LinkedHashSet<>(requested)) {
      SecurityGroupRec g = id == null ? null : ec2.securityGroups.get(id);
      if (g == null) throw invalid("Invalid security group , groupId= " + id + ", groupName=.");
      if (!vpcId.equals(g.vpcId)) {
        throw combination("The DB instance and EC2 security group are in different VPCs. The DB instance is in " + vpcId
            + " and the EC2 security group is in " + g.vpcId);
      }
      out.add(id);
    }
    return out;
  }

  /** AWS refuses a publicly accessible instance in a VPC without DNS or without an attached internet gateway. */
  void checkPublic(String vpcId, String verb) {
    Ec2State ec2 = s.ec2();
    VpcRec v = ec2.vpcs.get(vpcId);
    String what = verb.equals("create") ? "Cannot create a publicly accessible DBInstance."
        : "Cannot modify a DBInstance to be publicly accessible.";
    if (v == null || !v.enableDnsSupport || !v.enableDnsHostnames) {
      throw error("InvalidVPCNetworkStateFault", what + " The specified VPC does not support DNS resolution, DNS"
          + " hostnames, or both. Update the VPC and then try again");
    }
    boolean gateway = ec2.internetGateways.values().stream().anyMatch(g -> vpcId.equals(g.attachedVpcId));
    if (!gateway) {
      throw error("InvalidVPCNetworkStateFault", what + " The specified VPC has no internet gateway attached."
          + " Update the VPC and then try again");
    }
  }

  /** The key ARN AWS reports: a key id or alias resolves to a key ARN; none means the account's aws/rds key. */
  String kmsKeyArn(String requested) {
    String key = requested == null ? "alias/aws/rds" : requested;
    if (key.startsWith("arn:")) return key;
    String id = key.startsWith("alias/")
        ? java.util.UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString() : key;
    return "arn:aws:kms:" + s.region() + ":" + s.account.accountId() + ":key/" + id;
  }
}
