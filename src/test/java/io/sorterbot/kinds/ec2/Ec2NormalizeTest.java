package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2TestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Ec2NormalizeTest {
  private final SecurityGroupKind sg = new SecurityGroupKind();
  private final RouteTableKind rt = new RouteTableKind();

  private static final List<Object> RULES = List.of(
      map("ipProtocol", "TCP", "fromPort", 22L, "toPort", 22L, "cidrIp", "0.0.0.0/0"),
      map("ipProtocol", "6", "fromPort", 80, "toPort", 80, "cidrIp", "10.0.0.1/16", "cidrIpv6", "2001:DB8::/32"),
      map("ipProtocol", "all", "fromPort", -1L, "toPort", -1L, "cidrIp", "0.0.0.0/0", "description", null),
      map("ipProtocol", "tcp", "fromPort", 22L, "toPort", 22L, "cidrIp", "0.0.0.0/0"),
      map("ipProtocol", "17", "fromPort", "53", "toPort", 53L, "sourceSecurityGroupId", "sg-1"));

  @Test
  void ruleSetsAreCanonicalSetsWithOneSourcePerRule() {
    assertThat(sg.normalize("ingress", RULES)).isEqualTo(List.of(
        map("ipProtocol", "-1", "cidrIp", "0.0.0.0/0"),
        map("ipProtocol", "tcp", "fromPort", 22L, "toPort", 22L, "cidrIp", "0.0.0.0/0"),
        map("ipProtocol", "tcp", "fromPort", 80L, "toPort", 80L, "cidrIp", "10.0.0.1/16"),
        map("ipProtocol", "tcp", "fromPort", 80L, "toPort", 80L, "cidrIpv6", "2001:db8::/32"),
        map("ipProtocol", "udp", "fromPort", 53L, "toPort", 53L, "sourceSecurityGroupId", "sg-1")));
  }

  @Test
  void ruleNormalisationIsIdempotentAndOrderInsensitive() {
    Object once = sg.normalize("egress", RULES);
    assertThat(sg.normalize("egress", once)).isEqualTo(once);
    List<Object> shuffled = new ArrayList<>(RULES);
    Collections.reverse(shuffled);
    assertThat(sg.normalize("egress", shuffled)).isEqualTo(once);
    assertThat(sg.equivalent("ingress", shuffled, RULES)).isTrue();
  }

  @Test
  void routesAndSubnetIdsAreSets() {
    List<Object> routes = List.of(
        map("destinationCidrBlock", "0.0.0.0/0", "gatewayId", "igw-1", "natGatewayId", null),
        map("destinationIpv6CidrBlock", "::/0", "gatewayId", "igw-1"),
        map("destinationCidrBlock", "10.1.0.0/16", "vpcPeeringConnectionId", "pcx-1"));
    Object once = rt.normalize("routes", routes);
    assertThat(rt.normalize("routes", once)).isEqualTo(once);
    assertThat(rt.normalize("routes", List.of(routes.get(2), routes.get(1), routes.get(0)))).isEqualTo(once);
    assertThat((List<?>) once).first().isEqualTo(map("destinationCidrBlock", "0.0.0.0/0", "gatewayId", "igw-1"));

    assertThat(rt.normalize("subnetIds", List.of("subnet-b", "subnet-a", "subnet-b")))
        .isEqualTo(List.of("subnet-a", "subnet-b"));
    assertThat(rt.equivalent("subnetIds", List.of("subnet-b", "subnet-a"), List.of("subnet-a", "subnet-b"))).isTrue();
  }

  @Test
  void scalarsAndUnknownShapesPassThrough() {
    VpcKind vpc = new VpcKind();
    assertThat(vpc.normalize("enableDnsSupport", "true")).isEqualTo(true);
    assertThat(vpc.normalize("enableDnsSupport", true)).isEqualTo(true);
    assertThat(new SubnetKind().normalize("mapPublicIpOnLaunch", "FALSE")).isEqualTo(false);
    assertThat(sg.normalize("ingress", null)).isNull();
    Object notAList = Map.of("a", 1);
    assertThat(sg.normalize("ingress", notAList)).isSameAs(notAList);
    assertThat(sg.normalize("tags", Map.of("Name", "x"))).isEqualTo(Map.of("Name", "x"));
  }
}
