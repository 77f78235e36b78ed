package io.sorterbot.testutil;

import io.sorterbot.aws.AwsClients;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ecs.model.ClusterField;

/**
 * Every resource an account holds of the kinds sorterbot manages, read with plain list/describe calls and
 * no tag filter, so that untagged leftovers and duplicates show. What AWS makes by itself (a VPC's main
 * route table and default security group) is left out. Works on any {@link AwsClients}: the sandbox or an
 * endpoint.
 */
public final class AccountInventory {
  /** One resource: its kind, its provider id, and its tags. */
  public record Entry(String type, String id, Map<String, String> tags) {
    public String sbid() { return tags.get("SBID"); }

    public String stack() { return tags.get("SBStack"); }

    /** {@code type SBID}, {@code type secret:NAME} for a generated secret, or {@code type (untagged id)}. */
    public String identity() {
      if (sbid() != null) return type + " " + sbid();
      if (tags.get("SBSecret") != null) return type + " secret:" + tags.get("SBSecret");
      return type + " (untagged " + id + ")";
    }
  }

  private AccountInventory() {}

  /** Sorted by type, then SBID, then id. */
  public static List<Entry> of(AwsClients c) {
    List<Entry> all = new ArrayList<>();
    ec2(c, all);
    iam(c, all);
    rds(c, all);
    ecs(c, all);
    c.ecr().describeRepositoriesPaginator().repositories().forEach(r -> all.add(new Entry("ecr.repository",
        r.repositoryName(), tags(c.ecr().listTagsForResource(b -> b.resourceArn(r.repositoryArn())).tags(), t -> t.key(), t -> t.value()))));
    c.ssm().describeParametersPaginator(b -> { }).stream().flatMap(r -> r.parameters().stream()).forEach(p -> all.add(new Entry("ssm.parameter", p.name(),
        tags(c.ssm().listTagsForResource(b -> b.resourceType("Parameter").resourceId(p.name())).tagList(), t -> t.key(), t -> t.value()))));
    c.s3().listBuckets().buckets().forEach(bk -> all.add(new Entry("s3.bucket", bk.name(), s3Tags(c, bk.name()))));
    all.sort(Comparator.comparing(Entry::type).thenComparing(e -> String.valueOf(e.sbid())).thenComparing(Entry::id));
    return all;
  }

  /**
   * Entries that do not carry {@code SBStack=stack}: untagged leftovers or others' resources. Access keys
   * are left out: IAM cannot tag them (they are counted per user instead).
   */
  public static List<Entry> notOwnedBy(List<Entry> entries, String stack) {
    return entries.stream().filter(e -> !e.type().equals("iam.accessKey") && !stack.equals(e.stack())).toList();
  }

  /** {@code type SBID} of every entry, sorted, duplicates kept. */
  public static List<String> identities(List<Entry> entries) {
    return entries.stream().map(Entry::identity).sorted().toList();
  }

  private static void ec2(AwsClients c, List<Entry> all) {
    var ec2 = c.ec2();
    ec2.describeVpcs().vpcs().forEach(v -> all.add(ec2Entry("ec2.vpc", v.vpcId(), v.tags())));
    ec2.describeSubnets().subnets().forEach(s -> all.add(ec2Entry("ec2.subnet", s.subnetId(), s.tags())));
    ec2.describeInternetGateways().internetGateways().forEach(g -> all.add(ec2Entry("ec2.internetGateway", g.internetGatewayId(), g.tags())));
    ec2.describeRouteTables().routeTables().stream()
        .filter(t -> t.associations().stream().noneMatch(a -> Boolean.TRUE.equals(a.main())))
        .forEach(t -> all.add(ec2Entry("ec2.routeTable", t.routeTableId(), t.tags())));
    ec2.describeSecurityGroups().securityGroups().stream().filter(g -> !g.groupName().equals("default"))
        .forEach(g -> all.add(ec2Entry("ec2.securityGroup", g.groupId(), g.tags())));
    ec2.describeKeyPairs().keyPairs().forEach(k -> all.add(ec2Entry("ec2.keyPair", k.keyPairId(), k.tags())));
    ec2.describeInstances(b -> b.filters(Filter.builder().name("instance-state-name")
            .values("pending", "running", "stopping", "stopped").build()))
        .reservations().forEach(r -> r.instances().forEach(i -> all.add(ec2Entry("ec2.instance", i.instanceId(), i.tags()))));
  }

