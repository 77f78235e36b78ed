package io.sorterbot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sorterbot.aws.AwsErrors;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.RdsException;

/** Shared helpers of the RDS fake's tests: an account, a network in its EC2, error assertions. */
final class FakeRdsTestSupport {
  static final String REGION = "eu-west-1";

  private FakeRdsTestSupport() {}

  static SandboxClients open(Path dir, FakeTicker ticker, double provisionScale) {
    return SandboxClients.open(dir, REGION, SandboxKnobs.none().withProvisionScale(provisionScale), ticker,
        () -> { throw new IllegalStateException("no crash point in these tests"); });
  }

  /** Asserts that the call fails with an RDS service error of {@code code}; returns it. */
  static AwsServiceException assertCode(String code, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected AWS error %s", code).isInstanceOf(RdsException.class);
    assertThat(AwsErrors.code(t)).isEqualTo(code);
    return (AwsServiceException) t;
  }

  /** A VPC with DNS hostnames, an attached internet gateway, subnets in three zones and two groups. */
  record Net(String vpc, String a, String b, String c, String igw, String sg1, String sg2) {
    static Net create(Ec2Client ec2, boolean publicReady) {
      String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
      String igw = null;
      if (publicReady) {
        ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(v -> v.value(true)));
        String g = ec2.createInternetGateway().internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(g).vpcId(vpc));
        igw = g;
      }
      return new Net(vpc, subnet(ec2, vpc, "10.0.0.0/24", "a"), subnet(ec2, vpc, "10.0.1.0/24", "b"),
          subnet(ec2, vpc, "10.0.2.0/24", "c"), igw, group(ec2, vpc, "one"), group(ec2, vpc, "two"));
    }

    private static String subnet(Ec2Client ec2, String vpc, String cidr, String zone) {
      return ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr).availabilityZone(REGION + zone)).subnet().subnetId();
    }

    private static String group(Ec2Client ec2, String vpc, String name) {
      return ec2.createSecurityGroup(r -> r.groupName(name).description(name).vpcId(vpc)).groupId();
    }
  }

  /** A subnet group over subnets a and b. */
  static String group(RdsClient rds, Net net, String name) {
    return rds.createDBSubnetGroup(r -> r.dbSubnetGroupName(name).dbSubnetGroupDescription("d")
        .subnetIds(net.a(), net.b())).dbSubnetGroup().dbSubnetGroupName();
  }

  /** A valid small PostgreSQL instance request in {@code group}. */
  static CreateDbInstanceRequest.Builder postgres(String id, String group) {
    return CreateDbInstanceRequest.builder().dbInstanceIdentifier(id).engine("postgres").engineVersion("16")
        .dbInstanceClass("db.t4g.micro").allocatedStorage(20).masterUsername("postgres")
        .masterUserPassword("s3cretPassw0rd").dbSubnetGroupName(group);
  }
}
