package io.sorterbot.kinds;

import io.sorterbot.kinds.ec2.InstanceKind;
import io.sorterbot.kinds.ec2.InternetGatewayKind;
import io.sorterbot.kinds.ec2.KeyPairKind;
import io.sorterbot.kinds.ec2.RouteTableKind;
import io.sorterbot.kinds.ec2.SecurityGroupKind;
import io.sorterbot.kinds.ec2.SubnetKind;
import io.sorterbot.kinds.ec2.VpcKind;
import io.sorterbot.kinds.ecr.RepositoryKind;
import io.sorterbot.kinds.ecs.ClusterKind;
import io.sorterbot.kinds.ecs.ServiceKind;
import io.sorterbot.kinds.ecs.TaskDefinitionKind;
import io.sorterbot.kinds.iam.InstanceProfileKind;
import io.sorterbot.kinds.iam.PolicyKind;
import io.sorterbot.kinds.iam.RoleKind;
import io.sorterbot.kinds.iam.UserKind;
import io.sorterbot.kinds.rds.DbInstanceKind;
import io.sorterbot.kinds.rds.DbSubnetGroupKind;
import io.sorterbot.kinds.s3.BucketKind;
import io.sorterbot.kinds.ssm.ParameterKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The one place kinds are registered. A kind with a schema but no entry here can be validated, not applied. */
public final class KindRegistry {
  private KindRegistry() {}

  /**
   * What kinds need from the run beyond AWS.
   *
   * @param home     what {@code ~} means for files kinds write (private keys, credentials): the user's home,
   *                 or a folder inside the sandbox so a simulated run never touches the real ones
   * @param iamPaths IAM paths the file sets besides {@code /<stack>/} (discovery lists them too)
   * @param env      the environment (AWS_SHARED_CREDENTIALS_FILE...)
   */
  public record Settings(Path home, Set<String> iamPaths, Map<String, String> env) {
    public static Settings real() { return new Settings(Path.of(System.getProperty("user.home")), Set.of(), System.getenv()); }
  }

  /** The schemas of every registered kind: what a file may use. */
  public static io.sorterbot.model.KindCatalog catalog() {
    return new io.sorterbot.model.KindCatalog(standard().values().stream().map(ResourceKind::schema).toList());
  }

  /** Every kind that talks to AWS, for the user's real home and no extra IAM paths. */
  public static Map<String, ResourceKind> standard() { return standard(Settings.real()); }

  /** Fresh instances of every kind that talks to AWS, by type name. */
  public static Map<String, ResourceKind> standard(Settings s) {
    Map<String, ResourceKind> m = new TreeMap<>();
    for (ResourceKind k : List.of(
        new VpcKind(), new SubnetKind(), new InternetGatewayKind(), new RouteTableKind(), new SecurityGroupKind(),
        new KeyPairKind(s.home()), new InstanceKind(),
        new PolicyKind(s.iamPaths()), new RoleKind(s.iamPaths()), new InstanceProfileKind(s.iamPaths()),
        new UserKind(s.iamPaths(), s.env(), s.home()),
        new DbSubnetGroupKind(), new DbInstanceKind(),
        new ParameterKind(),
        new RepositoryKind(), new ClusterKind(), new TaskDefinitionKind(), new ServiceKind(),
        new BucketKind())) {
      m.put(k.type(), k);
    }
    return m;
  }
}
