package io.sorterbot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.sorterbot.aws.AwsClients;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.Sensitive;
import io.sorterbot.plan.Action;
import io.sorterbot.plan.Plan;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import io.sorterbot.spec.SpecReader;
import io.sorterbot.spec.StackSpec;
import io.sorterbot.testutil.FakeTicker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Answers;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.*;

/** Secret sources, generated secrets kept in SSM (made once, reused, pruned), and redaction. */
class SecretsTest {
  @TempDir Path dir;
  private SandboxClients clients;

  @BeforeEach void open() { clients = SandboxClients.open(dir.resolve("account"), "eu-central-1", SandboxKnobs.none(), new FakeTicker()); }

  private static StackSpec spec(String secrets, String resources) {
    String yaml = "version: 1\nstack: demo\nregion: eu-central-1\nsecrets:\n" + secrets + "resources:\n" + resources;
    return new SpecReader(io.sorterbot.kinds.KindRegistry.catalog()).read("test.yaml", yaml, Map.of()).spec();
  }

  private static final String PARAM = "  P:\n    type: ssm.parameter\n    properties: {name: /p, type: SecureString, value: \"${secret.pw}\"}\n";

  @Test void envSourcesComeFromTheInjectedEnvironment() {
    StackSpec s = spec("  token: {env: TOKEN}\n", "  P:\n    type: ssm.parameter\n    properties: {name: /p, type: String, value: \"${secret.token}\"}\n");
    assertThat(new Secrets(s, clients, Map.of("TOKEN", "tok-123")::get).values()).containsEntry("token", "tok-123");
    assertThatThrownBy(() -> new Secrets(s, clients, k -> null).values()).isInstanceOf(UserError.class)
        .hasMessageContaining("TOKEN is not set");
  }

  @Test void aGeneratedSecretIsMadeOnceInSsmAndReusedByEveryLaterRun() {
    StackSpec s = spec("  pw: {generate: {length: 24}}\n", PARAM);
    Secrets first = new Secrets(s, clients);
    assertThat(first.values()).doesNotContainKey("pw"); // unknown until apply
    first.ensureGenerated();
    String value = first.values().get("pw");
    assertThat(value).hasSize(24).matches("[A-Za-z0-9]+");

    Parameter p = clients.ssm().getParameter(b -> b.name("/demo/secrets/pw").withDecryption(true)).parameter();
    assertThat(p.type()).isEqualTo(ParameterType.SECURE_STRING);
    assertThat(p.value()).isEqualTo(value);
    assertThat(clients.ssm().listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/demo/secrets/pw"))
        .tagList()).containsExactlyInAnyOrder(Tag.builder().key("SBStack").value("demo").build(),
            Tag.builder().key("SBSecret").value("pw").build());

    Secrets second = new Secrets(s, clients);
    assertThat(second.values()).containsEntry("pw", value);
    second.ensureGenerated();
    assertThat(second.values()).containsEntry("pw", value);
    assertThat(clients.ssm().getParameter(b -> b.name("/demo/secrets/pw")).parameter().version()).isEqualTo(1L);
  }

  @Test void whenAnotherRunMadeTheSecretFirstItsValueWins() {
    StackSpec s = spec("  pw: {generate: {length: 16}}\n", PARAM);
    Secrets late = new Secrets(s, clients);
    late.values();
    Secrets early = new Secrets(s, clients);
    early.ensureGenerated();
    late.ensureGenerated();
    assertThat(late.values().get("pw")).isEqualTo(early.values().get("pw"));
  }

