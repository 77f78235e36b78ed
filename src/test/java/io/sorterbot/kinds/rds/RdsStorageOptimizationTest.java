package io.sorterbot.kinds.rds;

import static io.sorterbot.kinds.rds.RdsTestSupport.desired;
import static io.sorterbot.kinds.rds.RdsTestSupport.diff;
import static io.sorterbot.kinds.rds.RdsTestSupport.map;
import static io.sorterbot.kinds.rds.RdsTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.Desired;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.Sensitive;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS: after a storage change the instance is in {@code storage-optimization} for hours (sometimes more than
 * 24); it is usable and takes any modification but another storage change, which is refused for 6 hours or
 * until the optimization ends, whichever is longer
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.ModifyingExisting.html,
 * https://repost.aws/knowledge-center/rds-stuck-in-storage-optimization; Terraform's aws_db_instance waits for
 * available or storage-optimization, terraform-provider-aws PR #2409). The sandbox keeps it 3 hours.
 */
class RdsStorageOptimizationTest {
  @TempDir Path dir;
  private final RdsTestSupport.FakeTicker ticker = new RdsTestSupport.FakeTicker();
  private final DbSubnetGroupKind groups = new DbSubnetGroupKind();
  private final DbInstanceKind instances = new DbInstanceKind();

  @Test
  void storageOptimizationCountsAsAvailableForWaitsAndFurtherModifications() {
    SandboxClients clients = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none().withProvisionScale(1), ticker);
    KindContext ctx = new KindContext(RdsTestSupport.STACK, clients, ticker, new RdsTestSupport.Notices());
    var net = RdsSandboxLifecycleTest.RdsSandboxNetwork.create(clients.ec2());
    String group = groups.create(ctx, desired("SBDbSubnetGroup", "rds.dbSubnetGroup", map("dbSubnetGroupName", "db",
        "dbSubnetGroupDescription", "subnets", "subnetIds", List.of(net.a(), net.b())))).id();
    Desired d = desired("SBPostgres", "rds.dbInstance", map("dbInstanceIdentifier", "pg", "engine", "postgres",
        "engineVersion", "16", "dbInstanceClass", "db.t4g.micro", "allocatedStorage", 20L, "masterUsername", "postgres",
        "masterUserPassword", new Sensitive("s3cretPassw0rdXYZ"), "dbSubnetGroupName", group, "backupRetentionPeriod", 0L,
        "vpcSecurityGroupIds", List.of(net.sg1())));
    LiveResource live = instances.create(ctx, d);

    Duration before = ticker.slept();
    Desired bigger = with(d, "allocatedStorage", 30L);
    live = instances.update(ctx, live, bigger, diff(instances, bigger, live));
    assertThat(status(clients)).isEqualTo("storage-optimization");
    assertThat(ticker.slept().minus(before)).as("no wait for the optimization itself").isLessThan(Duration.ofMinutes(10));
    assertThat(diff(instances, bigger, live)).isEmpty();

    // Usable meanwhile: another kind of change goes through at once.
    Desired small = with(bigger, "dbInstanceClass", "db.t4g.small");
    live = instances.update(ctx, live, small, diff(instances, small, live));
    assertThat(live.properties()).containsEntry("dbInstanceClass", "db.t4g.small");
    assertThat(ticker.slept().minus(before)).isLessThan(Duration.ofMinutes(20));

    // Another storage change is AWS's to refuse until the optimization ends and 6 hours have passed.
    Desired again = with(small, "allocatedStorage", 40L);
    LiveResource current = live;
    assertThatThrownBy(() -> instances.update(ctx, current, again, diff(instances, again, current)))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("InvalidParameterCombination"));
    ticker.advance(Duration.ofHours(7));
    assertThat(status(clients)).isEqualTo("available");
    live = instances.update(ctx, live, again, diff(instances, again, live));
    assertThat(live.properties()).containsEntry("allocatedStorage", 40L);
  }

  private static String status(SandboxClients clients) {
    return clients.rds().describeDBInstances(b -> b.dbInstanceIdentifier("pg")).dbInstances().get(0).dbInstanceStatus();
  }
}
