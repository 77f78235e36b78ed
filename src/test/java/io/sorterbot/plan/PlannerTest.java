package io.sorterbot.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.apply.ApplyListener;
import io.sorterbot.apply.ApplyResult;
import io.sorterbot.apply.Executor;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.Tags;
import io.sorterbot.render.PlanJson;
import io.sorterbot.render.PlanText;
import io.sorterbot.spec.Loaded;
import io.sorterbot.testutil.Engine;
import io.sorterbot.testutil.Golden;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PlannerTest {
  static final String NET = """
      version: 1
      stack: demo
      region: eu-central-1
      tags: {Project: SorterBot}
      secrets:
        dbPassword: {generate: {length: 24}}
      resources:
        SBVpc:
          type: ec2.vpc
          properties: {cidrBlock: 10.0.0.0/16, enableDnsHostnames: true}
        SBSubnetA:
          type: ec2.subnet
          properties: {vpcId: "${SBVpc.id}", cidrBlock: 10.0.0.0/24, availabilityZone: "${region}a"}
        SBRouteTable:
          type: ec2.routeTable
          properties:
            vpcId: ${SBVpc.id}
            subnetIds: ["${SBSubnetA.id}"]
        SBSecret:
          type: ssm.parameter
          deletionPolicy: retain
          properties: {name: /demo/conn, type: SecureString, value: "pw=${secret.dbPassword}"}
      """;

  private final Engine engine = new Engine();

  private ApplyResult apply(Loaded l) {
    Plan p = engine.plan(l);
    return new Executor(engine.kinds, engine.ctx("demo"), engine.desired(l), 1, ApplyListener.NONE, UnaryOperator.identity())
        .execute(p);
  }

  private static void golden(String name, Plan p) {
    Golden.assertMatches("plan/" + name + ".txt", PlanText.render(p, "sorterbot.yaml"));
    Golden.assertMatches("plan/" + name + ".json", PlanJson.render(p).replace(p.fingerprint(), "FINGERPRINT"));
  }

  @Test
  void createAllThenNoChanges() {
    Loaded l = Engine.load(NET);
    Plan p = engine.plan(l);
    assertThat(p.actions()).allMatch(a -> a instanceof Action.Create);
    assertThat(PlanText.render(p, "sorterbot.yaml")).contains("(known after apply)").contains("(sensitive)")
        .doesNotContain("hunter2").endsWith("Plan: 4 to add, 0 to change, 0 to destroy.\n");
    golden("create-all", p);
    assertThat(apply(l).ok()).isTrue();
    Plan again = engine.plan(l);
    assertThat(again.hasChanges()).isFalse();
    assertThat(PlanText.render(again, "sorterbot.yaml")).isEqualTo("No changes. Live state matches sorterbot.yaml.\n");
    golden("no-change", again);
  }

  @Test
  void outOfBandChangeIsAnUpdateOfExactlyThatProperty() {
    Loaded l = Engine.load(NET);
    apply(l);
    LiveResource vpc = find("SBVpc");
    Map<String, Object> props = new LinkedHashMap<>(vpc.properties());
    props.put("enableDnsHostnames", false);
    engine.store.put(vpc.id(), new LiveResource(vpc.sbid(), vpc.type(), vpc.stackTag(), vpc.id(), props, vpc.attributes(),
        vpc.tags(), vpc.refs(), vpc.createdAt()));
    Plan p = engine.plan(l);
    assertThat(p.actions()).filteredOn(Action::changes).singleElement().isInstanceOf(Action.Update.class);
    golden("update", p);
    assertThat(apply(l).ok()).isTrue();
    assertThat(engine.plan(l).hasChanges()).isFalse();
  }

  @Test
  void immutableChangeReplacesAndDependentsFollow() {
    apply(Engine.load(NET));
    Loaded changed = Engine.load(NET.replace("cidrBlock: 10.0.0.0/24", "cidrBlock: 10.0.2.0/24"));
    Plan p = engine.plan(changed);
    assertThat(action(p, "SBSubnetA")).isInstanceOf(Action.Replace.class);
    assertThat(action(p, "SBRouteTable")).isInstanceOf(Action.Update.class); // subnetIds now unknown: in place
    assertThat(PlanText.render(p, "x")).contains("# forces replacement");
    golden("replace", p);
    ApplyResult r = apply(changed);
    assertThat(r.ok()).as(r.failed().toString()).isTrue();
    assertThat(engine.calls()).containsSubsequence("delete SBSubnetA", "create SBSubnetA", "update SBRouteTable [subnetIds]");
    assertThat(engine.plan(changed).hasChanges()).isFalse();
  }

  @Test
  void removedResourceIsPrunedAndRetainedOneIsKept() {
    apply(Engine.load(NET));
    String without = NET.substring(0, NET.indexOf("  SBRouteTable:")) + NET.substring(NET.indexOf("  SBSecret:"));
    without = without.substring(0, without.indexOf("  SBSecret:"));
    Plan p = engine.plan(Engine.load(without));
    assertThat(action(p, "SBRouteTable")).isInstanceOf(Action.Delete.class);
    assertThat(action(p, "SBSecret")).isInstanceOf(Action.Retain.class);
    golden("prune-retain", p);
  }

  @Test
  void destroyKeepsRetainedResourcesAndWhatTheyNeed() {
    String yaml = NET.replace("    deletionPolicy: retain\n", "")
        .replace("    type: ec2.subnet\n", "    type: ec2.subnet\n    deletionPolicy: retain\n");
    Loaded l = Engine.load(yaml);
    apply(l);
    Plan p = engine.plan(l, true, Set.of());
    assertThat(action(p, "SBSubnetA")).isInstanceOf(Action.Retain.class);
    assertThat(((Action.Retain) action(p, "SBVpc")).reason()).isEqualTo("needed by retained SBSubnetA");
    assertThat(action(p, "SBRouteTable")).isInstanceOf(Action.Delete.class);
    golden("destroy-retain", p);
    ApplyResult r = new Executor(engine.kinds, engine.ctx("demo"), engine.desired(l), 4, ApplyListener.NONE,
        UnaryOperator.identity()).execute(p);
    assertThat(r.ok()).isTrue();
    assertThat(engine.store.values()).extracting(LiveResource::sbid).containsExactlyInAnyOrder("SBVpc", "SBSubnetA");
  }

  @Test
  void foreignSbidIsAConflictNeverTouchedAndDuplicatesKeepTheOldest() {
    Loaded l = Engine.load(NET);
    apply(l);
    LiveResource vpc = find("SBVpc");
    Map<String, String> otherTags = new HashMap<>(vpc.tags());
    otherTags.put(Tags.STACK, "someone-else");
    LiveResource foreignRt = copy(find("SBRouteTable"), "rt-foreign", otherTags, 1);
    engine.store.remove(find("SBRouteTable").id());
    engine.store.put("rt-foreign", foreignRt);
    LiveResource dup = copy(vpc, "vpc-younger", vpc.tags(), 999);
    engine.store.put("vpc-younger", dup);
    Plan p = engine.plan(l);
    assertThat(p.conflicts()).singleElement().satisfies(c -> assertThat(c.stackTag()).isEqualTo("someone-else"));
    assertThat(p.duplicates()).singleElement().satisfies(d -> assertThat(d.others()).containsExactly("vpc-younger"));
    assertThat(p.actions()).noneMatch(a -> a.live() != null && a.live().id().equals("rt-foreign"));
    golden("conflict-duplicate", p);
  }

  @Test
  void ignoreChangesAndUndeclaredPropertiesAreNeverDiffed() {
    Loaded l = Engine.load(NET.replace("    type: ec2.vpc\n", "    type: ec2.vpc\n    ignoreChanges: [enableDnsHostnames]\n"));
    apply(l);
    LiveResource vpc = find("SBVpc");
    Map<String, Object> props = new LinkedHashMap<>(vpc.properties());
    props.put("enableDnsHostnames", false);
    props.put("enableDnsSupport", false); // not declared in the file
    engine.store.put(vpc.id(), new LiveResource(vpc.sbid(), vpc.type(), vpc.stackTag(), vpc.id(), props, vpc.attributes(),
        vpc.tags(), vpc.refs(), vpc.createdAt()));
    assertThat(engine.plan(l).hasChanges()).isFalse();
  }

  @Test
  void replacingARetainedResourceIsRefused() {
    Loaded l = Engine.load(NET);
    apply(l);
    Loaded changed = Engine.load(NET.replace("name: /demo/conn", "name: /demo/other"));
    assertThatThrownBy(() -> engine.plan(changed)).isInstanceOf(Planner.RetainedReplaceException.class)
        .hasMessageContaining("SBSecret must be replaced (name forces replacement)");
  }

  @Test
  void targetLimitsToTheResourceAndWhatItNeeds() {
    Loaded l = Engine.load(NET);
    Plan p = engine.plan(l, false, Set.of("SBSubnetA"));
    assertThat(p.actions()).extracting(Action::sbid).containsExactly("SBSubnetA", "SBVpc");
    assertThat(p.warnings()).singleElement().asString().contains("--target");
  }

  private LiveResource copy(LiveResource l, String id, Map<String, String> tags, long created) {
    return new LiveResource(l.sbid(), l.type(), tags.get(Tags.STACK), id, l.properties(), Map.of("id", id), tags, l.refs(),
        java.time.Instant.ofEpochSecond(created));
  }

  private LiveResource find(String sbid) {
    return engine.store.values().stream().filter(x -> x.sbid().equals(sbid)).findFirst().orElseThrow();
  }

  private static Action action(Plan p, String sbid) {
    List<Action> l = p.actions().stream().filter(a -> a.sbid().equals(sbid)).toList();
    assertThat(l).hasSize(1);
    return l.get(0);
  }
}
