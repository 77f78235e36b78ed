package io.sorterbot.sandbox;

import io.sorterbot.sandbox.EcrState.RepositoryRec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.*;

/**
 * A stateful fake of {@link EcrClient} over a {@link SandboxAccount}: repositories with tags, tag
 * mutability, scan-on-push and lifecycle policies, and images ({@link FakeEcrImages}: what a push leaves,
 * what ECS pulls). Every call goes through the {@link SandboxGate}. Methods not overridden
 * keep the interface's default and throw {@link java.lang.UnsupportedOperationException}; paginators work.
 */
public final class FakeEcr implements EcrClient {
  static final SandboxErrors ERRORS = new SandboxErrors("ecr", "Ecr", "ThrottlingException", "Rate exceeded",
      FakeEcrSupport::build);
  private static final Pattern NAME =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

  private final SandboxGate gate;
  private final SandboxAccount account;
  private final FakeEcrImages images;

  public FakeEcr(SandboxGate gate) {
    this.gate = gate;
    this.account = gate.account();
    this.images = new FakeEcrImages(account);
  }

  @Override public String serviceName() { return SERVICE_NAME; }

  @Override public void close() {}

  private <T> T mutate(String action, Supplier<T> op) { return gate.call(ERRORS, action, true, op); }

  private <T> T read(String action, Supplier<T> op) { return gate.call(ERRORS, action, false, op); }

  private EcrState state() { return account.regionalState("ecr", EcrState.class); }

  // ---- repositories ----

  @Override public CreateRepositoryResponse createRepository(CreateRepositoryRequest r) {
    return mutate("CreateRepository", () -> {
      String name = r.repositoryName();
      if (name == null || name.length() < 2 || name.length() > 256 || !NAME.matcher(name).matches()) {
        throw FakeEcrSupport.invalidParameter("repositoryName", name);
      }
      EcrState st = state();
      if (st.repositories.containsKey(name)) {
        throw ERRORS.error("RepositoryAlreadyExistsException", "The repository with name '" + name
            + "' already exists in the registry with id '" + account.accountId() + "'");
      }
      RepositoryRec rec = new RepositoryRec();
      rec.name = name;
      rec.arn = "arn:aws:ecr:" + account.region() + ":" + account.accountId() + ":repository/" + name;
      rec.uri = account.accountId() + ".dkr.ecr." + account.region() + ".amazonaws.com/" + name;
      rec.createdAt = account.now().toString();
      if (r.imageTagMutabilityAsString() != null) rec.imageTagMutability = mutability(r.imageTagMutabilityAsString());
      if (r.imageScanningConfiguration() != null) rec.scanOnPush = Boolean.TRUE.equals(r.imageScanningConfiguration().scanOnPush());
      FakeEcrSupport.putTags(rec.tags, r.tags());
      st.repositories.put(name, rec);
      return CreateRepositoryResponse.builder().repository(toRepository(rec)).build();
    });
  }

  @Override public DescribeRepositoriesResponse describeRepositories(DescribeRepositoriesRequest r) {
    return read("DescribeRepositories", () -> {
      List<RepositoryRec> found = new ArrayList<>();
      if (r.hasRepositoryNames() && !r.repositoryNames().isEmpty()) {
        if (r.maxResults() != null) {
          throw ERRORS.error("InvalidParameterException", "maxResults cannot be used with repositoryNames");
        }
        for (String n : r.repositoryNames()) found.add(visible(n));
      } else {
        state().repositories.values().stream().filter(x -> gate.visible(x.createdAt)).forEach(found::add);
      }
      SandboxPages.Page<RepositoryRec> p = SandboxPages.page(found, r.maxResults(), r.nextToken(), 1000, ERRORS);
      return DescribeRepositoriesResponse.builder().repositories(p.items().stream().map(this::toRepository).toList())
          .nextToken(p.nextToken()).build();
    });
  }

  @Override public DescribeRepositoriesResponse describeRepositories() {
    return describeRepositories(DescribeRepositoriesRequest.builder().build());
  }

  @Override public DeleteRepositoryResponse deleteRepository(DeleteRepositoryRequest r) {
    return mutate("DeleteRepository", () -> {
      RepositoryRec rec = require(r.repositoryName());
      if (!rec.images.isEmpty() && !Boolean.TRUE.equals(r.force())) {
        throw ERRORS.error("RepositoryNotEmptyException", "The repository with name '" + rec.name + "' in registry with id '"
            + account.accountId() + "' cannot be deleted because it still contains images");
      }
      state().repositories.remove(rec.name);
      return DeleteRepositoryResponse.builder().repository(toRepository(rec)).build();
    });
  }

  @Override public PutImageTagMutabilityResponse putImageTagMutability(PutImageTagMutabilityRequest r) {
    return mutate("PutImageTagMutability", () -> {
      RepositoryRec rec = require(r.repositoryName());
      rec.imageTagMutability = mutability(r.imageTagMutabilityAsString());
      return PutImageTagMutabilityResponse.builder().registryId(account.accountId()).repositoryName(rec.name)
          .imageTagMutability(rec.imageTagMutability).build();
    });
  }

  @Override public PutImageScanningConfigurationResponse putImageScanningConfiguration(PutImageScanningConfigurationRequest r) {
    return mutate("PutImageScanningConfiguration", () -> {
      RepositoryRec rec = require(r.repositoryName());
      if (r.imageScanningConfiguration() == null) throw FakeEcrSupport.invalidParameter("imageScanningConfiguration", null);
      rec.scanOnPush = Boolean.TRUE.equals(r.imageScanningConfiguration().scanOnPush());
      return PutImageScanningConfigurationResponse.builder().registryId(account.accountId()).repositoryName(rec.name)
          .imageScanningConfiguration(c -> c.scanOnPush(rec.scanOnPush)).build();
    });
  }

