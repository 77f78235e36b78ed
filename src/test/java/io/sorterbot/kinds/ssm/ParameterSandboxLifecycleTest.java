package io.sorterbot.kinds.ssm;

import static io.sorterbot.kinds.ssm.SsmTestSupport.desired;
import static io.sorterbot.kinds.ssm.SsmTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Sensitive;
import io.sorterbot.model.Tags;
import io.sorterbot.plan.Differ;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.Tag;

/** ssm.parameter against the sandbox's Parameter Store: create → discover → update each mutable property → delete. */
class ParameterSandboxLifecycleTest {
  @TempDir Path dir;
  private final SsmTestSupport.FakeTicker ticker = new SsmTestSupport.FakeTicker();
  private final ParameterKind kind = new ParameterKind();
  private SandboxClients clients;
  private KindContext ctx;

  @BeforeEach
  void open() { ctx = context(SandboxKnobs.none()); }

  private KindContext context(SandboxKnobs knobs) {
    clients = SandboxClients.open(dir, "eu-central-1", knobs, ticker);
    return SsmTestSupport.ctx(clients.ssm(), ticker);
  }

  @Test
  void stringParameterLifecycle() {
    Desired d = desired("SBUrl", map("name", "/app/url", "type", "String", "value", "https://a.example",
        "description", "where", "tier", "Standard", "tags", Map.of("Name", "url")));
    LiveResource live = roundTrip(d);
    assertThat(live.id()).isEqualTo("/app/url");
    assertThat(live.attributes()).containsEntry("id", "/app/url").containsEntry("name", "/app/url")
        .containsEntry("arn", "arn:aws:ssm:eu-central-1:123456789012:parameter/app/url");
    assertThat(live.properties().get("value")).isEqualTo("https://a.example"); // a String is shown
    assertThat(live.tags()).containsEntry(Tags.SBID, "SBUrl").containsEntry(Tags.STACK, SsmTestSupport.STACK);
    assertThat(live.createdAt()).isNotNull();

    live = update(live, desired("SBUrl", map("name", "/app/url", "type", "String", "value", "https://b.example",
        "description", "where", "tier", "Standard", "tags", Map.of("Name", "url"))));
    live = update(live, desired("SBUrl", map("name", "/app/url", "type", "String", "value", "https://b.example",
        "description", "now elsewhere", "tier", "Advanced", "tags", Map.of("Env", "test"))));
    assertThat(live.tags()).doesNotContainKey("Name").containsEntry("Env", "test");
    // Intelligent-Tiering is honoured by whatever tier AWS picked: no perpetual diff
    assertThat(diff(desired("SBUrl", map("name", "/app/url", "type", "String", "value", "https://b.example",
        "tier", "Intelligent-Tiering", "tags", Map.of("Env", "test"))), live)).isEmpty();

    kind.delete(ctx, live);
    assertThat(find("SBUrl")).isNull();
    kind.delete(ctx, live); // already gone = success
  }

  @Test
  void secureStringIsComparedDecryptedAndNeverShown() {
    Desired d = desired("SBConn", map("name", "/app/conn", "type", "SecureString",
        "value", new Sensitive("postgresql://u:hunter2@h/db"), "keyId", "alias/aws/ssm"));
    LiveResource live = roundTrip(d);
    assertThat(live.properties().get("value")).isInstanceOf(Sensitive.class).hasToString(Sensitive.MASK);
    assertThat(Sensitive.reveal(live.properties().get("value"))).isEqualTo("postgresql://u:hunter2@h/db");
    assertThat(live.properties().toString()).doesNotContain("hunter2");

    live = update(live, desired("SBConn", map("name", "/app/conn", "type", "SecureString",
        "value", new Sensitive("postgresql://u:rotated@h/db"), "keyId", "alias/other")));
    assertThat(live.properties()).containsEntry("keyId", "alias/other");

    // drift out of band on the value is seen (decrypted), and still never shown
    clients.ssm().putParameter(b -> b.name("/app/conn").value("tampered").keyId("alias/other").overwrite(true));
    List<PropertyChange> drift = diff(desired("SBConn", map("name", "/app/conn", "type", "SecureString",
        "value", new Sensitive("postgresql://u:rotated@h/db"), "keyId", "alias/other")), find("SBConn"));
    assertThat(drift).extracting(PropertyChange::property).containsExactly("value");
    assertThat(drift.toString()).doesNotContain("tampered").doesNotContain("rotated");
    kind.delete(ctx, live);
  }

