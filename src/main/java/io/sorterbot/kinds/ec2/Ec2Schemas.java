package io.sorterbot.kinds.ec2;

import static io.sorterbot.model.PropSchema.prop;
import static io.sorterbot.model.ValueType.BOOLEAN;
import static io.sorterbot.model.ValueType.INTEGER;
import static io.sorterbot.model.ValueType.STRING;
import static io.sorterbot.model.ValueType.STRING_LIST;

import io.sorterbot.model.Format;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.ValueType;

/** Schemas of the EC2 kinds (pure data). Property names follow the AWS SDK for Java v2 builders. */
public final class Ec2Schemas {
  private Ec2Schemas() {}

  public static final KindSchema VPC = KindSchema.builder("ec2.vpc",
          "VPC with its DNS support and DNS hostnames attributes")
      .prop(prop("cidrBlock", STRING).format(Format.VPC_CIDR).required().immutable()
          .doc("IPv4 CIDR block of the VPC, e.g. 10.0.0.0/16"))
      .prop(prop("enableDnsSupport", BOOLEAN).defaultValue(true)
          .doc("Whether the Amazon-provided DNS server resolves names in the VPC"))
      .prop(prop("enableDnsHostnames", BOOLEAN).defaultValue(false)
          .doc("Whether instances with a public IP get public DNS hostnames (needs enableDnsSupport)"))
      .taggable()
      .attrs("cidrBlock")
      .build();

  public static final KindSchema SUBNET = KindSchema.builder("ec2.subnet",
          "Subnet of a VPC")
      .prop(prop("vpcId", STRING).required().immutable()
          .doc("ID of the VPC the subnet belongs to"))
      .prop(prop("cidrBlock", STRING).format(Format.VPC_CIDR).required().immutable()
          .doc("IPv4 CIDR block of the subnet, inside the VPC's block"))
      .prop(prop("availabilityZone", STRING).format(Format.AVAILABILITY_ZONE).immutable()
          .doc("Availability Zone of the subnet, e.g. eu-central-1a (AWS picks one when unset)"))
      .prop(prop("mapPublicIpOnLaunch", BOOLEAN).defaultValue(false)
          .doc("Whether instances launched in the subnet get a public IPv4 address"))
      .taggable()
      .attrs("availabilityZone")
      .build();

  public static final KindSchema INTERNET_GATEWAY = KindSchema.builder("ec2.internetGateway",
          "Internet gateway and its attachment to a VPC")
      .prop(prop("vpcId", STRING)
          .doc("ID of the VPC the gateway is attached to; a change re-attaches it in place"))
      .taggable()
      .build();

  private static final ValueType ROUTE = ValueType.objectOf(
      prop("destinationCidrBlock", STRING).format(Format.IPV4_CIDR).doc("IPv4 CIDR block the route matches, e.g. 0.0.0.0/0").build(),
      prop("destinationIpv6CidrBlock", STRING).format(Format.IPV6_CIDR).doc("IPv6 CIDR block the route matches, e.g. ::/0").build(),
      prop("gatewayId", STRING).doc("Target internet gateway or virtual private gateway ID").build(),
      prop("natGatewayId", STRING).doc("Target NAT gateway ID").build(),
      prop("instanceId", STRING).doc("Target NAT instance ID").build(),
      prop("networkInterfaceId", STRING).doc("Target network interface ID").build(),
      prop("vpcPeeringConnectionId", STRING).doc("Target VPC peering connection ID").build(),
      prop("transitGatewayId", STRING).doc("Target transit gateway ID").build());

  public static final KindSchema ROUTE_TABLE = KindSchema.builder("ec2.routeTable",
          "Route table with its routes and subnet associations")
      .prop(prop("vpcId", STRING).required().immutable()
          .doc("ID of the VPC the route table belongs to"))
      .prop(prop("routes", ValueType.listOf(ROUTE))
          .doc("Routes besides the implicit local route; each has one destination and one target"))
      .prop(prop("subnetIds", STRING_LIST)
          .doc("Subnets associated with this route table"))
      .taggable()
      .build();

