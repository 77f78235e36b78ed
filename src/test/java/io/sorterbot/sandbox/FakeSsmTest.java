package io.sorterbot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.aws.AwsErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.*;

/** The SSM fake's Parameter Store: AWS's documented behaviour and error codes for what the kinds use. */
class FakeSsmTest {
  @TempDir Path dir;
  final FakeTicker ticker = new FakeTicker();
  SandboxClients clients;
  SsmClient ssm;

  @BeforeEach void setUp() {
    clients = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none(), ticker);
    ssm = clients.ssm();
  }

  static Tag tag(String k, String v) { return Tag.builder().key(k).value(v).build(); }

  static void assertCode(Throwable e, String code) { assertThat(AwsErrors.code(e)).isEqualTo(code); }

  private void put(String name, String type, String value, Tag... tags) {
    ssm.putParameter(b -> b.name(name).type(type).value(value).tags(tags));
  }

  @Test void putCreatesVersionOneWithTagsAndOverwriteBumpsTheVersion() {
    PutParameterResponse r = ssm.putParameter(b -> b.name("/app/url").type(ParameterType.STRING).value("v1")
        .description("the url").tags(tag("SBID", "SBUrl")));
    assertThat(r.version()).isEqualTo(1L);
    assertThat(r.tier()).isEqualTo(ParameterTier.STANDARD);

    Parameter p = ssm.getParameter(b -> b.name("/app/url")).parameter();
    assertThat(p.value()).isEqualTo("v1");
    assertThat(p.arn()).isEqualTo("arn:aws:ssm:eu-central-1:123456789012:parameter/app/url");
    assertThat(ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/app/url"))
        .tagList()).containsExactly(tag("SBID", "SBUrl"));

    assertThat(ssm.putParameter(b -> b.name("/app/url").value("v2").overwrite(true)).version()).isEqualTo(2L);
    Parameter p2 = ssm.getParameter(b -> b.name("/app/url")).parameter();
    assertThat(p2.value()).isEqualTo("v2");
    assertThat(p2.type()).isEqualTo(ParameterType.STRING); // an overwrite without a type keeps it
    ParameterMetadata m = ssm.describeParameters().parameters().get(0);
    assertThat(m.description()).isEqualTo("the url");
    assertThat(m.version()).isEqualTo(2L);
    assertThat(ssm.putParameter(b -> b.name("plain").type("String").value("x")).version()).isEqualTo(1L);
    assertThat(ssm.getParameter(b -> b.name("plain")).parameter().arn()).endsWith(":parameter/plain");
  }

  @Test void createErrorsAreAwsOnes() {
    put("/a", "String", "x");
    assertThatThrownBy(() -> put("/a", "String", "y"))
        .isInstanceOf(ParameterAlreadyExistsException.class).satisfies(e -> assertCode(e, "ParameterAlreadyExists"));
    assertThatThrownBy(() -> ssm.putParameter(b -> b.name("/a").type("String").value("y").overwrite(true).tags(tag("k", "v"))))
        .satisfies(e -> assertCode(e, "ValidationException")).hasMessageContaining("tags and overwrite can't be used together");
    assertThatThrownBy(() -> ssm.putParameter(b -> b.name("/a").type("SecureString").value("y").overwrite(true)))
        .isInstanceOf(HierarchyTypeMismatchException.class);
    assertThatThrownBy(() -> ssm.putParameter(b -> b.name("/b").value("y")))
        .satisfies(e -> assertCode(e, "ValidationException")).hasMessageContaining("type is required");
    assertThatThrownBy(() -> ssm.putParameter(b -> b.name("/b").type("String").value("y").keyId("alias/k")))
        .satisfies(e -> assertCode(e, "ValidationException"));
    assertThatThrownBy(() -> put("a/b", "String", "y")).hasMessageContaining("fully qualified");
    assertThatThrownBy(() -> put("/aws/mine", "String", "y")).satisfies(e -> assertCode(e, "ValidationException"));
    assertThatThrownBy(() -> put("/b", "String", "")).satisfies(e -> assertCode(e, "ValidationException"));
    assertThatThrownBy(() -> put("/b", "String", "x", tag("aws:mine", "v"))).satisfies(e -> assertCode(e, "ValidationException"));
    // the failed calls changed nothing
    assertThat(ssm.describeParameters().parameters()).extracting(ParameterMetadata::name).containsExactly("/a");
  }

  @Test void validationMessagesEchoTheDescriptionButNeverTheValue() {
    String desc = "d".repeat(1025);
    assertThatThrownBy(() -> ssm.putParameter(b -> b.name("/x").type("String").value("v").description(desc)))
        .satisfies(e -> assertCode(e, "ValidationException")).hasMessageContaining("Value '" + desc + "' at 'description'");
    String big = "s".repeat(4097);
    assertThatThrownBy(() -> put("/x", "SecureString", big))
        .satisfies(e -> assertCode(e, "ValidationException")).hasMessageContaining("4096").satisfies(e ->
            assertThat(e.getMessage()).doesNotContain(big));
  }

  @Test void tiersGoUpNeverDown() {
    ssm.putParameter(b -> b.name("/t").type("String").value("x").tier(ParameterTier.INTELLIGENT_TIERING));
    assertThat(ssm.describeParameters().parameters().get(0).tier()).isEqualTo(ParameterTier.STANDARD);
    ssm.putParameter(b -> b.name("/t").value("x".repeat(5000)).overwrite(true).tier(ParameterTier.INTELLIGENT_TIERING));
    assertThat(ssm.describeParameters().parameters().get(0).tier()).isEqualTo(ParameterTier.ADVANCED);
    assertThatThrownBy(() -> ssm.putParameter(b -> b.name("/t").value("x").overwrite(true).tier(ParameterTier.STANDARD)))
        .satisfies(e -> assertCode(e, "ValidationException")).hasMessageContaining("downgrade");
    // without a tier, an overwrite asks for the default (Standard): a downgrade too
    assertThatThrownBy(() -> ssm.putParameter(b -> b.name("/t").value("x").overwrite(true)))
        .satisfies(e -> assertCode(e, "ValidationException")).hasMessageContaining("downgrade");
  }

  @Test void secureStringsAreCiphertextWithoutDecryption() {
    ssm.putParameter(b -> b.name("/s").type(ParameterType.SECURE_STRING).value("hunter2-secret"));
    Parameter enc = ssm.getParameter(b -> b.name("/s")).parameter();
    assertThat(enc.value()).isNotEqualTo("hunter2-secret").doesNotContain("hunter2");
    assertThat(ssm.getParameter(b -> b.name("/s").withDecryption(true)).parameter().value()).isEqualTo("hunter2-secret");
    assertThat(ssm.describeParameters().parameters().get(0).keyId()).isEqualTo("alias/aws/ssm");
    ssm.putParameter(b -> b.name("/s").value("new").keyId("alias/mine").overwrite(true));
    assertThat(ssm.describeParameters().parameters().get(0).keyId()).isEqualTo("alias/mine");
    assertThat(ssm.getParameter(b -> b.name("/s")).parameter().value()).isNotEqualTo(enc.value()); // new version
    ssm.putParameter(b -> b.name("/s").value("newer").overwrite(true));
    assertThat(ssm.describeParameters().parameters().get(0).keyId()).isEqualTo("alias/aws/ssm"); // the default again
  }

  @Test void getParametersBatchesAtMostTenAndListsTheMissing() {
    put("/p1", "String", "1");
    put("/p2", "StringList", "a,b");
    GetParametersResponse r = ssm.getParameters(b -> b.names("/p1", "/p2", "/nope"));
    assertThat(r.parameters()).extracting(Parameter::value).containsExactly("1", "a,b");
    assertThat(r.invalidParameters()).containsExactly("/nope");
    List<String> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) eleven.add("/p" + i);
    assertThatThrownBy(() -> ssm.getParameters(b -> b.names(eleven))).satisfies(e -> assertCode(e, "ValidationException"));
    assertThatThrownBy(() -> ssm.getParameter(b -> b.name("/nope")))
        .isInstanceOf(ParameterNotFoundException.class).satisfies(e -> assertCode(e, "ParameterNotFound"));
  }

  @Test void deleteAndTagCallsAnswerNotFoundCodes() {
    put("/d", "String", "x", tag("SBID", "A"), tag("Keep", "1"));
    ssm.addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/d").tags(tag("New", "2"), tag("Keep", "3")));
    ssm.removeTagsFromResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/d").tagKeys("SBID"));
    assertThat(ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/d")).tagList())
        .containsExactly(tag("Keep", "3"), tag("New", "2"));
    ssm.deleteParameter(b -> b.name("/d"));
    assertThatThrownBy(() -> ssm.deleteParameter(b -> b.name("/d"))).isInstanceOf(ParameterNotFoundException.class);
    assertThatThrownBy(() -> ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/d")))
        .isInstanceOf(InvalidResourceIdException.class);
    List<Tag> many = new ArrayList<>();
    for (int i = 0; i < 51; i++) many.add(tag("k" + i, "v"));
    put("/e", "String", "x");
    assertThatThrownBy(() -> ssm.addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/e").tags(many)))
        .satisfies(e -> assertCode(e, "TooManyTagsError"));
  }

  @Test void describeFiltersByTagKeyTagValueNameAndPath() {
    put("/s/a", "String", "1", tag("SBID", "A"), tag("SBStack", "s"));
    put("/s/b/c", "SecureString", "2", tag("SBID", "B"), tag("SBStack", "other"));
    put("/s/secrets/pw", "SecureString", "3", tag("SBStack", "s"), tag("SBSecret", "pw"));
    put("free", "String", "4");
    assertThat(names(f("tag:SBID", null))).containsExactly("/s/a", "/s/b/c");
    assertThat(names(f("tag:SBStack", "Equals", "s"))).containsExactly("/s/a", "/s/secrets/pw");
    assertThat(names(f("Name", "BeginsWith", "/s/secrets/"), f("tag:SBStack", "Equals", "s"), f("tag:SBSecret", null)))
        .containsExactly("/s/secrets/pw");
    assertThat(names(f("Name", "Equals", "free"))).containsExactly("free");
    assertThat(names(f("Name", "Contains", "b/"))).containsExactly("/s/b/c");
    assertThat(names(f("Type", "Equals", "SecureString"))).containsExactly("/s/b/c", "/s/secrets/pw");
    assertThat(names(f("Path", "OneLevel", "/s"))).containsExactly("/s/a");
    assertThat(names(f("Path", "Recursive", "/s"))).containsExactly("/s/a", "/s/b/c", "/s/secrets/pw");
    assertThatThrownBy(() -> names(f("Label", "Equals", "x"))).satisfies(e -> assertCode(e, "InvalidFilterKey"));
    assertThatThrownBy(() -> names(f("Type", "Contains", "x"))).satisfies(e -> assertCode(e, "InvalidFilterOption"));
    assertThatThrownBy(() -> names(f("Name", "Equals"))).satisfies(e -> assertCode(e, "InvalidFilterValue"));
  }

  @Test void describePaginatesWithOpaqueTokens() {
    for (int i = 0; i < 23; i++) put(String.format("/p/%02d", i), "String", "v", tag("SBID", "P" + i));
    DescribeParametersResponse first = ssm.describeParameters(b -> b.maxResults(10));
    assertThat(first.parameters()).hasSize(10);
    assertThat(first.nextToken()).isNotNull();
    List<String> all = new ArrayList<>();
    ssm.describeParametersPaginator(b -> b.maxResults(10).parameterFilters(f("tag:SBID", null)))
        .forEach(p -> p.parameters().forEach(m -> all.add(m.name())));
    assertThat(all).hasSize(23).doesNotHaveDuplicates().isSorted();
    assertThat(clients.callStats().count("ssm", "DescribeParameters")).isEqualTo(1 + 3);
    assertThatThrownBy(() -> ssm.describeParameters(b -> b.nextToken("garbage"))).satisfies(e -> assertCode(e, "InvalidNextToken"));
    assertThatThrownBy(() -> ssm.describeParameters(b -> b.maxResults(51))).satisfies(e -> assertCode(e, "ValidationException"));
  }

  @Test void publicParametersAreEverywhereReadOnlyAndNeverStored() throws Exception {
    String al2023 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    for (String region : List.of("eu-central-1", "us-east-1")) {
      SsmClient c = SandboxClients.open(dir.resolve(region), region, SandboxKnobs.none(), ticker).ssm();
      Parameter p = c.getParameter(b -> b.name(al2023)).parameter();
      assertThat(p.value()).isEqualTo(FakeSsm.AL2023_AMI).startsWith("ami-0sandbox");
      assertThat(p.arn()).isEqualTo("arn:aws:ssm:" + region + "::parameter" + al2023);
      assertThat(c.getParameters(b -> b.names("/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2")).parameters())
          .extracting(Parameter::value).containsExactly(FakeSsm.AMZN2_AMI);
    }
    assertThat(ssm.describeParameters().parameters()).isEmpty();
    assertThatThrownBy(() -> ssm.putParameter(b -> b.name(al2023).type("String").value("ami-x").overwrite(true)))
        .satisfies(e -> assertCode(e, "ValidationException"));
    assertThatThrownBy(() -> ssm.deleteParameter(b -> b.name(al2023))).satisfies(e -> assertCode(e, "ValidationException"));
    put("/mine", "String", "x");
    assertThat(Files.readString(dir.resolve(SandboxAccount.FILE_NAME))).contains("/mine").doesNotContain("ami-0sandbox");
  }

  @Test void stateSurvivesAReopenAndFailedCallsChangeNothing() {
    put("/keep", "SecureString", "v1", tag("SBID", "K"));
    SsmClient again = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none(), ticker).ssm();
    assertThat(again.getParameter(b -> b.name("/keep").withDecryption(true)).parameter().value()).isEqualTo("v1");
    assertThat(again.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/keep")).tagList())
        .containsExactly(tag("SBID", "K"));
  }

  @Test void newParametersHideFromReadsDuringTheConsistencyLag() {
    SsmClient lagged = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none().withConsistencyLag(Duration.ofSeconds(5)), ticker).ssm();
    lagged.putParameter(b -> b.name("/new").type("String").value("x").tags(tag("SBID", "N")));
    assertThatThrownBy(() -> lagged.getParameter(b -> b.name("/new"))).isInstanceOf(ParameterNotFoundException.class);
    assertThat(lagged.describeParameters().parameters()).isEmpty();
    ticker.advance(Duration.ofSeconds(6));
    assertThat(lagged.getParameter(b -> b.name("/new")).parameter().value()).isEqualTo("x");
    assertThat(lagged.describeParameters().parameters()).hasSize(1);
  }

  @Test void injectedFaultsCarryTheSsmCodes() {
    SsmClient throttled = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none().withThrottleRate(1.0), ticker).ssm();
    assertThatThrownBy(() -> throttled.describeParameters()).isInstanceOf(SsmException.class)
        .satisfies(e -> assertCode(e, "ThrottlingException"));
  }

  private List<String> names(ParameterStringFilter... filters) {
    List<String> out = new ArrayList<>();
    ssm.describeParametersPaginator(b -> b.parameterFilters(filters)).forEach(p -> p.parameters().forEach(m -> out.add(m.name())));
    return out;
  }

  private static ParameterStringFilter f(String key, String option, String... values) {
    ParameterStringFilter.Builder b = ParameterStringFilter.builder().key(key).option(option);
    if (values.length > 0) b.values(values);
    return b.build();
  }
}