  // ---- lifecycle policies ----

  @Override public PutLifecyclePolicyResponse putLifecyclePolicy(PutLifecyclePolicyRequest r) {
    return mutate("PutLifecyclePolicy", () -> {
      RepositoryRec rec = require(r.repositoryName());
      FakeEcrSupport.validatePolicy(r.lifecyclePolicyText());
      rec.lifecyclePolicy = r.lifecyclePolicyText();
      return PutLifecyclePolicyResponse.builder().registryId(account.accountId()).repositoryName(rec.name)
          .lifecyclePolicyText(rec.lifecyclePolicy).build();
    });
  }

  @Override public GetLifecyclePolicyResponse getLifecyclePolicy(GetLifecyclePolicyRequest r) {
    return read("GetLifecyclePolicy", () -> {
      RepositoryRec rec = require(r.repositoryName());
      if (rec.lifecyclePolicy == null) throw noPolicy(rec);
      return GetLifecyclePolicyResponse.builder().registryId(account.accountId()).repositoryName(rec.name)
          .lifecyclePolicyText(rec.lifecyclePolicy).build();
    });
  }

  @Override public DeleteLifecyclePolicyResponse deleteLifecyclePolicy(DeleteLifecyclePolicyRequest r) {
    return mutate("DeleteLifecyclePolicy", () -> {
      RepositoryRec rec = require(r.repositoryName());
      if (rec.lifecyclePolicy == null) throw noPolicy(rec);
      String text = rec.lifecyclePolicy;
      rec.lifecyclePolicy = null;
      return DeleteLifecyclePolicyResponse.builder().registryId(account.accountId()).repositoryName(rec.name)
          .lifecyclePolicyText(text).build();
    });
  }

  // ---- tags ----

  @Override public TagResourceResponse tagResource(TagResourceRequest r) {
    return mutate("TagResource", () -> {
      FakeEcrSupport.putTags(byArn(r.resourceArn()).tags, r.tags());
      return TagResourceResponse.builder().build();
    });
  }

  @Override public UntagResourceResponse untagResource(UntagResourceRequest r) {
    return mutate("UntagResource", () -> {
      RepositoryRec rec = byArn(r.resourceArn());
      if (r.hasTagKeys()) r.tagKeys().forEach(rec.tags::remove);
      return UntagResourceResponse.builder().build();
    });
  }

  @Override public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
    return read("ListTagsForResource", () -> ListTagsForResourceResponse.builder()
        .tags(FakeEcrSupport.sdkTags(byArn(r.resourceArn()).tags)).build());
  }

  // ---- images: pushes (PutImage), listings and lookups ----

  @Override public PutImageResponse putImage(PutImageRequest r) {
    return mutate("PutImage", () -> images.put(require(r.repositoryName()), r));
  }

  @Override public ListImagesResponse listImages(ListImagesRequest r) {
    return read("ListImages", () -> images.list(require(r.repositoryName()), r));
  }

  @Override public DescribeImagesResponse describeImages(DescribeImagesRequest r) {
    return read("DescribeImages", () -> images.describe(visible(r.repositoryName()), r));
  }

  // ---- helpers ----

  private RepositoryRec require(String name) {
    RepositoryRec rec = name == null ? null : state().repositories.get(name);
    if (rec == null) throw notFound(name);
    return rec;
  }

  /** Describes by name see a repository only once the consistency lag has passed. */
  private RepositoryRec visible(String name) {
    RepositoryRec rec = require(name);
    if (!gate.visible(rec.createdAt)) throw notFound(name);
    return rec;
  }

  private RepositoryRec byArn(String arn) {
    String prefix = "arn:aws:ecr:" + account.region() + ":" + account.accountId() + ":repository/";
    if (arn == null || !arn.startsWith("arn:")) throw FakeEcrSupport.invalidParameter("resourceArn", arn);
    if (!arn.startsWith(prefix)) throw notFound(arn.substring(arn.lastIndexOf('/') + 1));
    return require(arn.substring(prefix.length()));
  }

  private software.amazon.awssdk.awscore.exception.AwsServiceException notFound(String name) {
    return ERRORS.error("RepositoryNotFoundException", "The repository with name '" + name
        + "' does not exist in the registry with id '" + account.accountId() + "'");
  }

  private software.amazon.awssdk.awscore.exception.AwsServiceException noPolicy(RepositoryRec rec) {
    return ERRORS.error("LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the repository with name '"
        + rec.name + "' in the registry with id '" + account.accountId() + "'");
  }

  private static String mutability(String v) {
    if (v == null || !List.of("MUTABLE", "IMMUTABLE").contains(v)) throw FakeEcrSupport.invalidParameter("imageTagMutability", v);
    return v;
  }

  private Repository toRepository(RepositoryRec rec) {
    return Repository.builder().repositoryArn(rec.arn).registryId(account.accountId()).repositoryName(rec.name)
        .repositoryUri(rec.uri).createdAt(java.time.Instant.parse(rec.createdAt)).imageTagMutability(rec.imageTagMutability)
        .imageScanningConfiguration(c -> c.scanOnPush(rec.scanOnPush))
        .encryptionConfiguration(e -> e.encryptionType(EncryptionType.AES256)).build();
  }
}
