package io.sorterbot.sandbox;

import io.sorterbot.sandbox.Ec2State.Res;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** What the EC2 fakes share: errors, tags, filters, CIDR arithmetic, pagination, lookups by id. */
final class Ec2Support {
  static final SandboxErrors ERRORS = new SandboxErrors("ec2", "Ec2", "RequestLimitExceeded", "Request limit exceeded.",
      (status, details) -> Ec2Exception.builder().statusCode(status).awsErrorDetails(details)
          .message(details.errorMessage()).build());

  private static final int MAX_TAGS = 50;

  final SandboxGate gate;
  final SandboxAccount account;

  Ec2Support(SandboxGate gate) {
    this.gate = gate;
    this.account = gate.account();
  }

  Ec2State state() { return account.regionalState("ec2", Ec2State.class); }

  String region() { return account.region(); }

  String owner() { return account.accountId(); }

  String now() { return account.now().toString(); }

  boolean visible(Res r) { return gate.visible(r.createdAt); }

  String arn(String type, String id) { return "arn:aws:ec2:" + region() + ":" + owner() + ":" + type + "/" + id; }

  /** Fills id, creation time and tags of a new resource. */
  <R extends Res> R init(R r, String prefix, Map<String, String> tags) {
    r.id = account.newId(prefix);
    r.createdAt = now();
    if (tags != null) r.tags.putAll(tags);
    return r;
  }

  // ---- errors ----------------------------------------------------------------------------------------

  static AwsServiceException error(String code, String message) { return ERRORS.error(code, message); }

  static AwsServiceException invalidParameter(String message) { return error("InvalidParameterValue", message); }

  static AwsServiceException missing(String parameter) {
    return error("MissingParameter", "The request must contain the parameter " + parameter);
  }

  static AwsServiceException dependencyViolation(String message) { return error("DependencyViolation", message); }

  static UnsupportedOperationException unsupported(String what) {
    return new UnsupportedOperationException("the sandbox does not simulate " + what + " yet");
  }

