package io.sorterbot.kinds.rds;

import static io.sorterbot.kinds.rds.RdsSupport.rds;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.aws.ErrorClass;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.kinds.LostAnswers;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.DescribeDbSubnetGroupsRequest;
import software.amazon.awssdk.services.rds.model.Subnet;

/**
 * {@code rds.dbSubnetGroup}. Its name is a natural key: a create that finds the name taken by a group
 * carrying our SBID/SBStack tags (a crash after the create) adopts it instead of failing.
 */
public final class DbSubnetGroupKind implements ResourceKind {

  @Override public KindSchema schema() { return RdsSchemas.DB_SUBNET_GROUP; }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    List<DBSubnetGroup> groups = new ArrayList<>();
    rds(ctx).describeDBSubnetGroupsPaginator(DescribeDbSubnetGroupsRequest.builder().build())
        .dbSubnetGroups().forEach(groups::add);
    // DescribeDBSubnetGroups has no tag filter and returns no tags, and discovery cannot know which names
    // the file uses: ListTagsForResource per group is an API-forced N+1, spread over a few threads.
    return RdsSupport.parallel(groups, g -> withTags(ctx, g)).stream()
        .filter(l -> l != null && l.sbid() != null).toList();
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    String name = d.string("dbSubnetGroupName");
    String id = name.toLowerCase(java.util.Locale.ROOT);
    // The name is taken by the group of a lost answer's first call, or of a run that crashed after the create:
    // ours when tagged so (the shared rule), anyone else's a conflict.
    Optional<LiveResource> adopted = LostAnswers.createOrAdopt(() -> {
      // Subnets created seconds ago may not be visible to RDS yet: it answers InvalidSubnet for a while.
      ctx.retry().retrying(RdsSupport.CONSISTENCY, e -> "InvalidSubnet".equals(AwsErrors.code(e))
              || AwsErrors.classify(e) == ErrorClass.NOT_FOUND,
          () -> rds(ctx).createDBSubnetGroup(b -> b.dbSubnetGroupName(name)
              .dbSubnetGroupDescription(d.string("dbSubnetGroupDescription"))
              .subnetIds(RdsSupport.strings(d.get("subnetIds"))).tags(RdsSupport.toTags(d.tags()))));
      return Optional.<LiveResource>empty();
    }, LostAnswers.code("DBSubnetGroupAlreadyExists"), () -> {
      LiveResource existing = read(ctx, id);
      return LostAnswers.oursOrEmpty(existing.tags(), d, Optional.of(existing));
    });
    adopted.ifPresent(existing -> {
      // A crashed run's group may predate a change to the file: bring it to what the file says.
      modify(ctx, existing.id(), d);
      RdsSupport.syncTags(ctx, arn(existing), existing.tags(), d, List.of(new PropertyChange("tags", null, null, false)),
          Map.of());
    });
    return RdsSupport.consistent(ctx, () -> read(ctx, id));
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    if (RdsSupport.changed(changes, "dbSubnetGroupDescription") || RdsSupport.changed(changes, "subnetIds")) {
      modify(ctx, live.id(), d);
    }
    RdsSupport.syncTags(ctx, arn(live), live.tags(), d, changes, Map.of());
    return read(ctx, live.id());
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    // The group stays in use until the instances placed in it are gone, which takes minutes.
    RdsSupport.destroying(ctx, live.sbid(), () -> rds(ctx).deleteDBSubnetGroup(b -> b.dbSubnetGroupName(live.id())));
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "dbSubnetGroupName" -> RdsSupport.lower(value);  // AWS stores the name in lowercase
      case "subnetIds" -> RdsSupport.stringSet(value);
      default -> value;
    };
  }

  /** ModifyDBSubnetGroup always takes the complete subnet list, so both fields go together. */
  private static void modify(KindContext ctx, String name, Desired d) {
    RdsSupport.consistent(ctx, () -> rds(ctx).modifyDBSubnetGroup(b -> b.dbSubnetGroupName(name)
        .dbSubnetGroupDescription(d.string("dbSubnetGroupDescription"))
        .subnetIds(RdsSupport.strings(d.get("subnetIds")))));
  }

  private static String arn(LiveResource live) { return (String) live.attributes().get("arn"); }

  private LiveResource read(KindContext ctx, String name) {
    DBSubnetGroup g = rds(ctx).describeDBSubnetGroups(b -> b.dbSubnetGroupName(name)).dbSubnetGroups().get(0);
    return toLive(g, RdsSupport.tagMap(rds(ctx).listTagsForResource(b -> b.resourceName(g.dbSubnetGroupArn())).tagList()));
  }

  /** The group with its tags, or null when it went away between the list and the tag read. */
  private LiveResource withTags(KindContext ctx, DBSubnetGroup g) {
    try {
      return toLive(g, RdsSupport.tagMap(rds(ctx).listTagsForResource(b -> b.resourceName(g.dbSubnetGroupArn())).tagList()));
    } catch (RuntimeException e) {
      if (AwsErrors.isNotFound(e)) return null;
      throw e;
    }
  }

  private LiveResource toLive(DBSubnetGroup g, Map<String, String> tags) {
    List<String> subnets = g.subnets().stream().map(Subnet::subnetIdentifier).filter(Objects::nonNull).toList();
    return RdsSupport.live(type(), g.dbSubnetGroupName(), tags, List.of(),
        RdsSupport.props("dbSubnetGroupName", g.dbSubnetGroupName(), "dbSubnetGroupDescription", g.dbSubnetGroupDescription(),
            "subnetIds", RdsSupport.stringSet(subnets)),
        RdsSupport.props("name", g.dbSubnetGroupName(), "arn", g.dbSubnetGroupArn()), subnets, null);
  }
}
