package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.Ec2TestSupport.assertCode;
import static io.sorterbot.sandbox.Ec2TestSupport.filter;
import static io.sorterbot.sandbox.Ec2TestSupport.subnet;
import static io.sorterbot.sandbox.Ec2TestSupport.vpc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.sandbox.Ec2TestSupport.SimulatedCrash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;

class SandboxTest {
  @TempDir Path dir;

  // ---- persistence ----

  @Test void stateSurvivesReopening() throws Exception {
    String v;
    String sn;
    try (SandboxClients first = Ec2TestSupport.open(dir)) {
      v = vpc(first.ec2(), "10.0.0.0/16", "SBStack", "demo");
      sn = subnet(first.ec2(), v, "10.0.1.0/24");
    }
    assertThat(dir.resolve("account.json")).exists();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("account.json").toFile());
    assertThat(json.path("accountId").asText()).isEqualTo("123456789012");
    assertThat(json.path("services").path("ec2").path("eu-west-1").path("vpcs").has(v)).isTrue();
    try (Directory d = new Directory(dir)) {
      assertThat(d.files()).containsExactly("account.json"); // no temp files left behind
    }

    SandboxClients second = Ec2TestSupport.open(dir);
    Vpc again = second.ec2().describeVpcs(r -> r.filters(filter("tag:SBStack", "demo"))).vpcs().get(0);
    assertThat(again.vpcId()).isEqualTo(v);
    assertThat(second.ec2().describeSubnets(r -> r.subnetIds(sn)).subnets()).hasSize(1);
    // The id counter is persisted too: no id is handed out twice.
    assertThat(vpc(second.ec2(), "10.1.0.0/16")).isGreaterThan(sn.replace("subnet", "vpc"));
  }

  @Test void anOpenAccountSeesChangesSavedByAnother() {
    SandboxClients a = Ec2TestSupport.open(dir);
    SandboxClients b = Ec2TestSupport.open(dir);
    assertThat(a.ec2().describeVpcs().vpcs()).isEmpty();
    String v = vpc(b.ec2(), "10.0.0.0/16");
    assertThat(a.ec2().describeVpcs().vpcs()).extracting(Vpc::vpcId).containsExactly(v);
    String v2 = vpc(a.ec2(), "10.1.0.0/16");
    assertThat(v2).isNotEqualTo(v);
    assertThat(b.ec2().describeVpcs().vpcs()).hasSize(2);
  }

  @Test void regionsAreSeparate() {
    vpc(Ec2TestSupport.open(dir).ec2(), "10.0.0.0/16");
    SandboxClients us = SandboxClients.open(dir, "us-east-1", SandboxKnobs.none(), new FakeTicker());
    assertThat(us.ec2().describeVpcs().vpcs()).isEmpty();
    assertThat(us.ec2().describeAvailabilityZones().availabilityZones().get(0).zoneId()).isEqualTo("use1-az1");
  }

  @Test void aFailedMutationChangesNothing() {
    SandboxClients c = Ec2TestSupport.open(dir);
    String v = vpc(c.ec2(), "10.0.0.0/16");
    String before = c.account().toJson();
    assertCode("InvalidSubnetID.NotFound", () -> c.ec2().createTags(r -> r.resources(v, "subnet-0123456789abcdef0")
        .tags(Tag.builder().key("k").value("v").build())));
    assertThat(c.account().toJson()).isEqualTo(before);
  }

  @Test void creationTimesComeFromTheTicker() {
    FakeTicker t = new FakeTicker(java.time.Instant.parse("2030-05-06T07:08:09Z"));
    SandboxClients c = Ec2TestSupport.open(dir, SandboxKnobs.none(), t);
    vpc(c.ec2(), "10.0.0.0/16");
    assertThat(c.account().toJson()).contains("\"createdAt\" : \"2030-05-06T07:08:09Z\"");
  }

  @Test void stateIsOnlyReachableUnderTheLock() {
    SandboxAccount a = Ec2TestSupport.open(dir).account();
    assertThatThrownBy(() -> a.regionalState("ec2", Ec2State.class)).isInstanceOf(IllegalStateException.class);
    Map<String, Ec2State.VpcRec> vpcs = a.read(() -> a.regionalState("ec2", Ec2State.class).vpcs);
    assertThat(vpcs).isEmpty();
  }

  // ---- concurrency ----

  @Test void twentyThreadsCreatingSubnets() throws Exception {
    SandboxClients c = Ec2TestSupport.open(dir);
    Ec2Client ec2 = c.ec2();
    String v = vpc(ec2, "10.0.0.0/16");
    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> futures = new ArrayList<>();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    try {
      for (int i = 0; i < 20; i++) {
        int n = i;
        futures.add(pool.submit(() -> {
          start.await();
          String id = subnet(ec2, v, "10.0." + n + ".0/24", "SBID", "s" + n);
          ec2.describeSubnets(r -> r.filters(filter("vpc-id", v))); // reads interleaved with writes
          seen.add(id);
          return id;
        }));
      }
      start.countDown();
      for (Future<String> f : futures) f.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(20);
    List<Subnet> subnets = ec2.describeSubnets(r -> r.filters(filter("vpc-id", v))).subnets();
    assertThat(subnets).hasSize(20);
    assertThat(Ec2TestSupport.open(dir).ec2().describeSubnets().subnets()).hasSize(20);
    assertThat(c.callStats().count("ec2", "CreateSubnet")).isEqualTo(20);
  }

  // ---- the gate: stats, latency, faults, lag, crash ----

  @Test void callStatsCountEveryCall() {
    SandboxClients c = Ec2TestSupport.open(dir);
    vpc(c.ec2(), "10.0.0.0/16");
    c.ec2().describeVpcs();
    c.ec2().describeVpcs();
    catchThrowable(() -> c.ec2().describeVpcs(r -> r.vpcIds("vpc-0123456789abcdef0")));
    assertThat(c.callStats().snapshot()).containsExactly(Map.entry("ec2 CreateVpc", 1L), Map.entry("ec2 DescribeVpcs", 3L));
    assertThat(c.callStats().total()).isEqualTo(4);
    c.callStats().reset();
    assertThat(c.callStats().snapshot()).isEmpty();
  }

  @Test void latencyIsSpentOnTheTicker() {
    FakeTicker t = new FakeTicker();
    SandboxClients c = Ec2TestSupport.open(dir, SandboxKnobs.none().withLatency(Duration.ofMillis(250)), t);
    c.ec2().describeVpcs();
    c.ec2().describeVpcs();
    assertThat(t.slept()).isEqualTo(Duration.ofMillis(500));
  }

  @Test void faultRatesAreRoughlyHonouredWithAFixedSeed() {
    SandboxKnobs knobs = SandboxKnobs.none().withThrottleRate(0.2).withErrorRate(0.1).withSeed(7);
    long[] counts = run(knobs, 2000);
    // faults are drawn per attempt; the retry strategy absorbs them, so every call succeeds
    assertThat(counts[0] / (double) counts[2]).isBetween(0.16, 0.24);  // throttled
    assertThat(counts[1] / (double) counts[2]).isBetween(0.07, 0.13);  // 5xx
    assertThat(run(knobs, 2000)).containsExactly(counts); // same seed, same faults
  }

  /** {throttled, 5xx, attempts} over {@code calls} describes, none of which may fail. */
  private long[] run(SandboxKnobs knobs, int calls) {
    Path d = dir.resolve("run-" + System.nanoTime());
    SandboxClients c = Ec2TestSupport.open(d, knobs, new FakeTicker());
    for (int i = 0; i < calls; i++) c.ec2().describeVpcs();
    Map<String, Long> faults = c.callStats().faultSnapshot();
    long throttled = faults.getOrDefault("ec2 DescribeVpcs RequestLimitExceeded", 0L);
    long server = faults.getOrDefault("ec2 DescribeVpcs InternalError", 0L);
    assertThat(c.callStats().totalRetries()).isEqualTo(throttled + server);
    return new long[] {throttled, server, c.callStats().count("ec2", "DescribeVpcs")};
  }

  @Test void throttlingIsThrownBeforeTheMutation() {
    SandboxClients throttled = Ec2TestSupport.open(dir, SandboxKnobs.none().withThrottleRate(1.0), new FakeTicker());
    AwsServiceException t = assertCode("RequestLimitExceeded", () -> vpc(throttled.ec2(), "10.0.0.0/16"));
    assertThat(t.isThrottlingException()).isTrue();
    assertThat(AwsErrors.classify(t)).isEqualTo(ErrorClass.THROTTLING);
    SandboxClients broken = Ec2TestSupport.open(dir, SandboxKnobs.none().withErrorRate(1.0), new FakeTicker());
    AwsServiceException s5 = assertCode("InternalError", () -> vpc(broken.ec2(), "10.0.0.0/16"));
    assertThat(s5.statusCode()).isEqualTo(500);
    assertThat(AwsErrors.classify(s5)).isEqualTo(ErrorClass.SERVER);
    assertThat(Ec2TestSupport.open(dir).ec2().describeVpcs().vpcs()).isEmpty();
    assertThat(throttled.callStats().faultSnapshot())
        .containsExactly(Map.entry("ec2 CreateVpc RequestLimitExceeded", (long) io.sorterbot.aws.RetryPolicy.MAX_ATTEMPTS));
  }

  @Test void eventualConsistencyLagHidesNewResourcesFromDescribes() {
    FakeTicker t = new FakeTicker();
    SandboxClients c = Ec2TestSupport.open(dir, SandboxKnobs.none().withConsistencyLag(Duration.ofSeconds(30)), t);
    Ec2Client ec2 = c.ec2();
    String v = vpc(ec2, "10.0.0.0/16", "SBStack", "lag");
    AwsServiceException e = assertCode("InvalidVpcID.NotFound", () -> ec2.describeVpcs(r -> r.vpcIds(v)));
    assertThat(AwsErrors.isNotFound(e)).isTrue();
    assertThat(ec2.describeVpcs(r -> r.filters(filter("tag:SBStack", "lag"))).vpcs()).isEmpty();
    assertCode("InvalidVpcID.NotFound", () -> ec2.describeVpcAttribute(r -> r.vpcId(v).attribute("enableDnsSupport")));

    // Mutations on it still work.
    ec2.modifyVpcAttribute(r -> r.vpcId(v).enableDnsHostnames(b -> b.value(true)));
    ec2.createTags(r -> r.resources(v).tags(Tag.builder().key("more").value("1").build()));
    String sn = subnet(ec2, v, "10.0.1.0/24");

    t.advance(Duration.ofSeconds(29));
    assertThat(ec2.describeVpcs().vpcs()).isEmpty();
    t.advance(Duration.ofSeconds(1));
    assertThat(ec2.describeVpcs(r -> r.vpcIds(v)).vpcs().get(0).tags()).hasSize(2);
    assertThat(ec2.describeSubnets().subnets()).extracting(Subnet::subnetId).containsExactly(sn);
  }

  @Test void crashPointStopsRightAfterTheNthSavedMutation() {
    SandboxClients c = Ec2TestSupport.open(dir, SandboxKnobs.none().withCrashAfterMutations(2), new FakeTicker());
    String v = vpc(c.ec2(), "10.0.0.0/16");
    c.ec2().describeVpcs(); // reads do not count
    assertThatThrownBy(() -> subnet(c.ec2(), v, "10.0.1.0/24")).isInstanceOf(SimulatedCrash.class);
    // The second mutation was saved before the "process" died.
    assertThat(Ec2TestSupport.open(dir).ec2().describeSubnets().subnets()).hasSize(1);

    SandboxClients z = Ec2TestSupport.open(dir.resolve("z"), SandboxKnobs.none().withCrashAfterMutations(0), new FakeTicker());
    assertThatThrownBy(() -> vpc(z.ec2(), "10.0.0.0/16")).isInstanceOf(SimulatedCrash.class);
    assertThat(Ec2TestSupport.open(dir.resolve("z")).ec2().describeVpcs().vpcs()).isEmpty();
  }

  // ---- knobs and clients ----

  @Test void knobsFromTheEnvironment() {
    assertThat(SandboxKnobs.fromEnv(Map.of())).isEqualTo(SandboxKnobs.none());
    SandboxKnobs k = SandboxKnobs.fromEnv(Map.of(
        "SORTERBOT_SANDBOX_LATENCY_MS", "20", "SORTERBOT_SANDBOX_THROTTLE_RATE", "0.05",
        "SORTERBOT_SANDBOX_ERROR_RATE", "0.01", "SORTERBOT_SANDBOX_LAG_MS", "3000",
        "SORTERBOT_SANDBOX_CRASH_AFTER", "7", "SORTERBOT_SANDBOX_SEED", "99",
        "SORTERBOT_SANDBOX_REFUSE", "iam:CreateRole, ec2:CreateVpc", "SORTERBOT_SANDBOX_LOST_RATE", "0.02",
        "SORTERBOT_SANDBOX_IAM_PROPAGATION_MS", "9000", "SORTERBOT_SANDBOX_ECS_SLR_DELAY_MS", "0"));
    assertThat(k).isEqualTo(new SandboxKnobs(Duration.ofMillis(20), 0.05, 0.01, Duration.ofSeconds(3), 7, 99, 0,
        java.util.Set.of("iam:CreateRole", "ec2:CreateVpc"), 0.02, Duration.ofSeconds(9), Duration.ZERO));
    assertThat(k.refuses("iam", "CreateRole")).isTrue();
    assertThat(k.refuses("iam", "DeleteRole")).isFalse();
    assertThatThrownBy(() -> SandboxKnobs.fromEnv(Map.of("SORTERBOT_SANDBOX_REFUSE", "CreateRole")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SORTERBOT_SANDBOX_REFUSE");
    assertThatThrownBy(() -> SandboxKnobs.fromEnv(Map.of("SORTERBOT_SANDBOX_THROTTLE_RATE", "lots")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SORTERBOT_SANDBOX_THROTTLE_RATE");
    assertThatThrownBy(() -> SandboxKnobs.fromEnv(Map.of("SORTERBOT_SANDBOX_ERROR_RATE", "1.5")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test void everyServiceIsSimulatedAndUnimplementedMethodsThrow() {
    SandboxClients c = Ec2TestSupport.open(dir);
    assertThat(c.region()).isEqualTo("eu-west-1");
    assertThat(c.sts().getCallerIdentity().account()).isEqualTo(SandboxAccount.ACCOUNT_ID);
    assertThatThrownBy(() -> c.rds().describeDBClusters()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.iam().listGroups()).isInstanceOf(UnsupportedOperationException.class);
  }

  /** Lists a directory's file names. */
  private record Directory(Path path) implements AutoCloseable {
    List<String> files() throws java.io.IOException {
      try (var s = Files.list(path)) {
        return s.map(p -> p.getFileName().toString()).sorted().toList();
      }
    }

    @Override public void close() {}
  }
}