  /** Throws {@code DryRunOperation} when the request's DryRun flag is set (AWS checks permissions only). */
  static void dryRun(Boolean dryRun) {
    if (Boolean.TRUE.equals(dryRun)) {
      throw ERRORS.error(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
    }
  }

  /** The kinds of EC2 ids the fakes know, with their error codes. */
  enum Kind {
    VPC("vpc", "InvalidVpcID", "The vpc ID '%s' does not exist"),
    SUBNET("subnet", "InvalidSubnetID", "The subnet ID '%s' does not exist"),
    IGW("igw", "InvalidInternetGatewayID", "The internetGateway ID '%s' does not exist"),
    ROUTE_TABLE("rtb", "InvalidRouteTableID", "The routeTable ID '%s' does not exist"),
    SECURITY_GROUP("sg", "InvalidGroup", "The security group '%s' does not exist"),
    SECURITY_GROUP_RULE("sgr", "InvalidSecurityGroupRuleId", "The security group rule ID '%s' does not exist"),
    ASSOCIATION("rtbassoc", "InvalidAssociationID", "The association ID '%s' does not exist"),
    NETWORK_ACL("acl", "InvalidNetworkAclID", "The network ACL ID '%s' does not exist"),
    INSTANCE("i", "InvalidInstanceID", "The instance ID '%s' does not exist"),
    NETWORK_INTERFACE("eni", "InvalidNetworkInterfaceID", "The networkInterface ID '%s' does not exist"),
    VOLUME("vol", "InvalidVolume", "The volume '%s' does not exist."),
    KEY_PAIR("key", "InvalidKeyPair", "The key pair ID '%s' does not exist"),
    IAM_ASSOCIATION("iip-assoc", "InvalidAssociationID", "An association ID '%s' does not exist");

    final String prefix;
    final String codeBase;
    final String notFoundMessage;
    final Pattern shape;

    Kind(String prefix, String codeBase, String notFoundMessage) {
      this.prefix = prefix;
      this.codeBase = codeBase;
      this.notFoundMessage = notFoundMessage;
      this.shape = Pattern.compile(Pattern.quote(prefix) + "-[0-9a-f]{8,17}");
    }

    AwsServiceException notFound(String id) { return error(codeBase + ".NotFound", String.format(notFoundMessage, id)); }

    AwsServiceException malformed(String id) {
      String base = this == SECURITY_GROUP ? "InvalidGroupId" : codeBase;
      return error(base + ".Malformed", "Invalid id: \"" + id + "\"");
    }

    static Kind ofId(String id) {
      if (id == null) return null;
      Kind best = null;
      for (Kind k : values()) {
        if (id.startsWith(k.prefix + "-") && (best == null || k.prefix.length() > best.prefix.length())) best = k;
      }
      return best;
    }
  }

  /** The resource {@code id} of {@code kind} from {@code map}; {@code *.Malformed} / {@code *.NotFound} otherwise. */
  static <R> R require(Map<String, R> map, Kind kind, String id) {
    if (id == null || id.isEmpty()) throw missing(kind == Kind.SECURITY_GROUP ? "groupId" : kind.prefix + "Id");
    R r = map.get(id);
    if (r != null) return r;
    if (!kind.shape.matcher(id).matches()) throw kind.malformed(id);
    throw kind.notFound(id);
  }

  /**
   * What a describe returns: the visible resources of {@code all} that match the requested ids (each of them
   * must exist and be visible, else {@code *.NotFound}) and the filters.
   */
  <R extends Res> List<R> select(Map<String, R> all, Kind kind, Collection<String> ids, List<Filter> filters,
                                 Map<String, Function<R, Collection<String>>> fields) {
    checkFilters(filters, fields.keySet());
    List<R> candidates = new ArrayList<>();
    if (ids != null && !ids.isEmpty()) {
      for (String id : new java.util.LinkedHashSet<>(ids)) {
        R r = require(all, kind, id);
        if (!visible(r)) throw kind.notFound(id);
        candidates.add(r);
      }
    } else {
      for (R r : all.values()) if (visible(r)) candidates.add(r);
    }
    List<R> out = new ArrayList<>();
    for (R r : candidates) if (matches(r, filters, fields)) out.add(r);
    return out;
  }

  // ---- filters ---------------------------------------------------------------------------------------

  static void checkFilters(List<Filter> filters, Collection<String> names) {
    if (filters == null) return;
    for (Filter f : filters) {
      String n = f.name();
      if (n == null || n.isEmpty()) throw missing("Filter.Name");
      if (!(n.startsWith("tag:") || n.equals("tag-key") || n.equals("tag-value") || names.contains(n))) {
        throw invalidParameter("The filter '" + n + "' is invalid");
      }
      if (!f.hasValues() || f.values().isEmpty()) {
        throw invalidParameter("The filter '" + n + "' requires at least one value");
      }
    }
  }

  /** AND across filters, OR across the values of one; values may use the wildcards {@code *} and {@code ?}. */
  static <R extends Res> boolean matches(R r, List<Filter> filters, Map<String, Function<R, Collection<String>>> fields) {
    if (filters == null) return true;
    for (Filter f : filters) {
      String n = f.name();
      Collection<String> actual;
      if (n.startsWith("tag:")) {
        String v = r.tags.get(n.substring(4));
        actual = v == null ? List.of() : List.of(v);
      } else if (n.equals("tag-key")) {
        actual = r.tags.keySet();
      } else if (n.equals("tag-value")) {
        actual = r.tags.values();
      } else {
        actual = fields.get(n).apply(r);
      }
      if (!anyMatches(f.values(), actual)) return false;
    }
    return true;
  }

  private static boolean anyMatches(List<String> patterns, Collection<String> actual) {
    for (String p : patterns) {
      for (String a : actual) {
        if (a != null && glob(p, a)) return true;
      }
    }
    return false;
  }

  static boolean glob(String pattern, String s) {
    if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) return pattern.equals(s);
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') re.append(".*");
      else if (c == '?') re.append('.');
      else re.append(Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(s).matches();
  }

  static List<String> one(Object v) { return v == null ? List.of() : List.of(String.valueOf(v)); }

  // ---- tags ------------------------------------------------------------------------------------------

  /** The tags of the {@code TagSpecifications} for {@code resourceType}; another type is an error. */
  static Map<String, String> tagsFor(List<TagSpecification> specs, String resourceType) {
    Map<String, String> out = new LinkedHashMap<>();
    if (specs == null) return out;
    for (TagSpecification s : specs) {
      String t = s.resourceTypeAsString();
      if (t == null) throw missing("TagSpecification.ResourceType");
      if (!t.equals(resourceType)) {
        throw invalidParameter("'" + t + "' is not a valid taggable resource type for this operation.");
      }
      for (Tag tag : s.tags()) putTag(out, tag);
    }
    checkTagCount(out);
    return out;
  }

  static void putTag(Map<String, String> tags, Tag tag) {
    String k = tag.key();
    if (k == null || k.isEmpty()) throw invalidParameter("Tag keys must not be empty");
    if (k.length() > 128) throw invalidParameter("Tag key exceeds the maximum length of 128 characters");
    if (k.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
      throw invalidParameter("Tag keys starting with 'aws:' are reserved for internal use");
    }
    String v = tag.value() == null ? "" : tag.value();
    if (v.length() > 256) throw invalidParameter("Tag value exceeds the maximum length of 256 characters");
    tags.put(k, v);
  }

  static void checkTagCount(Map<String, String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw error("TagLimitExceeded", "The maximum number of tags (" + MAX_TAGS + ") for a resource has been reached.");
    }
  }