  private static final ValueType RULE = ValueType.objectOf(
      prop("ipProtocol", STRING).required().doc("Protocol: tcp, udp, icmp, icmpv6, a protocol number, or -1 for all").build(),
      prop("fromPort", INTEGER).doc("First port of the range (ICMP type for icmp; -1 for all)").build(),
      prop("toPort", INTEGER).doc("Last port of the range (ICMP code for icmp; -1 for all)").build(),
      prop("cidrIp", STRING).format(Format.IPV4_CIDR).doc("IPv4 CIDR block the rule applies to").build(),
      prop("cidrIpv6", STRING).format(Format.IPV6_CIDR).doc("IPv6 CIDR block the rule applies to").build(),
      prop("sourceSecurityGroupId", STRING).doc("Security group the rule applies to (the peer group)").build(),
      prop("description", STRING).doc("Description of the rule").build());

  public static final KindSchema SECURITY_GROUP = KindSchema.builder("ec2.securityGroup",
          "Security group with its complete ingress and egress rule sets")
      .prop(prop("groupName", STRING).format(Format.SECURITY_GROUP_TEXT).required().immutable()
          .doc("Name of the security group, unique within the VPC"))
      .prop(prop("description", STRING).format(Format.SECURITY_GROUP_TEXT).required().immutable()
          .doc("Description of the security group"))
      .prop(prop("vpcId", STRING).required().immutable()
          .doc("ID of the VPC the security group belongs to"))
      .prop(prop("ingress", ValueType.listOf(RULE))
          .doc("Inbound rules (the complete set: rules not listed are revoked)"))
      .prop(prop("egress", ValueType.listOf(RULE))
          .doc("Outbound rules (the complete set; unset keeps AWS's default allow-all rule)"))
      .taggable()
      .attrs("groupName")
      .build();

  public static final KindSchema KEY_PAIR = KindSchema.builder("ec2.keyPair",
          "EC2 key pair; a private key generated here is written once to privateKeyFile (mode 0400)")
      .prop(prop("keyName", STRING).required().immutable()
          .doc("Name of the key pair"))
      .prop(prop("publicKeyMaterial", STRING).immutable()
          .doc("Public key to import (OpenSSH format); when unset a new key is generated"
              + " (here with privateKeyFile, else by AWS)"))
      .prop(prop("privateKeyFile", STRING)
          .doc("Where the private key generated here is written once, mode 0400, before its public key is imported"
              + " (~ is expanded); an RSA private key already there is imported instead"))
      .taggable()
      .attrs("keyName", "keyFingerprint")
      .build();

  public static final KindSchema INSTANCE = KindSchema.builder("ec2.instance",
          "EC2 instance")
      .prop(prop("imageId", STRING).required().immutable()
          .doc("AMI ID, or resolve:ssm:<public parameter> resolved once on create"))
      .prop(prop("instanceType", STRING).required()
          .doc("Instance type, e.g. t3.micro (a change stops and starts the instance)"))
      .prop(prop("subnetId", STRING).required().immutable()
          .doc("ID of the subnet to launch the instance in"))
      .prop(prop("availabilityZone", STRING).format(Format.AVAILABILITY_ZONE).immutable()
          .doc("Availability Zone; must match the subnet's when set"))
      .prop(prop("associatePublicIpAddress", BOOLEAN).immutable()
          .doc("Whether the primary network interface gets a public IPv4 address (default: the subnet's setting)"))
      .prop(prop("keyName", STRING).immutable()
          .doc("Name of the key pair for SSH access"))
      .prop(prop("securityGroupIds", STRING_LIST)
          .doc("IDs of the security groups of the instance"))
      .prop(prop("iamInstanceProfile", STRING)
          .doc("Name of the IAM instance profile to attach"))
      .prop(prop("userData", STRING)
          .doc("User data script, plain text (encoded to base64 by sorterbot; a change stops and starts the instance)"))
      .prop(prop("privateIpAddress", STRING).immutable()
          .doc("Primary private IPv4 address, from the subnet's range (AWS cannot change it: a change replaces the instance)"))
      .prop(prop("ebsOptimized", BOOLEAN)
          .doc("Whether the instance is EBS-optimized (a change stops and starts the instance)"))
      .prop(prop("rootVolumeSize", INTEGER)
          .doc("Size of the root EBS volume in GiB (default: the AMI's); grows in place, AWS refuses to shrink it"))
      .taggable()
      .attrs("publicDnsName", "publicIp", "privateIp")
      .build();
}
