package io.sorterbot.kinds.ec2;

import static io.sorterbot.model.PropSchema.prop;
import static io.sorterbot.model.ValueType.BOOLEAN;
import static io.sorterbot.model.ValueType.INTEGER;
import static io.sorterbot.model.ValueType.STRING;
import static io.sorterbot.model.ValueType.STRING_LIST;

import io.sorterbot.model.Format;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.ValueType;

/** The schema of {@code ec2.instance} (pure data), until the kind has its property table. */
final class InstanceSchema {
  private InstanceSchema() {}

  static final KindSchema INSTANCE = KindSchema.builder("ec2.instance",
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
