package io.sorterbot.kinds.rds;

import io.sorterbot.model.Sensitive;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The master password is never read back from AWS, so it is compared by fingerprint.
 *
 * <p>At create (and after each password change) the instance gets the tag {@value #TAG} = the first 16
 * hex digits of SHA-256(stack + sbid + password): it tells whether the file's password is the one set,
 * without storing anything that reveals it. Discovery reports the property as a {@link Sensitive}
 * <em>marker</em> holding that fingerprint together with the stack and SBID it was salted with; the
 * kind's {@code equivalent} recomputes the fingerprint of the file's password with that salt and
 * compares. (A plain {@code normalize} to the fingerprint cannot work: it sees neither stack nor SBID,
 * and it must be idempotent.) A changed password thus shows as a change, rendered {@code (sensitive)};
 * the update sends ModifyDBInstance MasterUserPassword and re-tags the fingerprint. An instance without
 * the tag (made outside sorterbot) reports no password, so a declared one is set once and tagged.
 */
final class RdsPassword {
  static final String TAG = "SBPasswordFingerprint";
  private static final String MARKER = "sbfp1:";

  private RdsPassword() {}

  static String fingerprint(String stack, String sbid, String password) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest((nz(stack) + nz(sbid) + password).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** What discovery reports as {@code masterUserPassword}: the fingerprint and its salt, never printable. */
  static Sensitive marker(String stack, String sbid, String fingerprint) {
    return new Sensitive(MARKER + fingerprint + ":" + nz(stack) + ":" + nz(sbid));
  }

  /** Whether the desired password matches the live marker (or, comparing two markers, they are equal). */
  static boolean matches(Object desired, Object live) {
    Object d = Sensitive.reveal(desired);
    Object l = Sensitive.reveal(live);
    if (!(l instanceof String ls) || !ls.startsWith(MARKER) || !(d instanceof String ds) || ds.startsWith(MARKER)) {
      return Objects.equals(d, l);
    }
    String[] parts = ls.substring(MARKER.length()).split(":", 3);
    if (parts.length < 3) return false;
    return parts[0].equals(fingerprint(parts[1], parts[2], ds));
  }

  private static String nz(String s) { return s == null ? "" : s; }
}
