package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2Support.changed;
import static io.sorterbot.kinds.ec2.Ec2Support.consistent;
import static io.sorterbot.kinds.ec2.Ec2Support.ec2;

import io.sorterbot.kinds.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.kinds.KindSchema;
import io.sorterbot.kinds.LiveResource;
import io.sorterbot.kinds.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@code ec2.keyPair}: a key pair AWS creates (its private key written once to {@code privateKeyFile}) or
 * one imported from {@code publicKeyMaterial}.
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

  @Override public KindSchema schema() { return Ec2Schemas.KEY_PAIR; }

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
        throw new IllegalArgumentException("ec2.keyPair " + d.sbid() + ": privateKeyFile is for key pairs AWS creates;"
            + " with publicKeyMaterial the private key is already yours (remove privateKeyFile)");
      }
      // Untagged leftovers with this name surface as AWS's InvalidKeyPair.Duplicate: never adopted silently.
      String id = ec2(ctx).importKeyPair(b -> b.keyName(name)
          .publicKeyMaterial(SdkBytes.fromUtf8String(d.string("publicKeyMaterial").trim()))
          .tagSpecifications(Ec2Support.tagSpec(ResourceType.KEY_PAIR, d))).keyPairId();
      return read(ctx, id);
    }
    Path file = null;
    Map<String, String> tags = new LinkedHashMap<>(d.tags());
    if (d.has("privateKeyFile")) {
      String raw = d.string("privateKeyFile").trim();
      if (raw.length() > MAX_TAG_VALUE) {
        throw new IllegalArgumentException("ec2.keyPair " + d.sbid() + ": privateKeyFile is longer than " + MAX_TAG_VALUE
            + " characters");
      }
      file = PrivateKeyFile.resolve(raw, home);
      // Before creating: a key pair whose private key cannot be stored is of no use to anyone.
      PrivateKeyFile.refuseExisting(d.sbid(), file);
      tags.put(FILE_TAG, raw);
    }
    TagSpecification spec = TagSpecification.builder().resourceType(ResourceType.KEY_PAIR)
        .tags(Ec2Support.toTags(tags)).build();
    CreateKeyPairResponse made = ec2(ctx).createKeyPair(b -> b.keyName(name).tagSpecifications(spec));
    if (file != null) {
      try {
        PrivateKeyFile.write(file, made.keyMaterial());
      } catch (IOException | RuntimeException e) {
        // The private key is lost with this answer: take the pair back so that a re-run makes a usable one.
        Ec2Support.unlessGone(() -> ec2(ctx).deleteKeyPair(b -> b.keyPairId(made.keyPairId())));
        throw new IllegalStateException("ec2.keyPair " + d.sbid() + ": cannot write the private key to " + file + " ("
            + e.getMessage() + "); the key pair " + name + " was deleted again", e);
      }
    }
    return read(ctx, made.keyPairId());
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
        + " on this machine, and AWS hands a private key out only once, when it creates the pair. Restore the file"
        + " there, or delete the key pair (or change keyName) so that apply creates a new one.");
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
