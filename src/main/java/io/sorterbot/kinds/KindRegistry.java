package io.sorterbot.kinds;

import io.sorterbot.kinds.ec2.InternetGatewayKind;
import io.sorterbot.kinds.ec2.RouteTableKind;
import io.sorterbot.kinds.ec2.SecurityGroupKind;
import io.sorterbot.kinds.ec2.SubnetKind;
import io.sorterbot.kinds.ec2.VpcKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The one place kinds are registered. A kind with a schema but no entry here can be validated, not applied. */
public final class KindRegistry {
  private KindRegistry() {}

  /** Fresh instances of every kind that talks to AWS, by type name. */
  public static Map<String, ResourceKind> standard() {
    Map<String, ResourceKind> m = new TreeMap<>();
    for (ResourceKind k : List.of(new VpcKind(), new SubnetKind(), new InternetGatewayKind(), new RouteTableKind(),
        new SecurityGroupKind(),
        new io.sorterbot.kinds.ec2.KeyPairKind(), new io.sorterbot.kinds.ec2.InstanceKind(),
        new io.sorterbot.kinds.iam.PolicyKind(), new io.sorterbot.kinds.iam.RoleKind(), new io.sorterbot.kinds.iam.InstanceProfileKind(), new io.sorterbot.kinds.iam.UserKind(),
        new io.sorterbot.kinds.rds.DbSubnetGroupKind(), new io.sorterbot.kinds.rds.DbInstanceKind(),
        new io.sorterbot.kinds.ssm.ParameterKind(),
        new io.sorterbot.kinds.ecr.RepositoryKind(), new io.sorterbot.kinds.ecs.ClusterKind(), new io.sorterbot.kinds.ecs.TaskDefinitionKind(), new io.sorterbot.kinds.ecs.ServiceKind(),
        new io.sorterbot.kinds.s3.BucketKind())) {
      m.put(k.type(), k);
    }
    return m;
  }
}
