package io.sorterbot.sandbox;

import io.sorterbot.sandbox.Ec2State.Res;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of instances, their root volumes and key pairs, kept in {@link Ec2State} (same JSON
 * document, {@code services.ec2.<region>}) so that tags, filters and dependency checks see one state.
 */
public final class Ec2InstanceState {
  private Ec2InstanceState() {}

  public static final class InstanceRec extends Res {
    public String reservationId;
    public String imageId;
    public String instanceType;
    public String vpcId;
    public String subnetId;
    public String availabilityZone;
    public String keyName;
    /** The primary network interface's groups (what AWS reports at instance level too). */
    public List<String> groupIds = new ArrayList<>();
    public String networkInterfaceId;
    public String attachmentId;
    public String macAddress;
    public String privateIp;
    /** The current auto-assigned public address, null when none (stopped instances lose it). */
    public String publicIp;
    /** The primary interface's setting: whether a (re)start maps a public address. */
    public boolean associatePublicIp;
    /** Base64, as sent. */
    public String userData;
    public boolean ebsOptimized;
    public String rootVolumeId;
    public String clientToken;
    /** {@code pending}, {@code stopping} and {@code shutting-down} settle lazily, see FakeEc2Instances. */
    public String state;
    /** ISO-8601 instant the state was entered (drives the lazy transitions). */
    public String stateSince;
    public String stateTransitionReason = "";
    public String launchTime;
    public String iamProfileArn;
    public String iamProfileId;
    public String iamAssociationId;
  }

  public static final class VolumeRec extends Res {
    public int size;
    public String volumeType = "gp3";
    public String availabilityZone;
    public String snapshotId;
    /** Null once detached. */
    public String instanceId;
    public String device;
    public boolean deleteOnTermination = true;
    /** When the last ModifyVolume started (AWS allows one modification per volume every 6 hours). */
    public String lastModifiedAt;
  }

  public static final class KeyPairRec extends Res {
    public String keyName;
    public String fingerprint;
    /** {@code rsa} or {@code ed25519}. */
    public String keyType;
    /** OpenSSH form ({@code ssh-rsa AAAA...}), as DescribeKeyPairs returns it with IncludePublicKey. */
    public String publicKey;
  }

  /** Tags unused: a Res only so that describe filters work the same way. */
  public static final class IamAssociationRec extends Res {
    public String instanceId;
    public String profileArn;
    public String profileId;
    /** {@code associated} or {@code disassociated}. */
    public String state;
  }
}
