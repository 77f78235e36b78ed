package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.Ec2Support.dryRun;
import static io.sorterbot.sandbox.Ec2Support.error;
import static io.sorterbot.sandbox.Ec2Support.invalidParameter;
import static io.sorterbot.sandbox.Ec2Support.missing;
import static io.sorterbot.sandbox.Ec2Support.one;
import static io.sorterbot.sandbox.Ec2Support.unsupported;

import io.sorterbot.sandbox.Ec2InstanceState.IamAssociationRec;
import io.sorterbot.sandbox.Ec2InstanceState.InstanceRec;
import io.sorterbot.sandbox.Ec2InstanceState.VolumeRec;
import io.sorterbot.sandbox.Ec2Support.Kind;
import io.sorterbot.sandbox.Ec2Support.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * What can change on a launched instance in {@link FakeEc2}: instance and network interface attributes,
 * IAM instance profile associations, and the root volume (DescribeVolumes, ModifyVolume). Runs under the lock.
 */
final class FakeEc2InstanceAttributes {
  /** AWS allows one modification per volume every six hours. */
  static final Duration VOLUME_MODIFICATION_INTERVAL = Duration.ofHours(6);
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9-]+");

  private final Ec2Support s;
  private final FakeEc2InstanceViews views;
  private final FakeEc2Instances instances;
  private final FakeEc2Addresses addresses;
  private final FakeEc2InstanceProfiles profiles;

  FakeEc2InstanceAttributes(Ec2Support support, FakeEc2InstanceViews views, FakeEc2Instances instances,
                            FakeEc2Addresses addresses, FakeEc2InstanceProfiles profiles) {
    this.s = support;
    this.views = views;
    this.instances = instances;
    this.addresses = addresses;
    this.profiles = profiles;
  }

  // ---- instance attributes ----

  ModifyInstanceAttributeResponse modifyInstanceAttribute(ModifyInstanceAttributeRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    instances.settle(st);
    InstanceRec i = live(st, r.instanceId());
    List<String> set = new ArrayList<>();
    if (r.instanceType() != null) set.add("instanceType");
    if (r.userData() != null) set.add("userData");
    if (r.ebsOptimized() != null) set.add("ebsOptimized");
    if (r.hasGroups() && !r.groups().isEmpty()) set.add("groupSet");
    if (r.attribute() != null || r.value() != null || r.sourceDestCheck() != null || r.disableApiTermination() != null
        || r.disableApiStop() != null || r.kernel() != null || r.ramdisk() != null || r.sriovNetSupport() != null
        || r.enaSupport() != null || r.instanceInitiatedShutdownBehavior() != null || r.hasBlockDeviceMappings()) {
      throw unsupported("ModifyInstanceAttribute other than instanceType, userData, ebsOptimized and groups");
    }
    if (set.isEmpty()) throw missing("an attribute to modify");
    if (set.size() > 1) {
      throw error("InvalidParameterCombination", "Fields for multiple attribute types specified: " + String.join(", ", set));
    }
    String attribute = set.get(0);
    if (!attribute.equals("groupSet") && !views.state(i).equals("stopped")) {
      throw error("IncorrectInstanceState", "The instance '" + i.id + "' is not in the 'stopped' state.");
    }
    switch (attribute) {
      case "instanceType" -> {
        String t = r.instanceType().value();
        if (t == null || !TYPE.matcher(t).matches()) throw invalidParameter("Invalid value '" + t + "' for InstanceType.");
        i.instanceType = t;
      }
      case "userData" -> {
        // The SDK sends the raw bytes base64-encoded; the instance keeps them in that form.
        byte[] raw = r.userData().value() == null ? new byte[0] : r.userData().value().asByteArray();
        if (raw.length > FakeEc2InstanceLaunch.MAX_USER_DATA) {
          throw invalidParameter("User data is limited to " + FakeEc2InstanceLaunch.MAX_USER_DATA + " bytes");
        }
        i.userData = raw.length == 0 ? null : Base64.getEncoder().encodeToString(raw);
      }
      case "ebsOptimized" -> {
        if (r.ebsOptimized().value() == null) throw missing("EbsOptimized.Value");
        i.ebsOptimized = r.ebsOptimized().value();
      }
      default -> i.groupIds = groups(st, i, r.groups());
    }
    return ModifyInstanceAttributeResponse.builder().build();
  }

  DescribeInstanceAttributeResponse describeInstanceAttribute(DescribeInstanceAttributeRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    InstanceRec i = instances.visible(st, r.instanceId());
    String a = r.attributeAsString();
    if (a == null) throw missing("Attribute");
    DescribeInstanceAttributeResponse.Builder b = DescribeInstanceAttributeResponse.builder().instanceId(i.id);
    switch (a) {
      case "instanceType" -> b.instanceType(AttributeValue.builder().value(i.instanceType).build());
      case "userData" -> b.userData(AttributeValue.builder().value(i.userData).build());
      case "groupSet" -> b.groups(views.terminated(i) ? List.of() : views.groups(st, i.groupIds));
      case "ebsOptimized" -> b.ebsOptimized(AttributeBooleanValue.builder().value(i.ebsOptimized).build());
      case "rootDeviceName" -> b.rootDeviceName(AttributeValue.builder().value(FakeEc2InstanceViews.ROOT_DEVICE).build());
      case "blockDeviceMapping" -> b.blockDeviceMappings(views.toInstance(st, i).blockDeviceMappings());
      case "disableApiTermination" -> b.disableApiTermination(AttributeBooleanValue.builder().value(false).build());
      case "disableApiStop" -> b.disableApiStop(AttributeBooleanValue.builder().value(false).build());
      case "sourceDestCheck" -> b.sourceDestCheck(AttributeBooleanValue.builder().value(true).build());
      case "instanceInitiatedShutdownBehavior" ->
          b.instanceInitiatedShutdownBehavior(AttributeValue.builder().value("stop").build());
      default -> throw invalidParameter("Value (" + a + ") for parameter attribute is invalid. Unknown attribute.");
    }
    return b.build();
  }

  // ---- the primary network interface ----

  ModifyNetworkInterfaceAttributeResponse modifyNetworkInterfaceAttribute(ModifyNetworkInterfaceAttributeRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    instances.settle(st);
    InstanceRec i = byInterface(st, r.networkInterfaceId());
    if (r.description() != null || r.sourceDestCheck() != null || r.attachment() != null || r.enaSrdSpecification() != null
        || r.connectionTrackingSpecification() != null || r.enablePrimaryIpv6() != null
        || (r.hasAssociatedSubnetIds() && !r.associatedSubnetIds().isEmpty())) {
      throw unsupported("ModifyNetworkInterfaceAttribute other than groups and associatePublicIpAddress");
    }
    boolean groups = r.hasGroups() && !r.groups().isEmpty();
    if (groups == (r.associatePublicIpAddress() != null)) {
      if (groups) throw error("InvalidParameterCombination", "Fields for multiple attribute types specified");
      throw missing("an attribute to modify");
    }
    if (groups) {
      i.groupIds = groups(st, i, r.groups());
    } else {
      i.associatePublicIp = r.associatePublicIpAddress();
      boolean up = List.of("pending", "running").contains(i.state);
      if (!i.associatePublicIp) i.publicIp = null;
      else if (up && i.publicIp == null) i.publicIp = addresses.allocatePublicIp(st);
    }
    return ModifyNetworkInterfaceAttributeResponse.builder().build();
  }

  DescribeNetworkInterfaceAttributeResponse describeNetworkInterfaceAttribute(DescribeNetworkInterfaceAttributeRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    InstanceRec i = byInterface(st, r.networkInterfaceId());
    String a = r.attributeAsString();
    if (a == null) throw missing("Attribute");
    var b = DescribeNetworkInterfaceAttributeResponse.builder().networkInterfaceId(i.networkInterfaceId);
    switch (a) {
      case "groupSet" -> b.groups(views.groups(st, i.groupIds));
      case "associatePublicIpAddress" -> b.associatePublicIpAddress(i.associatePublicIp);
      case "sourceDestCheck" -> b.sourceDestCheck(AttributeBooleanValue.builder().value(true).build());
      case "description" -> b.description(AttributeValue.builder().value("").build());
      case "attachment" -> b.attachment(NetworkInterfaceAttachment.builder().attachmentId(i.attachmentId).instanceId(i.id)
          .deviceIndex(0).status(AttachmentStatus.ATTACHED).deleteOnTermination(true).instanceOwnerId(s.owner()).build());
      default -> throw invalidParameter("Value (" + a + ") for parameter attribute is invalid. Unknown attribute.");
    }
    return b.build();
  }

  // ---- IAM instance profile associations ----

  AssociateIamInstanceProfileResponse associateIamInstanceProfile(AssociateIamInstanceProfileRequest r) {
    Ec2State st = s.state();
    instances.settle(st);
    InstanceRec i = live(st, r.instanceId());
    IamState.InstanceProfileRec profile = profiles.profile(r.iamInstanceProfile());
    if (profile == null) throw missing("IamInstanceProfile");
    if (views.association(st, i) != null) {
      throw error("IncorrectState", "There is an existing association for instance " + i.id);
    }
    return AssociateIamInstanceProfileResponse.builder()
        .iamInstanceProfileAssociation(FakeEc2InstanceProfiles.toAssociation(profiles.associate(st, i, profile))).build();
  }

  ReplaceIamInstanceProfileAssociationResponse replaceIamInstanceProfileAssociation(
      ReplaceIamInstanceProfileAssociationRequest r) {
    Ec2State st = s.state();
    instances.settle(st);
    IamAssociationRec a = Ec2Support.require(st.iamAssociations, Kind.IAM_ASSOCIATION, r.associationId());
    IamState.InstanceProfileRec profile = profiles.profile(r.iamInstanceProfile());
    if (profile == null) throw missing("IamInstanceProfile");
    FakeEc2InstanceProfiles.setProfile(a, profile);
    return ReplaceIamInstanceProfileAssociationResponse.builder().iamInstanceProfileAssociation(FakeEc2InstanceProfiles.toAssociation(a)).build();
  }

  DisassociateIamInstanceProfileResponse disassociateIamInstanceProfile(DisassociateIamInstanceProfileRequest r) {
    Ec2State st = s.state();
    instances.settle(st);
    IamAssociationRec a = Ec2Support.require(st.iamAssociations, Kind.IAM_ASSOCIATION, r.associationId());
    st.iamAssociations.remove(a.id);
    a.state = "disassociating";
    return DisassociateIamInstanceProfileResponse.builder().iamInstanceProfileAssociation(FakeEc2InstanceProfiles.toAssociation(a)).build();
  }

  DescribeIamInstanceProfileAssociationsResponse describeIamInstanceProfileAssociations(
      DescribeIamInstanceProfileAssociationsRequest r) {
    Ec2State st = s.state();
    Map<String, Function<IamAssociationRec, Collection<String>>> f = new LinkedHashMap<>();
    f.put("instance-id", a -> one(a.instanceId));
    f.put("state", a -> one(a.state));
    List<IamAssociationRec> found = s.select(st.iamAssociations, Kind.IAM_ASSOCIATION, r.associationIds(), r.filters(), f);
    Page<IamAssociationRec> p = Ec2Support.page(found, r.maxResults(), r.nextToken(), 5);
    return DescribeIamInstanceProfileAssociationsResponse.builder()
        .iamInstanceProfileAssociations(p.items().stream().map(FakeEc2InstanceProfiles::toAssociation).toList())
        .nextToken(p.nextToken()).build();
  }

  // ---- volumes ----

  DescribeVolumesResponse describeVolumes(DescribeVolumesRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    Map<String, Function<VolumeRec, Collection<String>>> f = new LinkedHashMap<>();
    f.put("volume-id", v -> one(v.id));
    f.put("attachment.instance-id", v -> attachedTo(st, v) == null ? List.of() : one(v.instanceId));
    f.put("attachment.device", v -> attachedTo(st, v) == null ? List.of() : one(v.device));
    f.put("attachment.delete-on-termination", v -> one(v.deleteOnTermination));
    f.put("availability-zone", v -> one(v.availabilityZone));
    f.put("size", v -> one(v.size));
    f.put("volume-type", v -> one(v.volumeType));
    f.put("snapshot-id", v -> one(v.snapshotId));
    f.put("status", v -> one(attachedTo(st, v) == null ? "available" : "in-use"));
    Map<String, VolumeRec> existing = new LinkedHashMap<>();
    st.volumes.forEach((id, v) -> { if (views.volumeExists(st, v)) existing.put(id, v); });
    List<VolumeRec> found = s.select(existing, Kind.VOLUME, r.volumeIds(), r.filters(), f);
    Page<VolumeRec> p = Ec2Support.page(found, r.maxResults(), r.nextToken(), 5);
    return DescribeVolumesResponse.builder().volumes(p.items().stream().map(v -> views.toVolume(st, v)).toList())
        .nextToken(p.nextToken()).build();
  }

  ModifyVolumeResponse modifyVolume(ModifyVolumeRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    instances.settle(st);
    VolumeRec v = Ec2Support.require(st.volumes, Kind.VOLUME, r.volumeId());
    if (r.volumeType() != null || r.iops() != null || r.throughput() != null || r.multiAttachEnabled() != null) {
      throw unsupported("ModifyVolume other than size");
    }
    if (r.size() == null) throw missing("Size");
    if (r.size() < v.size) {
      throw invalidParameter("New size cannot be smaller than existing size of " + v.size + " GiB for volume " + v.id + ".");
    }
    if (r.size() > 16384) throw invalidParameter("Volume of " + r.size() + "GiB is too large; maximum is 16384GiB.");
    if (v.lastModifiedAt != null
        && Instant.parse(v.lastModifiedAt).plus(VOLUME_MODIFICATION_INTERVAL).isAfter(s.account.now())) {
      throw error("VolumeModificationRateExceeded", "You've reached the maximum modification rate per volume limit."
          + " Wait at least 6 hours between modifications per EBS volume.");
    }
    int original = v.size;
    v.size = r.size();
    v.lastModifiedAt = s.now();
    return ModifyVolumeResponse.builder().volumeModification(VolumeModification.builder().volumeId(v.id)
        .modificationState(VolumeModificationState.MODIFYING).originalSize(original).targetSize(v.size)
        .originalVolumeType(v.volumeType).targetVolumeType(v.volumeType).progress(0L)
        .startTime(Instant.parse(v.lastModifiedAt)).build()).build();
  }

  // ---- shared ----

  /** An instance that is not terminated (or shutting down): what attribute changes need. */
  private InstanceRec live(Ec2State st, String id) {
    InstanceRec i = instances.existing(st, id);
    if (i.state.equals("terminated") || i.state.equals("shutting-down")) {
      throw error("IncorrectInstanceState", "The instance '" + i.id + "' is not in a state from which it can be modified.");
    }
    return i;
  }

  private InstanceRec byInterface(Ec2State st, String eniId) {
    if (eniId == null) throw missing("NetworkInterfaceId");
    for (InstanceRec i : st.instances.values()) {
      if (eniId.equals(i.networkInterfaceId) && !views.terminated(i)) return i;
    }
    return Ec2Support.require(Map.<String, InstanceRec>of(), Kind.NETWORK_INTERFACE, eniId);
  }

  private static List<String> groups(Ec2State st, InstanceRec i, List<String> ids) {
    Ec2State.SubnetRec sn = st.subnets.get(i.subnetId);
    List<String> out = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      out.add(FakeEc2InstanceLaunch.group(st, Ec2Support.require(st.securityGroups, Kind.SECURITY_GROUP, id), sn));
    }
    return out;
  }

  private InstanceRec attachedTo(Ec2State st, VolumeRec v) {
    InstanceRec i = v.instanceId == null ? null : st.instances.get(v.instanceId);
    return i == null || views.terminated(i) ? null : i;
  }
}
