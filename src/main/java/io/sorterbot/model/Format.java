package io.sorterbot.model;

/**
 * A format AWS documents for a string property (a CIDR block, a bucket name, a name's characters): data
 * that {@code validate} checks (spec.FormatChecker, with the checks a regular expression cannot make), the
 * JSON Schema carries as {@code format} and {@code pattern}, and the reference in docs/ shows.
 *
 * @param name      the JSON Schema {@code format} value
 * @param pattern   the whole value's regular expression (the same in Java and ECMA-262), or null
 * @param minLength fewest characters
 * @param maxLength most characters
 * @param summary   what a valid value is, in a phrase that follows "must be"
 * @param source    where AWS documents the rule
 */
public record Format(String name, String pattern, int minLength, int maxLength, String summary, String source) {
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final String IPV4 = OCTET + "(\\." + OCTET + "){3}";

  /** An IPv4 CIDR block; for security group rules and routes. */
  public static final Format IPV4_CIDR = new Format("ipv4-cidr", "^" + IPV4 + "/(3[0-2]|[12]?[0-9])$", 1, 18,
      "an IPv4 CIDR block such as 10.0.0.0/16 or 203.0.113.7/32",
      "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html");

  /** The block of a VPC or subnet: a network address (no host bits), from /16 to /28. */
  public static final Format VPC_CIDR = new Format("vpc-ipv4-cidr", "^" + IPV4 + "/(1[6-9]|2[0-8])$", 1, 18,
      "an IPv4 network block from /16 to /28 with no host bits set, such as 10.0.0.0/16",
      "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html");

  /** An IPv6 CIDR block (syntax checked by spec.FormatChecker). */
  public static final Format IPV6_CIDR = new Format("ipv6-cidr", "^[0-9A-Fa-f:.]+/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$", 1, 43,
      "an IPv6 CIDR block such as ::/0 or 2001:db8::/64",
      "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Ipv6Range.html");

  /** A general purpose bucket's name. */
  public static final Format S3_BUCKET_NAME = new Format("s3-bucket-name", "^[a-z0-9][a-z0-9.-]*[a-z0-9]$", 3, 63,
      "3 to 63 lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit",
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html");

  /** An Availability Zone name of the stack's region (e.g. eu-central-1a). */
  public static final Format AVAILABILITY_ZONE = new Format("availability-zone", "^[a-z]{2}(-[a-z0-9]+)+$", 4, 64,
      "an Availability Zone of the stack's region, such as eu-central-1a (write ${region}a)",
      "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html");

  /** An AWS region code (spec.FormatChecker also checks it is one the AWS SDK knows). */
  public static final Format REGION = new Format("aws-region", "^[a-z]{2}(-[a-z]+)+-[0-9]+$", 9, 32,
      "an AWS region code such as eu-central-1",
      "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html");

  /** An ECR repository name (namespaces separated by '/'). */
  public static final Format ECR_REPOSITORY_NAME = new Format("ecr-repository-name",
      "^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$", 2, 256,
      "2 to 256 lowercase letters, digits and . _ - / (each part starting and ending with a letter or digit)",
      "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html");

  /** The name of an IAM role or user. */
  public static final Format IAM_NAME_64 = new Format("iam-name-64", "^[A-Za-z0-9+=,.@_-]+$", 1, 64,
      "1 to 64 letters, digits and + = , . @ _ -",
      "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html");

  /** The name of an IAM policy or instance profile. */
  public static final Format IAM_NAME_128 = new Format("iam-name-128", "^[A-Za-z0-9+=,.@_-]+$", 1, 128,
      "1 to 128 letters, digits and + = , . @ _ -",
      "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html");

  /** An IAM path: / or /a/b/. */
  public static final Format IAM_PATH = new Format("iam-path", "^/([!-~]*/)?$", 1, 512,
      "/ or a path that begins and ends with /, such as /sorterbot/",
      "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html");

  /** An RDS DB instance identifier. */
  public static final Format RDS_INSTANCE_ID = new Format("rds-db-instance-identifier", "^[A-Za-z](-?[A-Za-z0-9])*$", 1, 63,
      "1 to 63 letters, digits and hyphens, starting with a letter, without two hyphens in a row or one at the end",
      "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html");

  /** An RDS DB subnet group name. */
  public static final Format RDS_SUBNET_GROUP_NAME = new Format("rds-db-subnet-group-name", "^[A-Za-z0-9._ -]+$", 1, 255,
      "1 to 255 letters, digits, spaces, dots, underscores and hyphens, and not 'default'",
      "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html");

  /** The name of an ECS cluster or service, or a task definition family. */
  public static final Format ECS_NAME = new Format("ecs-name", "^[A-Za-z0-9_-]+$", 1, 255,
      "1 to 255 letters, digits, hyphens and underscores",
      "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html");

  /** An SSM parameter name. */
  public static final Format SSM_PARAMETER_NAME = new Format("ssm-parameter-name", "^[A-Za-z0-9_./-]+$", 1, 2048,
      "letters, digits and _ . - /, a hierarchy starting with '/', not beginning with 'aws' or 'ssm'",
      "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html");

  /** A security group's name or description (the characters a VPC security group allows). */
  public static final Format SECURITY_GROUP_TEXT = new Format("ec2-security-group-text",
      "^[A-Za-z0-9 ._:/()#,@\\[\\]+=&;{}!$*-]+$", 1, 255,
      "1 to 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
      "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html");
}
