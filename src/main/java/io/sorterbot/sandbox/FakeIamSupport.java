package io.sorterbot.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sorterbot.sandbox.IamState.Entity;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** What the IAM fakes share: errors (typed as the SDK's), ids, validation, documents, tags, pagination. */
final class FakeIamSupport {
  static final SandboxErrors ERRORS = new SandboxErrors("iam", "Iam", "Throttling", "Rate exceeded",
      FakeIamSupport::exception);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
  private static final Pattern PATH = Pattern.compile("/|/[\\u0021-\\u007E]+/");
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final int MAX_TAGS = 50;

  final SandboxGate gate;
  final SandboxAccount account;
  private final SecureRandom random = new SecureRandom();

  FakeIamSupport(SandboxGate gate) {
    this.gate = gate;
    this.account = gate.account();
  }

  IamState state() { return account.state("iam", SandboxAccount.GLOBAL, IamState.class); }

  String now() { return account.now().toString(); }

  /** Consistency lag: a new entity is not yet seen by reads and by other entities' operations. */
  boolean visible(Entity e) { return gate.visible(e.createdAt); }

  String arn(String type, String path, String name) {
    return "arn:aws:iam::" + account.accountId() + ":" + type + path + name;
  }

  /** A unique id such as {@code AROA} + 17 characters, derived from the account's counter (deterministic). */
  String newId(String prefix, int length) {
    long n = account.nextSequence();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(ALNUM.charAt((int) (n & 31)));
      n >>>= 5;
    }
    return prefix + sb.reverse();
  }

  /** A random secret access key: 40 characters, never stored. */
  String newSecret() {
    StringBuilder sb = new StringBuilder(40);
    for (int i = 0; i < 40; i++) sb.append(SECRET_CHARS.charAt(random.nextInt(SECRET_CHARS.length())));
    return sb.toString();
  }

  <E extends Entity> E init(E e, String idPrefix, String type, String name, String path, List<Tag> tags) {
    e.id = newId(idPrefix, 17);
    e.name = name;
    e.path = path;
    e.arn = arn(type, path, name);
    e.createdAt = now();
    e.tags.putAll(tags(tags));
    return e;
  }

  static Instant instant(String iso) { return iso == null ? null : Instant.parse(iso); }

  // ---- errors ----------------------------------------------------------------------------------------

  private static AwsServiceException exception(int status, AwsErrorDetails d) {
    IamException.Builder b = switch (d.errorCode()) {
      case "NoSuchEntity" -> NoSuchEntityException.builder();
      case "EntityAlreadyExists" -> EntityAlreadyExistsException.builder();
      case "DeleteConflict" -> DeleteConflictException.builder();
      case "LimitExceeded" -> LimitExceededException.builder();
      case "MalformedPolicyDocument" -> MalformedPolicyDocumentException.builder();
      case "InvalidInput" -> InvalidInputException.builder();
      default -> IamException.builder();
    };
    return (AwsServiceException) b.statusCode(status).awsErrorDetails(d).message(d.errorMessage()).build();
  }

  static AwsServiceException noSuchEntity(String message) { return ERRORS.error(404, "NoSuchEntity", message); }

  static AwsServiceException alreadyExists(String message) { return ERRORS.error(409, "EntityAlreadyExists", message); }

  static AwsServiceException deleteConflict(String message) { return ERRORS.error(409, "DeleteConflict", message); }

  static AwsServiceException limitExceeded(String message) { return ERRORS.error(409, "LimitExceeded", message); }

  static AwsServiceException invalidInput(String message) { return ERRORS.error(400, "InvalidInput", message); }

  static AwsServiceException validation(String field, String value, String constraint) {
    return ERRORS.error(400, "ValidationError", "1 validation error detected: Value '" + value + "' at '" + field
        + "' failed to satisfy constraint: " + constraint);
  }

  // ---- validation ------------------------------------------------------------------------------------

  static String name(String field, String value, int max) {
    if (value == null) throw validation(field, "null", "Member must not be null");
    if (value.isEmpty() || value.length() > max) {
      throw validation(field, value, "Member must have length between 1 and " + max);
    }
    if (!NAME.matcher(value).matches()) {
      throw validation(field, value, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    }
    return value;
  }

  /** The path, "/" when absent; AWS's pattern: it starts and ends with a slash. */
  static String path(String value) {
    if (value == null) return "/";
    if (value.length() > 512 || !PATH.matcher(value).matches()) {
      throw validation("path", value, "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    }
    return value;
  }

  /**
   * Checks a policy document as IAM's grammar roughly does (a JSON object with a Statement whose entries have
   * an Effect of Allow or Deny) and returns it as given: AWS stores the text, not a reformatted copy.
   */
  static String document(String field, String doc) {
    if (doc == null) throw validation(field, "null", "Member must not be null");
    JsonNode n;
    try {
      n = JSON.readTree(doc);
    } catch (Exception e) {
      throw ERRORS.error(400, "MalformedPolicyDocument", "Syntax errors in policy.");
    }
    if (n == null || !n.isObject()) throw ERRORS.error(400, "MalformedPolicyDocument", "Syntax errors in policy.");
    JsonNode version = n.get("Version");
    if (version != null && !version.asText().equals("2012-10-17") && !version.asText().equals("2008-10-17")) {
      throw ERRORS.error(400, "MalformedPolicyDocument", "The policy failed legacy parsing");
    }
    JsonNode statement = n.get("Statement");
    if (statement == null) throw ERRORS.error(400, "MalformedPolicyDocument", "Missing required field Statement");
    List<JsonNode> statements = new ArrayList<>();
    if (statement.isArray()) statement.forEach(statements::add); else statements.add(statement);
    for (JsonNode s : statements) {
      String effect = s.path("Effect").asText("");
      if (!effect.equals("Allow") && !effect.equals("Deny")) {
        throw ERRORS.error(400, "MalformedPolicyDocument", "Missing required field Effect");
      }
    }
    return doc;
  }

  /** Documents are returned URL-encoded (RFC 3986), as AWS does. */
  static String encode(String doc) { return doc == null ? null : SdkHttpUtils.urlEncode(doc); }

  // ---- tags ------------------------------------------------------------------------------------------

  static LinkedHashMap<String, String> tags(Collection<Tag> tags) {
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    if (tags == null) return out;
    for (Tag t : tags) {
      if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
        throw validation("tags.member.key", String.valueOf(t.key()), "Member must have length between 1 and 128");
      }
      if (t.value() == null || t.value().length() > 256) {
        throw validation("tags.member.value", String.valueOf(t.value()), "Member must have length less than or equal to 256");
      }
      if (out.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(t.key()))) {
        throw invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
      }
      out.put(t.key(), t.value());
    }
    if (out.size() > MAX_TAGS) throw limitExceeded("The number of tags has reached the maximum limit.");
    return out;
  }

  static void tag(Entity e, Collection<Tag> tags) {
    Map<String, String> add = tags(tags);
    add.forEach((k, v) -> {
      e.tags.keySet().removeIf(x -> x.equalsIgnoreCase(k));
      e.tags.put(k, v);
    });
    if (e.tags.size() > MAX_TAGS) throw limitExceeded("The number of tags has reached the maximum limit.");
  }

  static void untag(Entity e, Collection<String> keys) {
    if (keys != null) for (String k : keys) e.tags.keySet().removeIf(x -> x.equalsIgnoreCase(k));
  }

  static List<Tag> sdkTags(Map<String, String> tags) {
    List<Tag> out = new ArrayList<>();
    tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
    return out;
  }

  /** IAM names are unique per account without regard to case. */
  static <E> E byName(Map<String, E> map, String name) {
    if (name == null) return null;
    E e = map.get(name);
    if (e != null) return e;
    for (Map.Entry<String, E> x : map.entrySet()) {
      if (x.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) return x.getValue();
    }
    return null;
  }

  // ---- pagination ------------------------------------------------------------------------------------

  record Page<T>(List<T> items, boolean truncated, String marker) {}

  /** One page: MaxItems (default 100, 1..1000) items from the offset the Marker carries. */
  static <T> Page<T> page(List<T> all, Integer maxItems, String marker) {
    int max = maxItems == null ? 100 : maxItems;
    if (max < 1 || max > 1000) throw validation("maxItems", String.valueOf(max), "Member must have value between 1 and 1000");
    int from = 0;
    if (marker != null && !marker.isEmpty()) {
      try {
        from = Integer.parseInt(marker.startsWith("sbx-") ? marker.substring(4) : "x");
      } catch (NumberFormatException e) {
        throw invalidInput("Invalid Marker.");
      }
      if (from < 0 || from > all.size()) throw invalidInput("Invalid Marker.");
    }
    int to = Math.min(all.size(), from + max);
    boolean truncated = to < all.size();
    return new Page<>(new ArrayList<>(all.subList(from, to)), truncated, truncated ? "sbx-" + to : null);
  }

  static boolean underPath(Entity e, String prefix) {
    return prefix == null || prefix.isEmpty() || e.path.startsWith(prefix);
  }
}
