package io.sorterbot.kinds.ec2;

import io.sorterbot.kinds.KindContext;
import io.sorterbot.kinds.TagDelta;
import io.sorterbot.model.Desired;
import io.sorterbot.model.PropertyChange;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** {@link TagDelta} for EC2: its Tag type, its tag specifications on create, CreateTags/DeleteTags. */
final class Ec2Tags {
  private Ec2Tags() {}

  static List<Tag> sdk(Map<String, String> tags) { return TagDelta.list(tags, (k, v) -> Tag.builder().key(k).value(v).build()); }

  static Map<String, String> map(List<Tag> tags) { return TagDelta.map(tags, Tag::key, Tag::value); }

  /** The desired tags, for the create call itself (no untagged copy after a crash). */
  static TagSpecification spec(ResourceType type, Desired d) {
    return TagSpecification.builder().resourceType(type).tags(sdk(d.tags())).build();
  }

  static void sync(KindContext ctx, String id, Map<String, String> live, Desired d, List<PropertyChange> changes) {
    TagDelta.of(live, d, changes).apply(
        put -> Ec2Support.consistent(ctx, () -> ctx.clients().ec2().createTags(b -> b.resources(id).tags(sdk(put)))),
        remove -> Ec2Support.consistent(ctx, () -> ctx.clients().ec2().deleteTags(b -> b.resources(id)
            .tags(remove.stream().map(k -> Tag.builder().key(k).build()).toList()))));
  }
}
