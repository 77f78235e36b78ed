package io.sorterbot.cli;

import io.sorterbot.apply.ApplyListener;
import io.sorterbot.apply.ApplyResult;
import io.sorterbot.apply.Executor;
import io.sorterbot.model.Ticker;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.plan.Plan;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Plan time and peak heap for generated stacks of 100, 1,000 and 10,000 networking resources on the
 * sandbox without latency: a plan from empty (all creates), and, where the sandbox can apply it in
 * reasonable time, a no-change plan after apply. Prints figures; asserts nothing.
 */
public final class ScaleBench {
  private ScaleBench() {}

  /** Groups of 8 resources: VPC, 2 subnets, gateway, route table, 3 security groups, with references. */
  static String stack(int resources) {
    StringBuilder sb = new StringBuilder("version: 1\nstack: scale\nregion: eu-central-1\ntags: {Project: Scale}\nresources:\n");
    int groups = Math.max(1, resources / 8);
    for (int g = 0; g < groups; g++) {
      String v = "Vpc" + g;
      int a = g % 250;
      int b = g / 250;
      sb.append("  ").append(v).append(":\n    type: ec2.vpc\n    properties: {cidrBlock: 10.").append(a).append(".0.0/16, ")
          .append("enableDnsSupport: true, enableDnsHostnames: true, tags: {Group: g").append(b).append("}}\n");
      for (int s = 0; s < 2; s++) {
        sb.append("  Subnet").append(g).append('x').append(s).append(":\n    type: ec2.subnet\n    properties: {vpcId: \"${")
            .append(v).append(".id}\", cidrBlock: 10.").append(a).append('.').append(s).append(".0/24, availabilityZone: \"${region}")
            .append(s == 0 ? 'a' : 'b').append("\", mapPublicIpOnLaunch: true}\n");
      }
      sb.append("  Igw").append(g).append(":\n    type: ec2.internetGateway\n    properties: {vpcId: \"${").append(v).append(".id}\"}\n");
      sb.append("  Rt").append(g).append(":\n    type: ec2.routeTable\n    properties:\n      vpcId: ${").append(v)
          .append(".id}\n      routes: [{destinationCidrBlock: 0.0.0.0/0, gatewayId: \"${Igw").append(g).append(".id}\"}]\n")
          .append("      subnetIds: [\"${Subnet").append(g).append("x0.id}\", \"${Subnet").append(g).append("x1.id}\"]\n");
      for (int s = 0; s < 3; s++) {
        sb.append("  Sg").append(g).append('x').append(s).append(":\n    type: ec2.securityGroup\n    properties:\n")
            .append("      groupName: group-").append(g).append('-').append(s).append("\n      description: generated\n")
            .append("      vpcId: ${").append(v).append(".id}\n")
            .append("      ingress: [{ipProtocol: tcp, fromPort: ").append(8000 + s).append(", toPort: ").append(8000 + s)
            .append(", cidrIp: 0.0.0.0/0}]\n");
      }
    }
    return sb.toString();
  }

  public static void main(String[] args) throws Exception {
    System.out.println("4. scale: plan time and peak heap on the sandbox, no latency");
    System.out.printf("   %-9s %-8s %14s %14s %14s %12s%n", "resources", "yaml KB", "plan (creates)", "apply", "no-change plan", "peak heap");
    for (int n : new int[] {100, 1000, 10000}) run(n, n <= 1000);
  }

  private static void run(int n, boolean applyToo) throws Exception {
    Path dir = Files.createTempDirectory("sorterbot-scale");
    Path f = dir.resolve("scale.yaml");
    Files.writeString(f, stack(n));
    System.gc();
    resetPeaks();
    FileOptions fo = new FileOptions();
    fo.file = f;
    AwsOptions ao = new AwsOptions();
    ao.sandbox = dir.resolve("account");
    ao.parallelism = 10;
    ao.lockTimeout = Duration.ZERO;
    long t0 = System.nanoTime();
    String applyMs = "-";
    String noChange = "-";
    try (Session s = new Session("bench", fo, ao, KindContext.Progress.NONE, Environment.system(), Cli.NOWHERE,
        r -> SandboxClients.open(ao.sandbox, r, SandboxKnobs.none(), Ticker.SYSTEM))) {
      Plan p = s.plan(false);
      long planMs = (System.nanoTime() - t0) / 1_000_000;
      if (applyToo) {
        long a0 = System.nanoTime();
        ApplyResult r = new Executor(s.kinds, s.ctx.ticker(), s.desiredState(), 10, ApplyListener.NONE, s.redactor()).execute(p);
        if (!r.ok()) throw new IllegalStateException(r.failed().toString());
        applyMs = (System.nanoTime() - a0) / 1_000_000 + " ms";
        s.refresh();
        long c0 = System.nanoTime();
        Plan again = s.plan(false);
        if (again.hasChanges()) throw new IllegalStateException("changes after apply");
        noChange = (System.nanoTime() - c0) / 1_000_000 + " ms";
      }
      System.out.printf("   %-9d %-8d %11d ms %14s %14s %9d MB%n", s.spec.resources().size(), Files.size(f) / 1024, planMs,
          applyMs, noChange, peakHeapMb());
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
  }

  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
    }
    return sum / (1024 * 1024);
  }
}
