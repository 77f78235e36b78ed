package io.sorterbot.sandbox;

import io.sorterbot.sandbox.EcrState.ImageRec;
import io.sorterbot.sandbox.EcrState.RepositoryRec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.model.*;

/**
 * Images of the ECR fake: PutImage (what a {@code docker push} leaves: a manifest under a tag), ListImages,
 * DescribeImages (ImageNotFoundException for an id the repository does not hold, as AWS answers:
 * https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeImages.html), and the lookup ECS's
 * fake uses to know whether a task's image can be pulled ({@link #pushedAt}).
 */
final class FakeEcrImages {
  private final SandboxAccount account;

  FakeEcrImages(SandboxAccount account) { this.account = account; }

  PutImageResponse put(RepositoryRec rec, PutImageRequest r) {
    if (r.imageManifest() == null || r.imageManifest().isEmpty()) throw FakeEcrSupport.invalidParameter("imageManifest", null);
    ImageRec img = new ImageRec();
    img.digest = "sha256:" + FakeEcrSupport.sha256(r.imageManifest());
    img.tag = r.imageTag();
    img.pushedAt = account.now().toString();
    if ("IMMUTABLE".equals(rec.imageTagMutability) && img.tag != null
        && rec.images.values().stream().anyMatch(i -> img.tag.equals(i.tag) && !i.digest.equals(img.digest))) {
      throw FakeEcr.ERRORS.error("ImageTagAlreadyExistsException", "The image tag '" + img.tag
          + "' already exists in the '" + rec.name + "' repository and cannot be overwritten because the repository is immutable.");
    }
    if (img.tag != null) rec.images.values().removeIf(i -> img.tag.equals(i.tag));
    rec.images.put(img.digest, img);
    return PutImageResponse.builder().image(i -> i.registryId(account.accountId()).repositoryName(rec.name)
        .imageManifest(r.imageManifest()).imageId(id -> id.imageDigest(img.digest).imageTag(img.tag))).build();
  }

  ListImagesResponse list(RepositoryRec rec, ListImagesRequest r) {
    List<ImageIdentifier> ids = rec.images.values().stream()
        .map(i -> ImageIdentifier.builder().imageDigest(i.digest).imageTag(i.tag).build()).toList();
    SandboxPages.Page<ImageIdentifier> p = SandboxPages.page(ids, r.maxResults(), r.nextToken(), 1000, FakeEcr.ERRORS);
    return ListImagesResponse.builder().imageIds(p.items()).nextToken(p.nextToken()).build();
  }

  DescribeImagesResponse describe(RepositoryRec rec, DescribeImagesRequest r) {
    if (r.registryId() != null && !r.registryId().equals(account.accountId())) {
      throw FakeEcr.ERRORS.error("RepositoryNotFoundException", "The repository with name '" + rec.name
          + "' does not exist in the registry with id '" + r.registryId() + "'");
    }
    List<ImageRec> found = new ArrayList<>();
    if (r.hasImageIds() && !r.imageIds().isEmpty()) {
      for (ImageIdentifier id : r.imageIds()) {
        ImageRec img = find(rec, id.imageTag(), id.imageDigest());
        if (img == null) {
          throw FakeEcr.ERRORS.error("ImageNotFoundException", "The image with imageId {imageDigest:'" + id.imageDigest()
              + "', imageTag:'" + id.imageTag() + "'} does not exist within the repository with name '" + rec.name
              + "' in the registry with id '" + account.accountId() + "'");
        }
        found.add(img);
      }
    } else {
      found.addAll(rec.images.values());
    }
    return DescribeImagesResponse.builder().imageDetails(found.stream().map(i -> ImageDetail.builder()
        .registryId(account.accountId()).repositoryName(rec.name).imageDigest(i.digest)
        .imageTags(i.tag == null ? List.of() : List.of(i.tag)).imagePushedAt(Instant.parse(i.pushedAt)).build()).toList())
        .build();
  }

  /**
   * When {@code image} (an image reference as a task definition has it) became pullable: empty when it is an
   * image of this account's ECR that is not there (its repository or its tag or digest missing); the epoch for
   * images of any other registry, which the sandbox takes as pullable. Only under the account lock.
   */
  static Optional<Instant> pushedAt(SandboxAccount account, String image) {
    Ref ref = Ref.parse(image);
    String prefix = account.accountId() + ".dkr.ecr.";
    if (ref == null || !ref.host().startsWith(prefix) || !ref.host().endsWith(".amazonaws.com")) return Optional.of(Instant.EPOCH);
    String region = ref.host().substring(prefix.length(), ref.host().length() - ".amazonaws.com".length());
    RepositoryRec rec = account.state("ecr", region, EcrState.class).repositories.get(ref.repository());
    ImageRec img = rec == null ? null : find(rec, ref.tag(), ref.digest());
    return img == null ? Optional.empty() : Optional.of(Instant.parse(img.pushedAt));
  }

  private static ImageRec find(RepositoryRec rec, String tag, String digest) {
    return rec.images.values().stream().filter(i -> digest != null ? i.digest.equals(digest) : tag != null && tag.equals(i.tag))
        .findFirst().orElse(null);
  }

  /** {@code host/repository[:tag][@digest]}; the tag defaults to {@code latest}, as docker's does. */
  record Ref(String host, String repository, String tag, String digest) {
    static Ref parse(String image) {
      if (image == null) return null;
      int slash = image.indexOf('/');
      if (slash < 0) return null;
      String host = image.substring(0, slash);
      String rest = image.substring(slash + 1);
      String digest = null;
      int at = rest.indexOf('@');
      if (at >= 0) {
        digest = rest.substring(at + 1);
        rest = rest.substring(0, at);
      }
      int colon = rest.lastIndexOf(':');
      String tag = colon >= 0 ? rest.substring(colon + 1) : digest == null ? "latest" : null;
      return new Ref(host, colon >= 0 ? rest.substring(0, colon) : rest, tag, digest);
    }
  }
}
