package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.Ec2Support.error;
import static io.sorterbot.sandbox.Ec2Support.invalidParameter;
import static io.sorterbot.sandbox.Ec2Support.missing;
import static io.sorterbot.sandbox.Ec2Support.unsupported;

import io.sorterbot.sandbox.Ec2InstanceState.InstanceRec;
import io.sorterbot.sandbox.Ec2InstanceState.VolumeRec;
import io.sorterbot.sandbox.Ec2State.SecurityGroupRec;
import io.sorterbot.sandbox.Ec2State.SubnetRec;
import io.sorterbot.sandbox.Ec2Support.Kind;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.*;

/** RunInstances' validation and what it creates (the instance, its interface, root volume, profile association); images. */
final class FakeEc2InstanceLaunch {
  /** The root volume size of every simulated AMI. */
  static final int AMI_ROOT_SIZE = 8;
  static final int MAX_USER_DATA = 16384;
  /** Any {@code ami-} id is an image of the sandbox (FakeSsm's public parameters hand out such ids). */
  private static final Pattern AMI = Pattern.compile("ami-[0-9a-zA-Z]{1,32}");
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9-]+");
  private static final Set<String> VOLUME_TYPES = Set.of("gp2", "gp3", "io1", "io2", "st1", "sc1", "standard");

  private final Ec2Support s;
  private final FakeEc2Addresses addresses;
  private final FakeEc2InstanceProfiles profiles;

  FakeEc2InstanceLaunch(Ec2Support support, FakeEc2Addresses addresses, FakeEc2InstanceProfiles profiles) {
    this.s = support;
    this.addresses = addresses;
    this.profiles = profiles;
  }

  InstanceRec launch(Ec2State st, RunInstancesRequest r) {
    if (r.minCount() == null) throw missing("MinCount");
    if (r.maxCount() == null) throw missing("MaxCount");
    if (r.minCount() < 1 || r.maxCount() < r.minCount()) {
      throw invalidParameter("Value (" + r.maxCount() + ") for parameter maxCount is invalid. Expected a value >= minCount.");
    }
    if (r.maxCount() != 1) throw unsupported("RunInstances of more than one instance");
    if (r.launchTemplate() != null) throw unsupported("RunInstances with a launch template");
    if (r.imageId() == null) throw missing("ImageId");
    if (!AMI.matcher(r.imageId()).matches()) {
      throw error("InvalidAMIID.Malformed", "Invalid id: \"" + r.imageId() + "\" (expecting \"ami-...\")");
    }
    String type = r.instanceTypeAsString() == null ? "m1.small" : r.instanceTypeAsString();
    if (!TYPE.matcher(type).matches()) throw invalidParameter("Invalid value '" + type + "' for InstanceType.");

    Network n = network(st, r);
    if (r.keyName() != null && FakeEc2KeyPairs.byName(st, r.keyName()) == null) {
      throw FakeEc2KeyPairs.notFoundByName(r.keyName());
    }
    if (r.placement() != null && r.placement().availabilityZone() != null
        && !r.placement().availabilityZone().equals(n.subnet.availabilityZone)) {
      throw invalidParameter("Value (" + r.placement().availabilityZone() + ") for parameter availabilityZone is invalid. Subnet '"
          + n.subnet.id + "' is in the availability zone " + n.subnet.availabilityZone);
    }
    checkUserData(r.userData());
    VolumeSpec root = rootVolume(r);
    Map<String, Map<String, String>> tags = tags(r.tagSpecifications());
    IamState.InstanceProfileRec profile = profiles.profile(r.iamInstanceProfile());
    String privateIp = addresses.allocatePrivateIp(st, n.subnet, n.privateIp);

    InstanceRec i = s.init(new InstanceRec(), "i", tags.get("instance"));
    i.reservationId = s.account.newId("r");
    i.imageId = r.imageId();
    i.instanceType = type;
    i.vpcId = n.subnet.vpcId;
    i.subnetId = n.subnet.id;
    i.availabilityZone = n.subnet.availabilityZone;
    i.keyName = r.keyName();
    i.groupIds = n.groups;
    i.networkInterfaceId = s.account.newId("eni");
    i.attachmentId = s.account.newId("eni-attach");
    long seq = Long.parseLong(i.networkInterfaceId.substring(4), 16);
    i.macAddress = String.format("02:00:%02x:%02x:%02x:%02x", (seq >> 24) & 0xff, (seq >> 16) & 0xff, (seq >> 8) & 0xff,
        seq & 0xff);
    i.privateIp = privateIp;
    i.associatePublicIp = n.publicIp;
    i.publicIp = n.publicIp ? addresses.allocatePublicIp(st) : null;
    i.userData = r.userData();
    i.ebsOptimized = Boolean.TRUE.equals(r.ebsOptimized());
    i.clientToken = r.clientToken();
    i.state = "pending";
    i.stateSince = i.createdAt;
    i.launchTime = i.createdAt;

    VolumeRec v = s.init(new VolumeRec(), "vol", tags.get("volume"));
    v.size = root.size;
    v.volumeType = root.type;
    v.deleteOnTermination = root.deleteOnTermination;
    v.availabilityZone = i.availabilityZone;
    v.snapshotId = "snap-" + i.imageId.substring(4);
    v.instanceId = i.id;
    v.device = FakeEc2InstanceViews.ROOT_DEVICE;
    i.rootVolumeId = v.id;
    st.instances.put(i.id, i);
    st.volumes.put(v.id, v);
    if (profile != null) profiles.associate(st, i, profile);
    return i;
  }

  /** Every well-formed {@code ami-} id names an available x86_64 EBS image with an 8 GiB root snapshot. */
  DescribeImagesResponse describeImages(DescribeImagesRequest r) {
    Ec2Support.dryRun(r.dryRun());
    if ((r.hasFilters() && !r.filters().isEmpty()) || (r.hasOwners() && !r.owners().isEmpty())
        || (r.hasExecutableUsers() && !r.executableUsers().isEmpty())) {
      throw unsupported("DescribeImages with filters, owners or executable users");
    }
    if (!r.hasImageIds() || r.imageIds().isEmpty()) throw unsupported("DescribeImages without image ids");
    List<Image> out = new ArrayList<>();
    for (String id : new java.util.LinkedHashSet<>(r.imageIds())) {
      if (!AMI.matcher(id).matches()) throw error("InvalidAMIID.Malformed", "Invalid id: \"" + id + "\" (expecting \"ami-...\")");
      out.add(Image.builder().imageId(id).name("sandbox-image-" + id.substring(4)).state(ImageState.AVAILABLE)
          .architecture(ArchitectureValues.X86_64).imageType(ImageTypeValues.MACHINE).rootDeviceType(DeviceType.EBS)
          .rootDeviceName(FakeEc2InstanceViews.ROOT_DEVICE).virtualizationType(VirtualizationType.HVM)
          .hypervisor(HypervisorType.XEN).enaSupport(true).ownerId("137112412989").imageOwnerAlias("amazon")
          .publicLaunchPermissions(true).platformDetails("Linux/UNIX").usageOperation("RunInstances")
          .blockDeviceMappings(BlockDeviceMapping.builder().deviceName(FakeEc2InstanceViews.ROOT_DEVICE)
              .ebs(EbsBlockDevice.builder().snapshotId("snap-" + id.substring(4)).volumeSize(AMI_ROOT_SIZE)
                  .volumeType(VolumeType.GP3).deleteOnTermination(true).encrypted(false).build()).build())
          .build());
    }
    return DescribeImagesResponse.builder().images(out).build();
  }

  private record Network(SubnetRec subnet, List<String> groups, boolean publicIp, String privateIp) {}

  private Network network(Ec2State st, RunInstancesRequest r) {
    List<InstanceNetworkInterfaceSpecification> nis = r.hasNetworkInterfaces() ? r.networkInterfaces() : List.of();
    boolean instanceGroups = (r.hasSecurityGroupIds() && !r.securityGroupIds().isEmpty())
        || (r.hasSecurityGroups() && !r.securityGroups().isEmpty());
    String subnetId;
    List<String> groupIds;
    Boolean publicIp = null;
    String privateIp;
    if (!nis.isEmpty()) {
      if (nis.size() > 1) throw unsupported("RunInstances with more than one network interface");
      InstanceNetworkInterfaceSpecification ni = nis.get(0);
      if (r.subnetId() != null) {
        throw error("InvalidParameterCombination", "Network interfaces and an instance-level subnet ID may not be specified on the same request");
      }
      if (instanceGroups) {
        throw error("InvalidParameterCombination", "Network interfaces and an instance-level security groups may not be specified on the same request");
      }
      if (r.privateIpAddress() != null) {
        throw error("InvalidParameterCombination", "Network interfaces and an instance-level private IP address may not be specified on the same request");
      }
      if (ni.networkInterfaceId() != null) throw unsupported("RunInstances with an existing network interface");
      if (ni.deviceIndex() == null) throw invalidParameter("Each network interface requires a device index.");
      if (ni.deviceIndex() != 0) throw invalidParameter("The first network interface must have device index 0.");
      subnetId = ni.subnetId();
      groupIds = ni.hasGroups() ? ni.groups() : List.of();
      publicIp = ni.associatePublicIpAddress();
      privateIp = ni.privateIpAddress();
    } else {
      subnetId = r.subnetId();
      groupIds = r.hasSecurityGroupIds() ? r.securityGroupIds() : List.of();
      privateIp = r.privateIpAddress();
    }
    if (subnetId == null) throw error("VPCIdNotSpecified", "No default VPC for this user");
    SubnetRec sn = Ec2Support.require(st.subnets, Kind.SUBNET, subnetId);
    List<String> groups = new ArrayList<>();
    for (String id : groupIds) groups.add(group(st, Ec2Support.require(st.securityGroups, Kind.SECURITY_GROUP, id), sn));
    if (nis.isEmpty() && r.hasSecurityGroups()) {
      for (String name : r.securityGroups()) {
        SecurityGroupRec g = st.securityGroups.values().stream()
            .filter(x -> x.vpcId.equals(sn.vpcId) && x.groupName.equals(name)).findFirst()
            .orElseThrow(() -> error("InvalidGroup.NotFound", "The security group '" + name + "' does not exist in VPC '" + sn.vpcId + "'"));
        groups.add(g.id);
      }
    }
    if (groups.isEmpty()) {
      st.securityGroups.values().stream().filter(x -> x.vpcId.equals(sn.vpcId) && x.groupName.equals("default"))
          .findFirst().ifPresent(g -> groups.add(g.id));
    }
    boolean pub = publicIp != null ? publicIp : sn.mapPublicIpOnLaunch;
    return new Network(sn, new ArrayList<>(new java.util.LinkedHashSet<>(groups)), pub, privateIp);
  }

  /** A group of the subnet's VPC. */
  static String group(Ec2State st, SecurityGroupRec g, SubnetRec sn) {
    if (!g.vpcId.equals(sn.vpcId)) {
      throw error("InvalidParameter", "Security group " + g.id + " and subnet " + sn.id + " belong to different networks.");
    }
    return g.id;
  }

  private static void checkUserData(String userData) {
    if (userData == null) return;
    byte[] raw;
    try {
      raw = Base64.getMimeDecoder().decode(userData);
    } catch (IllegalArgumentException e) {
      throw invalidParameter("Invalid BASE64 encoding of user data.");
    }
    if (raw.length > MAX_USER_DATA) throw invalidParameter("User data is limited to " + MAX_USER_DATA + " bytes");
  }

  private record VolumeSpec(int size, String type, boolean deleteOnTermination) {}

  private static VolumeSpec rootVolume(RunInstancesRequest r) {
    VolumeSpec out = new VolumeSpec(AMI_ROOT_SIZE, "gp3", true);
    if (!r.hasBlockDeviceMappings()) return out;
    for (BlockDeviceMapping m : r.blockDeviceMappings()) {
      if (!FakeEc2InstanceViews.ROOT_DEVICE.equals(m.deviceName()) || m.ebs() == null) {
        throw unsupported("block device mappings other than the root volume " + FakeEc2InstanceViews.ROOT_DEVICE);
      }
      EbsBlockDevice e = m.ebs();
      int size = e.volumeSize() == null ? AMI_ROOT_SIZE : e.volumeSize();
      if (size < AMI_ROOT_SIZE) {
        throw error("InvalidBlockDeviceMapping", "Volume of size " + size + "GB is smaller than snapshot, expect size >= "
            + AMI_ROOT_SIZE + "GB");
      }
      if (size > 16384) throw invalidParameter("Volume of " + size + "GiB is too large; maximum is 16384GiB.");
      String type = e.volumeTypeAsString() == null ? "gp3" : e.volumeTypeAsString();
      if (!VOLUME_TYPES.contains(type)) throw invalidParameter("Value (" + type + ") for parameter volumeType is invalid.");
      out = new VolumeSpec(size, type, e.deleteOnTermination() == null || e.deleteOnTermination());
    }
    return out;
  }

  /** Tags by resource type; RunInstances tags the instance, its volumes and its network interfaces. */
  private static Map<String, Map<String, String>> tags(List<TagSpecification> specs) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (String t : List.of("instance", "volume", "network-interface")) out.put(t, new LinkedHashMap<>());
    for (TagSpecification spec : specs == null ? List.<TagSpecification>of() : specs) {
      String t = spec.resourceTypeAsString();
      if (t == null) throw missing("TagSpecification.ResourceType");
      if (!out.containsKey(t)) throw invalidParameter("'" + t + "' is not a valid taggable resource type for this operation.");
      for (Tag tag : spec.tags()) Ec2Support.putTag(out.get(t), tag);
      Ec2Support.checkTagCount(out.get(t));
    }
    return out;
  }
}
