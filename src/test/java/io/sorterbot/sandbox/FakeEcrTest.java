package io.sorterbot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sorterbot.aws.AwsErrors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.*;

class FakeEcrTest {
  private static final String POLICY = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\","
      + "\"countType\":\"imageCountMoreThan\",\"countNumber\":3},\"action\":{\"type\":\"expire\"}}]}";

  @TempDir Path dir;
  private final FakeTicker ticker = new FakeTicker();
  private EcrClient ecr;

  @BeforeEach void setUp() { ecr = Ec2TestSupport.open(dir, SandboxKnobs.none(), ticker).ecr(); }

  static <T extends EcrException> T assertCode(Class<T> type, String code, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected %s", code).isInstanceOf(type);
    assertThat(AwsErrors.code(t)).isEqualTo(code);
    return type.cast(t);
  }

  private Repository create(String name, Tag... tags) {
    return ecr.createRepository(b -> b.repositoryName(name).tags(tags)).repository();
  }

  @Test void createRepositoryAnswersLikeAws() {
    Repository r = ecr.createRepository(b -> b.repositoryName("sorterbot_cloud").imageTagMutability(ImageTagMutability.IMMUTABLE)
        .imageScanningConfiguration(c -> c.scanOnPush(true)).tags(Tag.builder().key("SBID").value("SBEcr").build())).repository();
    assertThat(r.repositoryArn()).isEqualTo("arn:aws:ecr:eu-west-1:123456789012:repository/sorterbot_cloud");
    assertThat(r.repositoryUri()).isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/sorterbot_cloud");
    assertThat(r.registryId()).isEqualTo("123456789012");
    assertThat(r.createdAt()).isEqualTo(ticker.now());
    assertThat(r.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
    assertThat(r.imageScanningConfiguration().scanOnPush()).isTrue();
    assertThat(ecr.listTagsForResource(b -> b.resourceArn(r.repositoryArn())).tags())
        .containsExactly(Tag.builder().key("SBID").value("SBEcr").build());

    assertCode(RepositoryAlreadyExistsException.class, "RepositoryAlreadyExistsException", () -> create("sorterbot_cloud"));
    assertCode(InvalidParameterException.class, "InvalidParameterException", () -> create("Upper_Case"));
    assertCode(InvalidTagParameterException.class, "InvalidTagParameterException",
        () -> create("other", Tag.builder().key("aws:x").value("y").build()));
  }

  @Test void describeRepositoriesByNameAndByPage() {
    for (String n : List.of("a1", "b2", "c3")) create(n);
    assertThat(ecr.describeRepositories(b -> b.repositoryNames("b2")).repositories()).extracting(Repository::repositoryName)
        .containsExactly("b2");
    assertCode(RepositoryNotFoundException.class, "RepositoryNotFoundException",
        () -> ecr.describeRepositories(b -> b.repositoryNames("b2", "nope")));
    var first = ecr.describeRepositories(b -> b.maxResults(2));
    assertThat(first.repositories()).hasSize(2);
    assertThat(ecr.describeRepositories(b -> b.maxResults(2).nextToken(first.nextToken())).repositories())
        .extracting(Repository::repositoryName).containsExactly("c3");
    assertThat(ecr.describeRepositoriesPaginator(DescribeRepositoriesRequest.builder().maxResults(1).build()).repositories())
        .hasSize(3);
  }

  @Test void aNewRepositoryIsInvisibleToDescribesDuringTheConsistencyLag(@TempDir Path other) {
    EcrClient lagging = Ec2TestSupport.open(other, SandboxKnobs.none().withConsistencyLag(Duration.ofSeconds(5)), ticker).ecr();
    lagging.createRepository(b -> b.repositoryName("fresh"));
    assertCode(RepositoryNotFoundException.class, "RepositoryNotFoundException",
        () -> lagging.describeRepositories(b -> b.repositoryNames("fresh")));
    assertThat(lagging.describeRepositories().repositories()).isEmpty();
    ticker.advance(Duration.ofSeconds(5));
    assertThat(lagging.describeRepositories(b -> b.repositoryNames("fresh")).repositories()).hasSize(1);
  }

  @Test void lifecyclePolicies() {
    create("repo");
    assertCode(LifecyclePolicyNotFoundException.class, "LifecyclePolicyNotFoundException",
        () -> ecr.getLifecyclePolicy(b -> b.repositoryName("repo")));
    assertCode(InvalidParameterException.class, "InvalidParameterException",
        () -> ecr.putLifecyclePolicy(b -> b.repositoryName("repo").lifecyclePolicyText("{\"rules\": 3}")));
    assertCode(InvalidParameterException.class, "InvalidParameterException",
        () -> ecr.putLifecyclePolicy(b -> b.repositoryName("repo").lifecyclePolicyText("not json")));
    ecr.putLifecyclePolicy(b -> b.repositoryName("repo").lifecyclePolicyText(POLICY));
    assertThat(ecr.getLifecyclePolicy(b -> b.repositoryName("repo")).lifecyclePolicyText()).isEqualTo(POLICY);
    assertThat(ecr.deleteLifecyclePolicy(b -> b.repositoryName("repo")).lifecyclePolicyText()).isEqualTo(POLICY);
    assertCode(LifecyclePolicyNotFoundException.class, "LifecyclePolicyNotFoundException",
        () -> ecr.deleteLifecyclePolicy(b -> b.repositoryName("repo")));
    assertCode(RepositoryNotFoundException.class, "RepositoryNotFoundException",
        () -> ecr.putLifecyclePolicy(b -> b.repositoryName("nope").lifecyclePolicyText(POLICY)));
  }

  @Test void settingsAndTags() {
    String arn = create("repo").repositoryArn();
    ecr.putImageTagMutability(b -> b.repositoryName("repo").imageTagMutability(ImageTagMutability.IMMUTABLE));
    ecr.putImageScanningConfiguration(b -> b.repositoryName("repo").imageScanningConfiguration(c -> c.scanOnPush(true)));
    Repository r = ecr.describeRepositories(b -> b.repositoryNames("repo")).repositories().get(0);
    assertThat(r.imageTagMutabilityAsString()).isEqualTo("IMMUTABLE");
    assertThat(r.imageScanningConfiguration().scanOnPush()).isTrue();

    ecr.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("2").build()));
    ecr.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
    assertThat(ecr.listTagsForResource(b -> b.resourceArn(arn)).tags()).containsExactly(Tag.builder().key("b").value("2").build());
    assertCode(RepositoryNotFoundException.class, "RepositoryNotFoundException",
        () -> ecr.listTagsForResource(b -> b.resourceArn(arn.replace("repo", "gone"))));
    assertCode(InvalidParameterException.class, "InvalidParameterException",
        () -> ecr.listTagsForResource(b -> b.resourceArn("repo")));
  }

  @Test void aRepositoryWithImagesIsDeletedOnlyWithForce() {
    create("repo");
    ecr.deleteRepository(b -> b.repositoryName("repo"));  // empty: no force needed
    create("repo");
    ecr.putImage(b -> b.repositoryName("repo").imageManifest("{\"m\":1}").imageTag("v1"));
    assertThat(ecr.listImages(b -> b.repositoryName("repo")).imageIds()).extracting(ImageIdentifier::imageTag).containsExactly("v1");
    assertCode(RepositoryNotEmptyException.class, "RepositoryNotEmptyException", () -> ecr.deleteRepository(b -> b.repositoryName("repo")));
    ecr.deleteRepository(b -> b.repositoryName("repo").force(true));
    assertCode(RepositoryNotFoundException.class, "RepositoryNotFoundException", () -> ecr.deleteRepository(b -> b.repositoryName("repo")));
  }

  @Test void stateSurvivesAnotherProcess() {
    create("repo");
    ecr.putLifecyclePolicy(b -> b.repositoryName("repo").lifecyclePolicyText(POLICY));
    EcrClient again = Ec2TestSupport.open(dir, SandboxKnobs.none(), ticker).ecr();
    assertThat(again.getLifecyclePolicy(b -> b.repositoryName("repo")).lifecyclePolicyText()).isEqualTo(POLICY);
  }
}
