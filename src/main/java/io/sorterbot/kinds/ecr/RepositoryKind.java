package io.sorterbot.kinds.ecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.kinds.LostAnswers;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Tags;
import io.sorterbot.kinds.ecs.EcsSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * {@code ecr.repository}: the repository, its tag mutability, scan-on-push and lifecycle policy.
 *
 * <p>{@code forceDelete} is the file's choice, not an AWS setting, yet a pruned repository is deleted
 * without the file: the non-default {@code false} is therefore recorded on the repository as the tag
 * {@value #FORCE_TAG}{@code =false}, which the live resource reports as the property (not as a tag).
 */
public final class RepositoryKind implements ResourceKind {
  static final String FORCE_TAG = "SBForceDelete";
  /** Whole numbers as Long, as the file's values are. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);

  @Override public KindSchema schema() { return EcrSchemas.REPOSITORY; }

  /**
   * DescribeRepositories returns no tags: ListTagsForResource per repository (an API-forced N+1), then
   * GetLifecyclePolicy for the tagged ones (another), run on a few threads.
   */
  @Override
  public List<LiveResource> discover(KindContext ctx) {
    List<Repository> repos = new ArrayList<>();
    ecr(ctx).describeRepositoriesPaginator(DescribeRepositoriesRequest.builder().build()).repositories().forEach(repos::add);
    return EcsSupport.parallel(repos, r -> {
      Map<String, String> tags = EcsSupport.unlessGone(() -> tags(ctx, r.repositoryArn()));
      if (tags == null || !tags.containsKey(Tags.SBID)) return null;
      return toLive(ctx, r, tags);
    }).stream().filter(Objects::nonNull).toList();
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    String name = d.string("repositoryName");
    Map<String, String> tags = new LinkedHashMap<>(d.tags());
    if (Boolean.FALSE.equals(EcsSupport.bool(d.get("forceDelete")))) tags.put(FORCE_TAG, "false");
    // A create retried after a lost answer finds its own repository; anyone else's is a real conflict.
    LostAnswers.createOrAdopt(() -> ecr(ctx).createRepository(b -> {
      b.repositoryName(name).tags(toTags(tags));
      if (d.has("imageTagMutability")) b.imageTagMutability(d.string("imageTagMutability"));
      if (d.has("scanOnPush")) b.imageScanningConfiguration(c -> c.scanOnPush((Boolean) EcsSupport.bool(d.get("scanOnPush"))));
    }).repository(), LostAnswers.code("RepositoryAlreadyExistsException"), () -> ours(ctx, d, name));
    // A repository created moments ago may answer RepositoryNotFoundException for a while.
    if (policy(d) != null) EcsSupport.consistent(ctx, () -> putPolicy(ctx, name, d));
    return read(ctx, name);
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    String name = live.id();
    if (EcsSupport.changed(changes, "imageTagMutability")) {
      ecr(ctx).putImageTagMutability(b -> b.repositoryName(name).imageTagMutability(d.string("imageTagMutability")));
    }
    if (EcsSupport.changed(changes, "scanOnPush")) {
      ecr(ctx).putImageScanningConfiguration(b -> b.repositoryName(name)
          .imageScanningConfiguration(c -> c.scanOnPush((Boolean) EcsSupport.bool(d.get("scanOnPush")))));
    }
    if (EcsSupport.changed(changes, "lifecyclePolicy")) {
      if (policy(d) != null) putPolicy(ctx, name, d);
      else EcsSupport.tolerating("LifecyclePolicyNotFoundException", () -> ecr(ctx).deleteLifecyclePolicy(b -> b.repositoryName(name)));
    }
    String arn = String.valueOf(live.attributes().get("arn"));
    EcsSupport.TagDelta delta = EcsSupport.TagDelta.of(live.tags(), d, changes);
    Map<String, String> put = new LinkedHashMap<>(delta.put());
    List<String> remove = new ArrayList<>(delta.remove());
    if (EcsSupport.changed(changes, "forceDelete")) {
      if (Boolean.FALSE.equals(EcsSupport.bool(d.get("forceDelete")))) put.put(FORCE_TAG, "false");
      else remove.add(FORCE_TAG);
    }
    if (!put.isEmpty()) ecr(ctx).tagResource(b -> b.resourceArn(arn).tags(toTags(put)));
    if (!remove.isEmpty()) ecr(ctx).untagResource(b -> b.resourceArn(arn).tagKeys(remove));
    return read(ctx, name);
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    boolean force = !Boolean.FALSE.equals(live.properties().get("forceDelete"));
    EcsSupport.unlessGone(() -> ecr(ctx).deleteRepository(b -> b.repositoryName(live.id()).force(force)));
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "lifecyclePolicy" -> document(value);
      case "scanOnPush", "forceDelete" -> EcsSupport.bool(value);
      default -> value;
    };
  }

  private static EcrClient ecr(KindContext ctx) { return ctx.clients().ecr(); }

  private LiveResource read(KindContext ctx, String name) {
    return EcsSupport.consistent(ctx, () -> {
      Repository r = ecr(ctx).describeRepositories(b -> b.repositoryNames(name)).repositories().get(0);
      return toLive(ctx, r, tags(ctx, r.repositoryArn()));
    });
  }

  private LiveResource toLive(KindContext ctx, Repository r, Map<String, String> all) {
    String text = EcsSupport.unlessGone(() -> ecr(ctx).getLifecyclePolicy(b -> b.repositoryName(r.repositoryName()))
        .lifecyclePolicyText());
    Map<String, String> tags = new LinkedHashMap<>(all);
    boolean force = !"false".equals(tags.remove(FORCE_TAG));
    return EcsSupport.live(type(), r.repositoryName(), tags,
        EcsSupport.props("repositoryName", r.repositoryName(), "imageTagMutability", r.imageTagMutabilityAsString(),
            "scanOnPush", r.imageScanningConfiguration() == null ? null : r.imageScanningConfiguration().scanOnPush(),
            "lifecyclePolicy", document(text), "forceDelete", force),
        EcsSupport.props("arn", r.repositoryArn(), "repositoryUri", r.repositoryUri(),
            "loginCommand", loginCommand(ctx.clients().region(), r.repositoryUri())), List.of(), r.createdAt());
  }

  /** How docker logs in to the repository's registry, for outputs that tell how to push an image. */
  static String loginCommand(String region, String uri) {
    if (uri == null || uri.indexOf('/') < 0) return null;
    return "aws ecr get-login-password --region " + region + " | docker login --username AWS --password-stdin "
        + uri.substring(0, uri.indexOf('/'));
  }

  /** The repository {@code name} when its tags say our SBID and stack (a repository just made may not show yet). */
  private static java.util.Optional<Repository> ours(KindContext ctx, Desired d, String name) {
    return EcsSupport.consistent(ctx, () -> {
      Repository r = ecr(ctx).describeRepositories(b -> b.repositoryNames(name)).repositories().get(0);
      return LostAnswers.oursOrEmpty(tags(ctx, r.repositoryArn()), d, r);
    });
  }

  private static Map<String, String> tags(KindContext ctx, String arn) {
    Map<String, String> out = new LinkedHashMap<>();
    ecr(ctx).listTagsForResource(b -> b.resourceArn(arn)).tags().forEach(t -> out.put(t.key(), t.value()));
    return out;
  }

  private static void putPolicy(KindContext ctx, String name, Desired d) {
    String text = policy(d);
    ecr(ctx).putLifecyclePolicy(b -> b.repositoryName(name).lifecyclePolicyText(text));
  }

  /** The policy text to send, or null when the file sets none (an empty mapping or string removes it). */
  private static String policy(Desired d) {
    Object v = document(d.get("lifecyclePolicy"));
    if (v == null) return null;
    if (v instanceof String s) return s;  // not JSON: AWS says why
    try {
      return JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("lifecyclePolicy cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A document as plain maps (a JSON string parsed); null, blank or empty means no policy. */
  private static Object document(Object v) {
    if (v instanceof String s) {
      if (s.isBlank()) return null;
      try {
        v = JSON.readValue(s, Object.class);
      } catch (JsonProcessingException e) {
        return s;
      }
    }
    return v instanceof Map<?, ?> m && m.isEmpty() ? null : v;
  }

  private static List<Tag> toTags(Map<String, String> tags) {
    List<Tag> out = new ArrayList<>();
    tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
    return out;
  }
}
