package io.sorterbot.bench;

/*
 * Spec-scale benchmark: how long load + validate + graph (SpecReader.read) takes, and how much heap it
 * needs, for stacks of 100, 1,000 and 10,000 resources shaped like the reference stack. Prints tables;
 * it is not a test (no @Test, and the name does not end in Test, so surefire never runs it).
 *
 * Run, from the project directory (exec:java is not available offline):
 *
 *   mvn -q -o test-compile
 *   mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt     # once; needs the
 *       # maven-dependency-plugin in ~/.m2: if -o says it cannot resolve it, run it once without -o
 *   java -Xmx512m -cp target/classes:target/test-classes:$(cat target/cp.txt) io.sorterbot.bench.SpecBench
 *
 * Arguments: sizes (default 100 1000 10000), e.g. `... SpecBench 10000`; --no-cold skips the fresh-JVM
 * runs; --dump DIR writes the generated files (DIR/bench-N.yaml) to try them with the CLI.
 * -Xmx512m is the target budget: a run that needs more shows OOM in the table.
 *
 * Target: 10,000 resources in under 2 s and 512 MB.
 *
 * What is measured, per size:
 *  - warm: median (and min) of 5 runs after 2 warm-ups, in this JVM (one SpecReader reused), wall clock and
 *    CPU time of the reading thread (less sensitive than the wall clock to a busy machine);
 *  - cold: one `sorterbot validate`-like run in a fresh JVM (new SpecReader(io.sorterbot.kinds.KindRegistry.catalog()) + read), the time a user waits
 *    minus JVM start; with and without the SpecReader constructor (schema compilation), and the CPU time
 *    the whole process spent on constructor + read (JIT compiler and GC threads included);
 *  - heap: a dedicated run after System.gc() with the heap pools' peaks reset: the highest heap use seen by
 *    a 1 ms sampler (absolute, and above the baseline before the run), and the sum of the pools' peaks
 *    (an upper bound: pools peak at different moments);
 *  - stages (warm medians of the reading thread's CPU time): YAML parse (YamlReader), JSON Schema
 *    (SchemaValidator), the dependency graph (SpecReader.needs + DependencyGraph.of + cycles), and the rest
 *    of read() = SpecLoader + ReferenceChecker + sorting, by difference;
 *  - a file the reader refuses (SnakeYAML's default limit of 3,145,728 code points per document, which
 *    YamlReader keeps) is shown as FAILS with the reader's message, and the same stack is measured again
 *    written as JSON (valid YAML: one resource per line), which stays under the limit.
 */

import io.sorterbot.graph.DependencyGraph;
import io.sorterbot.spec.Loaded;
import io.sorterbot.spec.SchemaValidator;
import io.sorterbot.spec.SpecException;
import io.sorterbot.spec.SpecReader;
import io.sorterbot.spec.YNode;
import io.sorterbot.spec.YamlReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

public final class SpecBench {
  private static final int WARMUPS = 2;
  private static final int RUNS = 5;
  private static final double MB = 1024.0 * 1024.0;

