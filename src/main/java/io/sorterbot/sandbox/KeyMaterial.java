package io.sorterbot.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Real key material for the simulated key pairs: an RSA 2048 key made with java.security, the private key
 * PEM-encoded as AWS hands it out (PKCS#1, {@code BEGIN RSA PRIVATE KEY}), and fingerprints computed as
 * AWS documents them (created RSA keys: SHA-1 of the PKCS#8 DER of the private key; imported RSA keys:
 * MD5 of the DER public key; imported ED25519 keys: base64 SHA-256 of the OpenSSH key blob).
 */
final class KeyMaterial {
  /** A made key: what CreateKeyPair returns, and what DescribeKeyPairs keeps showing. */
  record Created(String privateKeyPem, String fingerprint, String openSshPublicKey) {}

  /** What ImportKeyPair derives from the given OpenSSH public key. */
  record Imported(String keyType, String fingerprint, String openSshPublicKey) {}

  private KeyMaterial() {}

  static Created createRsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair kp = g.generateKeyPair();
      byte[] pkcs8 = kp.getPrivate().getEncoded();
      String pem = pem("RSA PRIVATE KEY", pkcs1(pkcs8));
      String fingerprint = colonHex(MessageDigest.getInstance("SHA-1").digest(pkcs8));
      return new Created(pem, fingerprint, openSsh((RSAPublicKey) kp.getPublic()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }

  /**
   * Parses an OpenSSH public key line ({@code ssh-rsa AAAA... comment}); null when it is not one AWS
   * accepts (RSA of 1024 bits or more, or ED25519).
   */
  static Imported parseOpenSsh(String text) {
    if (text == null) return null;
    String[] parts = text.trim().split("\\s+");
    if (parts.length < 2) return null;
    try {
      byte[] blob = Base64.getDecoder().decode(parts[1]);
      DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(blob));
      String type = new String(readString(in), StandardCharsets.US_ASCII);
      if (!type.equals(parts[0])) return null;
      String line = parts[0] + " " + parts[1];
      if (type.equals("ssh-rsa")) {
        BigInteger e = new BigInteger(readString(in));
        BigInteger n = new BigInteger(readString(in));
        if (n.bitLength() < 1024) return null;
        byte[] der = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)).getEncoded();
        return new Imported("rsa", colonHex(MessageDigest.getInstance("MD5").digest(der)), line);
      }
      if (type.equals("ssh-ed25519")) {
        if (readString(in).length != 32) return null;
        String fp = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        return new Imported("ed25519", fp, line);
      }
      return null;
    } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
      return null;
    }
  }

  static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----";
  }

  static String colonHex(byte[] digest) { return HexFormat.ofDelimiter(":").formatHex(digest); }

  /** The RSAPrivateKey inside PKCS#8's PrivateKeyInfo: SEQUENCE { version, algorithm, OCTET STRING key }. */
  static byte[] pkcs1(byte[] pkcs8) {
    ByteBuffer b = ByteBuffer.wrap(pkcs8);
    expect(b, 0x30);
    length(b);
    expect(b, 0x02);
    skip(b);
    expect(b, 0x30);
    skip(b);
    expect(b, 0x04);
    byte[] out = new byte[length(b)];
    b.get(out);
    return out;
  }

  private static void expect(ByteBuffer b, int tag) {
    if ((b.get() & 0xff) != tag) throw new IllegalStateException("unexpected DER in a PKCS#8 key");
  }

  private static void skip(ByteBuffer b) {
    int len = length(b);
    b.position(b.position() + len);
  }

  private static int length(ByteBuffer b) {
    int first = b.get() & 0xff;
    if (first < 0x80) return first;
    int len = 0;
    for (int i = 0; i < (first & 0x7f); i++) len = (len << 8) | (b.get() & 0xff);
    return len;
  }

  private static String openSsh(RSAPublicKey k) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
      writeString(out, k.getPublicExponent().toByteArray());
      writeString(out, k.getModulus().toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "ssh-rsa " + Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  private static void writeString(DataOutputStream out, byte[] v) throws IOException {
    out.writeInt(v.length);
    out.write(v);
  }

  private static byte[] readString(DataInputStream in) throws IOException {
    int len = in.readInt();
    if (len < 0 || len > 16384) throw new IOException("bad length");
    byte[] v = new byte[len];
    in.readFully(v);
    return v;
  }
}
