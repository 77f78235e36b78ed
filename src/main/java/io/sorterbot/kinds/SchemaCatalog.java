package io.sorterbot.kinds;

import io.sorterbot.model.KindSchema;
import io.sorterbot.kinds.ec2.Ec2Schemas;
import io.sorterbot.kinds.ecr.EcrSchemas;
import io.sorterbot.kinds.ecs.EcsSchemas;
import io.sorterbot.kinds.iam.IamSchemas;
import io.sorterbot.kinds.rds.RdsSchemas;
import io.sorterbot.kinds.s3.S3Schemas;
import io.sorterbot.kinds.ssm.SsmSchemas;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every kind the file may use: the schemas of SPEC.md section 2, built once, immutable. */
public final class SchemaCatalog {
  private SchemaCatalog() {}

  private static final List<KindSchema> ALL = Stream.of(
          Ec2Schemas.VPC, Ec2Schemas.SUBNET, Ec2Schemas.INTERNET_GATEWAY, Ec2Schemas.ROUTE_TABLE,
          Ec2Schemas.SECURITY_GROUP, Ec2Schemas.KEY_PAIR, Ec2Schemas.INSTANCE,
          IamSchemas.POLICY, IamSchemas.ROLE, IamSchemas.INSTANCE_PROFILE, IamSchemas.USER,
          RdsSchemas.DB_SUBNET_GROUP, RdsSchemas.DB_INSTANCE,
          SsmSchemas.PARAMETER,
          EcrSchemas.REPOSITORY,
          EcsSchemas.CLUSTER, EcsSchemas.TASK_DEFINITION, EcsSchemas.SERVICE,
          S3Schemas.BUCKET)
      .sorted(Comparator.comparing(KindSchema::type))
      .toList();

  private static final Map<String, KindSchema> BY_TYPE = ALL.stream()
      .collect(Collectors.toUnmodifiableMap(KindSchema::type, Function.identity()));

  /** All kinds, sorted by type name; the list is immutable. */
  public static List<KindSchema> all() { return ALL; }

  /** The kind called {@code type} (e.g. {@code ec2.vpc}), if there is one. */
  public static Optional<KindSchema> find(String type) {
    return type == null ? Optional.empty() : Optional.ofNullable(BY_TYPE.get(type));
  }

  /** The kind type names, sorted. */
  public static List<String> typeNames() { return ALL.stream().map(KindSchema::type).toList(); }
}
