package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.Ec2Support.dryRun;
import static io.sorterbot.sandbox.Ec2Support.error;
import static io.sorterbot.sandbox.Ec2Support.invalidParameter;
import static io.sorterbot.sandbox.Ec2Support.missing;
import static io.sorterbot.sandbox.Ec2Support.one;
import static io.sorterbot.sandbox.Ec2Support.sdkTags;
import static io.sorterbot.sandbox.Ec2Support.tagsFor;
import static io.sorterbot.sandbox.Ec2Support.unsupported;

import io.sorterbot.sandbox.Ec2InstanceState.KeyPairRec;
import io.sorterbot.sandbox.Ec2Support.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * Key pairs of {@link FakeEc2}. As in AWS, the private key of a created pair exists only in the
 * CreateKeyPair answer: the account keeps the public key and the fingerprint. Runs under the account lock.
 */
final class FakeEc2KeyPairs {
  private final Ec2Support s;

  FakeEc2KeyPairs(Ec2Support support) { this.s = support; }

  CreateKeyPairResponse createKeyPair(CreateKeyPairRequest r) {
    dryRun(r.dryRun());
    String type = r.keyTypeAsString() == null ? "rsa" : r.keyTypeAsString();
    String format = r.keyFormatAsString() == null ? "pem" : r.keyFormatAsString();
    if (!type.equals("rsa") && !type.equals("ed25519")) {
      throw invalidParameter("Value (" + type + ") for parameter keyType is invalid.");
    }
    if (!format.equals("pem") && !format.equals("ppk")) {
      throw invalidParameter("Value (" + format + ") for parameter keyFormat is invalid.");
    }
    if (!type.equals("rsa") || !format.equals("pem")) throw unsupported("CreateKeyPair other than rsa/pem");
    KeyPairRec k = newKey(r.keyName(), tagsFor(r.tagSpecifications(), "key-pair"));
    KeyMaterial.Created m = KeyMaterial.createRsa();
    k.keyType = "rsa";
    k.fingerprint = m.fingerprint();
    k.publicKey = m.openSshPublicKey() + " " + k.keyName;
    CreateKeyPairResponse.Builder b = CreateKeyPairResponse.builder().keyPairId(k.id).keyName(k.keyName)
        .keyFingerprint(k.fingerprint).keyMaterial(m.privateKeyPem());
    if (!k.tags.isEmpty()) b.tags(sdkTags(k.tags));
    return b.build();
  }

  ImportKeyPairResponse importKeyPair(ImportKeyPairRequest r) {
    dryRun(r.dryRun());
    if (r.publicKeyMaterial() == null) throw missing("publicKeyMaterial");
    KeyMaterial.Imported m = KeyMaterial.parseOpenSsh(r.publicKeyMaterial().asString(StandardCharsets.UTF_8));
    if (m == null) throw error("InvalidKey.Format", "Key is not in valid OpenSSH public key format");
    KeyPairRec k = newKey(r.keyName(), tagsFor(r.tagSpecifications(), "key-pair"));
    k.keyType = m.keyType();
    k.fingerprint = m.fingerprint();
    k.publicKey = m.openSshPublicKey();
    ImportKeyPairResponse.Builder b = ImportKeyPairResponse.builder().keyPairId(k.id).keyName(k.keyName)
        .keyFingerprint(k.fingerprint);
    if (!k.tags.isEmpty()) b.tags(sdkTags(k.tags));
    return b.build();
  }

  DescribeKeyPairsResponse describeKeyPairs(DescribeKeyPairsRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    Map<String, Function<KeyPairRec, Collection<String>>> f = new LinkedHashMap<>();
    f.put("key-pair-id", k -> one(k.id));
    f.put("key-name", k -> one(k.keyName));
    f.put("fingerprint", k -> one(k.fingerprint));
    f.put("key-type", k -> one(k.keyType));
    Ec2Support.checkFilters(r.filters(), f.keySet());
    List<KeyPairRec> candidates = new ArrayList<>();
    boolean byName = r.hasKeyNames() && !r.keyNames().isEmpty();
    boolean byId = r.hasKeyPairIds() && !r.keyPairIds().isEmpty();
    if (byName || byId) {
      Map<String, KeyPairRec> picked = new LinkedHashMap<>();
      for (String name : byName ? new LinkedHashSet<>(r.keyNames()) : List.<String>of()) {
        KeyPairRec k = byName(st, name);
        if (k == null || !s.visible(k)) throw notFoundByName(name);
        picked.put(k.id, k);
      }
      for (String id : byId ? new LinkedHashSet<>(r.keyPairIds()) : List.<String>of()) {
        KeyPairRec k = Ec2Support.require(st.keyPairs, Kind.KEY_PAIR, id);
        if (!s.visible(k)) throw Kind.KEY_PAIR.notFound(id);
        picked.put(k.id, k);
      }
      candidates.addAll(picked.values());
    } else {
      for (KeyPairRec k : st.keyPairs.values()) if (s.visible(k)) candidates.add(k);
    }
    boolean withPublic = Boolean.TRUE.equals(r.includePublicKey());
    List<KeyPairInfo> out = new ArrayList<>();
    for (KeyPairRec k : candidates) {
      if (Ec2Support.matches(k, r.filters(), f)) out.add(toInfo(k, withPublic));
    }
    return DescribeKeyPairsResponse.builder().keyPairs(out).build();
  }

  /** As in AWS, deleting a key pair that does not exist succeeds. */
  DeleteKeyPairResponse deleteKeyPair(DeleteKeyPairRequest r) {
    dryRun(r.dryRun());
    if (r.keyName() == null && r.keyPairId() == null) throw missing("KeyName or KeyPairId");
    Ec2State st = s.state();
    KeyPairRec k = r.keyPairId() != null ? st.keyPairs.get(r.keyPairId()) : byName(st, r.keyName());
    if (k != null) st.keyPairs.remove(k.id);
    return DeleteKeyPairResponse.builder().returnValue(true).keyPairId(k == null ? null : k.id).build();
  }

  static KeyPairRec byName(Ec2State st, String name) {
    for (KeyPairRec k : st.keyPairs.values()) if (k.keyName.equals(name)) return k;
    return null;
  }

  static RuntimeException notFoundByName(String name) {
    return error("InvalidKeyPair.NotFound", "The key pair '" + name + "' does not exist");
  }

  private KeyPairRec newKey(String name, Map<String, String> tags) {
    if (name == null || name.isEmpty()) throw missing("KeyName");
    if (name.length() > 255 || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
      throw invalidParameter("Value (" + name + ") for parameter keyName is invalid. Up to 255 ASCII characters.");
    }
    Ec2State st = s.state();
    if (byName(st, name) != null) throw error("InvalidKeyPair.Duplicate", "The keypair already exists");
    KeyPairRec k = s.init(new KeyPairRec(), "key", tags);
    k.keyName = name;
    st.keyPairs.put(k.id, k);
    return k;
  }

  private static KeyPairInfo toInfo(KeyPairRec k, boolean withPublic) {
    KeyPairInfo.Builder b = KeyPairInfo.builder().keyPairId(k.id).keyName(k.keyName).keyFingerprint(k.fingerprint)
        .keyType(k.keyType).createTime(Instant.parse(k.createdAt));
    if (withPublic) b.publicKey(k.publicKey);
    if (!k.tags.isEmpty()) b.tags(sdkTags(k.tags));
    return b.build();
  }
}
