package io.sorterbot.sandbox;

import io.sorterbot.sandbox.RdsState.InstanceRec;
import io.sorterbot.sandbox.RdsState.Res;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.rds.model.*;

/** What the RDS fakes share: errors, names, ARNs, tags, pagination, the EC2 view, and settling slow transitions. */
final class FakeRdsSupport {
  /** Nominal durations (scaled by the provision-scale knob): AWS takes minutes for each. */
  static final Duration CREATE = Duration.ofMinutes(6);
  static final Duration FIRST_BACKUP = Duration.ofMinutes(1);
  static final Duration MODIFY = Duration.ofMinutes(2);
  static final Duration DELETE = Duration.ofMinutes(2);
  static final Duration SNAPSHOT = Duration.ofMinutes(2);
  /**
   * After a storage change an instance is in storage-optimization "for several hours" (AWS: typically a few,
   * sometimes more than 24): usable and modifiable meanwhile, except for another storage change, refused for
   * 6 hours or until the optimization ends, whichever is longer. Sources:
   * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.ModifyingExisting.html and
   * https://repost.aws/knowledge-center/rds-stuck-in-storage-optimization
   */
  static final Duration STORAGE_OPTIMIZATION = Duration.ofHours(3);
  static final Duration STORAGE_COOLDOWN = Duration.ofHours(6);

  /** Each modelled fault as the real client types it; anything else is a plain RdsException. */
  private static final Map<String, Supplier<RdsException.Builder>> TYPED = Map.ofEntries(
      Map.entry("DBInstanceAlreadyExists", DbInstanceAlreadyExistsException::builder),
      Map.entry("DBInstanceNotFound", DbInstanceNotFoundException::builder),
      Map.entry("InvalidDBInstanceState", InvalidDbInstanceStateException::builder),
      Map.entry("DBSubnetGroupAlreadyExists", DbSubnetGroupAlreadyExistsException::builder),
      Map.entry("DBSubnetGroupNotFoundFault", DbSubnetGroupNotFoundException::builder),
      Map.entry("DBSubnetGroupDoesNotCoverEnoughAZs", DbSubnetGroupDoesNotCoverEnoughAZsException::builder),
      Map.entry("InvalidDBSubnetGroupStateFault", InvalidDbSubnetGroupStateException::builder),
      Map.entry("InvalidSubnet", InvalidSubnetException::builder),
      Map.entry("SubnetAlreadyInUse", SubnetAlreadyInUseException::builder),
      Map.entry("InvalidVPCNetworkStateFault", InvalidVpcNetworkStateException::builder),
      Map.entry("DBSnapshotAlreadyExists", DbSnapshotAlreadyExistsException::builder),
      Map.entry("DBSnapshotNotFound", DbSnapshotNotFoundException::builder));

