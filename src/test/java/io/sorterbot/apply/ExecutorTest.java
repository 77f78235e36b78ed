package io.sorterbot.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.plan.Plan;
import io.sorterbot.render.ApplyProgress;
import io.sorterbot.spec.Loaded;
import io.sorterbot.testutil.Engine;
import io.sorterbot.testutil.Golden;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ExecutorTest {
  /** A VPC, a fan of 12 independent subnets, and a route table that needs them all. */
  static String fan(int n) {
    StringBuilder sb = new StringBuilder("""
        version: 1
        stack: demo
        region: eu-central-1
        resources:
          Vpc:
            type: ec2.vpc
            properties: {cidrBlock: 10.0.0.0/16}
          Rt:
            type: ec2.routeTable
            properties:
              vpcId: ${Vpc.id}
              subnetIds:
        """);
    for (int i = 0; i < n; i++) sb.append("          - ${S").append(i).append(".id}\n");
    for (int i = 0; i < n; i++) {
      sb.append("  S").append(i).append(":\n    type: ec2.subnet\n    properties: {vpcId: \"${Vpc.id}\", cidrBlock: 10.0.")
          .append(i).append(".0/24}\n");
    }
    return sb.toString();
  }

  private final Engine engine = new Engine();

  private ApplyResult run(Loaded l, int parallelism) {
    Plan p = engine.plan(l);
    return new Executor(engine.kinds, engine.ctx("demo"), engine.desired(l), parallelism, ApplyListener.NONE,
        UnaryOperator.identity()).execute(p);
  }

  @Test
  void createsFollowTheGraphAndParallelismIsNeverExceeded() {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    engine.stubs.values().forEach(k -> k.during = sbid -> {
      int c = now.incrementAndGet();
      peak.accumulateAndGet(c, Math::max);
      try { Thread.sleep(20); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
      now.decrementAndGet();
    });
    ApplyResult r = run(Engine.load(fan(12)), 4);
    assertThat(r.ok()).isTrue();
    assertThat(peak.get()).isLessThanOrEqualTo(4).isGreaterThan(1);
    assertThat(engine.calls().get(0)).isEqualTo("create Vpc");
    assertThat(engine.calls().get(engine.calls().size() - 1)).isEqualTo("create Rt");
  }

  @Test
  void aFailureSkipsOnlyItsDependentsAndAReRunConverges() {
    Loaded l = Engine.load(fan(3) + """
          Other:
            type: ec2.vpc
            properties: {cidrBlock: 10.9.0.0/16}
        """);
    engine.stubs.get("ec2.subnet").failOn.add("S1");
    ApplyResult r = run(l, 2);
    assertThat(r.failed()).singleElement().asString().startsWith("create S1: ");
    assertThat(r.skipped()).containsExactly("create Rt: needs S1, which failed");
    assertThat(r.done()).contains("create Other", "create S0", "create S2", "create Vpc");
    Golden.assertMatches("apply/failure-summary.txt", ApplyProgress.summary(r, 6, 0, 0, "Apply"));

    engine.stubs.get("ec2.subnet").failOn.clear();
    ApplyResult again = run(l, 2);
    assertThat(again.ok()).isTrue();
    assertThat(again.done()).containsExactlyInAnyOrder("create S1", "create Rt");
    assertThat(engine.plan(l).hasChanges()).isFalse();
  }

  @Test
  void deletesRunInReverseDependencyOrder() {
    Loaded l = Engine.load(fan(2));
    run(l, 3);
    engine.log.clear();
    Plan destroy = engine.plan(l, true, java.util.Set.of());
    ApplyResult r = new Executor(engine.kinds, engine.ctx("demo"), engine.desired(l), 3, ApplyListener.NONE,
        UnaryOperator.identity()).execute(destroy);
    assertThat(r.ok()).isTrue();
    assertThat(engine.calls().get(0)).isEqualTo("delete Rt");
    assertThat(engine.calls().get(engine.calls().size() - 1)).isEqualTo("delete Vpc");
    assertThat(engine.store).isEmpty();
  }
}
