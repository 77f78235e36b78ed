package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.consistent;
import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.model.Format;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.kinds.LostAnswers;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.Prop;
import io.sorterbot.kinds.PropertyTable;
import io.sorterbot.kinds.Props;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
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

  /**
   * The group a rule change applies to: {@code have} is its live state (right after the create, what AWS
   * made: the default egress rule); {@code changed} records whether any rule was revoked or authorized.
   */
  record Target(KindContext ctx, Desired d, String id, LiveResource have, AtomicBoolean changed) {}

  private static final Props<SecurityGroup, CreateSecurityGroupRequest.Builder, Target> P = Props.of();

  private static final Prop<SecurityGroup, CreateSecurityGroupRequest.Builder, Target, String> GROUP_NAME =
      P.string("groupName").format(Format.SECURITY_GROUP_TEXT).required().replaces().attribute().doc("Name of the security group, unique within the VPC")
          .read(SecurityGroup::groupName).create(CreateSecurityGroupRequest.Builder::groupName).build();

  private static final Prop<SecurityGroup, CreateSecurityGroupRequest.Builder, Target, String> VPC_ID =
      P.string("vpcId").required().replaces().doc("ID of the VPC the security group belongs to")
          .read(SecurityGroup::vpcId).create(CreateSecurityGroupRequest.Builder::vpcId).build();

  private static final Prop<SecurityGroup, CreateSecurityGroupRequest.Builder, Target, Object> INGRESS =
      P.value("ingress", ValueType.listOf(SgRules.RULE)).doc("Inbound rules (the complete set: rules not listed are revoked)")
          .normalise(SgRules::rules).read(g -> SgRules.rules(SgRules.flatten(g.ipPermissions())))
          .update((t, v) -> converge(t, true, v)).build();

  private static final Prop<SecurityGroup, CreateSecurityGroupRequest.Builder, Target, Object> EGRESS =
      P.value("egress", ValueType.listOf(SgRules.RULE))
          .doc("Outbound rules (the complete set; unset keeps AWS's default allow-all rule)")
          .normalise(SgRules::rules).read(g -> SgRules.rules(SgRules.flatten(g.ipPermissionsEgress())))
          .update((t, v) -> converge(t, false, v)).build();

  static final PropertyTable<SecurityGroup, CreateSecurityGroupRequest.Builder, Target> TABLE = PropertyTable
      .<SecurityGroup, CreateSecurityGroupRequest.Builder, Target>builder("ec2.securityGroup",
          "Security group with its complete ingress and egress rule sets")
      .props(GROUP_NAME,
          P.string("description").format(Format.SECURITY_GROUP_TEXT).required().replaces().doc("Description of the security group")
              .read(SecurityGroup::description).create(CreateSecurityGroupRequest.Builder::description).build(),
          VPC_ID, INGRESS, EGRESS)
      .taggable().build();

  @Override public KindSchema schema() { return TABLE.schema(); }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    return ec2(ctx).describeSecurityGroupsPaginator(
            DescribeSecurityGroupsRequest.builder().filters(Ec2Support.sbidFilter()).build())
        .securityGroups().stream().map(SecurityGroupKind::toLive).toList();
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    // The name is the natural key within the VPC: a duplicate tagged as ours is a lost answer's work, adopted.
    String id = LostAnswers.createOrAdopt(
        () -> consistent(ctx, () -> ec2(ctx).createSecurityGroup(b -> TABLE.create(b, d)
            .tagSpecifications(Ec2Tags.spec(ResourceType.SECURITY_GROUP, d))).groupId()),
        e -> "InvalidGroup.Duplicate".equals(AwsErrors.code(e)),
        () -> ours(ctx, d));
    // Diff against what AWS made (the default egress rule) rather than assuming it, then converge.
    LiveResource made = read(ctx, id);
    Target t = new Target(ctx, d, id, made, new AtomicBoolean());
    TABLE.afterCreate(t, d);
    return t.changed().get() ? read(ctx, id) : made;
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    TABLE.update(new Target(ctx, d, live.id(), live, new AtomicBoolean()), d, changes);
    Ec2Tags.sync(ctx, live.id(), live.tags(), d, changes);
    return read(ctx, live.id());
  }

  @Override
  public void delete(KindContext ctx, LiveResource live) {
    // Network interfaces (RDS, Fargate, instances) keep the group in use for minutes after their owners go.
    Ec2Support.destroying(ctx, live.sbid(), () -> ec2(ctx).deleteSecurityGroup(b -> b.groupId(live.id())));
  }

  @Override public Object normalize(String property, Object value) { return TABLE.normalize(property, value); }

  /** The group of this VPC and name tagged with our SBID and stack, if any. */
  private static Optional<String> ours(KindContext ctx, Desired d) {
    return ec2(ctx).describeSecurityGroups(b -> b.filters(
            Filter.builder().name("vpc-id").values(VPC_ID.get(d).trim()).build(),
            Filter.builder().name("group-name").values(GROUP_NAME.get(d).trim()).build())).securityGroups().stream()
        // names may hold '*' or '?', which filters read as wildcards: compare exactly
        .filter(g -> GROUP_NAME.get(d).trim().equals(g.groupName()))
        .filter(g -> LostAnswers.ours(Ec2Tags.map(g.tags()), d))
        .map(SecurityGroup::groupId).findFirst();
  }

  /**
   * Revoke what the file dropped, then authorize what it added: a rule whose description changed
   * is both, and authorizing first would be refused as a duplicate.
   */
  private static void converge(Target t, boolean ingress, Object wanted) {
    KindContext ctx = t.ctx();
    String id = t.id();
    Object have = t.have().properties().get((ingress ? INGRESS : EGRESS).name());
    Object want = SgRules.rules(wanted);
    Object current = SgRules.rules(have == null ? List.of() : have);
    List<Map<String, Object>> revoke = SgRules.minus(current, want);
    List<Map<String, Object>> authorize = SgRules.minus(want, current);
    // A rule already revoked or already present is the outcome we wanted, not an error.
    TagSpecification ruleTags = Ec2Tags.spec(ResourceType.SECURITY_GROUP_RULE, t.d());
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
    if (!revoke.isEmpty() || !authorize.isEmpty()) t.changed().set(true);
  }

  private static LiveResource read(KindContext ctx, String id) {
    return consistent(ctx, () -> {
      List<SecurityGroup> found = ec2(ctx).describeSecurityGroups(b -> b.groupIds(id)).securityGroups();
      if (found.isEmpty()) throw Ec2Support.notFound("InvalidGroup.NotFound", id);
      return toLive(found.get(0));
    });
  }

  /** Refs: its VPC and the groups its rules name (so deletes of pruned groups are ordered). */
  private static LiveResource toLive(SecurityGroup g) {
    List<String> refs = new ArrayList<>(List.of(g.vpcId() == null ? "" : g.vpcId()));
    List<Map<String, Object>> all = new ArrayList<>(SgRules.flatten(g.ipPermissions()));
    all.addAll(SgRules.flatten(g.ipPermissionsEgress()));
    SgRules.referencedGroups(all).stream().filter(x -> !x.equals(g.groupId())).forEach(refs::add);
    return TABLE.live(g, g.groupId(), Ec2Tags.map(g.tags()), refs, null);
  }
}
