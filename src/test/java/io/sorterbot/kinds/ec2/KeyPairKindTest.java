package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2TestSupport.desired;
import static io.sorterbot.kinds.ec2.Ec2TestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Tags;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** {@code ec2.keyPair} against the sandbox, with the private key file in a temporary home. */
class KeyPairKindTest {
  @TempDir Path sandbox;
  @TempDir Path home;
  private final Ec2TestSupport.FakeTicker ticker = new Ec2TestSupport.FakeTicker();
  private final KeyPairKind kind = new KeyPairKind();
  private Ec2Client ec2;
  private KindContext ctx;

  @BeforeEach void open() {
    ec2 = SandboxClients.open(sandbox, "eu-central-1", SandboxKnobs.none(), ticker).ec2();
    ctx = Ec2TestSupport.ctx(ec2, ticker, KindContext.Progress.NONE);
  }

  private Desired key(String file, Map<String, String> tags) {
    return desired("SBKey", "ec2.keyPair", map("keyName", "sb-key", "privateKeyFile", file, "tags", tags));
  }

  @Test
  void createWritesThePrivateKeyOnceOwnerReadOnlyAndDiscoveryReadsItBack() throws Exception {
    Path file = home.resolve("new/dir/sb-key.pem");
    LiveResource created = kind.create(ctx, key(file.toString(), Map.of("Name", "k")));

    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----").endsWith("-----END PRIVATE KEY-----\n");
    assertThat(Files.list(file.getParent())).containsExactly(file);  // no temporary file left behind
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("new")))).isEqualTo("rwx------");
    assertThat(created.id()).startsWith("key-");
    assertThat(created.attributes()).containsEntry("id", created.id()).containsEntry("keyName", "sb-key")
        // imported: the MD5 fingerprint of the public key
        .hasEntrySatisfying("keyFingerprint", f -> assertThat((String) f).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}"));

    LiveResource found = find();
    assertThat(found.id()).isEqualTo(created.id());
    assertThat(found.stackTag()).isEqualTo(Ec2TestSupport.STACK);
    assertThat(found.properties()).containsEntry("keyName", "sb-key").containsEntry("privateKeyFile", file.toString())
        .containsEntry("tags", Map.of("Name", "k", "Project", "SorterBot"));
    // The file tag is the kind's own business: the engine never sees it as a tag to diff.
    assertThat(found.tags()).doesNotContainKey(KeyPairKind.FILE_TAG).containsEntry(Tags.SBID, "SBKey");
    assertThat(found.createdAt()).isNotNull();
    assertThat(kind.normalize("privateKeyFile", file.toString())).isEqualTo(found.properties().get("privateKeyFile"));
  }

  @Test
  void anExistingFileIsNeverOverwrittenAndNothingIsCreated() throws Exception {
    Path file = home.resolve("old.pem");
    Files.writeString(file, "someone's key");
    assertThatThrownBy(() -> kind.create(ctx, key(file.toString(), Map.of())))
        .hasMessageContaining(file.toString()).hasMessageContaining("Move or delete that file");
    assertThat(Files.readString(file)).isEqualTo("someone's key");
    assertThat(kind.discover(ctx)).isEmpty();
    assertThat(ec2.describeKeyPairs().keyPairs()).isEmpty();
  }

  @Test
  void aKeyWhoseFileIsGoneIsReportedAndNotRecreated() throws Exception {
    Path file = home.resolve("sb-key.pem");
    LiveResource live = kind.create(ctx, key(file.toString(), Map.of()));
    file.toFile().setWritable(true);
    Files.delete(file);

    LiveResource found = find();
    assertThat(found.id()).isEqualTo(live.id());
    assertThat(found.properties()).doesNotContainKey("privateKeyFile");
    // Plan shows privateKeyFile as a change; applying it explains instead of making a new key.
    assertThatThrownBy(() -> kind.update(ctx, found, key(file.toString(), Map.of()),
        List.of(new PropertyChange("privateKeyFile", null, file.toString(), false))))
        .hasMessageContaining(file.toString()).hasMessageContaining("only its public key");
    assertThat(find().id()).isEqualTo(live.id());
  }

  @Test
  void movingTheFileInTheDesiredStateCopiesTheKeyAndRetagsIt() throws Exception {
    Path first = home.resolve("a/sb-key.pem");
    Path second = home.resolve("b/sb-key.pem");
    LiveResource live = kind.create(ctx, key(first.toString(), Map.of("Name", "k")));
    Desired moved = key(second.toString(), Map.of("Name", "renamed"));
    LiveResource after = kind.update(ctx, live, moved, List.of(
        new PropertyChange("privateKeyFile", first.toString(), second.toString(), false),
        new PropertyChange("tags", Map.of("Name", "k"), Map.of("Name", "renamed"), false)));
    assertThat(Files.readString(second)).isEqualTo(Files.readString(first));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second))).isEqualTo("r--------");
    assertThat(after.properties()).containsEntry("privateKeyFile", second.toString())
        .containsEntry("tags", Map.of("Name", "renamed", "Project", "SorterBot"));
    assertThat(find().properties()).isEqualTo(after.properties());
  }

  @Test
  void aKeyThatCannotBeWrittenIsNeverImportedSoThatARerunCanTryAgain() throws Exception {
    Path notADirectory = home.resolve("plain-file");
    Files.writeString(notADirectory, "x");
    Path file = notADirectory.resolve("sb-key.pem");
    assertThatThrownBy(() -> kind.create(ctx, key(file.toString(), Map.of())))
        .hasMessageContaining(file.toString()).hasMessageContaining("nothing was created in AWS");
    assertThat(ec2.describeKeyPairs().keyPairs()).isEmpty();
  }

  @Test
  void deleteKeepsTheLocalFileAndIsIdempotent() throws Exception {
    Path file = home.resolve("sb-key.pem");
    LiveResource live = kind.create(ctx, key(file.toString(), Map.of()));
    kind.delete(ctx, live);
    assertThat(kind.discover(ctx)).isEmpty();
    assertThat(file).exists();
    kind.delete(ctx, live);
  }

  @Test
  void anUntaggedKeyOfTheSameNameSurfacesAsDuplicate() throws Exception {
    String theirs = ec2.createKeyPair(r -> r.keyName("sb-key")).keyPairId();
    Path file = home.resolve("sb-key.pem");
    assertThatThrownBy(() -> kind.create(ctx, key(file.toString(), Map.of())))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("InvalidKeyPair.Duplicate"));
    assertThat(kind.discover(ctx)).isEmpty();
    // The key was written before the import failed: it stays, and is the one imported once the name is free.
    String pem = Files.readString(file);
    ec2.deleteKeyPair(r -> r.keyPairId(theirs));
    LiveResource live = kind.create(ctx, key(file.toString(), Map.of()));
    assertThat(Files.readString(file)).isEqualTo(pem);
    assertThat(live.properties().get("publicKeyMaterial")).isEqualTo(RsaKeys.read(pem).openSshPublicKey());
  }

  @Test
  void importedKeysReadBackTheirPublicKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    String line = "ssh-rsa " + Base64.getEncoder().encodeToString(sshBlob((RSAPublicKey) g.generateKeyPair().getPublic()))
        + " me@laptop";
    Desired d = desired("SBKey", "ec2.keyPair", map("keyName", "laptop", "publicKeyMaterial", line));
    LiveResource live = kind.create(ctx, d);
    assertThat(kind.normalize("publicKeyMaterial", line)).isEqualTo(live.properties().get("publicKeyMaterial"));
    assertThat(find().properties()).isEqualTo(live.properties());
    assertThatThrownBy(() -> kind.create(ctx, desired("SBOther", "ec2.keyPair", map("keyName", "x",
        "publicKeyMaterial", line, "privateKeyFile", home.resolve("x.pem").toString()))))
        .hasMessageContaining("privateKeyFile");
  }

  @Test
  void tildeIsTheUsersHome() {
    assertThat(PrivateKeyFile.resolve("~/.ssh/k.pem", Path.of("/home/u"))).isEqualTo(Path.of("/home/u", ".ssh", "k.pem"));
    assertThat(kind.normalize("privateKeyFile", "~/.ssh/../.ssh/k.pem"))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".ssh", "k.pem").toString());
  }

  private LiveResource find() {
    List<LiveResource> all = kind.discover(ctx);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private static byte[] sshBlob(RSAPublicKey k) throws Exception {
    var bytes = new java.io.ByteArrayOutputStream();
    var out = new java.io.DataOutputStream(bytes);
    for (byte[] part : new byte[][] {"ssh-rsa".getBytes(), k.getPublicExponent().toByteArray(), k.getModulus().toByteArray()}) {
      out.writeInt(part.length);
      out.write(part);
    }
    return bytes.toByteArray();
  }
}
