package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeEcsSupport.invalid;

import io.sorterbot.sandbox.EcsState.TaskDefRec;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;

/**
 * The network checks of CreateService/UpdateService: awsvpc tasks need subnets and security groups that
 * exist in the simulated EC2 (ECS asks EC2 and reports its answer as an InvalidParameterException).
 */
final class FakeEcsNetwork {
  private FakeEcsNetwork() {}

  static void check(FakeEcsSupport s, TaskDefRec td, String launchType, NetworkConfiguration nc) {
    String mode = (String) td.definition.getOrDefault("networkMode", "bridge");
    if (!"awsvpc".equals(mode)) {
      if (nc != null) throw invalid("Network Configuration is not valid for the given networkMode of this task definition.");
      return;
    }
    AwsVpcConfiguration c = nc == null ? null : nc.awsvpcConfiguration();
    if (c == null) throw invalid("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    if (c.subnets().isEmpty()) throw invalid("subnets can not be empty.");
    if (c.subnets().size() > 16) throw invalid("subnets can have at most 16 items.");
    if (c.securityGroups().size() > 5) throw invalid("securityGroups can have at most 5 items.");
    if ("ENABLED".equals(c.assignPublicIpAsString()) && !"FARGATE".equals(launchType)) {
      throw invalid("Assign public IP is not supported for this launch type.");
    }
    Ec2State ec2 = s.account.regionalState("ec2", Ec2State.class);
    String vpc = null;
    for (String id : c.subnets()) {
      Ec2State.SubnetRec sn = ec2.subnets.get(id);
      if (sn == null) {
        throw invalid("Error retrieving subnet information for [" + id + "]: The subnet ID '" + id + "' does not exist"
            + " (Service: AmazonEC2; Status Code: 400; Error Code: InvalidSubnetID.NotFound)");
      }
      if (vpc != null && !vpc.equals(sn.vpcId)) throw invalid("The subnets of a service must all belong to the same VPC.");
      vpc = sn.vpcId;
    }
    for (String id : c.securityGroups()) {
      Ec2State.SecurityGroupRec g = ec2.securityGroups.get(id);
      if (g == null) {
        throw invalid("Error retrieving security group information for [" + id + "]: The security group '" + id
            + "' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidGroup.NotFound)");
      }
      if (!g.vpcId.equals(vpc)) throw invalid("Security group " + id + " does not belong to the VPC of the subnets.");
    }
  }
}
