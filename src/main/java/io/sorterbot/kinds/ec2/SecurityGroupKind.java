package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.consistent;
import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.aws.AwsErrors;
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
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@code ec2.securityGroup}: the group and its complete ingress/egress rule sets in the flat
 * CloudFormation-like form. The default allow-all egress rule AWS adds is shown like any other
 * rule, so a file that declares {@code egress} must list it to keep it.
 */
public final class SecurityGroupKind implements ResourceKind {

  @Override public KindSchema schema() { return Ec2Schemas.SECURITY_GROUP; }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    return ec2(ctx).describeSecurityGroupsPaginator(
            DescribeSecurityGroupsRequest.builder().filters(Ec2Support.sbidFilter()).build())
        .securityGroups().stream().map(this::toLive).toList();
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    // The name is the natural key within the VPC: a duplicate tagged as ours is a lost answer's work, adopted.
    String id = LostAnswers.createOrAdopt(
        () -> consistent(ctx, () -> ec2(ctx).createSecurityGroup(b -> b.groupName(d.string("groupName"))
            .description(d.string("description")).vpcId(d.string("vpcId"))
            .tagSpecifications(Ec2Support.tagSpec(ResourceType.SECURITY_GROUP, d))).groupId()),
        e -> "InvalidGroup.Duplicate".equals(AwsErrors.code(e)),
        () -> ours(ctx, d));
    // Diff against what AWS made (the default egress rule) rather than assuming it, then converge.
    LiveResource made = read(ctx, id);
    boolean changed = false;
    if (d.has("ingress")) changed |= converge(ctx, d, id, true, made.properties().get("ingress"));
    if (d.has("egress")) changed |= converge(ctx, d, id, false, made.properties().get("egress"));
    return changed ? read(ctx, id) : made;
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    if (Ec2Support.changed(changes, "ingress")) converge(ctx, d, live.id(), true, live.properties().get("ingress"));
    if (Ec2Support.changed(changes, "egress")) converge(ctx, d, live.id(), false, live.properties().get("egress"));
    Ec2Support.syncTags(ctx, live.id(), live.tags(), d, changes);
    return read(ctx, live.id());
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    // Network interfaces (RDS, Fargate, instances) keep the group in use for minutes after their owners go.
    Ec2Support.destroying(ctx, live.sbid(), () -> ec2(ctx).deleteSecurityGroup(b -> b.groupId(live.id())));
  }

  @Override
  public Object normalize(String property, Object value) {
    return switch (property) {
      case "ingress", "egress" -> SgRules.rules(value);
      case "vpcId", "groupName" -> Ec2Support.trimmed(value);
      default -> value;
    };
  }

  /** The group of this VPC and name tagged with our SBID and stack, if any. */
  private static Optional<String> ours(KindContext ctx, Desired d) {
    return ec2(ctx).describeSecurityGroups(b -> b.filters(
            Filter.builder().name("vpc-id").values(d.string("vpcId").trim()).build(),
            Filter.builder().name("group-name").values(d.string("groupName").trim()).build())).securityGroups().stream()
        // names may hold '*' or '?', which filters read as wildcards: compare exactly
        .filter(g -> d.string("groupName").trim().equals(g.groupName()))
        .filter(g -> LostAnswers.ours(Ec2Support.tagMap(g.tags()), d))
        .map(SecurityGroup::groupId).findFirst();
  }

  /**
   * Revoke what the file dropped, then authorize what it added: a rule whose description changed
   * is both, and authorizing first would be refused as a duplicate.
   */
  private boolean converge(KindContext ctx, Desired d, String id, boolean ingress, Object have) {
    Object want = SgRules.rules(d.get(ingress ? "ingress" : "egress"));
    Object current = SgRules.rules(have == null ? List.of() : have);
    List<Map<String, Object>> revoke = SgRules.minus(current, want);
    List<Map<String, Object>> authorize = SgRules.minus(want, current);
    // A rule already revoked or already present is the outcome we wanted, not an error.
    TagSpecification ruleTags = Ec2Support.tagSpec(ResourceType.SECURITY_GROUP_RULE, d);
    for (Map<String, Object> rule : revoke) {
      IpPermission p = SgRules.permission(rule);
      consistent(ctx, () -> Ec2Support.tolerating("InvalidPermission.NotFound", () -> {
        if (ingress) ec2(ctx).revokeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(p));
        else ec2(ctx).revokeSecurityGroupEgress(b -> b.groupId(id).ipPermissions(p));
      }));
    }
    for (Map<String, Object> rule : authorize) {
      IpPermission p = SgRules.permission(rule);
      consistent(ctx, () -> Ec2Support.tolerating("InvalidPermission.Duplicate", () -> {
        if (ingress) ec2(ctx).authorizeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(p).tagSpecifications(ruleTags));
        else ec2(ctx).authorizeSecurityGroupEgress(b -> b.groupId(id).ipPermissions(p).tagSpecifications(ruleTags));
      }));
    }
    return !revoke.isEmpty() || !authorize.isEmpty();
  }

  private LiveResource read(KindContext ctx, String id) {
    return consistent(ctx, () -> {
      List<SecurityGroup> found = ec2(ctx).describeSecurityGroups(b -> b.groupIds(id)).securityGroups();
      if (found.isEmpty()) throw Ec2Support.notFound("InvalidGroup.NotFound", id);
      return toLive(found.get(0));
    });
  }

  private LiveResource toLive(SecurityGroup g) {
    List<Map<String, Object>> ingress = SgRules.flatten(g.ipPermissions());
    List<Map<String, Object>> egress = SgRules.flatten(g.ipPermissionsEgress());
    List<String> refs = new ArrayList<>(List.of(g.vpcId() == null ? "" : g.vpcId()));
    List<Map<String, Object>> all = new ArrayList<>(ingress);
    all.addAll(egress);
    SgRules.referencedGroups(all).stream().filter(x -> !x.equals(g.groupId())).forEach(refs::add);
    return Ec2Support.live(type(), g.groupId(), Ec2Support.tagMap(g.tags()),
        Ec2Support.props("groupName", g.groupName(), "description", g.description(), "vpcId", g.vpcId(),
            "ingress", SgRules.rules(ingress), "egress", SgRules.rules(egress)),
        Ec2Support.props("groupName", g.groupName()), refs, null);
  }
}
