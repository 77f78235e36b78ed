package io.sorterbot.kinds.ec2;

import static io.sorterbot.model.PropSchema.prop;
import static io.sorterbot.model.ValueType.BOOLEAN;
import static io.sorterbot.model.ValueType.INTEGER;
import static io.sorterbot.model.ValueType.STRING;
import static io.sorterbot.model.ValueType.STRING_LIST;

import io.sorterbot.model.KindSchema;
import io.sorterbot.model.ValueType;

/** The schema of {@code ec2.keyPair} (pure data), until the kind has its property table. */
final class KeyPairSchema {
  private KeyPairSchema() {}

  static final KindSchema KEY_PAIR = KindSchema.builder("ec2.keyPair",
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
}
