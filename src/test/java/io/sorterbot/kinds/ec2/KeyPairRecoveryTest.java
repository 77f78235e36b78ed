package io.sorterbot.kinds.ec2;

import static io.sorterbot.kinds.ec2.Ec2TestSupport.desired;
import static io.sorterbot.kinds.ec2.Ec2TestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ImportKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;

/**
 * {@code ec2.keyPair} with privateKeyFile: the key is generated here and written before its import, so a
 * process killed in between loses nothing, and the next run imports the key it finds.
 */
class KeyPairRecoveryTest {
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

  private Desired key(Path file) {
    return desired("SBKey", "ec2.keyPair", map("keyName", "sb-key", "privateKeyFile", file.toString()));
  }

  @Test
  void theFileIsAPkcs8RsaKeyWhosePublicKeyIsTheOneAwsHolds() throws Exception {
    Path file = home.resolve("sb-key.pem");
    kind.create(ctx, key(file));

    RSAPrivateCrtKey k = pkcs8(Files.readString(file));
    assertThat(k.getModulus().bitLength()).isEqualTo(2048);
    KeyPairInfo info = aws();
    assertThat(info.publicKey().split(" ")[0] + " " + info.publicKey().split(" ")[1]).isEqualTo(openSsh(k));
    byte[] publicDer = KeyFactory.getInstance("RSA")
        .generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent())).getEncoded();
    assertThat(info.keyFingerprint()).isEqualTo(HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5")
        .digest(publicDer)));
    assertThat(info.tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo(KeyPairKind.FILE_TAG));
  }

  @Test
  void aRunKilledBetweenTheFileAndTheImportIsCompletedWithTheSameKey() throws Exception {
    Path file = home.resolve("sb-key.pem");
    Ec2Client dying = Ec2TestSupport.mockEc2();
    doThrow(new IllegalStateException("killed")).when(dying).importKeyPair(any(ImportKeyPairRequest.class));
    assertThatThrownBy(() -> kind.create(Ec2TestSupport.ctx(dying, ticker, KindContext.Progress.NONE), key(file)))
        .hasMessage("killed");
    String pem = Files.readString(file);
    assertThat(ec2.describeKeyPairs().keyPairs()).isEmpty();

    LiveResource live = kind.create(ctx, key(file));
    assertThat(Files.readString(file)).isEqualTo(pem);
    assertThat(live.properties()).containsEntry("publicKeyMaterial", openSsh(pkcs8(pem)))
        .containsEntry("privateKeyFile", file.toString());
    assertThat(kind.discover(ctx)).singleElement().satisfies(l -> assertThat(l.id()).isEqualTo(live.id()));
  }

  @Test
  void aPairDeletedByHandComesBackWithTheSameKey() throws Exception {
    Path file = home.resolve("sb-key.pem");
    LiveResource first = kind.create(ctx, key(file));
    ec2.deleteKeyPair(r -> r.keyPairId(first.id()));
    LiveResource again = kind.create(ctx, key(file));
    assertThat(again.id()).isNotEqualTo(first.id());
    assertThat(again.properties().get("publicKeyMaterial")).isEqualTo(first.properties().get("publicKeyMaterial"));
    assertThat(again.attributes().get("keyFingerprint")).isEqualTo(first.attributes().get("keyFingerprint"));
  }

  @Test
  void aPkcs1KeyAsAwsHandsThemOutIsImported() throws Exception {
    String pem = ec2.createKeyPair(r -> r.keyName("made-by-aws")).keyMaterial();
    assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    String awsPublic = ec2.describeKeyPairs(r -> r.keyNames("made-by-aws").includePublicKey(true)).keyPairs().get(0)
        .publicKey().split(" ")[1];
    ec2.deleteKeyPair(r -> r.keyName("made-by-aws"));
    Path file = home.resolve("aws.pem");
    Files.writeString(file, pem + "\n");

    LiveResource live = kind.create(ctx, key(file));
    assertThat(live.properties()).containsEntry("publicKeyMaterial", "ssh-rsa " + awsPublic);
    assertThat(Files.readString(file)).isEqualTo(pem + "\n");
  }

  @Test
  void aFileThatIsNotAnRsaPrivateKeyIsRefusedAndLeftAlone() throws Exception {
    for (String content : List.of("someone's notes",
        "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
            + "-----END RSA PRIVATE KEY-----\n")) {
      Path file = Files.createTempFile(home, "k", ".pem");
      Files.writeString(file, content);
      assertThatThrownBy(() -> kind.create(ctx, key(file))).as(content)
          .hasMessageContaining(file.toString()).hasMessageContaining("not an unencrypted RSA private key")
          .hasMessageContaining("Move or delete that file");
      assertThat(Files.readString(file)).isEqualTo(content);
    }
    Path dir = Files.createDirectories(home.resolve("a-directory.pem"));
    assertThatThrownBy(() -> kind.create(ctx, key(dir))).hasMessageContaining("not an unencrypted RSA private key");
    assertThat(ec2.describeKeyPairs().keyPairs()).isEmpty();
  }

  private KeyPairInfo aws() {
    return ec2.describeKeyPairs(r -> r.keyNames("sb-key").includePublicKey(true)).keyPairs().get(0);
  }

  private static RSAPrivateCrtKey pkcs8(String pem) throws Exception {
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  /** Encoded here independently of the code under test: RFC 4253 string "ssh-rsa", mpint e, mpint n. */
  private static String openSsh(RSAPrivateCrtKey k) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (byte[] part : new byte[][] {"ssh-rsa".getBytes(StandardCharsets.US_ASCII), k.getPublicExponent().toByteArray(),
        k.getModulus().toByteArray()}) {
      out.writeInt(part.length);
      out.write(part);
    }
    return "ssh-rsa " + Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
