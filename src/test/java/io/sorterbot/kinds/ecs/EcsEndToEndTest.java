package io.sorterbot.kinds.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.model.Ticker;
import io.sorterbot.cli.Cli;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * SorterBot Cloud's part of the reference file (ECR, cluster, task definition, Fargate service and their
 * network) through the real CLI on the sandbox: apply, no changes, the Control Panel's own changes,
 * a new image, destroy.
 */
class EcsEndToEndTest {
  private static final String FILE = """
      version: 1
      stack: ecstest
      region: eu-central-1
      tags: { Project: SorterBot }
      variables:
        cloudTaskCount: { default: 1 }
        cloudImageTag: { default: latest }
      resources:
        SBVpc:
          type: ec2.vpc
          properties: { cidrBlock: 10.0.0.0/16 }
        SBSubnetA:
          type: ec2.subnet
          properties: { vpcId: "${SBVpc.id}", cidrBlock: 10.0.0.0/24, availabilityZone: "${region}a" }
        SBSubnetB:
          type: ec2.subnet
          properties: { vpcId: "${SBVpc.id}", cidrBlock: 10.0.1.0/24, availabilityZone: "${region}b" }
        SBCloudSecurityGroup:
          type: ec2.securityGroup
          properties:
            groupName: sorterbot-cloud-security-group
            description: SorterBot Cloud service
            vpcId: ${SBVpc.id}
            ingress: [ { ipProtocol: tcp, fromPort: 6000, toPort: 6000, cidrIp: 0.0.0.0/0 } ]
        SBEcr:
          type: ecr.repository
          properties:
            repositoryName: sorterbot_cloud
            lifecyclePolicy:
              rules:
                - rulePriority: 1
                  description: keep the 3 newest images
                  selection: { tagStatus: any, countType: imageCountMoreThan, countNumber: 3 }
                  action: { type: expire }
        SBCluster:
          type: ecs.cluster
          properties: { clusterName: sorterbot-cluster }
        SBCloudTaskDefinition:
          type: ecs.taskDefinition
          properties:
            family: sorterbot-cloud-taskdef
            requiresCompatibilities: [ FARGATE ]
            networkMode: awsvpc
            cpu: "512"
            memory: "4096"
            taskRoleArn: arn:aws:iam::123456789012:role/SorterBotCloudServiceRole
            executionRoleArn: arn:aws:iam::123456789012:role/SorterBotCloudServiceRole
            containerDefinitions:
              - name: sorterbot-cloud-image
                image: ${SBEcr.repositoryUri}:${var.cloudImageTag}
                essential: true
                portMappings: [ { containerPort: 6000, protocol: tcp } ]
                secrets:
                  - { name: PG_CONN, valueFrom: "arn:aws:ssm:eu-central-1:123456789012:parameter/SorterBotCloudPostgres" }
        SBCloudService:
          type: ecs.service
          ignoreChanges: [ desiredCount ]
          properties:
            serviceName: sorterbot-cloud-service
            cluster: ${SBCluster.arn}
            taskDefinition: ${SBCloudTaskDefinition.arn}
            launchType: FARGATE
            desiredCount: ${var.cloudTaskCount}
            networkConfiguration:
              awsvpcConfiguration:
                subnets: [ "${SBSubnetA.id}", "${SBSubnetB.id}" ]
                securityGroups: [ "${SBCloudSecurityGroup.id}" ]
                assignPublicIp: ENABLED
      outputs:
        ecrRepositoryUri: ${SBEcr.repositoryUri}
        clusterArn: ${SBCluster.arn}
      """;

  @TempDir Path tmp;

  private Cli sb(String... args) throws Exception {
    Path f = tmp.resolve("sorterbot.yaml");
    if (!Files.exists(f)) Files.writeString(f, FILE);
    String[] all = new String[args.length + 3];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-f";
    all[args.length + 1] = f.toString();
    all[args.length + 2] = "--sandbox=" + tmp.resolve("account");
    return Cli.run(all);
  }

  private void outOfBand(Consumer<EcsClient> change) {
    try (SandboxClients c = SandboxClients.open(tmp.resolve("account"), "eu-central-1", SandboxKnobs.none(), Ticker.SYSTEM)) {
      change.accept(c.ecs());
    }
  }

  @Test
  void applyNoChangesControlPanelChangesNewImageDestroy() throws Exception {
    Cli apply = sb("apply", "--auto-approve");
    assertThat(apply.code()).as(apply.toString()).isEqualTo(0);
    assertThat(apply.out()).contains("Resources: 8 added", "123456789012.dkr.ecr.eu-central-1.amazonaws.com/sorterbot_cloud");
    Cli same = sb("plan", "--detailed-exitcode");
    assertThat(same.code()).as(same.toString()).isEqualTo(0);

    // The Control Panel starts more tasks itself: ignored, neither a change nor drift
    outOfBand(ecs -> ecs.updateService(b -> b.cluster("sorterbot-cluster").service("sorterbot-cloud-service").desiredCount(2)));
    Cli ignored = sb("plan", "--detailed-exitcode");
    assertThat(ignored.code()).as(ignored.toString()).isEqualTo(0);
    Cli drift = sb("drift");
    assertThat(drift.code()).as(drift.toString()).isEqualTo(0);
    assertThat(drift.out()).contains("desiredCount");

    // A new image plans exactly a new revision and a service update, and one apply does both
    Cli planImage = sb("plan", "--var", "cloudImageTag=v2");
    assertThat(planImage.out()).contains("~ ecs.taskDefinition SBCloudTaskDefinition", "~ ecs.service SBCloudService",
        "task-definition/sorterbot-cloud-taskdef:1\" -> (known after apply)")
        .endsWith("Plan: 0 to add, 2 to change, 0 to destroy.\n");
    Cli image = sb("apply", "--auto-approve", "--var", "cloudImageTag=v2");
    assertThat(image.code()).as(image.toString()).isEqualTo(0);
    Cli settled = sb("plan", "--detailed-exitcode", "--var", "cloudImageTag=v2");
    assertThat(settled.code()).as(settled.toString()).isEqualTo(0);
    outOfBand(ecs -> {
      var s = ecs.describeServices(b -> b.cluster("sorterbot-cluster").services("sorterbot-cloud-service")).services().get(0);
      assertThat(s.taskDefinition()).endsWith("sorterbot-cloud-taskdef:2");
      assertThat(s.desiredCount()).isEqualTo(2);
    });

    Cli destroy = sb("destroy", "--auto-approve", "--var", "cloudImageTag=v2");
    assertThat(destroy.code()).as(destroy.toString()).isEqualTo(0);
    outOfBand(ecs -> {
      assertThat(ecs.listClusters().clusterArns()).isEmpty();
      assertThat(ecs.listTaskDefinitions().taskDefinitionArns()).isEmpty();
    });
  }
}
