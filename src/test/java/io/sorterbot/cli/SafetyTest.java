package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sorterbot.model.Ticker;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/**
 * The safety rules of SPEC.md section 1 ("Identity", "Ownership", "Pruning", "deletionPolicy: retain") and
 * section 3 ("Non-interactive use", {@code --target}), proved end to end through the CLI on the sandbox.
 *
 * <p>Resources "planted" by hand stand for what other stacks, other tools and people leave in the account;
 * they are snapshotted through the SDK's describe calls and through the sandbox's own persisted record
 * before and after every command, and must come out byte for byte the same.
 */
class SafetyTest {
  private static final String STACK = "sorterbot";
  private static final String OTHER = "other-stack";
  private static final String REGION = "eu-central-1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String S3_FULL = "arn:aws:iam::aws:policy/AmazonS3FullAccess";
  private static final String LIFECYCLE = "{\"rules\":[{\"rulePriority\":1,\"description\":\"theirs\","
      + "\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":9},"
      + "\"action\":{\"type\":\"expire\"}}]}";
  /** What destroy keeps of the reference stack: SBPostgres (retain) and everything it needs (SPEC, "deletionPolicy: retain"). */
  private static final Set<String> RETAINED_CLOSURE = Set.of("SBPostgres", "SBDbSubnetGroup", "SBPostgresSecurityGroup",
      "SBSubnetA", "SBSubnetB", "SBVpc", "SBInternetGateway", "SBRouteTable");

  @TempDir Path tmp;

  // ------------------------------------------------------------------------------------------------
  // 1. Foreign ownership

  /** Leaves the file declares and another stack (or nobody) already holds; none has dependents in the file. */
  private static final String FOREIGN_ENTRIES = """

        SBForeignVpc:
          type: ec2.vpc
          properties:
            cidrBlock: 10.9.0.0/16
        SBForeignSubnet:
          type: ec2.subnet
          properties:
            vpcId: ${SBVpc.id}
            cidrBlock: 10.0.8.0/24
            availabilityZone: ${region}c
        SBForeignGroup:
          type: ec2.securityGroup
          properties:
            groupName: foreign-group
            description: wanted by sorterbot too
            vpcId: ${SBVpc.id}
        SBForeignRole:
          type: iam.role
          properties:
            roleName: ForeignRole
            assumeRolePolicyDocument:
              Version: "2012-10-17"
              Statement:
                - { Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }
        SBForeignParameter:
          type: ssm.parameter
          properties:
            name: /shared/foreign
            type: String
            value: ours
        SBForeignRepo:
          type: ecr.repository
          properties:
            repositoryName: foreign_repo
        SBForeignCluster:
          type: ecs.cluster
          properties:
            clusterName: foreign-cluster
      """;

  @Test
  void foreignAndUntaggedResourcesAreConflictsNeverTouchedByPlanApplyDriftPruneOrDestroy() throws Exception {
    Path file = write("sorterbot.yaml", plus(reference(), FOREIGN_ENTRIES));
    List<Probe> planted = aws(c -> {
      List<Probe> p = new ArrayList<>();
      // In the file, held by another stack or by nobody: conflicts.
      Probe vpc = vpc(c, "10.50.0.0/16", "SBForeignVpc", OTHER);
      p.add(vpc);
      p.add(subnet(c, vpc.id(), "10.50.1.0/24", "a", "SBForeignSubnet", null));
      p.add(securityGroup(c, vpc.id(), "foreign-group", "SBForeignGroup", OTHER));
      p.add(role(c, "ForeignRole", "SBForeignRole", OTHER));
      p.add(parameter(c, "/shared/foreign", "theirs", "SBForeignParameter", null));
      p.add(repository(c, "foreign_repo", "SBForeignRepo", OTHER));
      p.add(cluster(c, "foreign-cluster", "SBForeignCluster", null));
      p.add(bucket(c, "sorterbot-images-123456789012", "SBImagesBucket", OTHER)); // the very name the file wants
      p.add(bucket(c, "weights-by-hand", "SBWeightsBucket", null));
      // Not in the file, held by another stack or by nobody: not ours, never "unmanaged", never pruned.
      p.add(subnet(c, vpc.id(), "10.50.2.0/24", "b", "SBOtherSubnet", OTHER));
      p.add(vpc(c, "10.60.0.0/16", "SBNoStackVpc", null));
      p.add(role(c, "OtherStackRole", "SBOtherRole", OTHER));
      p.add(parameter(c, "/other-stack/param", "x", "SBOtherParam", OTHER));
      p.add(parameter(c, "/no-stack/param", "y", "SBNoStackParam", null));
      p.add(repository(c, "other_stack_repo", "SBOtherRepo", OTHER));
      p.add(cluster(c, "other-stack-cluster", "SBOtherCluster", OTHER));
      p.add(bucket(c, "other-stack-bucket", "SBOtherBucket", OTHER));
      return p;
    });
    Set<String> conflicts = Set.of("SBForeignVpc", "SBForeignSubnet", "SBForeignGroup", "SBForeignRole", "SBForeignParameter",
        "SBForeignRepo", "SBForeignCluster", "SBImagesBucket", "SBWeightsBucket");
    Guard guard = new Guard(planted);

    // SPEC "Ownership": a conflict means the file cannot be reached. plan lists it as an error (exit 1, never
    // "No changes"), apply refuses before changing anything, drift reports it (exit 2).
    Cli plan = sb(file, "plan");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(1);
    for (String sbid : conflicts) {
      assertThat(plan.out()).as(sbid).containsPattern("  ! " + sbid + " \\([a-z0-9.A-Z]+\\) \\S+ (is tagged SBStack=" + OTHER
          + "|has no SBStack tag)\n").doesNotContain("# " + sbid + " will");
    }
    assertThat(plan.out()).contains("  ! SBForeignSubnet (ec2.subnet) subnet-", "has no SBStack tag",
        "  ! SBImagesBucket (s3.bucket) sorterbot-images-123456789012 is tagged SBStack=other-stack")
        .doesNotContain("SBOther", "SBNoStack").endsWith("Plan: 25 to add, 0 to change, 0 to destroy.\n");
    assertThat(plan.err()).startsWith("Error: 9 conflicts: ");
    assertThat(sb(file, "plan", "--detailed-exitcode").code()).as("an error, not just changes").isEqualTo(1);
    JsonNode planJson = JSON.readTree(sb(file, "plan", "--json").out());
    assertThat(conflictsOf(planJson)).isEqualTo(guard.conflictLines(conflicts));
    guard.check("plan");

    Cli apply = sb(file, "apply", "--auto-approve");
    assertThat(apply.code()).as(apply.toString()).isEqualTo(1);
    assertThat(apply.out()).doesNotContain("Apply complete", "Creating");
    guard.check("apply");
    assertThat(sbidsOfStack(STACK)).as("apply refused before making anything").isEmpty();

    // Our resources whose SBIDs are free, then drift with the file that still wants the conflicted ones.
    Path ours = write("ours.yaml", without(reference(), "SBImagesBucket", "SBWeightsBucket"));
    Cli applyOurs = sb(ours, "apply", "--auto-approve");
    assertThat(applyOurs.code()).as(applyOurs.toString()).isZero();
    assertThat(applyOurs.out()).contains("Apply complete! Resources: 25 added, 0 changed, 0 destroyed.");
    guard.check("apply of the free SBIDs");
    assertThat(sbidsOfStack(STACK)).as("nothing of ours was made for a conflicted SBID").doesNotContainAnyElementsOf(conflicts)
        .hasSize(25);
    assertThat(subnetsIn(guard.id("SBForeignVpc"))).as("nothing made in their VPC").hasSize(2);

    Path report = tmp.resolve("drift.json");
    Cli drift = sb(file, "drift", "--output", report.toString());
    assertThat(drift.code()).as("conflicts are drift: " + drift).isEqualTo(2);
    JsonNode r = JSON.readTree(Files.readString(report));
    assertThat(conflictsOf(r)).isEqualTo(guard.conflictLines(conflicts));
    assertThat(r.get("unmanaged")).as("another stack's resources are not unmanaged resources of ours").isEmpty();
    assertThat(r.get("missing")).as("a conflict is not 'missing'").isEmpty();
    assertThat(r.get("modified")).isEmpty();
    assertThat(r.get("duplicates")).isEmpty();
    assertThat(drift.out()).doesNotContain("SBOther", "SBNoStack");
    guard.check("drift");

    // Pruning: two of our own resources leave the file.
    Path pruned = write("pruned.yaml", without(reference(), "SBImagesBucket", "SBWeightsBucket", "SBStaticBucket", "SBCloudUser"));
    Cli prunePlan = sb(pruned, "plan");
    assertThat(prunePlan.out()).contains("# SBStaticBucket will be destroyed (not in the file)",
        "# SBCloudUser will be destroyed (not in the file)").doesNotContain("SBForeign", "SBOther", "SBNoStack")
        .endsWith("Plan: 0 to add, 0 to change, 2 to destroy.\n");
    Cli prune = sb(pruned, "apply", "--auto-approve");
    assertThat(prune.code()).as(prune.toString()).isZero();
    assertThat(prune.out()).contains("Apply complete! Resources: 0 added, 0 changed, 2 destroyed.");
    assertThat(sbidsOfStack(STACK)).doesNotContain("SBStaticBucket", "SBCloudUser").hasSize(23);
    guard.check("apply of a file that no longer declares them");
    Cli pruneDrift = sb(pruned, "drift", "--format", "json");
    assertThat(JSON.readTree(pruneDrift.out()).get("unmanaged")).as(pruneDrift.toString()).isEmpty();
    guard.check("drift of the pruned file");

    // destroy deletes only ours, whatever the file says of the conflicted SBIDs (it lists them).
    Cli destroy = sb(file, "destroy", "--auto-approve");
    assertThat(destroy.code()).as(destroy.toString()).isZero();
    assertThat(destroy.out()).doesNotContain("SBOther", "SBNoStack", "# SBForeign", "# SBImagesBucket", "# SBWeightsBucket")
        .contains("  ! SBImagesBucket (s3.bucket) sorterbot-images-123456789012 is tagged SBStack=other-stack");
    guard.check("destroy");
    assertThat(sbidsOfStack(STACK)).as("destroy removed the rest of ours").isEqualTo(new TreeSet<>(RETAINED_CLOSURE));
  }

  @Test
  void whatNeedsAConflictedResourceIsNeverBuiltOnTheForeignOne() throws Exception {
    Path file = write("small.yaml", """
        version: 1
        stack: sorterbot
        region: eu-central-1
        resources:
          SBNet:
            type: ec2.vpc
            properties: { cidrBlock: 10.1.0.0/16 }
          SBNetSubnet:
            type: ec2.subnet
            properties: { vpcId: "${SBNet.id}", cidrBlock: 10.1.1.0/24, availabilityZone: eu-central-1a }
          SBTheRole:
            type: iam.role
            properties:
              roleName: TheRole
              assumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - { Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }
          SBTheProfile:
            type: iam.instanceProfile
            properties: { instanceProfileName: TheProfile, roles: [ "${SBTheRole.name}" ] }
          SBFree:
            type: ssm.parameter
            properties: { name: /small/free, type: String, value: free }
        """);
    List<Probe> planted = aws(c -> List.of(vpc(c, "10.1.0.0/16", "SBNet", OTHER), role(c, "TheRole", "SBTheRole", null)));
    Guard guard = new Guard(planted);

    Cli plan = sb(file, "plan");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(1);
    assertThat(plan.out()).contains("  ! SBNet (ec2.vpc) vpc-", "  ! SBTheRole (iam.role) ")
        .doesNotContain("# SBNet will", "# SBTheRole will");
    guard.check("plan");

    Cli apply = sb(file, "apply", "--auto-approve");
    assertThat(apply.code()).as("refused: the file cannot be reached\n" + apply).isEqualTo(1);
    assertThat(apply.err()).contains("2 conflicts: SBNet, SBTheRole");
    guard.check("apply");
    assertThat(sbidsOfStack(STACK)).as("nothing is built, least of all on theirs").isEmpty();
    assertThat(subnetsIn(guard.id("SBNet"))).as("no subnet in their VPC").isEmpty();
    List<?> profiles = aws(c -> c.iam().listInstanceProfiles().instanceProfiles());
    assertThat(profiles).as("their role is in no profile of ours").isEmpty();

    Cli destroy = sb(file, "destroy", "--auto-approve");
    assertThat(destroy.code()).as(destroy.toString()).isZero();
    guard.check("destroy");
    assertThat(sbidsOfStack(STACK)).isEmpty();
  }

  // ------------------------------------------------------------------------------------------------
  // 2. Duplicates

  @Test
  void duplicatesAreReportedAndOnlyOurCopiesProvablyYoungerAreDeletedNeverRetainedOnesNorForeignOnes() throws Exception {
    Path file = fromTemplate();
    String vpcId = liveId("SBVpc");
    Map<String, JsonNode> originals = records(r -> Set.of("SBSubnetB", "SBControlRole", "SBEcr", "SBPostgresConnection", "SBPostgres")
        .contains(r.path("tags").path("SBID").asText()));
    assertThat(originals).hasSize(5);
    record Copies(Probe subnet, Probe role, Probe repo, Probe parameter, Probe db, List<Probe> foreign) {}
    Copies copies = aws(c -> {
      // Changed out of band first: SSM reports the creation time of a parameter only while it is at version 1.
      c.ssm().putParameter(b -> b.name("SorterBotCloudPostgres").value("postgresql://changed").type(ParameterType.SECURE_STRING)
          .overwrite(true));
      // Second copies with both our tags. The names sort before the originals', so "oldest" cannot come from the id.
      return new Copies(subnet(c, vpcId, "10.0.7.0/24", "b", "SBSubnetB", STACK),
          role(c, "AAControlRoleCopy", "SBControlRole", STACK),
          repository(c, "aaa_copy", "SBEcr", STACK),
          parameter(c, "/aaa/copy", "copy", "SBPostgresConnection", STACK),
          // This one's name sorts after the original's: the plan must still keep the original as the one in use.
          dbInstance(c, "zzz-postgres-copy", "SBPostgres", STACK),
          // A copy of another stack or of nobody beside ours: a conflict, never deleted.
          List.of(cluster(c, "by-hand-cluster", "SBCluster", OTHER), bucket(c, "by-hand-images", "SBImagesBucket", null),
              securityGroup(c, vpcId, "by-hand-group", "SBCloudSecurityGroup", OTHER)));
    });
    Guard guard = new Guard(copies.foreign());
    Map<String, String> expectedDuplicates = new TreeMap<>(Map.of(
        "SBSubnetB", originals.get(pathOf(originals, "SBSubnetB")).path("id").asText() + " " + copies.subnet().id(),
        "SBControlRole", "arn:aws:iam::123456789012:role/sorterbot/SorterBotControlRole " + copies.role().id(),
        "SBEcr", "sorterbot_cloud aaa_copy",
        "SBPostgresConnection", "SorterBotCloudPostgres /aaa/copy",
        "SBPostgres", "sorterbot-postgres zzz-postgres-copy"));

    Cli plan = sb(file, "plan");
    assertThat(plan.code()).as("the foreign copies are conflicts: " + plan).isEqualTo(1);
    java.util.Set<String> ageUnknown = java.util.Set.of("SBSubnetB", "SBPostgresConnection"); // no creation time from AWS
    expectedDuplicates.forEach((sbid, ids) -> assertThat(plan.out())
        .contains("  ! " + sbid + " (" + typeOf(sbid) + "): " + (ageUnknown.contains(sbid)
            ? ids.split(" ")[0] + " compared with the file (age unknown, none deleted)"
            : "keeping " + ids.split(" ")[0] + " (oldest)") + "; extra: " + ids.split(" ")[1] + "\n"));
    assertThat(plan.out()).contains("# SBControlRole will be destroyed (duplicate of arn:aws:iam::123456789012:role/sorterbot/SorterBotControlRole)",
            "# SBEcr will be destroyed (duplicate of sorterbot_cloud)", "# SBPostgres will be retained: deletionPolicy is retain",
            "  ! SBCluster (ecs.cluster) arn:aws:ecs:eu-central-1:123456789012:cluster/by-hand-cluster is tagged SBStack=other-stack",
            "  ! SBImagesBucket (s3.bucket) by-hand-images has no SBStack tag",
            "  ! SBCloudSecurityGroup (ec2.securityGroup) " + guard.id("SBCloudSecurityGroup") + " is tagged SBStack=other-stack")
        .containsPattern("Warning: SBSubnetB: .*none is deleted")
        .containsPattern("Warning: SBPostgresConnection: .*none is deleted")
        .doesNotContain("- rds.dbInstance", "- ec2.subnet", "- ssm.parameter", "- ecs.cluster", "- s3.bucket", "- ec2.securityGroup")
        .endsWith("Plan: 0 to add, 1 to change, 2 to destroy.\n");
    guard.check("plan");

    Cli drift = sb(file, "drift", "--format", "json");
    assertThat(drift.code()).as(drift.toString()).isEqualTo(2);
    JsonNode r = JSON.readTree(drift.out());
    Map<String, String> reported = new TreeMap<>();
    r.get("duplicates").forEach(d -> reported.put(d.get("sbid").asText(), d.get("kept").asText() + " "
        + String.join(",", JSON.convertValue(d.get("others"), String[].class))));
    assertThat(reported).isEqualTo(expectedDuplicates);
    assertThat(conflictsOf(r)).isEqualTo(guard.conflictLines(Set.of("SBCluster", "SBImagesBucket", "SBCloudSecurityGroup")));
    assertThat(r.get("unmanaged")).as("a copy of a declared resource is a duplicate, not unmanaged").isEmpty();
    guard.check("drift");

    Cli refused = sb(file, "apply", "--auto-approve");
    assertThat(refused.code()).as("refused while the foreign copies hold our SBIDs: " + refused).isEqualTo(1);
    guard.check("refused apply");
    assertThat(describe(List.of(copies.role(), copies.repo()))).as("nothing deleted by a refused apply")
        .allSatisfy((k, v) -> assertThat(v).doesNotStartWith("GONE"));
    // Their owners take their copies away; then apply deletes only our provably younger copies.
    aws(c -> {
      c.ecs().deleteCluster(b -> b.cluster("by-hand-cluster"));
      c.s3().deleteBucket(b -> b.bucket("by-hand-images"));
      c.ec2().deleteSecurityGroup(b -> b.groupId(guard.id("SBCloudSecurityGroup")));
      return null;
    });
    Cli apply = sb(file, "apply", "--auto-approve");
    assertThat(apply.code()).as(apply.toString()).isZero();
    assertThat(apply.out()).contains("Apply complete! Resources: 0 added, 1 changed, 2 destroyed.")
        .as("the outputs read the copy in use, not the retained extra one")
        .contains("postgresEndpoint = \"sorterbot-postgres.c0sandbox.eu-central-1.rds.amazonaws.com:5432\"");
    Map<String, String> after = describe(List.of(copies.subnet(), copies.role(), copies.repo(), copies.parameter(), copies.db()));
    assertThat(after.get("SBControlRole")).as("our younger role copy").startsWith("GONE");
    assertThat(after.get("SBEcr")).as("our younger repository copy").startsWith("GONE");
    assertThat(after.get("SBPostgres")).as("a copy of a retained resource is never deleted").doesNotStartWith("GONE");
    assertThat(after.get("SBSubnetB")).as("which subnet is older AWS does not say: none deleted").doesNotStartWith("GONE");
    assertThat(after.get("SBPostgresConnection")).as("which parameter is older AWS does not say: none deleted").doesNotStartWith("GONE");
    originals.forEach((path, before) -> {
      JsonNode now = records().get(path);
      assertThat(now).as("the original (oldest) " + path + " is kept").isNotNull();
      assertThat(now.path("createdAt")).as("never deleted and made again: " + path).isEqualTo(before.path("createdAt"));
    });
    Cli again = sb(file, "plan", "--detailed-exitcode");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out()).contains("  ! SBPostgres (rds.dbInstance): keeping sorterbot-postgres (oldest); extra: zzz-postgres-copy")
        .doesNotContain("  ! SBControlRole (", "  ! SBEcr (");

    Cli destroy = sb(file, "destroy", "--auto-approve");
    assertThat(destroy.code()).as(destroy.toString()).isZero();
    assertThat(describe(List.of(copies.db())).get("SBPostgres")).as("destroy keeps a retained duplicate").doesNotStartWith("GONE");
  }

  // ------------------------------------------------------------------------------------------------
  // 3. Retained

  @Test
  void retainedResourcesAndWhatTheyNeedSurviveAReplaceAPruneAndADestroy() throws Exception {
    Path file = fromTemplate();
    Map<String, String> ids = new TreeMap<>();
    for (String sbid : RETAINED_CLOSURE) ids.put(sbid, liveId(sbid));
    String password = secretValue();

    // A replace would delete the database: refused, and nothing changes.
    Path renamed = write("renamed.yaml", replaceOnce(reference(), "      dbName: sorterbot\n", "      dbName: sorterbot2\n"));
    byte[] before = accountBytes();
    for (String[] args : List.of(new String[] {"plan"}, new String[] {"apply", "--auto-approve"})) {
      Cli refused = sb(renamed, args);
      assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
      assertThat(refused.err()).as("the error and its hint end the output (a notice may come first)").endsWith("Error: SBPostgres must be replaced (dbName forces replacement) but its deletionPolicy is retain\n"
          + "Hint: remove 'deletionPolicy: retain' first, or revert the change\n");
      assertThat(refused.out()).doesNotContain("Apply complete", "Destroying");
    }
    assertThat(accountBytes()).as("a refused replace changes nothing").isEqualTo(before);

    // Pruning: the database, its subnet group, its security group and the secret leave the file.
    String yaml = without(reference(), "SBPostgres", "SBDbSubnetGroup", "SBPostgresSecurityGroup");
    yaml = yaml.replaceAll("(?m)^      value: postgresql://.*$", "      value: postgresql://elsewhere/sorterbot");
    yaml = replaceOnce(yaml, "\nsecrets:\n  dbPassword:\n    generate: { length: 24 }", "\nsecrets: {}\n#");
    yaml = yaml.replaceAll("(?m)^  postgresEndpoint: .*\n", "");
    Path pruned = write("pruned.yaml", yaml);
    Cli valid = Cli.run("validate", "-f", pruned.toString());
    assertThat(valid.code()).as(valid.toString()).isZero();
    Cli plan = sb(pruned, "plan");
    assertThat(plan.code()).as(plan.toString()).isZero();
    assertThat(plan.out()).contains("# SBPostgres will be retained: deletionPolicy is retain",
            "# SBDbSubnetGroup will be retained: needed by retained SBPostgres",
            "# SBPostgresSecurityGroup will be retained: needed by retained SBPostgres")
        .doesNotContain(" will be destroyed").endsWith("Plan: 0 to add, 1 to change, 0 to destroy.\n");
    Cli prune = sb(pruned, "apply", "--auto-approve");
    assertThat(prune.code()).as(prune.toString()).isZero();
    assertThat(prune.out()).contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed.");
    ids.forEach((sbid, id) -> assertThat(liveId(sbid)).as(sbid + " after the prune").isEqualTo(id));
    assertThat(secretValue()).as("the password secret a retained resource uses").isEqualTo(password);
    Cli drift = sb(pruned, "drift", "--format", "json");
    List<String> unmanaged = new ArrayList<>();
    JSON.readTree(drift.out()).get("unmanaged").forEach(u -> unmanaged.add(u.get("sbid").asText() + " " + u.get("retained").asBoolean()));
    assertThat(unmanaged).containsExactlyInAnyOrder("SBPostgres true", "SBDbSubnetGroup true", "SBPostgresSecurityGroup true");

    // Destroy, with the entry still gone from the file: the SBDeletionPolicy tag alone protects it.
    Cli destroy = sb(pruned, "destroy", "--auto-approve");
    assertThat(destroy.code()).as(destroy.toString()).isZero();
    assertThat(destroy.out()).contains("# SBPostgres will be retained: deletionPolicy is retain")
        .doesNotContain("- rds.dbInstance", "- rds.dbSubnetGroup", "- ec2.vpc", "- ec2.subnet", "- ec2.internetGateway");
    assertThat(sbidsOfStack(STACK)).isEqualTo(new TreeSet<>(RETAINED_CLOSURE));
    ids.forEach((sbid, id) -> assertThat(liveId(sbid)).as(sbid + " after destroy").isEqualTo(id));
    assertThat(secretValue()).as("the password secret a retained resource uses").isEqualTo(password);

    // And again with the full file: still retained.
    Cli again = sb(file, "destroy", "--auto-approve");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(sbidsOfStack(STACK)).isEqualTo(new TreeSet<>(RETAINED_CLOSURE));
    assertThat(secretValue()).isEqualTo(password);
  }

  // ------------------------------------------------------------------------------------------------
  // 4. Non-interactive

  @Test
  void withoutATerminalApplyAndDestroyRefuseUnlessAutoApprovedAndChangeNothing() throws Exception {
    assumeTrue(System.console() == null, "needs a JVM without a terminal (as under surefire)");
    Path file = fromTemplate();
    Path pruned = write("pruned.yaml", without(reference(), "SBStaticBucket"));
    byte[] before = accountBytes();

    Cli destroy = sb(file, "destroy");
    assertThat(destroy.code()).as(destroy.toString()).isEqualTo(1);
    assertThat(destroy.err()).as("the error and its hint end the output (a notice may come first)").endsWith("Error: refusing to destroy without a terminal to confirm on\n"
        + "Hint: pass --auto-approve for unattended runs (cron, CI)\n");
    assertThat(accountBytes()).as("destroy without --auto-approve").isEqualTo(before);

    Cli apply = sb(pruned, "apply", "--var", "cloudImageTag=v2");
    assertThat(apply.code()).as(apply.toString()).isEqualTo(1);
    assertThat(apply.out()).contains("# SBStaticBucket will be destroyed").doesNotContain("Apply complete", "Destroying", "Modifying");
    assertThat(apply.err()).as("the error and its hint end the output (a notice may come first)").endsWith("Error: refusing to apply without a terminal to confirm on\n"
        + "Hint: pass --auto-approve for unattended runs (cron, CI)\n");
    assertThat(accountBytes()).as("apply without --auto-approve").isEqualTo(before);
  }

  // ------------------------------------------------------------------------------------------------
  // 5. --target

  @Test
  void anApplyWithTargetChangesNothingOutsideTheTargetAndWhatItNeeds() throws Exception {
    fromTemplate();
    String yaml = replaceOnce(reference(), "Action: [ \"ec2:DescribeNetworkInterfaces\", \"ecs:*\" ]",
        "Action: [ \"ec2:DescribeNetworkInterfaces\", \"ecs:*\", \"s3:ListBucket\" ]");     // SBControlPolicy: in scope
    yaml = replaceOnce(yaml, "{ Effect: Allow, Action: \"ecr:*\", Resource: \"*\" }",
        "{ Effect: Allow, Action: \"ecr:Describe*\", Resource: \"*\" }");                        // SBCloudEcrPolicy: outside
    yaml = replaceOnce(yaml, "tags: { Name: sorterbot-vpc }", "tags: { Name: renamed-vpc }");       // SBVpc: outside
    yaml = replaceOnce(yaml, "      roleName: SorterBotControlRole\n", "      roleName: SorterBotControlRole\n      description: x\n");
    Path changed = write("changed.yaml", without(yaml, "SBStaticBucket"));                          // a prune: outside
    aws(c -> subnet(c, liveId("SBVpc"), "10.0.7.0/24", "a", "SBSubnetA", STACK));                   // a duplicate: outside
    Cli full = sb(changed, "plan", "--var", "cloudImageTag=v2");
    assertThat(full.out()).as("without --target all of it would change")
        .contains("~ iam.policy SBCloudEcrPolicy", "~ ec2.vpc SBVpc", "# SBStaticBucket will be destroyed",
            "~ ecs.taskDefinition SBCloudTaskDefinition", "~ iam.policy SBControlPolicy", "~ iam.role SBControlRole");
    Set<String> scope = Set.of("SBControlInstanceProfile", "SBControlRole", "SBControlPolicy");
    JsonNode before = masked(accountJson(), scope);
    Map<String, JsonNode> inScopeBefore = records(x -> scope.contains(x.path("tags").path("SBID").asText()));

    Cli apply = sb(changed, "apply", "--auto-approve", "--target", "SBControlInstanceProfile", "--var", "cloudImageTag=v2");
    assertThat(apply.code()).as(apply.toString()).isZero();
    assertThat(apply.out()).contains("Warning: --target limits this run to SBControlInstanceProfile, SBControlPolicy, SBControlRole")
        .contains("Apply complete! Resources: 0 added, 2 changed, 0 destroyed.")
        .doesNotContain("SBCloudEcrPolicy", "SBVpc", "SBStaticBucket", "SBCloudTaskDefinition", "SBSubnetA will", "- ec2.subnet");
    assertThat(masked(accountJson(), scope)).as("everything outside the target and what it needs").isEqualTo(before);
    Map<String, JsonNode> inScopeAfter = records(x -> scope.contains(x.path("tags").path("SBID").asText()));
    assertThat(inScopeAfter.keySet()).isEqualTo(inScopeBefore.keySet());
    assertThat(inScopeAfter).as("the target's needs were applied").isNotEqualTo(inScopeBefore);
  }

  // ------------------------------------------------------------------------------------------------
  // helpers: the CLI, the file, the account

  private Path account() { return tmp.resolve("account"); }

  /** The reference stack, applied once for the class; each test gets its own copy of that account. */
  @TempDir static Path shared;
  private static Path template;

  private Path fromTemplate() throws IOException {
    synchronized (SafetyTest.class) {
      if (template == null) {
        Path t = shared.resolve("template");
        Path f = shared.resolve("sorterbot.yaml");
        Files.writeString(f, reference());
        Cli r = Cli.run("apply", "--auto-approve", "-f", f.toString(), "--sandbox=" + t);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Apply complete! Resources: 27 added, 0 changed, 0 destroyed.");
        template = t;
      }
    }
    try (var files = Files.walk(template)) {
      for (Path p : files.toList()) {
        Path to = account().resolve(template.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else if (!p.getParent().getFileName().toString().equals("locks")) Files.copy(p, to);
      }
    }
    return write("sorterbot.yaml", reference());
  }

  private byte[] accountBytes() throws IOException { return Files.readAllBytes(account().resolve("account.json")); }

  /** The provider id of the live resource of ours with this SBID (exactly one), per the account's records. */
  private String liveId(String sbid) {
    Map<String, JsonNode> m = records(r -> sbid.equals(r.path("tags").path("SBID").asText())
        && STACK.equals(r.path("tags").path("SBStack").asText()) && alive(r));
    assertThat(m).as(sbid).hasSize(1);
    String path = m.keySet().iterator().next();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String pathOf(Map<String, JsonNode> records, String sbid) {
    return records.entrySet().stream().filter(e -> sbid.equals(e.getValue().path("tags").path("SBID").asText())).findFirst()
        .orElseThrow().getKey();
  }

  private static String typeOf(String sbid) {
    return switch (sbid) {
      case "SBSubnetB" -> "ec2.subnet";
      case "SBControlRole" -> "iam.role";
      case "SBEcr" -> "ecr.repository";
      case "SBPostgresConnection" -> "ssm.parameter";
      case "SBPostgres" -> "rds.dbInstance";
      default -> throw new IllegalArgumentException(sbid);
    };
  }

  /** The generated password the database uses, as kept in SSM. */
  private String secretValue() {
    return aws(c -> c.ssm().getParameter(b -> b.name("/sorterbot/secrets/dbPassword").withDecryption(true)).parameter().value());
  }

  private static String replaceOnce(String s, String from, String to) {
    assertThat(s).contains(from);
    return s.replace(from, to);
  }

  /** The account JSON without its id counter, with the records of the given SBIDs replaced by a mark. */
  private static JsonNode masked(JsonNode root, Set<String> sbids) {
    JsonNode copy = root.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("sequence");
    mask(copy, sbids);
    return copy;
  }

  private static void mask(JsonNode n, Set<String> sbids) {
    if (!n.isObject()) return;
    var o = (com.fasterxml.jackson.databind.node.ObjectNode) n;
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    for (String k : names) {
      JsonNode v = o.get(k);
      if (v.path("tags").isObject() && sbids.contains(v.path("tags").path("SBID").asText())) o.put(k, "(in scope)");
      else mask(v, sbids);
    }
  }

  private Map<String, String> describe(List<Probe> probes) {
    return aws(c -> {
      Map<String, String> m = new LinkedHashMap<>();
      for (Probe p : probes) {
        String s;
        try {
          s = p.describe().apply(c);
        } catch (RuntimeException e) {
          s = "GONE: " + e;
        }
        m.put(p.sbid(), s);
      }
      return m;
    });
  }

  private Cli sb(Path file, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-f", file.toString(), "--sandbox=" + account()));
    return Cli.run(all.toArray(String[]::new));
  }

  private <T> T aws(Function<SandboxClients, T> f) {
    // Planted by hand: the fresh account's first seconds without ECS's service-linked role are not this test's.
    try (SandboxClients c = SandboxClients.open(account(), REGION, SandboxKnobs.none()
        .withEcsServiceLinkedRole(java.time.Duration.ZERO), Ticker.SYSTEM)) {
      return f.apply(c);
    }
  }

  private List<String> subnetsIn(String vpcId) {
    return aws(c -> c.ec2().describeSubnets(b -> b.filters(Filter.builder().name("vpc-id").values(vpcId).build())).subnets()
        .stream().map(x -> x.subnetId()).toList());
  }

  private Path write(String name, String yaml) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, yaml);
    return p;
  }

  static String reference() {
    try {
      return Files.readString(Path.of("sorterbot.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The yaml with more resources at the end of {@code resources:}. */
  private static String plus(String yaml, String entries) {
    assertThat(yaml).contains("\noutputs:");
    return yaml.replace("\noutputs:", entries + "\noutputs:");
  }

  /** The yaml without the named resource entries (each from its key line to the next line at indent 0..2). */
  static String without(String yaml, String... sbids) {
    List<String> out = new ArrayList<>();
    Set<String> drop = Set.of(sbids);
    boolean skipping = false;
    Set<String> seen = new TreeSet<>();
    for (String line : yaml.split("\n", -1)) {
      boolean top = !line.isBlank() && !line.startsWith("   ");
      if (top) {
        String key = line.strip().endsWith(":") ? line.strip().substring(0, line.strip().length() - 1) : "";
        skipping = line.startsWith("  ") && drop.contains(key);
        if (skipping) seen.add(key);
      }
      if (!skipping) out.add(line);
    }
    assertThat(seen).as("entries removed").isEqualTo(drop);
    return String.join("\n", out);
  }

  /** The parsed account file the sandbox persists. */
  private JsonNode accountJson() {
    try {
      return JSON.readTree(Files.readString(account().resolve("account.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every record of the account that carries tags (a resource, or a task definition revision), by its JSON path. */
  private Map<String, JsonNode> records() {
    Map<String, JsonNode> out = new TreeMap<>();
    collect(accountJson().path("services"), "", out);
    return out;
  }

  private static void collect(JsonNode n, String path, Map<String, JsonNode> out) {
    if (!n.isObject() || path.endsWith("/volumes")) return; // an instance's root volume carries its tags: not a resource of the file
    if (n.path("tags").isObject()) {
      out.put(path, n);
      return;
    }
    n.fields().forEachRemaining(e -> collect(e.getValue(), path + "/" + e.getKey(), out));
  }

  /** Not a deleted resource that the API still shows for a while (terminated instance, inactive revision or cluster). */
  private static boolean alive(JsonNode r) {
    return !Set.of("terminated", "shutting-down").contains(r.path("state").asText())
        && !Set.of("INACTIVE", "DELETED", "DRAINING", "deleting").contains(r.path("status").asText());
  }

  private Map<String, JsonNode> records(Predicate<JsonNode> which) {
    Map<String, JsonNode> out = new TreeMap<>();
    records().forEach((k, v) -> { if (which.test(v)) out.put(k, v); });
    return out;
  }

  /** The SBIDs of the live resources tagged SBStack={@code stack}, per the sandbox's records. */
  private Set<String> sbidsOfStack(String stack) {
    return records(r -> stack.equals(r.path("tags").path("SBStack").asText(null)) && r.path("tags").has("SBID") && alive(r)).values()
        .stream().map(r -> r.path("tags").path("SBID").asText()).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> conflictsOf(JsonNode planOrDrift) {
    Set<String> out = new TreeSet<>();
    planOrDrift.get("conflicts").forEach(c -> out.add(c.get("sbid").asText() + " " + c.get("id").asText() + " "
        + (c.get("stackTag").isNull() ? "-" : c.get("stackTag").asText())));
    return out;
  }

  // ------------------------------------------------------------------------------------------------
  // helpers: planting resources by hand, and describing them

  /**
   * One resource planted by hand: its SBID, SBStack tag (null: none), provider id, and how to describe it
   * completely through the SDK (id, tags, properties).
   */
  private record Probe(String sbid, String stack, String id, Function<SandboxClients, String> describe) {}

  /** Remembers the planted resources as they were and checks they still are. */
  private final class Guard {
    private final List<Probe> probes;
    private final Map<String, String> described;
    private final Map<String, JsonNode> stored;

    Guard(List<Probe> probes) {
      this.probes = probes;
      this.described = describe();
      this.stored = foreignRecords();
      assertThat(described.values()).noneMatch(v -> v.startsWith("GONE"));
      assertThat(stored).as("every planted resource is in the account file").hasSize(probes.size());
    }

    String id(String sbid) {
      return probes.stream().filter(p -> p.sbid().equals(sbid)).findFirst().orElseThrow().id();
    }

    Set<String> conflictLines(Set<String> sbids) {
      Set<String> out = new TreeSet<>();
      for (Probe p : probes) if (sbids.contains(p.sbid())) out.add(p.sbid() + " " + p.id() + " " + (p.stack() == null ? "-" : p.stack()));
      return out;
    }

    private Map<String, String> describe() { return SafetyTest.this.describe(probes); }

    private Map<String, JsonNode> foreignRecords() {
      Set<String> planted = probes.stream().map(Probe::sbid).collect(Collectors.toSet());
      return records(r -> planted.contains(r.path("tags").path("SBID").asText(""))
          && !STACK.equals(r.path("tags").path("SBStack").asText(null)));
    }

    void check(String after) {
      assertThat(describe()).as("planted resources, described, after " + after).isEqualTo(described);
      assertThat(foreignRecords()).as("planted resources, as the account stores them, after " + after).isEqualTo(stored);
    }
  }

  private static TagSpecification ec2Tags(ResourceType type, String sbid, String stack, String... more) {
    Map<String, String> tags = tags(sbid, stack, more);
    return TagSpecification.builder().resourceType(type).tags(tags.entrySet().stream()
        .map(e -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
        .build();
  }

  private static Map<String, String> tags(String sbid, String stack, String... more) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("SBID", sbid);
    if (stack != null) tags.put("SBStack", stack);
    for (int i = 0; i < more.length; i += 2) tags.put(more[i], more[i + 1]);
    return tags;
  }

  private static Probe vpc(SandboxClients c, String cidr, String sbid, String stack) {
    String id = c.ec2().createVpc(b -> b.cidrBlock(cidr).tagSpecifications(ec2Tags(ResourceType.VPC, sbid, stack, "Name", "by-hand")))
        .vpc().vpcId();
    return new Probe(sbid, stack, id, x -> x.ec2().describeVpcs(b -> b.vpcIds(id)).vpcs()
        + " dnsSupport=" + x.ec2().describeVpcAttribute(b -> b.vpcId(id).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
            .enableDnsSupport()
        + " dnsHostnames=" + x.ec2().describeVpcAttribute(b -> b.vpcId(id).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
            .enableDnsHostnames());
  }

  private static Probe subnet(SandboxClients c, String vpcId, String cidr, String az, String sbid, String stack) {
    String id = c.ec2().createSubnet(b -> b.vpcId(vpcId).cidrBlock(cidr).availabilityZone(REGION + az)
        .tagSpecifications(ec2Tags(ResourceType.SUBNET, sbid, stack))).subnet().subnetId();
    return new Probe(sbid, stack, id, x -> x.ec2().describeSubnets(b -> b.subnetIds(id)).subnets().toString());
  }

  private static Probe securityGroup(SandboxClients c, String vpcId, String name, String sbid, String stack) {
    String id = c.ec2().createSecurityGroup(b -> b.groupName(name).description("by hand").vpcId(vpcId)
        .tagSpecifications(ec2Tags(ResourceType.SECURITY_GROUP, sbid, stack))).groupId();
    c.ec2().authorizeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(x -> x.ipProtocol("tcp").fromPort(443).toPort(443)
        .ipRanges(r -> r.cidrIp("10.50.0.0/16"))));
    return new Probe(sbid, stack, id, x -> x.ec2().describeSecurityGroups(b -> b.groupIds(id)).securityGroups().toString());
  }

  private static Probe role(SandboxClients c, String name, String sbid, String stack) {
    c.iam().createRole(b -> b.roleName(name).path("/" + STACK + "/").assumeRolePolicyDocument(TRUST)
        .tags(tags(sbid, stack).entrySet().stream()
            .map(e -> software.amazon.awssdk.services.iam.model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
    c.iam().attachRolePolicy(b -> b.roleName(name).policyArn(S3_FULL));
    return new Probe(sbid, stack, c.iam().getRole(b -> b.roleName(name)).role().arn(), x -> x.iam().getRole(b -> b.roleName(name)).role()
        + " attached=" + x.iam().listAttachedRolePolicies(b -> b.roleName(name)).attachedPolicies()
        + " inline=" + x.iam().listRolePolicies(b -> b.roleName(name)).policyNames()
        + " tags=" + x.iam().listRoleTags(b -> b.roleName(name)).tags()
        + " profiles=" + x.iam().listInstanceProfilesForRole(b -> b.roleName(name)).instanceProfiles());
  }

  private static Probe parameter(SandboxClients c, String name, String value, String sbid, String stack) {
    c.ssm().putParameter(b -> b.name(name).value(value).type(ParameterType.STRING).tags(tags(sbid, stack).entrySet().stream()
        .map(e -> software.amazon.awssdk.services.ssm.model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
    return new Probe(sbid, stack, name, x -> x.ssm().getParameter(b -> b.name(name).withDecryption(true)).parameter()
        + " tags=" + x.ssm().listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)).tagList());
  }

  private static Probe repository(SandboxClients c, String name, String sbid, String stack) {
    String arn = c.ecr().createRepository(b -> b.repositoryName(name).tags(tags(sbid, stack).entrySet().stream()
        .map(e -> software.amazon.awssdk.services.ecr.model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()))
        .repository().repositoryArn();
    c.ecr().putLifecyclePolicy(b -> b.repositoryName(name).lifecyclePolicyText(LIFECYCLE));
    return new Probe(sbid, stack, name, x -> x.ecr().describeRepositories(b -> b.repositoryNames(name)).repositories()
        + " tags=" + x.ecr().listTagsForResource(b -> b.resourceArn(arn)).tags()
        + " lifecycle=" + x.ecr().getLifecyclePolicy(b -> b.repositoryName(name)).lifecyclePolicyText());
  }

  private static Probe cluster(SandboxClients c, String name, String sbid, String stack) {
    c.ecs().createCluster(b -> b.clusterName(name).tags(tags(sbid, stack).entrySet().stream()
        .map(e -> software.amazon.awssdk.services.ecs.model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
    return new Probe(sbid, stack, "arn:aws:ecs:" + REGION + ":123456789012:cluster/" + name,
        x -> x.ecs().describeClusters(b -> b.clusters(name).include(ClusterField.TAGS)).clusters().toString());
  }

  private static Probe dbInstance(SandboxClients c, String identifier, String sbid, String stack) {
    c.rds().createDBInstance(b -> b.dbInstanceIdentifier(identifier).engine("postgres").engineVersion("16")
        .dbInstanceClass("db.t4g.micro").allocatedStorage(20).masterUsername("postgres").masterUserPassword("by-hand-password")
        .dbSubnetGroupName("sorterbot-db-subnets").tags(tags(sbid, stack).entrySet().stream()
            .map(e -> software.amazon.awssdk.services.rds.model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
    return new Probe(sbid, stack, identifier,
        x -> x.rds().describeDBInstances(b -> b.dbInstanceIdentifier(identifier)).dbInstances().get(0).dbInstanceIdentifier());
  }

  private static Probe bucket(SandboxClients c, String name, String sbid, String stack) {
    c.s3().createBucket(b -> b.bucket(name).createBucketConfiguration(x -> x.locationConstraint(BucketLocationConstraint.EU_CENTRAL_1)));
    c.s3().putBucketTagging(b -> b.bucket(name).tagging(t -> t.tagSet(tags(sbid, stack).entrySet().stream()
        .map(e -> software.amazon.awssdk.services.s3.model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
    c.s3().putPublicAccessBlock(b -> b.bucket(name).publicAccessBlockConfiguration(p -> p.blockPublicAcls(true)
        .ignorePublicAcls(false).blockPublicPolicy(true).restrictPublicBuckets(false)));
    return new Probe(sbid, stack, name, x -> x.s3().headBucket(b -> b.bucket(name)).bucketRegion()
        + " tags=" + x.s3().getBucketTagging(b -> b.bucket(name)).tagSet()
        + " pab=" + x.s3().getPublicAccessBlock(b -> b.bucket(name)).publicAccessBlockConfiguration());
  }
}
