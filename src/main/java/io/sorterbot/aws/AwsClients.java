package io.sorterbot.aws;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The AWS clients of one run. Built lazily (a plan touching only EC2 never loads IAM), closed once. */
public interface AwsClients extends AutoCloseable {
  String region();
  Ec2Client ec2();
  RdsClient rds();
  IamClient iam();
  EcsClient ecs();
  EcrClient ecr();
  SsmClient ssm();
  S3Client s3();
  StsClient sts();

  @Override void close();
}