  static final SandboxErrors ERRORS = new SandboxErrors("rds", "Rds", "Throttling", "Rate exceeded",
      (status, d) -> TYPED.getOrDefault(d.errorCode(), RdsException::builder).get()
          .statusCode(status).awsErrorDetails(d).message(d.errorMessage()).build());

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z](?!.*--)[a-z0-9-]*(?<!-)");
  private static final Pattern GROUP_NAME = Pattern.compile("[a-z][a-z0-9._ -]*");
  private static final int MAX_TAGS = 50;

  final SandboxGate gate;
  final SandboxAccount account;

  FakeRdsSupport(SandboxGate gate) {
    this.gate = gate;
    this.account = gate.account();
  }

  RdsState state() { return account.regionalState("rds", RdsState.class); }

  /** EC2 of the same account and region: RDS places its network interfaces in those subnets and groups. */
  Ec2State ec2() { return account.regionalState("ec2", Ec2State.class); }

  String region() { return account.region(); }

  String now() { return account.now().toString(); }

  String arn(String type, String name) {
    return "arn:aws:rds:" + region() + ":" + account.accountId() + ":" + type + ":" + name;
  }

  // ---- errors ----------------------------------------------------------------------------------------

  static AwsServiceException error(String code, String message) { return ERRORS.error(code, message); }

  static AwsServiceException notFound(String code, String message) { return ERRORS.error(404, code, message); }

  static AwsServiceException invalid(String message) { return error("InvalidParameterValue", message); }

  static AwsServiceException combination(String message) { return error("InvalidParameterCombination", message); }

  static AwsServiceException blank(String parameter) {
    return invalid("The parameter " + parameter + " must be provided and must not be blank.");
  }

  static AwsServiceException instanceNotFound(String id) {
    return notFound("DBInstanceNotFound", "DBInstance " + id + " not found.");
  }

  static AwsServiceException groupNotFound(String name) {
    return notFound("DBSubnetGroupNotFoundFault", "DBSubnetGroup '" + name + "' not found.");
  }

  static UnsupportedOperationException unsupported(String what) {
    return new UnsupportedOperationException("the sandbox does not simulate " + what + " yet");
  }

  // ---- names -----------------------------------------------------------------------------------------

  /** An instance or snapshot identifier, lowercased as AWS stores it; {@code InvalidParameterValue} if malformed. */
  static String identifier(String value, String parameter, int max) {
    if (value == null || value.isBlank()) throw blank(parameter);
    String id = value.toLowerCase(Locale.ROOT);
    if (id.length() > max || !IDENTIFIER.matcher(id).matches()) {
      throw invalid("The parameter " + parameter + " is not a valid identifier. Identifiers must begin with a letter;"
          + " must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two"
          + " consecutive hyphens.");
    }
    return id;
  }

  static String groupName(String value) {
    if (value == null || value.isBlank()) throw blank("DBSubnetGroupName");
    String name = value.toLowerCase(Locale.ROOT);
    if (name.length() > 255 || !GROUP_NAME.matcher(name).matches()) {
      throw invalid("Invalid DBSubnetGroupName: " + value + ". It must start with a letter and contain only letters,"
          + " digits, periods, underscores, spaces or hyphens (at most 255).");
    }
    return name;
  }

  // ---- tags ------------------------------------------------------------------------------------------

  static void putTags(Map<String, String> into, List<Tag> tags) {
    for (Tag t : tags) {
      String k = t.key();
      if (k == null || k.isEmpty()) throw invalid("Tag keys must not be empty");
      if (k.length() > 128) throw invalid("Tag key exceeds the maximum length of 128 characters");
      String lower = k.toLowerCase(Locale.ROOT);
      if (lower.startsWith("aws:") || lower.startsWith("rds:")) {
        throw invalid("Tag keys must not start with 'aws:' or 'rds:'");
      }
      String v = t.value() == null ? "" : t.value();
      if (v.length() > 256) throw invalid("Tag value exceeds the maximum length of 256 characters");
      into.put(k, v);
    }
    if (into.size() > MAX_TAGS) throw error("TagQuotaPerResourceExceeded", "Maximum number of tags (" + MAX_TAGS + ") exceeded");
  }

  static List<Tag> sdkTags(Map<String, String> tags) {
    List<Tag> out = new ArrayList<>(tags.size());
    tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
    return out;
  }

  /** The resource behind an RDS ARN of this account and region; the resource type's NotFound otherwise. */
  Res byArn(String arn) {
    if (arn == null || arn.isBlank()) throw blank("ResourceName");
    String prefix = "arn:aws:rds:" + region() + ":" + account.accountId() + ":";
    String[] parts = arn.startsWith(prefix) ? arn.substring(prefix.length()).split(":", 2) : new String[0];
    if (parts.length != 2) throw invalid("Invalid resource name: " + arn);
    String name = parts[1].toLowerCase(Locale.ROOT);
    RdsState st = state();
    Res r = switch (parts[0]) {
      case "db" -> st.instances.get(name);
      case "subgrp" -> st.subnetGroups.get(name);
      case "snapshot" -> st.snapshots.get(name);
      default -> throw invalid("Invalid resource name: " + arn);
    };
    if (r != null) return r;
    throw switch (parts[0]) {
      case "db" -> instanceNotFound(parts[1]);
      case "subgrp" -> groupNotFound(parts[1]);
      default -> notFound("DBSnapshotNotFound", "DBSnapshot " + parts[1] + " not found.");
    };
  }

  // ---- pagination ------------------------------------------------------------------------------------

  record Page<T>(List<T> items, String marker) {}

  /** One page: {@code maxRecords} (20..100, default 100) items from the offset in {@code marker}. */
  static <T> Page<T> page(List<T> all, Integer maxRecords, String marker) {
    int size = maxRecords == null ? 100 : maxRecords;
    if (size < 20 || size > 100) throw invalid("Invalid value " + size + " for MaxRecords. Must be between 20 and 100");
    int from = 0;
    if (marker != null && !marker.isEmpty()) {
      try {
        from = Integer.parseInt(marker.startsWith("sbx-") ? marker.substring(4) : "x");
      } catch (NumberFormatException e) {
        throw invalid("Invalid marker: " + marker);
      }
      if (from < 0 || from > all.size()) throw invalid("Invalid marker: " + marker);
    }
    int to = Math.min(all.size(), from + size);
    return new Page<>(all.subList(from, to), to < all.size() ? "sbx-" + to : null);
  }

  /** Picks the zone and subnet of the instance's interface (and the standby's when Multi-AZ). */
  void place(InstanceRec i, RdsState.SubnetGroupRec g, String zone) {
    java.util.TreeMap<String, Ec2State.SubnetRec> byZone = new java.util.TreeMap<>();
    for (String id : g.subnetIds) {
      Ec2State.SubnetRec sn = ec2().subnets.get(id);
      if (sn != null) byZone.putIfAbsent(sn.availabilityZone, sn);
    }
    if (zone != null && i.multiAZ) {
      throw combination("Requesting a specific availability zone is not valid for Multi-AZ instances.");
    }
    if (zone != null && !byZone.containsKey(zone)) {
      throw combination("No subnet of DB subnet group " + g.name + " is in availability zone " + zone + ".");
    }
    if (byZone.size() < (i.multiAZ ? 2 : 1)) {
      throw error("DBSubnetGroupDoesNotCoverEnoughAZs", "The subnets of DB subnet group " + g.name
          + " do not cover enough Availability Zones.");
    }
    String primary = zone != null ? zone : byZone.firstKey();
    i.availabilityZone = primary;
    i.subnetId = byZone.get(primary).id;
    i.secondaryAvailabilityZone = null;
    i.secondarySubnetId = null;
    if (i.multiAZ) {
      String second = byZone.keySet().stream().filter(z -> !java.util.Objects.equals(z, primary)).findFirst().orElseThrow();
      i.secondaryAvailabilityZone = second;
      i.secondarySubnetId = byZone.get(second).id;
    }
  }

  // ---- slow transitions ------------------------------------------------------------------------------

  /**
   * Moves every instance along as far as the ticker says: creating (→ backing-up when backups are on) →
   * available, modifying → available with the modifications applied (through storage-optimization after a
   * storage change), deleting → gone. Deterministic in
   * time, so a read may settle too: the outcome is the same whenever it is saved.
   */
  void settle(RdsState st) {
    for (InstanceRec i : new ArrayList<>(st.instances.values())) {
      switch (i.status) {
        case "creating", "backing-up" -> {
          if (!gate.provisioned(i.statusSince, CREATE)) continue;
          boolean backup = i.backupRetentionPeriod > 0 && !gate.provisioned(i.statusSince, CREATE.plus(FIRST_BACKUP));
          if (backup) i.status = "backing-up";
          else become(i, "available");
        }
        case "modifying" -> {
          if (!gate.provisioned(i.statusSince, MODIFY)) continue;
          i.applying.forEach((field, value) -> apply(i, field, value));
          // A new subnet group or a standby moves the instance's network interfaces.
          if (i.applying.containsKey("subnetGroupName") || i.applying.containsKey("multiAZ")) replace(st, i);
          boolean storage = i.applying.containsKey("allocatedStorage") || i.applying.containsKey("storageType");
          i.applying.clear();
          become(i, storage ? "storage-optimization" : "available");
        }
        case "storage-optimization" -> {
          if (gate.provisioned(i.statusSince, STORAGE_OPTIMIZATION)) become(i, "available");
        }
        case "deleting" -> {
          if (gate.provisioned(i.statusSince, DELETE)) st.instances.remove(i.identifier);
        }
        default -> { }
      }
    }
  }

  private void replace(RdsState st, InstanceRec i) {
    RdsState.SubnetGroupRec g = st.subnetGroups.get(i.subnetGroupName);
    if (g == null) return;
    boolean keepsZone = !i.multiAZ && g.subnetIds.stream().map(id -> ec2().subnets.get(id))
        .anyMatch(sn -> sn != null && sn.availabilityZone.equals(i.availabilityZone));
    place(i, g, keepsZone ? i.availabilityZone : null);
  }

  void become(InstanceRec i, String status) {
    i.status = status;
    i.statusSince = now();
  }

  /** A modification of one field; values travel as strings in the state file. */
  static void apply(InstanceRec i, String field, String v) {
    switch (field) {
      case "instanceClass" -> i.instanceClass = v;
      case "allocatedStorage" -> i.allocatedStorage = Integer.parseInt(v);
      case "storageType" -> i.storageType = v;
      case "engineVersion" -> i.engineVersion = v;
      case "multiAZ" -> i.multiAZ = Boolean.parseBoolean(v);
      case "backupRetentionPeriod" -> i.backupRetentionPeriod = Integer.parseInt(v);
      case "subnetGroupName" -> i.subnetGroupName = v;
      case "port" -> i.port = Integer.parseInt(v);
      case "masterUserPassword" -> i.masterUserPasswordSha256 = v;
      case "iamAuth" -> i.iamAuth = Boolean.parseBoolean(v);
      default -> throw new IllegalStateException("unknown RDS modification " + field);
    }
  }

  /** Hex SHA-256, how the sandbox keeps passwords (a change is visible, the secret is not). */
  static String sha256(String s) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean provisioned(String since, Duration nominal) { return gate.provisioned(since, nominal); }

  static Instant instant(String iso) { return iso == null ? null : Instant.parse(iso); }
}
