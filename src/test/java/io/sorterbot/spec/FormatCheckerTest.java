package io.sorterbot.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sorterbot.aws.Regions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Formats AWS documents, checked at validate time: a snippet in, FILE:LINE:COL problems out. */
class FormatCheckerTest {
  private static final SpecReader READER = new SpecReader(io.sorterbot.kinds.KindRegistry.catalog(), Regions.known());

  /** Lines 1-5 are the head; the resource starts on line 6, its first property on line 9. */
  private static String doc(String vars, String type, String props) {
    return "version: 1\nstack: demo\nregion: eu-central-1\n" + (vars.isEmpty() ? "" : vars) + "resources:\n  SBX:\n    type: " + type
        + "\n    properties:\n" + props.stripIndent().lines().map(l -> "      " + l).reduce("", (a, b) -> a + b + "\n");
  }

  private static List<String> problems(String yaml, Map<String, String> vars) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> READER.read("t.yaml", yaml, vars));
    return e == null ? List.of() : e.problems().stream().map(Problem::render).toList();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a VPC block with host bits", doc("", "ec2.vpc", "cidrBlock: 10.0.0.1/16"), Map.of(),
            List.of("t.yaml:8:18: 'cidrBlock' '10.0.0.1/16' is not a network address (host bits are set)"
                + " (hint: the /16 block holding it is 10.0.0.0/16)")),
        Arguments.of("a VPC block larger than AWS allows", doc("", "ec2.vpc", "cidrBlock: 10.0.0.0/8"), Map.of(),
            List.of("t.yaml:8:18: 'cidrBlock' '10.0.0.0/8' is a /8 block; AWS allows VPC and subnet blocks from /16 to /28"
                + " (hint: see https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html)")),
        Arguments.of("an address without a prefix", doc("", "ec2.subnet", "vpcId: vpc-1\ncidrBlock: 10.0.1.0"), Map.of(),
            List.of("t.yaml:9:18: 'cidrBlock' '10.0.1.0' has no prefix length"
                + " (hint: write 10.0.1.0/32 for this one address (a VPC or subnet needs /16 to /28))")),
        Arguments.of("an octet over 255", doc("", "ec2.vpc", "cidrBlock: 10.300.0.0/16"), Map.of(),
            List.of("t.yaml:8:18: 'cidrBlock' '10.300.0.0/16' is not an IPv4 CIDR block: 300 is not an octet (0 to 255)")),
        Arguments.of("a rule's block, nested", doc("", "ec2.securityGroup", """
                groupName: g
                description: d
                vpcId: vpc-1
                ingress:
                  - {ipProtocol: tcp, fromPort: 22, toPort: 22, cidrIp: 0.0.0.0/0}
                  - {ipProtocol: tcp, fromPort: 22, toPort: 22, cidrIp: 1.2.3.4/33}
                  - {ipProtocol: tcp, fromPort: 22, toPort: 22, cidrIpv6: "2001:db8::/64"}
                  - {ipProtocol: tcp, fromPort: 22, toPort: 22, cidrIpv6: "2001:zz8::/64"}
                """), Map.of(),
            List.of("t.yaml:13:63: 'ingress[1].cidrIp' '1.2.3.4/33' is not an IPv4 CIDR block: the prefix length is at most 32",
                "t.yaml:15:65: 'ingress[3].cidrIpv6' '2001:zz8::/64' is not an IPv6 CIDR block"
                    + " (hint: e.g. 2001:db8::/64, or ::/0 for every address)")),
        Arguments.of("a rule's block with letters", doc("", "ec2.securityGroup", """
                groupName: g
                description: d
                vpcId: vpc-1
                ingress: [{ipProtocol: tcp, cidrIp: anywhere}]
                """), Map.of(),
            List.of("t.yaml:11:43: 'ingress[0].cidrIp' 'anywhere' is invalid: it must be an IPv4 CIDR block such as"
                + " 10.0.0.0/16 or 203.0.113.7/32 (hint: see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html)")),
        Arguments.of("a bucket name with uppercase and _", doc("", "s3.bucket", "bucketName: My_Bucket"), Map.of(),
            List.of("t.yaml:8:19: 'bucketName' 'My_Bucket' has uppercase letters; bucket names are lowercase (hint: write my-bucket)")),
        Arguments.of("a bucket name formatted as an IP address", doc("", "s3.bucket", "bucketName: 192.168.5.4"), Map.of(),
            List.of("t.yaml:8:19: 'bucketName' '192.168.5.4' is formatted as an IP address, which AWS refuses"
                + " (hint: see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)")),
        Arguments.of("the account id counts as 12 digits", doc("", "s3.bucket",
                "bucketName: sorterbot-images-of-a-rather-long-project-name-abcdef-${accountId}"), Map.of(),
            List.of("t.yaml:8:19: 'bucketName' 'sorterbot-images-of-a-rather-long-project-name-abcdef-000000000000' (from"
                + " 'sorterbot-images-of-a-rather-long-project-name-abcdef-${accountId}') is 66 characters long; it must be"
                + " 3 to 63 lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit"
                + " (hint: see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)")),
        Arguments.of("a variable's default is checked", doc("variables:\n  b: {default: Images}\n", "s3.bucket",
                "bucketName: ${var.b}-${stack}"), Map.of(),
            List.of("t.yaml:10:19: 'bucketName' 'Images-demo' (from '${var.b}-${stack}') has uppercase letters;"
                + " bucket names are lowercase (hint: write images-demo)")),
        Arguments.of("a --var value is checked", doc("variables:\n  cidr: {default: 10.0.0.0/16}\n", "ec2.vpc",
                "cidrBlock: ${var.cidr}"), Map.of("cidr", "10.0.0.0/12"),
            List.of("t.yaml:10:18: 'cidrBlock' '10.0.0.0/12' (from '${var.cidr}') is a /12 block; AWS allows VPC and"
                + " subnet blocks from /16 to /28 (hint: see https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html)")),
        Arguments.of("a live attribute is left to AWS", doc("", "ec2.subnet", "vpcId: vpc-1\ncidrBlock: ${SBOther.cidrBlock}"),
            Map.of(), List.of("t.yaml:9:18: unknown resource 'SBOther' in '${SBOther.cidrBlock}'")),
        Arguments.of("an Availability Zone of another region", doc("", "ec2.subnet",
                "vpcId: vpc-1\ncidrBlock: 10.0.0.0/24\navailabilityZone: us-east-1a"), Map.of(),
            List.of("t.yaml:10:25: 'availabilityZone' 'us-east-1a' is not an Availability Zone of the stack's region"
                + " eu-central-1 (hint: write ${region}a (or b, c ...) so the zone follows the region)")),
        Arguments.of("reserved SSM names", doc("", "ssm.parameter", "name: aws-thing\ntype: String\nvalue: x"), Map.of(),
            List.of("t.yaml:8:13: 'name' 'aws-thing' begins with 'aws' or 'ssm', which AWS reserves"
                + " (hint: prefix it, e.g. /<stack>/aws-thing)")),
        Arguments.of("an ECR name with uppercase", doc("", "ecr.repository", "repositoryName: Sorter_Bot"), Map.of(),
            List.of("t.yaml:8:23: 'repositoryName' 'Sorter_Bot' is invalid: it must be 2 to 256 lowercase letters,"
                + " digits and . _ - / (each part starting and ending with a letter or digit)"
                + " (hint: see https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html)")),
        Arguments.of("an RDS identifier with two hyphens", doc("", "rds.dbInstance", """
                dbInstanceIdentifier: sorterbot--db
                engine: postgres
                dbInstanceClass: db.t4g.micro
                allocatedStorage: 20
                masterUsername: postgres
                """), Map.of(),
            List.of("t.yaml:8:29: 'dbInstanceIdentifier' 'sorterbot--db' is invalid: it must be 1 to 63 letters, digits"
                + " and hyphens, starting with a letter, without two hyphens in a row or one at the end"
                + " (hint: see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheFormat(String name, String yaml, Map<String, String> vars, List<String> expected) {
    List<String> got = problems(yaml, vars);
    if (name.startsWith("a live attribute")) {
      assertThat(got).noneMatch(p -> p.contains("'cidrBlock'"));
      return;
    }
    assertThat(got).containsExactlyElementsOf(expected);
  }

  @Test
  void aMisspeltRegionGetsTheNearestOne() {
    String yaml = "version: 1\nstack: demo\nregion: eu-centrl-1\nresources: {}\n";
    assertThat(problems(yaml, Map.of())).containsExactly(
        "t.yaml:3:9: region 'eu-centrl-1' is not an AWS region (hint: did you mean 'eu-central-1'?)");
    assertThat(problems(yaml.replace("eu-centrl-1", "mars-north-1"), Map.of())).containsExactly(
        "t.yaml:3:9: region 'mars-north-1' is not an AWS region (hint: regions look like eu-central-1; see"
            + " https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html)");
  }

  @Test
  void theProjectsOwnFilesPass() throws Exception {
    for (String f : List.of("sorterbot.yaml", "examples/network.yaml", "examples/parked.yaml", "examples/staging.yaml",
        "examples/vpc-only.yaml", "../shared/reference/sorterbot.yaml")) {
      java.nio.file.Path p = java.nio.file.Path.of(f);
      if (!java.nio.file.Files.exists(p)) continue;
      assertThat(problems(java.nio.file.Files.readString(p), Map.of())).as(f).isEmpty();
    }
  }
}
