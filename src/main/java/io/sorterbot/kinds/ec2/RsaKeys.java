package io.sorterbot.kinds.ec2;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RSA keys of key pairs generated here: made with java.security, written as PEM PKCS#8 (which OpenSSH
 * reads), read back from PKCS#8 or PKCS#1 PEM (the form AWS hands out), and turned into the OpenSSH public
 * key line ImportKeyPair takes. Only unencrypted RSA keys are read: anything else is not a key this tool
 * can import for you, and is reported as such rather than guessed at.
 */
final class RsaKeys {
  static final int BITS = 2048;
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN (PRIVATE KEY|RSA PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  /** AlgorithmIdentifier { rsaEncryption, NULL }, as PKCS#8 wraps an RSA key. */
  private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
      0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  /** A private key as PEM, and the public key that belongs to it as an OpenSSH line. */
  record Rsa(String privateKeyPem, String openSshPublicKey) {}

  private RsaKeys() {}

  static Rsa generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(BITS);
      KeyPair kp = g.generateKeyPair();
      RSAPrivateCrtKey k = (RSAPrivateCrtKey) kp.getPrivate();
      return new Rsa(pem("PRIVATE KEY", k.getEncoded()), openSsh(k.getPublicExponent(), k.getModulus()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }

  /**
   * The key in {@code text}, or null when it is not an unencrypted RSA private key in PEM (PKCS#8
   * {@code BEGIN PRIVATE KEY} or PKCS#1 {@code BEGIN RSA PRIVATE KEY}).
   */
  static Rsa read(String text) {
    Matcher m = PEM.matcher(text);
    if (!m.find()) return null;
    try {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      // A PKCS#1 key is the inner part of a PKCS#8 one: wrap it, and let KeyFactory check the whole structure.
      byte[] pkcs8 = m.group(1).equals("PRIVATE KEY") ? der : pkcs8(der);
      if (!(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)) instanceof RSAPrivateCrtKey k)) {
        return null;  // no public exponent in it: the public key cannot be derived
      }
      return new Rsa(m.group(0), openSsh(k.getPublicExponent(), k.getModulus()));
    } catch (RuntimeException | GeneralSecurityException e) {
      return null;  // bad base64 or DER: not a key we can read, whatever else it is
    }
  }

  /** {@code ssh-rsa BASE64}: the blob is string "ssh-rsa", mpint e, mpint n (RFC 4253 section 6.6). */
  static String openSsh(BigInteger e, BigInteger n) {
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    sshString(blob, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
    sshString(blob, e.toByteArray());  // toByteArray is the two's-complement mpint SSH wants
    sshString(blob, n.toByteArray());
    return "ssh-rsa " + Base64.getEncoder().encodeToString(blob.toByteArray());
  }

  static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING pkcs1 }: what {@code openssl pkcs8 -topk8} makes. */
  static byte[] pkcs8(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM);
    body.writeBytes(der(0x04, pkcs1));
    return der(0x30, body.toByteArray());
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) out.write(n >>> (8 * i));
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static void sshString(ByteArrayOutputStream out, byte[] v) {
    int n = v.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.writeBytes(v);
  }
}
