package io.sorterbot.kinds.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * IAM policy documents: what AWS gets (compact JSON), what AWS gives back (URL-encoded JSON), and the canonical
 * form both sides are compared in. Canonical: keys sorted; a one-element list equals its only element
 * ({@code "Action": "s3:*"} is {@code ["s3:*"]}); the Statement list, and the values of Action, NotAction,
 * Resource, NotResource, Principal/NotPrincipal (per principal type) and Condition (per key) are sets:
 * order and duplicates do not count, as IAM evaluates them; an account id as an AWS principal is its root
 * ARN, as AWS stores it. Without this a document that AWS reformats
 * shows as a change on every plan (Terraform's most-reported perpetual diff).
 */
public final class PolicyDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SET_VALUED = Set.of("Statement", "Action", "NotAction", "Resource", "NotResource");
  /** Principals by type (AWS, Service...): each type's values are a set. */
  private static final Set<String> PRINCIPALS = Set.of("Principal", "NotPrincipal");
  private static final String CONDITION = "Condition";
  /** AWS stores an account id given as an AWS principal as that account's root ARN. */
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  private PolicyDocuments() {}

  /**
   * The canonical form of a document given as a mapping, a JSON string or AWS's URL-encoded JSON, as plain
   * maps, lists and scalars; a value that is not a JSON document comes back unchanged (AWS will say why).
   */
  public static Object canonical(Object doc) {
    JsonNode n = parse(doc);
    if (n == null) return doc;
    return JSON.convertValue(canon(n, Shape.PLAIN), Object.class);
  }

  /** Compact JSON for AWS; an unparseable string is passed as written so AWS reports MalformedPolicyDocument. */
  public static String toJson(Object doc) {
    if (doc instanceof String s) {
      JsonNode n = parse(s);
      return n == null ? s : write(n);
    }
    return write(JSON.valueToTree(doc));
  }

  /** A document as AWS returns it (URL-encoded JSON), as plain maps and lists in AWS's order. */
  public static Object fromAws(String encoded) {
    if (encoded == null) return null;
    JsonNode n = parse(encoded);
    return n == null ? encoded : JSON.convertValue(n, Object.class);
  }

  /** Whether two documents are the same policy. */
  public static boolean same(Object a, Object b) {
    return java.util.Objects.equals(canonical(a), canonical(b));
  }

  /** A JSON object from a mapping, a JSON string, or URL-encoded JSON; null when it is none of these. */
  static JsonNode parse(Object doc) {
    if (doc == null) return null;
    if (doc instanceof Map<?, ?> || doc instanceof List<?>) return JSON.valueToTree(doc);
    String s = doc.toString().trim();
    JsonNode n = read(s);
    if (n == null && s.indexOf('%') >= 0) n = read(decode(s));
    return n != null && n.isObject() ? n : null;
  }

  /**
   * Percent-decoding per RFC 3986 as AWS encodes: a literal '+' stays a plus (Java's form decoder would make
   * it a space and change the document).
   */
  static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static JsonNode read(String s) {
    if (s == null || s.isEmpty()) return null;
    try {
      return JSON.readTree(s);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String write(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a policy document", e);
    }
  }

  /** How the values under a key are compared. */
  private enum Shape { PLAIN, SET, PRINCIPAL, CONDITION, CONDITION_KEYS }

  private static JsonNode canon(JsonNode n, Shape shape) {
    if (n.isObject()) return canonObject(n, shape);
    if (n.isArray()) return canonArray((ArrayNode) n, shape == Shape.SET);
    return n;
  }

  private static JsonNode canonObject(JsonNode n, Shape shape) {
    TreeMap<String, JsonNode> sorted = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      Shape inner = switch (shape) {
        case PRINCIPAL, CONDITION_KEYS -> Shape.SET;
        case CONDITION -> Shape.CONDITION_KEYS;
        default -> SET_VALUED.contains(k) ? Shape.SET : PRINCIPALS.contains(k) ? Shape.PRINCIPAL
            : CONDITION.equals(k) ? Shape.CONDITION : Shape.PLAIN;
      };
      JsonNode v = shape == Shape.PRINCIPAL && k.equals("AWS") ? accountRoots(e.getValue()) : e.getValue();
      sorted.put(k, canon(v, inner));
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    sorted.forEach(out::set);
    return out;
  }

  private static JsonNode accountRoots(JsonNode n) {
    if (n.isTextual() && ACCOUNT_ID.matcher(n.asText()).matches()) {
      return JsonNodeFactory.instance.textNode("arn:aws:iam::" + n.asText() + ":root");
    }
    if (!n.isArray()) return n;
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    n.forEach(x -> out.add(accountRoots(x)));
    return out;
  }

  /** Sets are sorted by their elements' canonical JSON and deduplicated; any one-element list is its element. */
  private static JsonNode canonArray(ArrayNode a, boolean set) {
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode x : a) items.add(canon(x, Shape.PLAIN));
    if (set) {
      TreeMap<String, JsonNode> unique = new TreeMap<>();
      for (JsonNode x : items) unique.put(write(x), x);
      items = new ArrayList<>(unique.values());
    }
    if (items.size() == 1) return items.get(0);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    items.forEach(out::add);
    return out;
  }
}
