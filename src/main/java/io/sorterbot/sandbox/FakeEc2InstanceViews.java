package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.Ec2Support.one;
import static io.sorterbot.sandbox.Ec2Support.sdkTags;

import io.sorterbot.sandbox.Ec2InstanceState.IamAssociationRec;
import io.sorterbot.sandbox.Ec2InstanceState.InstanceRec;
import io.sorterbot.sandbox.Ec2InstanceState.VolumeRec;
import io.sorterbot.sandbox.Ec2State.SecurityGroupRec;
import io.sorterbot.sandbox.Ec2State.VpcRec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * How instances and their volumes look from outside: the lazily settled state (pending → running after
 * {@link #BOOT}, stopping → stopped, shutting-down → terminated, all through
 * {@link SandboxGate#provisioned}), SDK objects, DNS names and describe filters. Runs under the account lock.
 */
final class FakeEc2InstanceViews {
  static final Duration BOOT = Duration.ofMinutes(1);
  static final Duration STOP = Duration.ofMinutes(1);
  static final Duration SHUTDOWN = Duration.ofMinutes(1);
  /** Terminated instances stay in describes for about an hour. */
  static final Duration TERMINATED_VISIBLE = Duration.ofHours(1);
  static final String ROOT_DEVICE = "/dev/xvda";

  private final Ec2Support s;

  FakeEc2InstanceViews(Ec2Support support) { this.s = support; }

  /** The state as AWS would report it now: transitions complete once their nominal time has passed. */
  String state(InstanceRec i) {
    return switch (i.state) {
      case "pending" -> s.gate.provisioned(i.stateSince, BOOT) ? "running" : "pending";
      case "stopping" -> s.gate.provisioned(i.stateSince, STOP) ? "stopped" : "stopping";
      case "shutting-down" -> s.gate.provisioned(i.stateSince, SHUTDOWN) ? "terminated" : "shutting-down";
      default -> i.state;
    };
  }

  boolean terminated(InstanceRec i) { return state(i).equals("terminated"); }

  /** Visible to describes: past the consistency lag, and not terminated for more than an hour. */
  boolean visible(InstanceRec i) {
    if (!s.visible(i)) return false;
    return !terminated(i) || Instant.parse(i.stateSince).plus(TERMINATED_VISIBLE).isAfter(s.account.now());
  }

  static int code(String state) {
    return switch (state) {
      case "pending" -> 0;
      case "running" -> 16;
      case "shutting-down" -> 32;
      case "terminated" -> 48;
      case "stopping" -> 64;
      default -> 80;
    };
  }

  static InstanceState sdkState(String state) { return InstanceState.builder().code(code(state)).name(state).build(); }

  Map<String, Function<InstanceRec, Collection<String>>> filters(Ec2State st) {
    Map<String, Function<InstanceRec, Collection<String>>> f = new LinkedHashMap<>();
    f.put("instance-id", i -> one(i.id));
    f.put("instance-state-name", i -> one(state(i)));
    f.put("instance-state-code", i -> one(code(state(i))));
    f.put("instance-type", i -> one(i.instanceType));
    f.put("image-id", i -> one(i.imageId));
    f.put("key-name", i -> one(i.keyName));
    f.put("reservation-id", i -> one(i.reservationId));
    f.put("client-token", i -> one(i.clientToken));
    f.put("availability-zone", i -> one(i.availabilityZone));
    f.put("subnet-id", i -> terminated(i) ? List.of() : one(i.subnetId));
    f.put("vpc-id", i -> terminated(i) ? List.of() : one(i.vpcId));
    f.put("private-ip-address", i -> terminated(i) ? List.of() : one(i.privateIp));
    f.put("ip-address", i -> one(terminated(i) ? null : i.publicIp));
    f.put("instance.group-id", i -> terminated(i) ? List.of() : i.groupIds);
    f.put("network-interface.network-interface-id", i -> terminated(i) ? List.of() : one(i.networkInterfaceId));
    f.put("iam-instance-profile.arn", i -> {
      IamAssociationRec a = association(st, i);
      return a == null ? List.of() : one(a.profileArn);
    });
    return f;
  }

  /** The instance's current profile association, or null. */
  IamAssociationRec association(Ec2State st, InstanceRec i) {
    if (terminated(i)) return null;
    for (IamAssociationRec a : st.iamAssociations.values()) {
      if (a.instanceId.equals(i.id) && a.state.equals("associated")) return a;
    }
    return null;
  }

  Instance toInstance(Ec2State st, InstanceRec i) {
    String state = state(i);
    Instance.Builder b = Instance.builder().instanceId(i.id).imageId(i.imageId).instanceType(i.instanceType)
        .state(sdkState(state)).launchTime(Instant.parse(i.launchTime)).amiLaunchIndex(0)
        .placement(Placement.builder().availabilityZone(i.availabilityZone).tenancy(Tenancy.DEFAULT).build())
        .architecture(ArchitectureValues.X86_64).rootDeviceType(DeviceType.EBS).rootDeviceName(ROOT_DEVICE)
        .virtualizationType(VirtualizationType.HVM).hypervisor(HypervisorType.XEN).enaSupport(true)
        .clientToken(i.clientToken == null ? "" : i.clientToken).ebsOptimized(i.ebsOptimized).keyName(i.keyName)
        .stateTransitionReason(i.stateTransitionReason).platformDetails("Linux/UNIX").usageOperation("RunInstances")
        .monitoring(Monitoring.builder().state(MonitoringState.DISABLED).build());
    if (!i.tags.isEmpty()) b.tags(sdkTags(i.tags));
    if (state.equals("terminated")) {
      return b.privateDnsName("").publicDnsName("")
          .stateReason(StateReason.builder().code("Client.UserInitiatedShutdown")
              .message("Client.UserInitiatedShutdown: User initiated shutdown").build()).build();
    }
    if (state.equals("stopped") || state.equals("stopping")) {
      b.stateReason(StateReason.builder().code("Client.UserInitiatedShutdown")
          .message("Client.UserInitiatedShutdown: User initiated shutdown").build());
    }
    String publicDns = publicDnsName(st, i);
    List<GroupIdentifier> groups = groups(st, i.groupIds);
    InstanceNetworkInterfaceAssociation assoc = i.publicIp == null ? null : InstanceNetworkInterfaceAssociation.builder()
        .publicIp(i.publicIp).publicDnsName(publicDns).ipOwnerId("amazon").build();
    InstanceNetworkInterface eni = InstanceNetworkInterface.builder().networkInterfaceId(i.networkInterfaceId)
        .subnetId(i.subnetId).vpcId(i.vpcId).ownerId(s.owner()).status(NetworkInterfaceStatus.IN_USE)
        .macAddress(i.macAddress).privateIpAddress(i.privateIp).privateDnsName(privateDnsName(i)).sourceDestCheck(true)
        .interfaceType("interface").groups(groups).association(assoc)
        .privateIpAddresses(InstancePrivateIpAddress.builder().primary(true).privateIpAddress(i.privateIp)
            .privateDnsName(privateDnsName(i)).association(assoc).build())
        .attachment(InstanceNetworkInterfaceAttachment.builder().attachmentId(i.attachmentId).deviceIndex(0)
            .networkCardIndex(0).status(AttachmentStatus.ATTACHED).deleteOnTermination(true)
            .attachTime(Instant.parse(i.launchTime)).build())
        .build();
    b.subnetId(i.subnetId).vpcId(i.vpcId).privateIpAddress(i.privateIp).privateDnsName(privateDnsName(i))
        .publicIpAddress(i.publicIp).publicDnsName(publicDns).securityGroups(groups).networkInterfaces(eni)
        .sourceDestCheck(true);
    VolumeRec root = st.volumes.get(i.rootVolumeId);
    if (root != null) {
      b.blockDeviceMappings(InstanceBlockDeviceMapping.builder().deviceName(ROOT_DEVICE)
          .ebs(EbsInstanceBlockDevice.builder().volumeId(root.id).status(AttachmentStatus.ATTACHED)
              .deleteOnTermination(root.deleteOnTermination).attachTime(Instant.parse(root.createdAt)).build()).build());
    }
    IamAssociationRec a = association(st, i);
    if (a != null) b.iamInstanceProfile(IamInstanceProfile.builder().arn(a.profileArn).id(a.profileId).build());
    return b.build();
  }

  List<GroupIdentifier> groups(Ec2State st, List<String> ids) {
    List<GroupIdentifier> out = new ArrayList<>();
    for (String id : ids) {
      SecurityGroupRec g = st.securityGroups.get(id);
      out.add(GroupIdentifier.builder().groupId(id).groupName(g == null ? null : g.groupName).build());
    }
    return out;
  }

  /** AWS gives public DNS names only in VPCs with both DNS support and DNS hostnames on. */
  String publicDnsName(Ec2State st, InstanceRec i) {
    VpcRec v = st.vpcs.get(i.vpcId);
    if (i.publicIp == null || v == null || !v.enableDnsSupport || !v.enableDnsHostnames) return "";
    String zone = s.region().equals("us-east-1") ? "compute-1" : s.region() + ".compute";
    return "ec2-" + i.publicIp.replace('.', '-') + "." + zone + ".amazonaws.com";
  }

  String privateDnsName(InstanceRec i) {
    String zone = s.region().equals("us-east-1") ? "ec2.internal" : s.region() + ".compute.internal";
    return "ip-" + i.privateIp.replace('.', '-') + "." + zone;
  }

  /** A volume is gone with its instance when it was to be deleted on termination. */
  boolean volumeExists(Ec2State st, VolumeRec v) {
    InstanceRec i = v.instanceId == null ? null : st.instances.get(v.instanceId);
    return i == null || !terminated(i) || !v.deleteOnTermination;
  }

  Volume toVolume(Ec2State st, VolumeRec v) {
    InstanceRec i = v.instanceId == null ? null : st.instances.get(v.instanceId);
    boolean attached = i != null && !terminated(i);
    Volume.Builder b = Volume.builder().volumeId(v.id).size(v.size).volumeType(v.volumeType).snapshotId(v.snapshotId)
        .availabilityZone(v.availabilityZone).createTime(Instant.parse(v.createdAt)).encrypted(false)
        .multiAttachEnabled(false).iops(3000).throughput(125)
        .state(attached ? VolumeState.IN_USE : VolumeState.AVAILABLE)
        .attachments(attached ? List.of(VolumeAttachment.builder().volumeId(v.id).instanceId(i.id).device(v.device)
            .state(VolumeAttachmentState.ATTACHED).deleteOnTermination(v.deleteOnTermination)
            .attachTime(Instant.parse(v.createdAt)).build()) : List.of());
    if (!v.tags.isEmpty()) b.tags(sdkTags(v.tags));
    return b.build();
  }
}
