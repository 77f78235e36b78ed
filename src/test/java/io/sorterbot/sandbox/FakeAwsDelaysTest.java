package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeEcsTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;

/** AWS's own delays the sandbox keeps by default (short, on the account's ticker). */
class FakeAwsDelaysTest {
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
      + "{\"Service\":\"%s\"},\"Action\":\"sts:AssumeRole\"}]}";

  @TempDir Path dir;
  private final FakeTicker ticker = new FakeTicker();

  /**
   * First use of ECS in an account: until its service-linked role exists, CreateCluster and CreateService answer
   * InvalidParameterException "Unable to assume the service linked role. Please verify that the ECS service
   * linked role exists." (AWS CreateCluster reference: ECS creates the role on first use;
   * aws-samples/run-selenium-tests-at-scale-using-ecs-fargate#2, awslabs/fargatecli#35; Terraform retries it in
   * serviceCreateWithRetry, terraform-provider-aws internal/service/ecs/service.go).
   */
  @Test void aFreshAccountHasNoEcsServiceLinkedRoleForItsFirstSeconds() {
    SandboxClients c = Ec2TestSupport.open(dir, SandboxKnobs.none(), ticker);
    InvalidParameterException e = assertCode(InvalidParameterException.class, "InvalidParameterException",
        () -> c.ecs().createCluster(b -> b.clusterName("sb")));
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
        "Unable to assume the service linked role. Please verify that the ECS service linked role exists.");
    ticker.advance(SandboxKnobs.DEFAULT_ECS_SLR_DELAY);
    assertThat(c.ecs().createCluster(b -> b.clusterName("sb")).cluster().status()).isEqualTo("ACTIVE");

    SandboxClients off = Ec2TestSupport.open(dir.resolve("off"), SandboxKnobs.none().withEcsServiceLinkedRole(Duration.ZERO), ticker);
    assertThat(off.ecs().createCluster(b -> b.clusterName("sb")).cluster().status()).isEqualTo("ACTIVE");
  }

  /**
   * A role seconds old: ECS RegisterTaskDefinition answers ClientException "Role is not valid"
   * (bradford-hamilton/terraform-ecs-fargate#8; terraform-aws-modules/terraform-aws-ecs#414 on the same race).
   */
  @Test void aRoleSecondsOldIsNotValidForEcsUntilIamPropagates() {
    SandboxClients c = Ec2TestSupport.open(dir, SandboxKnobs.none().withEcsServiceLinkedRole(Duration.ZERO), ticker);
    String role = c.iam().createRole(b -> b.roleName("TaskRole").assumeRolePolicyDocument(
        String.format(TRUST, "ecs-tasks.amazonaws.com"))).role().arn();
    var request = FakeEcsTest.fargate("fam", "repo:1").toBuilder().executionRoleArn(role).taskRoleArn(role).build();
    ClientException e = assertCode(ClientException.class, "ClientException", () -> c.ecs().registerTaskDefinition(request));
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Role is not valid");
    ticker.advance(SandboxKnobs.DEFAULT_IAM_PROPAGATION);
    assertThat(c.ecs().registerTaskDefinition(request).taskDefinition().revision()).isEqualTo(1);
  }

  /**
   * An instance profile seconds old: EC2 RunInstances answers InvalidParameterValue "... Invalid IAM Instance
   * Profile name" (Terraform's aws_instance/aws_spot_instance_request retry it: "IAM instance profiles can take
   * ~10 seconds to propagate").
   */
  @Test void anInstanceProfileSecondsOldIsInvalidForEc2UntilIamPropagates() {
    SandboxClients c = Ec2TestSupport.open(dir, SandboxKnobs.none(), ticker);
    String vpc = Ec2TestSupport.vpc(c.ec2(), "10.0.0.0/16");
    String subnet = Ec2TestSupport.subnet(c.ec2(), vpc, "10.0.0.0/24");
    c.iam().createInstanceProfile(b -> b.instanceProfileName("Fresh"));
    c.iam().createRole(b -> b.roleName("FreshRole").assumeRolePolicyDocument(String.format(TRUST, "ec2.amazonaws.com")));
    c.iam().addRoleToInstanceProfile(b -> b.instanceProfileName("Fresh").roleName("FreshRole"));
    RunInstancesRequest r = RunInstancesRequest.builder().imageId(FakeSsm.AL2023_AMI).minCount(1).maxCount(1)
        .subnetId(subnet).iamInstanceProfile(p -> p.name("Fresh")).build();
    assertThat(Ec2TestSupport.assertCode("InvalidParameterValue", () -> c.ec2().runInstances(r)).awsErrorDetails()
        .errorMessage()).contains("Invalid IAM Instance Profile name");
    ticker.advance(SandboxKnobs.DEFAULT_IAM_PROPAGATION);
    assertThat(c.ec2().runInstances(r).instances()).hasSize(1);
  }
}