  @Test
  void anOverwriteKeepsWhatTheFileDoesNotDeclare() {
    clients.ssm().putParameter(b -> b.name("/adv").type("SecureString").value("v1").keyId("alias/custom")
        .tier("Advanced").description("set by hand").tags(Tag.builder().key(Tags.SBID).value("SBAdv").build(),
            Tag.builder().key(Tags.STACK).value(SsmTestSupport.STACK).build()));
    Desired d = desired("SBAdv", map("name", "/adv", "type", "SecureString", "value", "v2"));
    LiveResource live = update(find("SBAdv"), d);
    assertThat(live.properties()).containsEntry("tier", "Advanced").containsEntry("keyId", "alias/custom")
        .containsEntry("description", "set by hand");
  }

  @Test
  void aStringEmbeddingASecretIsSensitiveWhereTheKindKnowsIt() {
    Desired d = desired("SBList", map("name", "/app/list", "type", "StringList", "value", new Sensitive("a,b,s3cr3t")));
    LiveResource created = kind.create(ctx, d);
    assertThat(created.properties().get("value")).isInstanceOf(Sensitive.class);
    assertThat(diff(d, find("SBList"))).isEmpty();
  }

  @Test
  void discoveryFindsEveryTaggedParameterInBatchesAndIgnoresTheRest() {
    for (int i = 0; i < 23; i++) {
      String n = String.format("/many/p%02d", i);
      clients.ssm().putParameter(b -> b.name(n).type(ParameterType.SECURE_STRING).value("v-" + n)
          .tags(Tag.builder().key(Tags.SBID).value("P" + n.substring(7)).build(),
              Tag.builder().key(Tags.STACK).value(n.endsWith("0") ? "other" : SsmTestSupport.STACK).build()));
    }
    // untagged parameters and generated secrets (SBStack + SBSecret, no SBID) are not resources of the file
    clients.ssm().putParameter(b -> b.name("/free").type("String").value("x"));
    clients.ssm().putParameter(b -> b.name("/teststack/secrets/pw").type("SecureString").value("x")
        .tags(Tag.builder().key(Tags.STACK).value(SsmTestSupport.STACK).build(), Tag.builder().key(Tags.SECRET).value("pw").build()));
    long before = clients.callStats().count("ssm", "GetParameters");

    List<LiveResource> found = kind.discover(ctx);

    assertThat(found).hasSize(23).allSatisfy(l -> assertThat(Sensitive.reveal(l.properties().get("value"))).isEqualTo("v-" + l.id()));
    assertThat(found).filteredOn(l -> "other".equals(l.stackTag())).hasSize(3); // other stacks: the planner's call
    assertThat(clients.callStats().count("ssm", "GetParameters") - before).isEqualTo(3); // ten names per call
    assertThat(clients.callStats().count("ssm", "DescribeParameters")).isEqualTo(1);
    assertThat(clients.callStats().count("ssm", "ListTagsForResource")).isEqualTo(23); // the API-forced N+1
  }

  @Test
  void readsAfterCreateRideOutTheConsistencyLag() {
    ctx = context(SandboxKnobs.none().withConsistencyLag(Duration.ofSeconds(20)));
    LiveResource live = kind.create(ctx, desired("SBLag", map("name", "/lag", "type", "String", "value", "x")));
    assertThat(live.id()).isEqualTo("/lag");
    assertThat(ticker.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(20)).isLessThan(Duration.ofMinutes(2));
  }

  // ---------------------------------------------------------------------------------------------------

  private List<PropertyChange> diff(Desired d, LiveResource live) {
    return Differ.diff(kind, d.properties(), d.tags(), live, List.of());
  }

  private LiveResource roundTrip(Desired d) {
    LiveResource created = kind.create(ctx, d);
    assertThat(diff(d, created)).isEmpty();
    LiveResource found = find(d.sbid());
    assertThat(found).isNotNull();
    assertThat(found.id()).isEqualTo(created.id());
    assertThat(found.stackTag()).isEqualTo(SsmTestSupport.STACK);
    assertThat(Sensitive.reveal(found.properties())).isEqualTo(Sensitive.reveal(created.properties()));
    assertThat(diff(d, found)).isEmpty();
    return found;
  }

  private LiveResource update(LiveResource live, Desired d) {
    List<PropertyChange> changes = diff(d, live);
    assertThat(changes).isNotEmpty();
    LiveResource after = kind.update(ctx, live, d, changes);
    assertThat(diff(d, after)).isEmpty();
    LiveResource found = find(d.sbid());
    assertThat(diff(d, found)).isEmpty();
    assertThat(found.id()).isEqualTo(live.id());
    return found;
  }

  private LiveResource find(String sbid) {
    List<LiveResource> found = kind.discover(ctx).stream().filter(r -> sbid.equals(r.sbid())).toList();
    assertThat(found).hasSizeLessThanOrEqualTo(1);
    return found.isEmpty() ? null : found.get(0);
  }
}
