package io.sorterbot.kinds.rds;

import static io.sorterbot.model.PropSchema.prop;
import static io.sorterbot.model.ValueType.BOOLEAN;
import static io.sorterbot.model.ValueType.INTEGER;
import static io.sorterbot.model.ValueType.STRING;
import static io.sorterbot.model.ValueType.STRING_LIST;

import io.sorterbot.model.Format;
import io.sorterbot.model.KindSchema;

/** Schemas of the RDS kinds (pure data). */
public final class RdsSchemas {
  private RdsSchemas() {}

  public static final KindSchema DB_SUBNET_GROUP = KindSchema.builder("rds.dbSubnetGroup",
          "DB subnet group (subnets in at least two Availability Zones)")
      .prop(prop("dbSubnetGroupName", STRING).format(Format.RDS_SUBNET_GROUP_NAME).required().immutable()
          .doc("Name of the DB subnet group (stored in lowercase by AWS)"))
      .prop(prop("dbSubnetGroupDescription", STRING).required()
          .doc("Description of the DB subnet group"))
      .prop(prop("subnetIds", STRING_LIST).required()
          .doc("IDs of the subnets, in at least two Availability Zones"))
      .taggable()
      .attrs("name", "arn")
      .build();

  public static final KindSchema DB_INSTANCE = KindSchema.builder("rds.dbInstance",
          "RDS DB instance; create and modify wait until it is available")
      .prop(prop("dbInstanceIdentifier", STRING).format(Format.RDS_INSTANCE_ID).required().immutable()
          .doc("Identifier of the DB instance (lowercase letters, digits, hyphens)"))
      .prop(prop("engine", STRING).required().immutable()
          .doc("Database engine, e.g. postgres or mysql"))
      .prop(prop("engineVersion", STRING)
          .doc("Engine version; a major version like \"16\" matches any 16.x"))
      .prop(prop("dbInstanceClass", STRING).required()
          .doc("Instance class, e.g. db.t4g.micro"))
      .prop(prop("allocatedStorage", INTEGER).required()
          .doc("Allocated storage in GiB"))
      .prop(prop("storageType", STRING)
          .doc("Storage type: gp2, gp3, io1, io2 or standard"))
      .prop(prop("masterUsername", STRING).required().immutable()
          .doc("Name of the master user"))
      .prop(prop("masterUserPassword", STRING).sensitive()
          .doc("Password of the master user (never read back; compared by fingerprint tag)"))
      .prop(prop("dbName", STRING).immutable()
          .doc("Name of the database created with the instance"))
      .prop(prop("port", INTEGER)
          .doc("Port the database listens on (default: the engine's)"))
      .prop(prop("publiclyAccessible", BOOLEAN)
          .doc("Whether the instance gets a public DNS name resolving to a public IP"))
      .prop(prop("enableIAMDatabaseAuthentication", BOOLEAN)
          .doc("Whether IAM accounts can authenticate to the database"))
      .prop(prop("backupRetentionPeriod", INTEGER)
          .doc("Days to keep automated backups, 0 to 35 (0 disables them)"))
      .prop(prop("dbSubnetGroupName", STRING).format(Format.RDS_SUBNET_GROUP_NAME)
          .doc("Name of the DB subnet group to place the instance in"))
      .prop(prop("vpcSecurityGroupIds", STRING_LIST)
          .doc("IDs of the VPC security groups of the instance"))
      .prop(prop("availabilityZone", STRING).format(Format.AVAILABILITY_ZONE).immutable()
          .doc("Availability Zone of a single-AZ instance (RDS cannot move an instance to another zone)"))
      .prop(prop("multiAZ", BOOLEAN)
          .doc("Whether the instance has a standby in another Availability Zone"))
      .prop(prop("storageEncrypted", BOOLEAN).immutable()
          .doc("Whether the storage is encrypted"))
      .prop(prop("kmsKeyId", STRING).immutable()
          .doc("KMS key for storage encryption (default: the aws/rds key)"))
      .prop(prop("deletionProtection", BOOLEAN)
          .doc("Whether AWS refuses to delete the instance; set it to false and apply before the instance can be deleted"))
      .prop(prop("skipFinalSnapshot", BOOLEAN).defaultValue(false)
          .doc("Delete without a final snapshot; when false, finalSnapshotIdentifier names the snapshot"))
      .prop(prop("finalSnapshotIdentifier", STRING)
          .doc("Name of the final snapshot taken on delete (default: derived from the identifier)"))
      .prop(prop("applyImmediately", BOOLEAN).defaultValue(true)
          .doc("Apply modifications now instead of in the next maintenance window"))
      .taggable()
      .attrs("arn", "endpointAddress")
      .attr("endpointPort", io.sorterbot.model.ValueType.INTEGER)
      .build();
}
