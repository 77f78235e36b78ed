package io.sorterbot.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sorterbot.model.PropertyRules;
import io.sorterbot.model.Sensitive;
import io.sorterbot.model.Tags;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The value last applied from the file to an ignoreChanges property, as recorded on the resource in the tag
 * {@code SBApplied:<property>} (kubectl's last-applied configuration, one property at a time): numbers and
 * booleans as written, anything else as a short hash of its canonical form. A secret is never recorded, not
 * even hashed: its property stays plainly ignored.
 */
public final class LastApplied {
  private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private LastApplied() {}

  /** The record of {@code value}, or null when it cannot be recorded (unknown yet, or sensitive). */
  public static String record(PropertyRules kind, String property, Object value) {
    if (value == null || Unknown.within(value) || Sensitive.within(value)) return null;
    Object v = Values.canonical(kind.normalize(property, Values.canonical(value)));
    if (v instanceof Number || v instanceof Boolean) return String.valueOf(v);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(v));
      return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot record the value of " + property, e);
    }
  }

  /**
   * Whether the file's value of an ignored property differs from the one last applied, so apply sets it. No
   * record (a resource made before records were kept, or a secret) means it is not known to differ: ignored.
   *
   * @param desiredTags the tags the file wants, with the record of the file's value when it can be made
   * @param liveTags    the tags on the resource
   */
  static boolean fileChanged(String property, Object desired, Map<String, String> desiredTags, Map<String, String> liveTags) {
    String recorded = liveTags.get(Tags.applied(property));
    if (recorded == null || Sensitive.within(desired)) return false;
    if (Unknown.within(desired)) return true; // it follows a change upstream: the file's value is a new one
    return !recorded.equals(desiredTags.get(Tags.applied(property)));
  }
}
