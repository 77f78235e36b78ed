package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.Ec2TestSupport.assertCode;
import static io.sorterbot.sandbox.Ec2TestSupport.filter;
import static io.sorterbot.sandbox.Ec2TestSupport.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;

/** Key pairs of the fake: real RSA material, AWS's fingerprints, names unique, delete idempotent. */
class FakeEc2InstancesKeyPairTest {
  @TempDir Path dir;
  Ec2Client ec2;

  @BeforeEach void setUp() { ec2 = Ec2TestSupport.open(dir).ec2(); }

  @Test void createdKeysAreRealRsaWithTheFingerprintAwsComputes() throws Exception {
    CreateKeyPairResponse made = ec2.createKeyPair(r -> r.keyName("deploy")
        .tagSpecifications(tags(ResourceType.KEY_PAIR, "SBID", "Key")));
    assertThat(made.keyPairId()).matches("key-[0-9a-f]{17}");
    String pem = made.keyMaterial();
    assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----\n").endsWith("-----END RSA PRIVATE KEY-----");
    byte[] pkcs1 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    byte[] pkcs8 = pkcs8(pkcs1);
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    assertThat(key.getModulus().bitLength()).isEqualTo(2048);
    // openssl pkcs8 -topk8 -outform DER -nocrypt | openssl sha1 -c
    assertThat(made.keyFingerprint()).isEqualTo(HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-1").digest(pkcs8)));

    KeyPairInfo info = ec2.describeKeyPairs(r -> r.keyNames("deploy").includePublicKey(true)).keyPairs().get(0);
    assertThat(info.keyFingerprint()).isEqualTo(made.keyFingerprint());
    assertThat(info.keyTypeAsString()).isEqualTo("rsa");
    assertThat(info.tags()).containsExactly(Tag.builder().key("SBID").value("Key").build());
    assertThat(info.createTime()).isNotNull();
    DataInputStream blob = new DataInputStream(new java.io.ByteArrayInputStream(
        Base64.getDecoder().decode(info.publicKey().split(" ")[1])));
    assertThat(new String(read(blob), StandardCharsets.US_ASCII)).isEqualTo("ssh-rsa");
    assertThat(new BigInteger(read(blob))).isEqualTo(key.getPublicExponent());
    assertThat(new BigInteger(read(blob))).isEqualTo(key.getModulus());
    assertThat(ec2.describeKeyPairs(r -> r.keyNames("deploy")).keyPairs().get(0).publicKey()).isNull();
  }

  @Test void namesAreUniqueAndLookupsByNameOrIdMustExist() {
    String id = ec2.createKeyPair(r -> r.keyName("a")).keyPairId();
    assertCode("InvalidKeyPair.Duplicate", () -> ec2.createKeyPair(r -> r.keyName("a")));
    assertCode("InvalidKeyPair.NotFound", () -> ec2.describeKeyPairs(r -> r.keyNames("b")));
    assertCode("InvalidKeyPair.NotFound", () -> ec2.describeKeyPairs(r -> r.keyPairIds("key-0123456789abcdef0")));
    assertCode("MissingParameter", () -> ec2.createKeyPair(r -> r.keyName("")));
    assertThat(ec2.describeKeyPairs(r -> r.keyPairIds(id)).keyPairs()).extracting(KeyPairInfo::keyName).containsExactly("a");
  }

  @Test void describeFiltersByTag() {
    ec2.createKeyPair(r -> r.keyName("mine").tagSpecifications(tags(ResourceType.KEY_PAIR, "SBID", "K", "SBStack", "s")));
    ec2.createKeyPair(r -> r.keyName("theirs"));
    assertThat(ec2.describeKeyPairs(r -> r.filters(filter("tag-key", "SBID"))).keyPairs())
        .extracting(KeyPairInfo::keyName).containsExactly("mine");
    assertThat(ec2.describeKeyPairs(r -> r.filters(filter("key-name", "the*"))).keyPairs())
        .extracting(KeyPairInfo::keyName).containsExactly("theirs");
    assertCode("InvalidParameterValue", () -> ec2.describeKeyPairs(r -> r.filters(filter("colour", "red"))));
  }

  @Test void importedKeysGetTheMd5FingerprintOfTheirPublicKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    RSAPublicKey pub = (RSAPublicKey) g.generateKeyPair().getPublic();
    String line = "ssh-rsa " + Base64.getEncoder().encodeToString(blob(pub)) + " me@laptop";
    ImportKeyPairResponse r = ec2.importKeyPair(b -> b.keyName("laptop").publicKeyMaterial(SdkBytes.fromUtf8String(line))
        .tagSpecifications(tags(ResourceType.KEY_PAIR, "SBID", "Key")));
    assertThat(r.keyFingerprint()).isEqualTo(HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5")
        .digest(pub.getEncoded())));
    // tags in the import call itself, as key pairs generated locally rely on
    assertThat(r.tags()).containsExactly(Tag.builder().key("SBID").value("Key").build());
    KeyPairInfo imported = ec2.describeKeyPairs(b -> b.filters(filter("tag:SBID", "Key"))).keyPairs().get(0);
    assertThat(imported.keyFingerprint()).isEqualTo(r.keyFingerprint());
    assertThat(imported.keyTypeAsString()).isEqualTo("rsa");
    assertThat(ec2.describeKeyPairs(b -> b.keyNames("laptop").includePublicKey(true)).keyPairs().get(0).publicKey())
        .isEqualTo(line.substring(0, line.lastIndexOf(' ')));
    assertCode("InvalidKey.Format", () -> ec2.importKeyPair(b -> b.keyName("bad")
        .publicKeyMaterial(SdkBytes.fromUtf8String("ssh-rsa not-a-key"))));
    assertCode("InvalidKeyPair.Duplicate", () -> ec2.importKeyPair(b -> b.keyName("laptop")
        .publicKeyMaterial(SdkBytes.fromUtf8String(line))));
  }

  @Test void deletingIsIdempotentAndLaunchesNeedTheKey() {
    String id = ec2.createKeyPair(r -> r.keyName("k")).keyPairId();
    assertThat(ec2.deleteKeyPair(r -> r.keyPairId(id)).keyPairId()).isEqualTo(id);
    assertThat(ec2.deleteKeyPair(r -> r.keyPairId(id)).returnValue()).isTrue();
    assertThat(ec2.deleteKeyPair(r -> r.keyName("never")).returnValue()).isTrue();
    assertThat(ec2.describeKeyPairs().keyPairs()).isEmpty();
    String vpc = Ec2TestSupport.vpc(ec2, "10.0.0.0/16");
    String subnet = Ec2TestSupport.subnet(ec2, vpc, "10.0.0.0/24");
    assertCode("InvalidKeyPair.NotFound", () -> ec2.runInstances(r -> r.imageId(FakeSsm.AL2023_AMI).minCount(1).maxCount(1)
        .subnetId(subnet).keyName("k")));
  }

  /** PrivateKeyInfo { 0, rsaEncryption, OCTET STRING pkcs1 }: how openssl -topk8 wraps a PKCS#1 key. */
  private static byte[] pkcs8(byte[] pkcs1) {
    byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    ByteBuffer body = ByteBuffer.allocate(version.length + algorithm.length + octets.length);
    body.put(version).put(algorithm).put(octets);
    return der(0x30, body.array());
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n & 0xff);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] blob(RSAPublicKey k) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (byte[] part : new byte[][] {"ssh-rsa".getBytes(StandardCharsets.US_ASCII), k.getPublicExponent().toByteArray(),
        k.getModulus().toByteArray()}) {
      out.writeInt(part.length);
      out.write(part);
    }
    return bytes.toByteArray();
  }

  private static byte[] read(DataInputStream in) throws Exception {
    byte[] v = new byte[in.readInt()];
    in.readFully(v);
    return v;
  }
}
