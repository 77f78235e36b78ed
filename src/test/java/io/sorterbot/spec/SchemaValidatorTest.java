package io.sorterbot.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaValidatorTest {
  private static SchemaValidator validator;

  @BeforeAll
  static void load() { validator = new SchemaValidator(); }

  private static final String HEAD = "version: 1\nstack: demo\nresources:\n";

  /** Lines 1-3 are HEAD; resource text starts on line 4. */
  private static String doc(String resources) { return HEAD + resources; }

  private static List<String> problems(String yaml) {
    return validator.validate(TestYaml.parse(yaml)).stream().map(Problem::render).toList();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("unknown property with a close name",
            doc("""
                  SBVpc:
                    type: ec2.vpc
                    properties:
                      cidrBlock: 10.0.0.0/16
                      cidrBlok: 10.0.0.0/16
                """),
            List.of("test.yaml:8:7: unknown property 'cidrBlok' for ec2.vpc (hint: did you mean 'cidrBlock'?)")),
        Arguments.of("unknown property far from any name lists the few allowed ones",
            doc("""
                  SBVpc:
                    type: ec2.vpc
                    properties:
                      cidrBlock: 10.0.0.0/16
                      color: blue
                """),
            List.of("test.yaml:8:7: unknown property 'color' for ec2.vpc"
                + " (hint: allowed: cidrBlock, enableDnsSupport, enableDnsHostnames, tags)")),
        Arguments.of("missing required property",
            doc("""
                  SBVpc:
                    type: ec2.vpc
                    properties:
                      enableDnsSupport: true
                """),
            List.of("test.yaml:7:7: missing required property 'cidrBlock' for ec2.vpc")),
        Arguments.of("several missing required properties make one problem",
            doc("""
                  SBSg:
                    type: ec2.securityGroup
                    properties:
                      groupName: web
                """),
            List.of("test.yaml:7:7: missing required properties 'description', 'vpcId' for ec2.securityGroup")),
        Arguments.of("wrong scalar type",
            doc("""
                  SBVpc:
                    type: ec2.vpc
                    properties:
                      cidrBlock: 10.0.0.0/16
                      enableDnsSupport: "yes"
                """),
            List.of("test.yaml:8:25: 'enableDnsSupport' must be a boolean, got string")),
        Arguments.of("a string for a string property must not be a number",
            doc("""
                  SBTask:
                    type: ecs.taskDefinition
                    properties:
                      family: web
                      cpu: 512
                      containerDefinitions:
                        - {name: web, image: nginx}
                """),
            List.of("test.yaml:8:12: 'cpu' must be a string, got integer")),
        Arguments.of("unknown kind",
            doc("""
                  SBVpc:
                    type: ec2.vpcc
                    properties:
                      cidrBlock: 10.0.0.0/16
                """),
            List.of("test.yaml:5:11: unknown kind 'ec2.vpcc' (hint: did you mean 'ec2.vpc'?)")),
        Arguments.of("unknown top-level key",
            """
                version: 1
                stack: demo
                resourcess: {}
                """,
            List.of("test.yaml:1:1: missing required top-level key 'resources'",
                "test.yaml:3:1: unknown top-level key 'resourcess' (hint: did you mean 'resources'?)")),
        Arguments.of("stack pattern",
            """
                version: 1
                stack: Demo_Stack
                resources: {}
                """,
            List.of("test.yaml:2:8: 'stack' must match [a-z0-9-]{1,32}")),
        Arguments.of("version const",
            """
                version: 2
                stack: demo
                resources: {}
                """,
            List.of("test.yaml:1:10: 'version' must be 1")),
        Arguments.of("deletionPolicy enum",
            doc("""
                  SBVpc:
                    type: ec2.vpc
                    deletionPolicy: keep
                    properties:
                      cidrBlock: 10.0.0.0/16
                """),
            List.of("test.yaml:6:21: 'deletionPolicy' must be one of delete, retain")),
        Arguments.of("unknown resource key",
            doc("""
                  SBVpc:
                    type: ec2.vpc
                    propertis:
                      cidrBlock: 10.0.0.0/16
                """),
            List.of("test.yaml:5:5: missing 'properties' for ec2.vpc (hint: required: cidrBlock)",
                "test.yaml:6:5: unknown key 'propertis' in resource 'SBVpc' (hint: did you mean 'properties'?)")),
        Arguments.of("resource without type",
            doc("""
                  SBVpc:
                    properties:
                      cidrBlock: 10.0.0.0/16
                """),
            List.of("test.yaml:5:5: missing required key 'type' in resource 'SBVpc'")),
        Arguments.of("invalid SBID",
            doc("""
                  "bad id!":
                    type: ec2.internetGateway
                """),
            List.of("test.yaml:4:3: invalid resource id 'bad id!' (hint: an SBID starts with a letter or digit,"
                + " followed by up to 127 letters, digits or _.:/=+@-)")),
        Arguments.of("nested rule: wrong type, unknown field, missing field, not a mapping",
            doc("""
                  SBSg:
                    type: ec2.securityGroup
                    properties:
                      groupName: web
                      description: web
                      vpcId: ${SBVpc.id}
                      ingress:
                        - {ipProtocol: tcp, fromPort: "x", toPort: 22}
                        - {fromPort: 1, toPort: 1, cidrIpp: 0.0.0.0/0}
                        - hello
                """),
            List.of("test.yaml:11:39: 'ingress[0].fromPort' must be an integer, got string",
                "test.yaml:12:11: missing required property 'ipProtocol' in 'ingress[1]' for ec2.securityGroup",
                "test.yaml:12:36: unknown property 'cidrIpp' in 'ingress[1]' for ec2.securityGroup"
                    + " (hint: did you mean 'cidrIp'?)",
                "test.yaml:13:11: 'ingress[2]' must be a mapping, got string")),
        Arguments.of("whole-string references stand for any type",
            doc("""
                  SBSvc:
                    type: ecs.service
                    properties:
                      serviceName: web
                      cluster: ${SBCluster.arn}
                      taskDefinition: ${SBTask.arn}
                      launchType: ${var.launchType}
                      desiredCount: ${var.count}
                      enableExecuteCommand: ${var.exec}
                      networkConfiguration:
                        awsvpcConfiguration: ${var.network}
                """),
            List.of()),
        Arguments.of("a partial reference is a string",
            doc("""
                  SBSvc:
                    type: ecs.service
                    properties:
                      serviceName: web
                      cluster: c
                      taskDefinition: t
                      desiredCount: ${var.count}0
                """),
            List.of("test.yaml:10:21: 'desiredCount' must be an integer, got string (hint: a reference to a value"
                + " that is not a string must be the whole value, like ${SBID.attribute})")),
        Arguments.of("enum inside nested objects",
            doc("""
                  SBSvc:
                    type: ecs.service
                    properties:
                      serviceName: web
                      cluster: c
                      taskDefinition: t
                      launchType: FARGAT
                      networkConfiguration:
                        awsvpcConfiguration: {subnets: [a], assignPublicIp: true}
                """),
            List.of("test.yaml:10:19: 'launchType' must be one of FARGATE, EC2 (hint: did you mean 'FARGATE'?)",
                "test.yaml:12:61: 'networkConfiguration.awsvpcConfiguration.assignPublicIp' must be one of"
                    + " ENABLED, DISABLED, got boolean")),
        Arguments.of("resource of a kind with required properties but no properties",
            doc("""
                  SBSubnet:
                    type: ec2.subnet
                  SBGateway:
                    type: ec2.internetGateway
                """),
            List.of("test.yaml:5:5: missing 'properties' for ec2.subnet (hint: required: vpcId, cidrBlock)")),
        Arguments.of("secrets: exactly one source, bounded length, known keys",
            """
                version: 1
                stack: demo
                secrets:
                  a: {env: X, file: y}
                  b: {generate: {length: 4}}
                  c: {vault: x}
                resources: {}
                """,
            List.of("test.yaml:4:6: secret 'a' must have exactly one of env, file, ssm, generate",
                "test.yaml:5:26: 'generate.length' must be at least 8",
                "test.yaml:6:7: unknown key 'vault' in secret 'c' (hint: allowed: env, file, ssm, generate)")),
        Arguments.of("variables take default and description only",
            """
                version: 1
                stack: demo
                variables:
                  size: {default: 1, descripton: how many}
                resources: {}
                """,
            List.of("test.yaml:4:22: unknown key 'descripton' in variable 'size' (hint: did you mean 'description'?)")),
        Arguments.of("tags must be strings",
            doc("""
                  SBVpc:
                    type: ec2.vpc
                    properties:
                      cidrBlock: 10.0.0.0/16
                      tags: {Name: vpc, Count: 3}
                """),
            List.of("test.yaml:8:32: 'tags.Count' must be a string, got integer")),
        Arguments.of("document accepts a mapping or a JSON string, not a list",
            doc("""
                  P1:
                    type: iam.policy
                    properties:
                      policyName: a
                      policyDocument: '{"Version": "2012-10-17"}'
                  P2:
                    type: iam.policy
                    properties:
                      policyName: b
                      policyDocument: [1, 2]
                """),
            List.of("test.yaml:13:23: 'policyDocument' must be a mapping or a string, got list")),
        Arguments.of("entries must be mappings",
            """
                version: "1"
                stack: demo
                variables:
                  size: 3
                resources:
                  SBVpc: ec2.vpc
                """,
            List.of("test.yaml:1:10: 'version' must be an integer, got string",
                "test.yaml:4:9: variable 'size' must be a mapping, got integer",
                "test.yaml:6:10: resource 'SBVpc' must be a mapping, got string")),
        Arguments.of("the file must be a mapping",
            "- a\n- b\n",
            List.of("test.yaml:1:1: the file must be a mapping, got list")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsReadableProblems(String name, String yaml, List<String> expected) {
    assertThat(problems(yaml)).containsExactlyElementsOf(expected);
  }

  @Test
  void referenceFileIsValid() {
    Path ref = Path.of("../shared/reference/sorterbot.yaml");
    assumeTrue(Files.exists(ref), "reference file absent");
    assertThat(validator.validate(TestYaml.parse(ref))).isEmpty();
  }

  @Test
  void problemsAreSortedAndStable() {
    String yaml = doc("""
          B:
            type: ec2.vpc
            properties: {cidrBlok: x}
          A:
            type: ec2.vpcc
        """);
    List<Problem> first = validator.validate(TestYaml.parse(yaml));
    assertThat(first).hasSize(3);
    assertThat(validator.validate(TestYaml.parse(yaml))).isEqualTo(first);
    for (int i = 1; i < first.size(); i++) {
      assertThat(first.get(i - 1).pos().line()).isLessThanOrEqualTo(first.get(i).pos().line());
    }
  }

  @Test
  void tenThousandResourcesValidateFast() {
    StringBuilder sb = new StringBuilder(HEAD);
    for (int i = 0; i < 2500; i++) {
      sb.append("  Vpc").append(i).append(":\n    type: ec2.vpc\n    properties:\n      cidrBlock: 10.0.0.0/16\n")
          .append("      enableDnsSupport: true\n");
      sb.append("  Sg").append(i).append(":\n    type: ec2.securityGroup\n    properties:\n      groupName: g\n")
          .append("      description: d\n      vpcId: ${Vpc").append(i).append(".id}\n")
          .append("      ingress: [{ipProtocol: tcp, fromPort: 22, toPort: 22, cidrIp: 0.0.0.0/0}]\n");
      sb.append("  Svc").append(i).append(":\n    type: ecs.service\n    properties:\n      serviceName: s\n")
          .append("      cluster: c\n      taskDefinition: t\n      desiredCount: ${var.n}\n")
          .append("      networkConfiguration: {awsvpcConfiguration: {subnets: [a], assignPublicIp: ENABLED}}\n");
      sb.append("  Role").append(i).append(":\n    type: iam.role\n    properties:\n      roleName: r\n")
          .append("      assumeRolePolicyDocument: {Version: '2012-10-17'}\n      managedPolicyArns: [a, b]\n");
    }
    sb.append("  Bad:\n    type: ec2.vpc\n    properties: {cidrBlock: x, color: red}\n");
    YNode root = TestYaml.parse(sb.toString());
    assertThat(validator.validate(root)).hasSize(1); // warm-up, and the one bad resource is found
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      validator.validate(root);
      best = Math.min(best, System.nanoTime() - t);
    }
    assertThat(best / 1_000_000).as("ms to validate 10,000 resources").isLessThan(1000);
  }
}
