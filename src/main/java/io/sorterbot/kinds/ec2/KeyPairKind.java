package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.changed;
import static io.sorterbot.kinds.ec2.Ec2Support.consistent;
import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.LiveResource;
import io.sorterbot.kinds.LostAnswers;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@code ec2.keyPair}: a key pair whose RSA key is generated here (its private key written once to
 * {@code privateKeyFile}), one imported from {@code publicKeyMaterial}, or, with neither, one AWS creates
 * and whose private key nobody keeps.
 *
 * <p>With {@code privateKeyFile}, the private key file is written first (complete, 0400) and only then is
 * the public key imported, tags included in that call. So a process killed between any two steps leaves
 * either nothing, or a file and no pair, or both: never a pair whose private key exists nowhere. When the
 * pair is missing and the file holds an RSA private key (PKCS#8, or PKCS#1 as AWS hands them out), its
 * public key is imported again: that completes a run that died before its import, and brings back a pair
 * deleted by hand with the same key. Anything else in the file is refused, never overwritten.
 *
 * <p>Where the private key was written is kept in the tag {@value #FILE_TAG} (as the file spells it,
 * {@code ~} unexpanded), so that discovery can tell whether this machine still has it: {@code privateKeyFile}
 * reads back as that path while the file exists, and as unset when it does not, which plan and drift show
 * as a change. The tag is internal: it is not part of the resource's tags as the engine sees them.
 */
public final class KeyPairKind implements ResourceKind {
  static final String FILE_TAG = "SBPrivateKeyFile";
  private static final int MAX_TAG_VALUE = 256;

  /** What {@code ~} means in privateKeyFile: the user's home, or the sandbox's own (never the real one). */
  private final Path home;

  public KeyPairKind() { this(Path.of(System.getProperty("user.home"))); }

  public KeyPairKind(Path home) { this.home = home; }

  @Override public KindSchema schema() { return KeyPairSchema.KEY_PAIR; }

  @Override
  public List<LiveResource> discover(KindContext ctx) {
    return ec2(ctx).describeKeyPairs(b -> b.filters(Ec2Support.sbidFilter()).includePublicKey(true))
        .keyPairs().stream().map(this::toLive).toList();
  }

  @Override
  public LiveResource create(KindContext ctx, Desired d) {
    String name = d.string("keyName");
    if (d.has("publicKeyMaterial")) {
      if (d.has("privateKeyFile")) {
        throw new IllegalArgumentException("ec2.keyPair " + d.sbid() + ": privateKeyFile is for key pairs generated"
            + " here; with publicKeyMaterial the private key is already yours (remove privateKeyFile)");
      }
      // Untagged leftovers with this name surface as AWS's InvalidKeyPair.Duplicate: never adopted silently.
      String material = d.string("publicKeyMaterial").trim();
      String id = createOrAdopt(ctx, d, name, material, () -> ec2(ctx).importKeyPair(b -> b.keyName(name)
          .publicKeyMaterial(SdkBytes.fromUtf8String(material))
          .tagSpecifications(Ec2Support.tagSpec(ResourceType.KEY_PAIR, d))).keyPairId());
      return read(ctx, id);
    }
    if (!d.has("privateKeyFile")) {
      // Nobody keeps the private key: AWS may make the pair and forget it, there is nothing a crash could lose.
      // A lost answer lost its private key too, which nobody keeps anyway: our tags are enough to adopt.
      String id = createOrAdopt(ctx, d, name, null, () -> ec2(ctx).createKeyPair(b -> b.keyName(name)
          .tagSpecifications(Ec2Support.tagSpec(ResourceType.KEY_PAIR, d))).keyPairId());
      return read(ctx, id);
    }
    String raw = d.string("privateKeyFile").trim();
    if (raw.length() > MAX_TAG_VALUE) {
      throw new IllegalArgumentException("ec2.keyPair " + d.sbid() + ": privateKeyFile is longer than " + MAX_TAG_VALUE
          + " characters");
    }
    String publicKey = keyAt(d.sbid(), PrivateKeyFile.resolve(raw, home));
    Map<String, String> tags = new LinkedHashMap<>(d.tags());
    tags.put(FILE_TAG, raw);
    TagSpecification spec = TagSpecification.builder().resourceType(ResourceType.KEY_PAIR)
        .tags(Ec2Support.toTags(tags)).build();
    // If this fails or the process dies now, the file stays: the next run finds it and imports the same key.
    String id = createOrAdopt(ctx, d, name, publicKey, () -> ec2(ctx).importKeyPair(b -> b.keyName(name)
        .publicKeyMaterial(SdkBytes.fromUtf8String(publicKey)).tagSpecifications(spec)).keyPairId());
    return read(ctx, id);
  }

  /**
   * The create, or, when it is refused with InvalidKeyPair.Duplicate (sent again after a lost answer), the
   * pair of that name if it carries our SBID and stack and, when {@code publicKey} is given, that very key.
   * Anything else (untagged leftovers, another stack's pair, another key) keeps failing.
   */
  private static String createOrAdopt(KindContext ctx, Desired d, String name, String publicKey, Supplier<String> create) {
    return LostAnswers.createOrAdopt(create, e -> "InvalidKeyPair.Duplicate".equals(AwsErrors.code(e)), () -> {
      List<KeyPairInfo> found = Ec2Support.unlessGone(() ->
          ec2(ctx).describeKeyPairs(b -> b.keyNames(name).includePublicKey(true)).keyPairs());
      return (found == null ? List.<KeyPairInfo>of() : found).stream()
          .filter(k -> name.equals(k.keyName()) && LostAnswers.ours(Ec2Support.tagMap(k.tags()), d))
          .filter(k -> publicKey == null || (k.publicKey() != null && keyOnly(k.publicKey()).equals(keyOnly(publicKey))))
          .map(KeyPairInfo::keyPairId).findFirst();
    });
  }

  /**
   * The OpenSSH public key to import for {@code file}: of the RSA key already there (written by a run that
   * died before its import, or whose pair was deleted by hand), else of a new key, written there first.
   */
  private static String keyAt(String sbid, Path file) {
    if (PrivateKeyFile.exists(file)) return PrivateKeyFile.existing(sbid, file).openSshPublicKey();
    RsaKeys.Rsa key = RsaKeys.generate();
    try {
      PrivateKeyFile.write(file, key.privateKeyPem());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("ec2.keyPair " + sbid + ": cannot write the private key to " + file + " ("
          + e.getMessage() + "); nothing was created in AWS", e);
    }
    return key.openSshPublicKey();
  }

  @Override
  public LiveResource update(KindContext ctx, LiveResource live, Desired d, List<PropertyChange> changes) {
    if (changed(changes, "privateKeyFile") && d.has("privateKeyFile")) {
      String raw = d.string("privateKeyFile").trim();
      relocate(d.sbid(), live, raw);
      Tag t = Tag.builder().key(FILE_TAG).value(raw).build();
      consistent(ctx, () -> ec2(ctx).createTags(b -> b.resources(live.id()).tags(t)));
    }
    Ec2Support.syncTags(ctx, live.id(), live.tags(), d, changes);
    return read(ctx, live.id());
  }

  /**
   * Deletes the key pair in AWS only. The local private key file stays: it may be the only copy, and
   * instances launched with the key still accept it.
   */
  @Override
  public void delete(KindContext ctx, LiveResource live) {
    Ec2Support.destroying(ctx, live.sbid(), () -> ec2(ctx).deleteKeyPair(b -> b.keyPairId(live.id())));
  }

  @Override
  public Object normalize(String property, Object value) {
    if (!(value instanceof String s)) return value;
    return switch (property) {
      case "privateKeyFile" -> PrivateKeyFile.resolve(s, home).toString();
      // The comment after the key is not part of it (and AWS may add or drop one).
      case "publicKeyMaterial" -> keyOnly(s);
      default -> s.trim();
    };
  }

  /** Makes the private key available at {@code raw}: already there, or copied from where it was written. */
  private void relocate(String sbid, LiveResource live, String raw) {
    Path want = PrivateKeyFile.resolve(raw, home);
    if (PrivateKeyFile.exists(want)) return;
    Object had = live.properties().get("privateKeyFile");
    if (had instanceof String old && PrivateKeyFile.exists(PrivateKeyFile.resolve(old, home))) {
      try {
        PrivateKeyFile.copy(PrivateKeyFile.resolve(old, home), want);
        return;
      } catch (IOException e) {
        throw new IllegalStateException("ec2.keyPair " + sbid + ": cannot copy the private key to " + want + ": "
            + e.getMessage(), e);
      }
    }
    String name = String.valueOf(live.properties().get("keyName"));
    throw new IllegalStateException("ec2.keyPair " + sbid + ": the private key of key pair " + name + " is not in " + want
        + " on this machine, and AWS keeps only its public key. Restore the file there, or delete the key pair"
        + " (or change keyName) so that apply makes a new one.");
  }

  private LiveResource read(KindContext ctx, String id) {
    return consistent(ctx, () -> {
      List<KeyPairInfo> found = ec2(ctx).describeKeyPairs(b -> b.keyPairIds(id).includePublicKey(true)).keyPairs();
      if (found.isEmpty()) throw Ec2Support.notFound("InvalidKeyPair.NotFound", id);
      return toLive(found.get(0));
    });
  }

  private LiveResource toLive(KeyPairInfo k) {
    Map<String, String> tags = Ec2Support.tagMap(k.tags());
    String raw = tags.remove(FILE_TAG);
    String file = raw != null && PrivateKeyFile.exists(PrivateKeyFile.resolve(raw, home)) ? raw : null;
    Map<String, Object> props = Ec2Support.props("keyName", k.keyName(), "privateKeyFile", file);
    if (k.publicKey() != null) props.put("publicKeyMaterial", normalize("publicKeyMaterial", k.publicKey()));
    return Ec2Support.live(type(), k.keyPairId(), tags, props,
        Ec2Support.props("keyName", k.keyName(), "keyFingerprint", k.keyFingerprint()), List.of(), k.createTime());
  }

  /** {@code ssh-rsa AAAA... comment} without the comment. */
  private static String keyOnly(String openSsh) {
    String[] parts = openSsh.trim().split("\\s+");
    return parts.length <= 2 ? String.join(" ", parts) : parts[0] + " " + parts[1];
  }
}