  static List<Tag> sdkTags(Map<String, String> tags) {
    List<Tag> out = new ArrayList<>(tags.size());
    tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
    return out;
  }

  // ---- pagination ------------------------------------------------------------------------------------

  record Page<T>(List<T> items, String nextToken) {}

  /**
   * One page of {@code all}: everything when {@code maxResults} is null, else {@code maxResults} items
   * from the offset in {@code nextToken}; bounds as AWS's describes ({@code min}..1000).
   */
  static <T> Page<T> page(List<T> all, Integer maxResults, String nextToken, int min) {
    int from = 0;
    if (nextToken != null && !nextToken.isEmpty()) {
      try {
        from = Integer.parseInt(nextToken.startsWith("sbx-") ? nextToken.substring(4) : "x");
      } catch (NumberFormatException e) {
        throw error("InvalidPaginationToken", "Invalid pagination token: " + nextToken);
      }
      if (from < 0 || from > all.size()) throw error("InvalidPaginationToken", "Invalid pagination token: " + nextToken);
    }
    if (maxResults == null) return new Page<>(all.subList(from, all.size()), null);
    if (maxResults < min || maxResults > 1000) {
      throw invalidParameter("Value ( " + maxResults + " ) for parameter maxResults is invalid. Expecting a value between "
          + min + " and 1000.");
    }
    int to = Math.min(all.size(), from + maxResults);
    return new Page<>(all.subList(from, to), to < all.size() ? "sbx-" + to : null);
  }

  // ---- CIDR ------------------------------------------------------------------------------------------

  /** An IPv4 CIDR block. */
  record Cidr(long network, int prefix) {
    static Cidr parse(String s) {
      if (s == null) return null;
      int slash = s.indexOf('/');
      if (slash < 0) return null;
      String[] octets = s.substring(0, slash).split("\\.", -1);
      if (octets.length != 4) return null;
      long addr = 0;
      try {
        for (String o : octets) {
          if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit)) return null;
          int v = Integer.parseInt(o);
          if (v > 255) return null;
          addr = (addr << 8) | v;
        }
        String p = s.substring(slash + 1);
        if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(Character::isDigit)) return null;
        int prefix = Integer.parseInt(p);
        if (prefix > 32) return null;
        return new Cidr(addr, prefix);
      } catch (NumberFormatException e) {
        return null;
      }
    }

    long mask() { return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL; }

    /** True when no host bits are set ({@code 10.0.0.0/16}, not {@code 10.0.0.1/16}). */
    boolean canonical() { return (network & ~mask() & 0xFFFFFFFFL) == 0; }

    long size() { return 1L << (32 - prefix); }

    boolean contains(Cidr o) { return o.prefix >= prefix && (o.network & mask()) == network; }

    boolean overlaps(Cidr o) { return contains(o) || o.contains(this); }
  }

  /** Parses a CIDR given as {@code parameter}; malformed or with host bits set is {@code InvalidParameterValue}. */
  static Cidr cidr(String value, String parameter) {
    if (value == null) throw missing(parameter);
    Cidr c = Cidr.parse(value);
    if (c == null || !c.canonical()) {
      throw invalidParameter("Value (" + value + ") for parameter " + parameter + " is invalid. This is not a valid CIDR block.");
    }
    return c;
  }

  // ---- availability zones ----------------------------------------------------------------------------

  /** The region's zones: region + a, b, c. */
  List<String> zones() { return List.of(region() + "a", region() + "b", region() + "c"); }

  /** The zone id of a zone name ({@code eu-west-1b} → {@code euw1-az2}). */
  String zoneId(String zone) {
    int i = zones().indexOf(zone);
    return regionCode() + "-az" + (i + 1);
  }

  private String regionCode() {
    StringBuilder sb = new StringBuilder();
    for (String part : region().split("-")) {
      switch (part) {
        case "north" -> sb.append('n');
        case "south" -> sb.append('s');
        case "east" -> sb.append('e');
        case "west" -> sb.append('w');
        case "central" -> sb.append('c');
        case "northeast" -> sb.append("ne");
        case "northwest" -> sb.append("nw");
        case "southeast" -> sb.append("se");
        case "southwest" -> sb.append("sw");
        default -> sb.append(part);
      }
    }
    return sb.toString();
  }
}
