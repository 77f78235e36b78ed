package io.sorterbot.kinds.rds;

import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.model.Ticker;
import io.sorterbot.cli.Main;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/** The reference database through the real CLI on the sandbox: apply, no changes, a new password, protection, destroy. */
class RdsEndToEndTest {
  @TempDir Path tmp;

  private static final String DATABASE = """

        SBDbSubnetGroup:
          type: rds.dbSubnetGroup
          properties:
            dbSubnetGroupName: sorterbot-db-subnets
            dbSubnetGroupDescription: SorterBot public subnets
            subnetIds: [ "${SBSubnetA.id}", "${SBSubnetB.id}" ]

        SBPostgres:
          type: rds.dbInstance
          properties:
            dbInstanceIdentifier: sorterbot-postgres
            engine: postgres
            engineVersion: "16"
            dbInstanceClass: db.t4g.micro
            allocatedStorage: 20
            masterUsername: postgres
            masterUserPassword: ${secret.dbPassword}
            dbName: sorterbot
            publiclyAccessible: true
            enableIAMDatabaseAuthentication: true
            backupRetentionPeriod: 0
            dbSubnetGroupName: ${SBDbSubnetGroup.name}
            vpcSecurityGroupIds: [ "${SBPostgresSecurityGroup.id}" ]

      outputs:
        postgresEndpoint: ${SBPostgres.endpointAddress}:${SBPostgres.endpointPort}
      """;

  private Path file() throws Exception {
    Path f = tmp.resolve("db.yaml");
    if (!Files.exists(f)) {
      Files.writeString(tmp.resolve("password"), "firstPassw0rdValue\n");
      String network = Files.readString(Path.of("examples/network.yaml"));
      String yaml = network.substring(0, network.indexOf("outputs:")).replace("resources:",
          "secrets:\n  dbPassword: { file: " + tmp.resolve("password") + " }\n\nresources:") + DATABASE.stripIndent();
      Files.writeString(f, yaml);
    }
    return f;
  }

  private Result sb(String... args) throws Exception {
    String[] all = new String[args.length + 3];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-f";
    all[args.length + 1] = file().toString();
    all[args.length + 2] = "--sandbox=" + tmp.resolve("account");
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(all, new PrintWriter(o), new PrintWriter(e));
    return new Result(code, o.toString(), e.toString());
  }

  private record Result(int code, String out, String err) {
    @Override public String toString() { return "exit " + code + "\n--- out\n" + out + "--- err\n" + err; }
  }

  private void rds(Consumer<RdsClient> use) {
    try (SandboxClients c = SandboxClients.open(tmp.resolve("account"), "eu-central-1", SandboxKnobs.none(), Ticker.SYSTEM)) {
      use.accept(c.rds());
    }
  }

  @Test
  void applyReplanNewPasswordProtectionDestroy() throws Exception {
    Result apply = sb("apply", "--auto-approve");
    assertThat(apply.code()).as(apply.toString()).isEqualTo(0);
    assertThat(apply.out()).contains("postgresEndpoint", "sorterbot-postgres.c0sandbox.eu-central-1.rds.amazonaws.com:5432")
        .doesNotContain("firstPassw0rdValue");

    Result plan = sb("plan", "--detailed-exitcode");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(0);

    Files.writeString(tmp.resolve("password"), "sec0ndPassw0rdValue\n");
    Result changed = sb("plan", "--detailed-exitcode");
    assertThat(changed.code()).as(changed.toString()).isEqualTo(2);
    assertThat(changed.out()).contains("~ rds.dbInstance SBPostgres", "masterUserPassword", "(sensitive)")
        .doesNotContain("sec0ndPassw0rdValue").doesNotContain("sbfp1:")
        .endsWith("Plan: 0 to add, 1 to change, 0 to destroy.\n");
    Result repaired = sb("apply", "--auto-approve");
    assertThat(repaired.code()).as(repaired.toString()).isEqualTo(0);
    assertThat(sb("plan", "--detailed-exitcode").code()).isEqualTo(0);

    String yaml = Files.readString(file());
    Files.writeString(file(), yaml.replace("backupRetentionPeriod: 0", "backupRetentionPeriod: 0\n      deletionProtection: true"));
    assertThat(sb("apply", "--auto-approve").code()).isEqualTo(0);
    // removed from the file while AWS protects it: the prune fails fast and says how to get rid of it
    String pruned = yaml.substring(0, yaml.indexOf("  SBPostgres:"));
    Files.writeString(file(), pruned);
    Result refused = sb("apply", "--auto-approve");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.out() + refused.err()).contains("deletionProtection: false");
    rds(r -> assertThat(r.describeDBInstances().dbInstances()).hasSize(1));

    // protection comes off through the file, then the database can go
    Files.writeString(file(), yaml.replace("backupRetentionPeriod: 0", "backupRetentionPeriod: 0\n      deletionProtection: false"));
    assertThat(sb("apply", "--auto-approve").code()).isEqualTo(0);
    Result destroy = sb("destroy", "--auto-approve");
    assertThat(destroy.code()).as(destroy.toString()).isEqualTo(0);
    rds(r -> {
      assertThat(r.describeDBInstances().dbInstances()).extracting(DBInstance::dbInstanceIdentifier).isEmpty();
      assertThat(r.describeDBSubnetGroups().dbSubnetGroups()).isEmpty();
      assertThat(r.describeDBSnapshots().dbSnapshots()).singleElement()
          .satisfies(s -> assertThat(s.dbSnapshotIdentifier()).startsWith("sorterbot-postgres-final-"));
    });
  }
}
