package io.sorterbot.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * The EC2 state of one region of the sandbox account, as persisted by {@link SandboxAccount} under
 * {@code services.ec2.<region>}. Plain Jackson-mapped records keyed by id; sorted maps keep the file and
 * describe output in creation order (ids grow with the account's counter).
 */
public final class Ec2State {
  public TreeMap<String, VpcRec> vpcs = new TreeMap<>();
  public TreeMap<String, SubnetRec> subnets = new TreeMap<>();
  public TreeMap<String, IgwRec> internetGateways = new TreeMap<>();
  public TreeMap<String, RouteTableRec> routeTables = new TreeMap<>();
  public TreeMap<String, SecurityGroupRec> securityGroups = new TreeMap<>();
  public TreeMap<String, NetworkAclRec> networkAcls = new TreeMap<>();
  /** Instances, root volumes and key pairs: see {@link Ec2InstanceState}. */
  public TreeMap<String, Ec2InstanceState.InstanceRec> instances = new TreeMap<>();
  public TreeMap<String, Ec2InstanceState.VolumeRec> volumes = new TreeMap<>();
  public TreeMap<String, Ec2InstanceState.KeyPairRec> keyPairs = new TreeMap<>();
  public TreeMap<String, Ec2InstanceState.IamAssociationRec> iamAssociations = new TreeMap<>();
  /** Idempotency tokens: {@code "CreateRouteTable " + token} to what the first call created. */
  public TreeMap<String, ClientTokenRec> clientTokens = new TreeMap<>();
  /** The region's default DHCP options set, created with the first VPC. */
  public String dhcpOptionsId;

  /** What every taggable resource has. */
  public abstract static class Res {
    public String id;
    /** ISO-8601 instant of creation, from the account's ticker. */
    public String createdAt;
    public LinkedHashMap<String, String> tags = new LinkedHashMap<>();
  }

  public static final class VpcRec extends Res {
    public String cidrBlock;
    public String cidrAssociationId;
    public String instanceTenancy = "default";
    public boolean enableDnsSupport = true;
    public boolean enableDnsHostnames;
    public boolean enableNetworkAddressUsageMetrics;
  }

  public static final class SubnetRec extends Res {
    public String vpcId;
    public String cidrBlock;
    public String availabilityZone;
    public String availabilityZoneId;
    public boolean mapPublicIpOnLaunch;
  }

  public static final class IgwRec extends Res {
    /** The VPC it is attached to, or null. */
    public String attachedVpcId;
  }

  public static final class RouteTableRec extends Res {
    public String vpcId;
    public List<RouteRec> routes = new ArrayList<>();
    public List<AssociationRec> associations = new ArrayList<>();
  }

  public static final class RouteRec {
    public String destinationCidrBlock;
    /** {@code local} or an internet gateway id. */
    public String gatewayId;
    /** {@code CreateRouteTable} (the local route) or {@code CreateRoute}. */
    public String origin;
  }

  public static final class AssociationRec {
    public String id;
    public boolean main;
    /** Null for the main association. */
    public String subnetId;
  }

  public static final class SecurityGroupRec extends Res {
    public String vpcId;
    public String groupName;
    public String description;
    /** Ingress and egress rules, one per (protocol, ports, single source), as AWS's security group rules. */
    public List<RuleRec> rules = new ArrayList<>();
  }

  public static final class RuleRec extends Res {
    public boolean egress;
    /** {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, a protocol number, or {@code -1} (all). */
    public String ipProtocol;
    /** -1 when the protocol has no ports. */
    public int fromPort;
    public int toPort;
    public String cidrIpv4;
    public String cidrIpv6;
    public String referencedGroupId;
    public String description;
  }

  public static final class NetworkAclRec extends Res {
    public String vpcId;
    public boolean isDefault;
  }

  public static final class ClientTokenRec {
    public String fingerprint;
    public String resourceId;
  }
}