  @Test void pruneDeletesUndeclaredOrAllOnDestroyButKeepsRetainedOnes() {
    StackSpec before = spec("  pw: {generate: {length: 16}}\n  old: {generate: {length: 16}}\n  kept: {generate: {length: 16}}\n", PARAM);
    new Secrets(before, clients).ensureGenerated();
    // not ours: another stack's secret and an untagged parameter under our prefix
    clients.ssm().putParameter(b -> b.name("/other/secrets/pw").type("SecureString").value("x")
        .tags(Tag.builder().key("SBStack").value("other").build(), Tag.builder().key("SBSecret").value("pw").build()));
    clients.ssm().putParameter(b -> b.name("/demo/secrets/handmade").type("SecureString").value("x"));

    StackSpec after = spec("  pw: {generate: {length: 16}}\n", PARAM);
    Secrets s = new Secrets(after, clients);
    assertThat(s.pruneGenerated(false, Set.of("kept"))).containsExactly("/demo/secrets/old");
    assertThat(s.pruneGenerated(true, Set.of(Secrets.ALL))).isEmpty();
    assertThat(s.pruneGenerated(true, Set.of("kept"))).containsExactly("/demo/secrets/pw");
    assertThat(s.pruneGenerated(true, Set.of())).containsExactly("/demo/secrets/kept");
    assertThat(names()).containsExactly("/demo/secrets/handmade", "/other/secrets/pw");
  }

  @Test void secretsUsedByRetainedResourcesAreNamedOrAllWhenUnknown() {
    StackSpec s = spec("  pw: {generate: {length: 16}}\n  other: {env: X}\n", PARAM);
    LiveResource live = new LiveResource("P", "ssm.parameter", "demo", "/p", Map.of(), Map.of(), Map.of(), List.of(), null);
    Plan kept = plan(new Action.Retain("P", "ssm.parameter", live, "deletionPolicy is retain"));
    assertThat(Secrets.usedByRetained(s, kept)).containsExactly("pw");
    LiveResource gone = new LiveResource("Gone", "ssm.parameter", "demo", "/g", Map.of(), Map.of(), Map.of(), List.of(), null);
    assertThat(Secrets.usedByRetained(s, plan(new Action.Retain("Gone", "ssm.parameter", gone, "retain")))).containsExactly(Secrets.ALL);
    assertThat(Secrets.usedByRetained(s, plan(new Action.NoOp("P", "ssm.parameter", live)))).isEmpty();
  }

  @Test void redactMasksEveryFormOfEverySecretInOnePass() {
    StackSpec s = spec("  a: {env: A}\n  b: {env: B}\n", "  P:\n    type: ssm.parameter\n    properties: {name: /p, type: String, value: \"${secret.a}${secret.b}\"}\n");
    Secrets secrets = new Secrets(s, clients, Map.of("A", "pa\"ss word", "B", "pa")::get);
    assertThat(secrets.redact("x")).isEqualTo("x"); // nothing read yet: nothing to mask
    secrets.values();
    assertThat(secrets.redact("v=pa\"ss word; j=\"pa\\\"ss word\"; u=pa%22ss+word; short=pa; mask stays (sensitive)"))
        .isEqualTo("v=(sensitive); j=\"(sensitive)\"; u=(sensitive); short=(sensitive); mask stays (sensitive)");
  }

  @Test void aFailedCreateNeverCarriesTheValueItSent() {
    SsmClient ssm = mock(SsmClient.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS));
    doThrow(ParameterNotFoundException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
        .errorCode("ParameterNotFound").build()).build()).when(ssm).getParameter(any(GetParameterRequest.class));
    doAnswer(inv -> {
      PutParameterRequest r = inv.getArgument(0);
      throw SsmException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
          .errorMessage("Value '" + r.value() + "' at 'value' failed to satisfy constraint").build()).build();
    }).when(ssm).putParameter(any(PutParameterRequest.class));
    AwsClients c = mock(AwsClients.class);
    when(c.ssm()).thenReturn(ssm);
    when(c.region()).thenReturn("eu-central-1");
    Secrets secrets = new Secrets(spec("  pw: {generate: {length: 20}}\n", PARAM), c);
    assertThatThrownBy(secrets::ensureGenerated).isInstanceOf(UserError.class).hasNoCause()
        .hasMessageContaining("ValidationException").hasMessageContaining("Value '(sensitive)'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secrets.values().get("pw")));
    assertThat(Sensitive.MASK).isEqualTo("(sensitive)");
  }

  private List<String> names() {
    return clients.ssm().describeParameters(b -> b.maxResults(50)).parameters().stream().map(ParameterMetadata::name).toList();
  }

  private static Plan plan(Action... actions) {
    return new Plan("demo", "eu-central-1", List.of(actions), List.of(), List.of(), Map.of(), List.of(), "x");
  }
}
