package io.sorterbot.sandbox;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A few well-known AWS managed policies, always present in the sandbox account (read-only, as in AWS). An
 * {@code arn:aws:iam::aws:policy/...} that is not listed here does not exist: attaching it answers
 * {@code NoSuchEntity}, as a misspelt managed policy name does in AWS.
 */
final class FakeIamManaged {
  /** One AWS managed policy; its documents are abridged but well-formed. */
  record Managed(String name, String path, String id, String document) {
    String arn() { return "arn:aws:iam::aws:policy" + path + name; }
  }

  private static final String CREATED = "2015-02-06T18:40:00Z";

  static final List<Managed> ALL = List.of(
      allow("AdministratorAccess", "/", "ANPAIWMBCKSKIEE64ZLYK", "\"*\""),
      allow("ReadOnlyAccess", "/", "ANPAILL3HVNFSB6DCOWYQ", "[\"ec2:Describe*\",\"iam:Get*\",\"iam:List*\",\"s3:Get*\",\"s3:List*\"]"),
      allow("AmazonS3FullAccess", "/", "ANPAIFIR6V6BVTRAHWINE", "[\"s3:*\",\"s3-object-lambda:*\"]"),
      allow("AmazonS3ReadOnlyAccess", "/", "ANPAIZTJ4DXE7G6AGAE6M", "[\"s3:Get*\",\"s3:List*\"]"),
      allow("AmazonEC2ContainerRegistryFullAccess", "/", "ANPAIESRL7KD7IIVF6V4W", "\"ecr:*\""),
      allow("AmazonEC2ContainerRegistryReadOnly", "/", "ANPAIFYZPA37OOHVIH7KQ",
          "[\"ecr:GetAuthorizationToken\",\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]"),
      allow("AmazonECS_FullAccess", "/", "ANPAJ7S7AN6YQPTJC7IFK", "[\"ecs:*\",\"ec2:Describe*\"]"),
      allow("AmazonSSMManagedInstanceCore", "/", "ANPAIXSHM2BNB2D3AXXRU", "[\"ssm:UpdateInstanceInformation\",\"ssmmessages:*\"]"),
      allow("CloudWatchLogsFullAccess", "/", "ANPAJ3ZGNWK2R5HW5BQFO", "\"logs:*\""),
      allow("AmazonECSTaskExecutionRolePolicy", "/service-role/", "ANPAJG4T4G4PV56DE72PY",
          "[\"ecr:GetAuthorizationToken\",\"ecr:BatchCheckLayerAvailability\",\"ecr:GetDownloadUrlForLayer\","
              + "\"ecr:BatchGetImage\",\"logs:CreateLogStream\",\"logs:PutLogEvents\"]"),
      allow("AmazonEC2ContainerServiceforEC2Role", "/service-role/", "ANPAJLYJCVHC7TQHCSQDS",
          "[\"ecs:RegisterContainerInstance\",\"ecs:Poll\",\"ecr:GetAuthorizationToken\"]"),
      allow("AmazonRDSFullAccess", "/", "ANPAI3R4QMOG6Q5A4VWVG", "[\"rds:*\",\"ec2:Describe*\"]"));

  private static final Map<String, Managed> BY_ARN = new TreeMap<>();

  static {
    for (Managed m : ALL) BY_ARN.put(m.arn(), m);
  }

  private FakeIamManaged() {}

  static String createdAt() { return CREATED; }

  static boolean isAwsManaged(String arn) { return arn != null && arn.startsWith("arn:aws:iam::aws:policy/"); }

  /** The managed policy of that ARN, or null. */
  static Managed find(String arn) { return BY_ARN.get(arn); }

  private static Managed allow(String name, String path, String id, String actions) {
    String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actions
        + ",\"Resource\":\"*\"}]}";
    return new Managed(name, path, id, doc);
  }
}