  private static void iam(AwsClients c, List<Entry> all) {
    var iam = c.iam();
    iam.listRolesPaginator().roles().forEach(r -> all.add(new Entry("iam.role", r.roleName(),
        tags(iam.listRoleTags(b -> b.roleName(r.roleName())).tags(), t -> t.key(), t -> t.value()))));
    iam.listPoliciesPaginator(b -> b.scope("Local")).policies().forEach(p -> all.add(new Entry("iam.policy", p.policyName(),
        tags(iam.listPolicyTags(b -> b.policyArn(p.arn())).tags(), t -> t.key(), t -> t.value()))));
    iam.listInstanceProfilesPaginator().instanceProfiles().forEach(p -> all.add(new Entry("iam.instanceProfile",
        p.instanceProfileName(), tags(iam.getInstanceProfile(b -> b.instanceProfileName(p.instanceProfileName()))
            .instanceProfile().tags(), t -> t.key(), t -> t.value()))));
    iam.listUsersPaginator().users().forEach(u -> {
      all.add(new Entry("iam.user", u.userName(), tags(iam.listUserTags(b -> b.userName(u.userName())).tags(), t -> t.key(), t -> t.value())));
      iam.listAccessKeysPaginator(b -> b.userName(u.userName())).accessKeyMetadata().forEach(k ->
          all.add(new Entry("iam.accessKey", k.accessKeyId(), Map.of("SBID", u.userName() + "/key"))));
    });
  }

  private static void rds(AwsClients c, List<Entry> all) {
    var rds = c.rds();
    rds.describeDBSubnetGroupsPaginator().dbSubnetGroups().forEach(g -> all.add(new Entry("rds.dbSubnetGroup",
        g.dbSubnetGroupName(), tags(rds.listTagsForResource(b -> b.resourceName(g.dbSubnetGroupArn())).tagList(), t -> t.key(), t -> t.value()))));
    rds.describeDBInstancesPaginator().dbInstances().forEach(d -> all.add(new Entry("rds.dbInstance",
        d.dbInstanceIdentifier(), tags(d.tagList(), t -> t.key(), t -> t.value()))));
  }

  private static void ecs(AwsClients c, List<Entry> all) {
    var ecs = c.ecs();
    List<String> clusters = ecs.listClusters().clusterArns();
    if (!clusters.isEmpty()) {
      ecs.describeClusters(b -> b.clusters(clusters).include(ClusterField.TAGS)).clusters().stream()
          .filter(cl -> !"INACTIVE".equals(cl.status()))
          .forEach(cl -> all.add(new Entry("ecs.cluster", cl.clusterName(), tags(cl.tags(), t -> t.key(), t -> t.value()))));
    }
    for (String cluster : clusters) {
      List<String> services = ecs.listServices(b -> b.cluster(cluster)).serviceArns();
      for (int i = 0; i < services.size(); i += 10) {
        List<String> batch = services.subList(i, Math.min(services.size(), i + 10));
        ecs.describeServices(b -> b.cluster(cluster).services(batch).include(software.amazon.awssdk.services.ecs.model.ServiceField.TAGS))
            .services().stream().filter(s -> "ACTIVE".equals(s.status()))
            .forEach(s -> all.add(new Entry("ecs.service", s.serviceName(), tags(s.tags(), t -> t.key(), t -> t.value()))));
      }
    }
    // Every ACTIVE revision counts: two of one family are a duplicate registration.
    ecs.listTaskDefinitionsPaginator(b -> b.status("ACTIVE")).taskDefinitionArns().forEach(arn -> {
      var d = ecs.describeTaskDefinition(b -> b.taskDefinition(arn).include(software.amazon.awssdk.services.ecs.model.TaskDefinitionField.TAGS));
      all.add(new Entry("ecs.taskDefinition", arn.substring(arn.lastIndexOf('/') + 1), tags(d.tags(), t -> t.key(), t -> t.value())));
    });
  }

  private static Map<String, String> s3Tags(AwsClients c, String bucket) {
    try {
      return tags(c.s3().getBucketTagging(b -> b.bucket(bucket)).tagSet(), t -> t.key(), t -> t.value());
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if ("NoSuchTagSet".equals(e.awsErrorDetails().errorCode())) return Map.of();
      throw e;
    }
  }

  private static Entry ec2Entry(String type, String id, List<software.amazon.awssdk.services.ec2.model.Tag> tags) {
    return new Entry(type, id, tags(tags, t -> t.key(), t -> t.value()));
  }

  private static <T> Map<String, String> tags(List<T> list, Function<T, String> key, Function<T, String> value) {
    Map<String, String> m = new TreeMap<>();
    if (list != null) list.forEach(t -> m.put(key.apply(t), value.apply(t)));
    return new LinkedHashMap<>(m);
  }
}
