package io.sorterbot.plan;

import io.sorterbot.graph.DependencyGraph;
import io.sorterbot.spec.ResourceSpec;
import io.sorterbot.spec.SpecReader;
import io.sorterbot.spec.StackSpec;
import java.util.Map;
import java.util.Set;

/**
 * Orderings AWS imposes that no reference in the file states. A publicly accessible DB instance can only
 * be created in a VPC that has an internet gateway attached (RDS answers InvalidVPCNetworkStateFault), yet
 * the instance references its subnet group, not the gateway: without this edge, an apply that finds the
 * VPC half made (a re-run after a crash, a gateway deleted by hand) may create the instance first.
 */
public final class ImplicitNeeds {
  private ImplicitNeeds() {}

  /** The file's dependency graph plus the implicit edges (never one that would close a cycle). */
  public static DependencyGraph graph(StackSpec spec, DependencyGraph declared) {
    Map<String, Set<String>> needs = SpecReader.needs(spec);
    boolean added = false;
    for (Map.Entry<String, ResourceSpec> r : spec.resources().entrySet()) {
      if (!publicDbInstance(r.getValue())) continue;
      Set<String> upstream = declared.transitiveDependencies(r.getKey());
      for (Map.Entry<String, ResourceSpec> g : spec.resources().entrySet()) {
        if (!g.getValue().type().equals("ec2.internetGateway")) continue;
        boolean sameVpc = declared.dependencies(g.getKey()).stream().anyMatch(v -> upstream.contains(v)
            && spec.resources().get(v).type().equals("ec2.vpc"));
        if (sameVpc && !declared.transitiveDependencies(g.getKey()).contains(r.getKey())) {
          added |= needs.get(r.getKey()).add(g.getKey());
        }
      }
    }
    return added ? DependencyGraph.of(needs) : declared;
  }

  /** Literally false is the only value that surely needs no gateway (a variable may still say true). */
  private static boolean publicDbInstance(ResourceSpec r) {
    return r.type().equals("rds.dbInstance") && r.properties().containsKey("publiclyAccessible")
        && !Boolean.FALSE.equals(r.properties().get("publiclyAccessible"));
  }
}