  private SpecBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("--cold")) {
      cold(Integer.parseInt(args[1]), args.length > 2 && args[2].equals("--json"));
      return;
    }
    List<Integer> sizes = new ArrayList<>();
    boolean coldRuns = true;
    Path dump = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--no-cold")) coldRuns = false;
      else if (args[i].equals("--dump")) dump = Path.of(args[++i]);
      else sizes.add(Integer.parseInt(args[i].replace("_", "").replace(",", "")));
    }
    if (sizes.isEmpty()) sizes = List.of(100, 1_000, 10_000);

    System.out.printf(Locale.ROOT, "sorterbot spec benchmark: java %s, %d cpus, max heap %.0f MB, load average %.1f%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / MB,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    long t0 = System.nanoTime();
    SpecReader reader = new SpecReader(io.sorterbot.kinds.KindRegistry.catalog());
    SchemaValidator schema = new SchemaValidator();
    System.out.printf(Locale.ROOT, "SpecReader + SchemaValidator constructed (schema compiled) in %.0f ms%n%n", ms(System.nanoTime() - t0));

    List<String[]> main = new ArrayList<>();
    List<String[]> stages = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int n : sizes) {
      String yaml = generate(n);
      String name = "bench-" + n + ".yaml";
      if (dump != null) {
        Files.createDirectories(dump);
        Files.writeString(dump.resolve(name), yaml);
      }
      String label = fmt(n);
      String text = yaml;
      boolean json = false;
      try {
        check(reader, name, yaml, n);
      } catch (SpecException e) {
        // the block-style file cannot be read at all: say why, and measure the same stack written as JSON
        main.add(new String[] {label, kb(yaml), "FAILS", "", "", "", "", "", "", "", "", ""});
        notes.add(fmt(n) + " resources, block YAML (" + kb(yaml) + " KB, " + fmt(yaml.codePointCount(0, yaml.length()))
            + " code points): " + e.problems().get(0).render());
        notes.add("  a YAML token pass over the same text with the code point limit raised takes "
            + f1(median(time(() -> tokenPass(yaml)))) + " ms (median wall clock)");
        text = jsonLines(yaml);
        if (dump != null) Files.writeString(dump.resolve("bench-" + n + ".json.yaml"), text);
        check(reader, name, text, n);
        label = fmt(n) + " (JSON)";
        json = true;
      }
      Row row;
      try {
        row = measure(reader, schema, name, text);
      } catch (OutOfMemoryError oom) {
        main.add(new String[] {label, kb(text), "OOM", "", "", "", "", "", "", "", "", ""});
        continue;
      }
      String[] cold = coldRuns ? runCold(n, json) : new String[] {"-", "-", "-"};
      main.add(new String[] {label, kb(text), f1(row.median), f1(row.min), f1(row.cpu), f1(row.median * 1000.0 / n),
          cold[0], cold[1], cold[2], f1(row.peakAbs / MB), f1(row.peakDelta / MB), f1(row.poolPeaks / MB)});
      stages.add(new String[] {label, f1(row.yaml), f1(row.schema), f1(row.rest()), f1(row.graph), f1(row.cpu)});
    }

    table(new String[] {"resources", "YAML KB", "warm ms (median)", "warm ms (min)", "warm CPU ms", "µs/resource",
        "cold ms", "cold ms (+ctor)", "cold CPU ms (+ctor)", "peak heap MB", "Δ heap MB", "Σ pool peaks MB"}, main);
    System.out.println();
    System.out.println("Where the warm time goes (CPU ms of the reading thread, medians; loader+refs = read() minus the rest):");
    table(new String[] {"resources", "YAML parse", "JSON Schema", "loader+refs", "graph+cycles", "read() CPU"}, stages);
    if (!notes.isEmpty()) {
      System.out.println();
      notes.forEach(System.out::println);
    }
    System.out.printf(Locale.ROOT, "%ntarget: 10,000 resources < 2,000 ms and < 512 MB%n");
  }

  // ---------------------------------------------------------------------------------------------
  // measuring

  private static final class Row {
    double median;
    double min;
    double cpu;
    double yaml;
    double schema;
    double graph;
    long peakAbs;
    long peakDelta;
    long poolPeaks;

    double rest() { return Math.max(0, cpu - yaml - schema - graph); }
  }

  private static void check(SpecReader reader, String name, String text, int n) {
    Loaded l = reader.read(name, text, Map.of()); // throws when the generated file is not valid
    if (l.spec().resources().size() != n) {
      throw new IllegalStateException("generated " + l.spec().resources().size() + " resources, wanted " + n);
    }
  }

  private static Row measure(SpecReader reader, SchemaValidator schema, String name, String text) {
    Row row = new Row();
    heap(reader, name, text, row); // first, so that nothing from the timing runs is still reachable

    double[][] total = timeBoth(() -> reader.read(name, text, Map.of()));
    row.median = median(total[0]);
    row.min = Arrays.stream(total[0]).min().orElse(0);
    row.cpu = median(total[1]);

    YNode root = YamlReader.read(name, text, new ArrayList<>());
    row.yaml = median(timeBoth(() -> YamlReader.read(name, text, new ArrayList<>()))[1]);
    row.schema = median(timeBoth(() -> schema.validate(root))[1]);
    Loaded loaded = reader.read(name, text, Map.of());
    row.graph = median(timeBoth(() -> DependencyGraph.of(SpecReader.needs(loaded.spec())).cycles())[1]);
    return row;
  }

  /** One read from a collected heap: the highest heap use seen by a 1 ms sampler, and the pools' peaks. */
  private static void heap(SpecReader reader, String name, String text, Row row) {
    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    System.gc();
    System.gc();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    long base = usedHeap();
    AtomicLong peak = new AtomicLong(base);
    AtomicBoolean done = new AtomicBoolean();
    Thread sampler = new Thread(() -> {
      while (!done.get()) {
        peak.accumulateAndGet(usedHeap(), Math::max);
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    Loaded kept = reader.read(name, text, Map.of());
    peak.accumulateAndGet(usedHeap(), Math::max);
    done.set(true);
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    row.poolPeaks = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    row.peakAbs = peak.get();
    row.peakDelta = peak.get() - base;
    consume(kept);
  }

  private static long usedHeap() { return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(); }

  private static double[] time(Supplier<?> work) { return timeBoth(work)[0]; }

  /** Wall-clock and this thread's CPU times (ms) of RUNS runs after WARMUPS warm-ups. */
  private static double[][] timeBoth(Supplier<?> work) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < WARMUPS; i++) consume(work.get());
    double[][] out = new double[2][RUNS];
    for (int i = 0; i < RUNS; i++) {
      long c = threads.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      consume(work.get());
      out[0][i] = ms(System.nanoTime() - t);
      out[1][i] = ms(threads.getCurrentThreadCpuTime() - c);
    }
    return out;
  }

  private static volatile Object blackhole;

  private static void consume(Object o) { blackhole = o; }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double ms(long nanos) { return nanos / 1e6; }

  /** In a fresh JVM: one read without and with the SpecReader constructor, and the process CPU of both. */
  private static String[] runCold(int n, boolean json) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + Math.max(64, Runtime.getRuntime().maxMemory() / (1024 * 1024)) + "m");
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(SpecBench.class.getName());
    cmd.add("--cold");
    cmd.add(String.valueOf(n));
    if (json) cmd.add("--json");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String last = null;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) last = l;
      }
      if (p.waitFor() != 0 || last == null || !last.startsWith("cold ")) return new String[] {"failed", "failed", "failed"};
      String[] f = last.split(" ");
      return new String[] {f[1], f[2], f[3]};
    } catch (IOException e) {
      return new String[] {"n/a", "n/a", "n/a"};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new String[] {"n/a", "n/a", "n/a"};
    }
  }

  /**
   * The class path this class was loaded from. Under {@code exec:java} (the bench profile) the JVM's own
   * {@code java.class.path} is Maven's launcher, so the child would not find this class: take the
   * loader's URLs instead.
   */
  private static String classPath() {
    if (SpecBench.class.getClassLoader() instanceof java.net.URLClassLoader u && u.getURLs().length > 0) {
      List<String> parts = new ArrayList<>();
      for (java.net.URL url : u.getURLs()) {
        try {
          parts.add(Path.of(url.toURI()).toString());
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
          // not a file: nothing a child JVM could use
        }
      }
      return String.join(java.io.File.pathSeparator, parts);
    }
    return System.getProperty("java.class.path");
  }

  private static void cold(int n, boolean json) {
    String yaml = json ? jsonLines(generate(n)) : generate(n);
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    SpecReader reader = new SpecReader(io.sorterbot.kinds.KindRegistry.catalog());
    long t1 = System.nanoTime();
    try {
      reader.read("bench-" + n + ".yaml", yaml, Map.of());
    } catch (SpecException e) {
      System.out.println("invalid: " + e.getMessage());
      System.exit(1);
    }
    long t2 = System.nanoTime();
    System.out.println("cold " + f1(ms(t2 - t1)) + " " + f1(ms(t2 - t0)) + " " + f1(ms(os.getProcessCpuTime() - cpu0)));
  }

  /** A YAML factory without SnakeYAML's document size limit (for the benchmark's own reading only). */
  private static final com.fasterxml.jackson.dataformat.yaml.YAMLFactory BIG_YAML;

  static {
    org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    BIG_YAML = com.fasterxml.jackson.dataformat.yaml.YAMLFactory.builder().loaderOptions(options).build();
  }

  /** Every token of the text, the code point limit raised: the bare cost of the YAML parser. */
  private static int tokenPass(String yaml) {
    int tokens = 0;
    try (com.fasterxml.jackson.core.JsonParser p = BIG_YAML.createParser(yaml)) {
      while (p.nextToken() != null) tokens++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tokens;
  }

  /** The same document as JSON (which is YAML), one top-level key and one resource per line. */
  static String jsonLines(String yaml) {
    try {
      com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
      com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper(BIG_YAML).readTree(yaml);
      StringBuilder sb = new StringBuilder("{\n");
      List<String> top = new ArrayList<>();
      tree.fieldNames().forEachRemaining(top::add);
      for (int i = 0; i < top.size(); i++) {
        String k = top.get(i);
        sb.append(json.writeValueAsString(k)).append(": ");
        if (k.equals("resources")) {
          sb.append("{\n");
          List<String> ids = new ArrayList<>();
          tree.get(k).fieldNames().forEachRemaining(ids::add);
          for (int j = 0; j < ids.size(); j++) {
            sb.append("  ").append(json.writeValueAsString(ids.get(j))).append(": ")
                .append(json.writeValueAsString(tree.get(k).get(ids.get(j)))).append(j + 1 < ids.size() ? ",\n" : "\n");
          }
          sb.append("}");
        } else {
          sb.append(json.writeValueAsString(tree.get(k)));
        }
        sb.append(i + 1 < top.size() ? ",\n" : "\n");
      }
      return sb.append("}\n").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the generated stack

  /** Index of SBControlInstance in a group (the output reads it). */
  private static final int CONTROL_INSTANCE = 10;

  /**
   * A valid stack of exactly {@code n} resources: groups shaped like the reference stack (VPC, subnets,
   * gateway, route table, security groups, key pair, IAM policies/roles/profile/user, instance, RDS,
   * SSM, ECR, ECS: 24 resources, about 45 references), each group also referencing the previous one
   * (security group peer, managed policy, dependsOn), all sharing the variables and the secret.
   * Resources come in dependency order, so cutting the last group short leaves a valid file.
   */
  public static String generate(int n) {
    StringBuilder sb = new StringBuilder(n * 360);
    sb.append("""
        version: 1
        stack: sorterbot-bench
        region: eu-central-1
        tags:
          Project: SorterBot
        variables:
          cloudTaskCount:
            default: 1
          controlInstanceType:
            default: t2.micro
          cloudImageTag:
            default: latest
        secrets:
          dbPassword:
            generate: { length: 24 }
        resources:
        """);
    StringBuilder outputs = new StringBuilder("outputs:\n  stack: ${stack}\n");
    int count = 0;
    for (int g = 0; count < n; g++) {
      List<String> group = group(g);
      int k = 0;
      for (; k < group.size() && count < n; k++, count++) sb.append(group.get(k));
      if (k > CONTROL_INSTANCE) {
        outputs.append("  controlPanelUrl").append(g).append(": http://${SBControlInstance").append(g).append(".publicDnsName}\n");
      }
    }
    return sb.append(outputs).toString();
  }

  /** The resources of group {@code g}, in dependency order ({G} this group, {P} the previous one). */
  private static List<String> group(int g) {
    List<String> out = new ArrayList<>();
    out.add("""
          SBVpc{G}:
            type: ec2.vpc
            properties:
              cidrBlock: 10.{B}.0.0/16
              enableDnsSupport: true
              enableDnsHostnames: true
              tags: { Name: sorterbot-vpc-{G} }
        """);
    out.add("""
          SBSubnetA{G}:
            type: ec2.subnet
            properties:
              vpcId: ${SBVpc{G}.id}
              cidrBlock: 10.{B}.0.0/24
              availabilityZone: ${region}a
              mapPublicIpOnLaunch: true
              tags: { Name: sorterbot-public-subnet-a-{G} }
        """);
    out.add("""
          SBSubnetB{G}:
            type: ec2.subnet
            properties:
              vpcId: ${SBVpc{G}.id}
              cidrBlock: 10.{B}.1.0/24
              availabilityZone: ${region}b
              mapPublicIpOnLaunch: true
              tags: { Name: sorterbot-public-subnet-b-{G} }
        """);
    out.add("""
          SBInternetGateway{G}:
            type: ec2.internetGateway
            properties:
              vpcId: ${SBVpc{G}.id}
              tags: { Name: sorterbot-internet-gateway-{G} }
        """);
    out.add("""
          SBRouteTable{G}:
            type: ec2.routeTable
            properties:
              vpcId: ${SBVpc{G}.id}
              routes:
                - destinationCidrBlock: 0.0.0.0/0
                  gatewayId: ${SBInternetGateway{G}.id}
              subnetIds: [ "${SBSubnetA{G}.id}", "${SBSubnetB{G}.id}" ]
              tags: { Name: sorterbot-route-table-{G} }
        """);
    out.add("""
          SBControlSecurityGroup{G}:
            type: ec2.securityGroup
            properties:
              groupName: sorterbot-control-security-group-{G}
              description: SorterBot Control Panel {G}
              vpcId: ${SBVpc{G}.id}
              ingress:
                - { ipProtocol: tcp, fromPort: 22,   toPort: 22,   cidrIp: 0.0.0.0/0 }
                - { ipProtocol: tcp, fromPort: 5432, toPort: 5432, cidrIp: 0.0.0.0/0 }
                - { ipProtocol: tcp, fromPort: 8000, toPort: 8000, cidrIp: 0.0.0.0/0 }
                - { ipProtocol: tcp, fromPort: 80,   toPort: 80,   cidrIp: 0.0.0.0/0 }
        """ + (g > 0 ? "        - { ipProtocol: tcp, fromPort: 6000, toPort: 6000, sourceSecurityGroupId: \"${SBCloudSecurityGroup{P}.id}\" }\n" : ""));
    out.add("""
          SBControlKeyPair{G}:
            type: ec2.keyPair
            properties:
              keyName: sorterbot-control-ssh-key-{G}
              privateKeyFile: ~/.ssh/sorterbot-control-ssh-key-{G}.pem
        """);
    out.add("""
          SBControlPolicy{G}:
            type: iam.policy
            properties:
              policyName: SorterBotControlPolicy{G}
              policyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: [ "ec2:DescribeNetworkInterfaces", "ecs:*" ]
                    Resource: "*"
        """);
    out.add("""
          SBControlRole{G}:
            type: iam.role
            properties:
              roleName: SorterBotControlRole{G}
              assumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: { Service: ec2.amazonaws.com }
                    Action: sts:AssumeRole
              managedPolicyArns: [ "${SBControlPolicy{G}.arn}"{PREV_POLICY} ]
        """.replace("{PREV_POLICY}", g > 0 ? ", \"${SBControlPolicy{P}.arn}\"" : ""));
    out.add("""
          SBControlInstanceProfile{G}:
            type: iam.instanceProfile
            properties:
              instanceProfileName: SorterBotControlRole{G}
              roles: [ "${SBControlRole{G}.name}" ]
        """);
    out.add("""
          SBControlInstance{G}:
            type: ec2.instance
            properties:
              imageId: resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
              instanceType: ${var.controlInstanceType}
              subnetId: ${SBSubnetA{G}.id}
              associatePublicIpAddress: true
              keyName: ${SBControlKeyPair{G}.keyName}
              securityGroupIds: [ "${SBControlSecurityGroup{G}.id}" ]
              iamInstanceProfile: ${SBControlInstanceProfile{G}.name}
              userData: |
                #!/bin/bash
                dnf install -y docker git
                systemctl enable --now docker
              tags: { Name: sorterbot-control-panel-{G} }
        """);
    out.add("""
          SBPostgresSecurityGroup{G}:
            type: ec2.securityGroup
            properties:
              groupName: sorterbot-postgres-security-group-{G}
              description: SorterBot PostgreSQL {G}
              vpcId: ${SBVpc{G}.id}
              ingress:
                - { ipProtocol: tcp, fromPort: 5432, toPort: 5432, sourceSecurityGroupId: "${SBControlSecurityGroup{G}.id}" }
        """);
    out.add("""
          SBDbSubnetGroup{G}:
            type: rds.dbSubnetGroup
            properties:
              dbSubnetGroupName: sorterbot-db-subnets-{G}
              dbSubnetGroupDescription: SorterBot public subnets {G}
              subnetIds: [ "${SBSubnetA{G}.id}", "${SBSubnetB{G}.id}" ]
        """);
    out.add("""
          SBPostgres{G}:
            type: rds.dbInstance
            deletionPolicy: retain
            properties:
              dbInstanceIdentifier: sorterbot-postgres-{G}
              engine: postgres
              engineVersion: "16"
              dbInstanceClass: db.t4g.micro
              allocatedStorage: 20
              masterUsername: postgres
              masterUserPassword: ${secret.dbPassword}
              dbName: sorterbot
              publiclyAccessible: true
              backupRetentionPeriod: 0
              dbSubnetGroupName: ${SBDbSubnetGroup{G}.name}
              vpcSecurityGroupIds: [ "${SBPostgresSecurityGroup{G}.id}" ]
        """);
    out.add("""
          SBPostgresConnection{G}:
            type: ssm.parameter
            properties:
              name: SorterBotCloudPostgres{G}
              type: SecureString
              value: postgresql://postgres:${secret.dbPassword}@${SBPostgres{G}.endpointAddress}:${SBPostgres{G}.endpointPort}/sorterbot
        """);
    out.add("""
          SBSecretsForEcsPolicy{G}:
            type: iam.policy
            properties:
              policyName: SecretsForECSPolicy{G}
              policyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: [ "ssm:GetParameters", "secretsmanager:GetSecretValue", "kms:Decrypt" ]
                    Resource: [ "*" ]
        """);
    out.add("""
          SBCloudServiceRole{G}:
            type: iam.role
            properties:
              roleName: SorterBotCloudServiceRole{G}
              assumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: { Service: ecs-tasks.amazonaws.com }
                    Action: sts:AssumeRole
              managedPolicyArns:
                - arn:aws:iam::aws:policy/AmazonS3FullAccess
                - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
                - ${SBSecretsForEcsPolicy{G}.arn}
        """);
    out.add("""
          SBCloudEcrPolicy{G}:
            type: iam.policy
            properties:
              policyName: SorterBotCloudECR{G}
              policyDocument:
                Version: "2012-10-17"
                Statement:
                  - { Effect: Allow, Action: "ecr:*", Resource: "*" }
        """);
    out.add("""
          SBCloudUser{G}:
            type: iam.user
            properties:
              userName: SorterBotCloudUser{G}
              managedPolicyArns:
                - ${SBCloudEcrPolicy{G}.arn}
                - arn:aws:iam::aws:policy/AmazonS3FullAccess
        """);
    out.add("""
          SBEcr{G}:
            type: ecr.repository
            properties:
              repositoryName: sorterbot_cloud_{G}
              lifecyclePolicy:
                rules:
                  - rulePriority: 1
                    description: keep the 3 newest images
                    selection: { tagStatus: any, countType: imageCountMoreThan, countNumber: 3 }
                    action: { type: expire }
        """);
    out.add("""
          SBCluster{G}:
            type: ecs.cluster
            properties:
              clusterName: sorterbot-cluster-{G}
        """);
    out.add("""
          SBCloudTaskDefinition{G}:
            type: ecs.taskDefinition
            properties:
              family: sorterbot-cloud-taskdef-{G}
              requiresCompatibilities: [ FARGATE ]
              networkMode: awsvpc
              cpu: "512"
              memory: "4096"
              taskRoleArn: ${SBCloudServiceRole{G}.arn}
              executionRoleArn: ${SBCloudServiceRole{G}.arn}
              containerDefinitions:
                - name: sorterbot-cloud-image
                  image: ${SBEcr{G}.repositoryUri}:${var.cloudImageTag}
                  essential: true
                  portMappings: [ { containerPort: 6000, protocol: tcp } ]
                  secrets:
                    - { name: PG_CONN, valueFrom: "${SBPostgresConnection{G}.arn}" }
        """);
    out.add("""
          SBCloudSecurityGroup{G}:
            type: ec2.securityGroup
            properties:
              groupName: sorterbot-cloud-security-group-{G}
              description: SorterBot Cloud service {G}
              vpcId: ${SBVpc{G}.id}
              ingress:
                - { ipProtocol: tcp, fromPort: 6000, toPort: 6000, cidrIp: 0.0.0.0/0 }
        """);
    out.add("""
          SBCloudService{G}:
            type: ecs.service
            ignoreChanges: [ desiredCount ]
        """ + (g > 0 ? "    dependsOn: [ SBCloudService{P} ]\n" : "") + """
            properties:
              serviceName: sorterbot-cloud-service-{G}
              cluster: ${SBCluster{G}.arn}
              taskDefinition: ${SBCloudTaskDefinition{G}.arn}
              launchType: FARGATE
              desiredCount: ${var.cloudTaskCount}
              networkConfiguration:
                awsvpcConfiguration:
                  subnets: [ "${SBSubnetA{G}.id}", "${SBSubnetB{G}.id}" ]
                  securityGroups: [ "${SBCloudSecurityGroup{G}.id}" ]
                  assignPublicIp: ENABLED
        """);
    String self = String.valueOf(g);
    String previous = String.valueOf(g - 1);
    String octet = String.valueOf(g % 250);
    List<String> done = new ArrayList<>(out.size());
    for (String r : out) done.add(r.replace("{G}", self).replace("{P}", previous).replace("{B}", octet));
    return done;
  }

  // ---------------------------------------------------------------------------------------------
  // printing

  private static void table(String[] head, List<String[]> rows) {
    int[] w = new int[head.length];
    for (int i = 0; i < head.length; i++) w[i] = head[i].length();
    for (String[] r : rows) for (int i = 0; i < r.length; i++) w[i] = Math.max(w[i], r[i].length());
    StringBuilder sb = new StringBuilder();
    line(sb, head, w);
    StringBuilder sep = new StringBuilder("|");
    for (int x : w) sep.append('-').append("-".repeat(x)).append("-|");
    sb.append(sep).append('\n');
    for (String[] r : rows) line(sb, r, w);
    System.out.print(sb);
  }

  private static void line(StringBuilder sb, String[] cells, int[] w) {
    sb.append('|');
    for (int i = 0; i < cells.length; i++) sb.append(' ').append(" ".repeat(w[i] - cells[i].length())).append(cells[i]).append(" |");
    sb.append('\n');
  }

  private static String f1(double d) { return String.format(Locale.ROOT, "%.1f", d); }

  private static String fmt(int n) { return String.format(Locale.ROOT, "%,d", n); }

  private static String kb(String s) { return String.format(Locale.ROOT, "%,.0f", s.getBytes(StandardCharsets.UTF_8).length / 1024.0); }
}
