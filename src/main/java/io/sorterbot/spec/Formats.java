package io.sorterbot.spec;

import io.sorterbot.model.Format;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a string has the format AWS documents for it ({@link Format}): the pattern and length every
 * format declares, plus what a regular expression cannot say (octet values, host bits, reserved names).
 */
final class Formats {
  /** Why a value is refused, and what to write instead. */
  record Failure(String reason, String hint) {}

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final List<String> BUCKET_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> BUCKET_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

  private Formats() {}

  /**
   * @param region  the stack's region when known (for Availability Zones), else null
   * @param regions the region codes the AWS SDK knows; empty: region codes are not checked against a list
   */
  static Failure check(Format f, String v, String region, Set<String> regions) {
    String see = "see " + f.source();
    if (f == Format.REGION) return region(v, regions);
    if (v.length() < f.minLength() || v.length() > f.maxLength()) {
      return new Failure("is " + v.length() + " character" + (v.length() == 1 ? "" : "s") + " long; it must be "
          + f.summary(), see);
    }
    Failure special = special(f, v, region);
    if (special != null) return special;
    if (f.pattern() != null && !Pattern.compile(f.pattern()).matcher(v).matches()) {
      return new Failure("is invalid: it must be " + f.summary(), see);
    }
    return null;
  }

  private static Failure special(Format f, String v, String region) {
    if (f == Format.IPV4_CIDR || f == Format.VPC_CIDR) return cidr4(f, v);
    if (f == Format.IPV6_CIDR) return cidr6(v);
    if (f == Format.S3_BUCKET_NAME) return bucket(v);
    if (f == Format.AVAILABILITY_ZONE && region != null && !(v.startsWith(region) && v.length() > region.length()
        && (Character.isLetter(v.charAt(region.length())) || v.charAt(region.length()) == '-'))) {
      return new Failure("is not an Availability Zone of the stack's region " + region,
          "write ${region}a (or b, c ...) so the zone follows the region");
    }
    if (f == Format.RDS_SUBNET_GROUP_NAME && v.equalsIgnoreCase("default")) {
      return new Failure("is reserved: AWS refuses 'default' as a DB subnet group name", "choose another name");
    }
    if (f == Format.SSM_PARAMETER_NAME) return ssmName(v);
    if (f == Format.SECURITY_GROUP_TEXT && v.startsWith("sg-")) {
      return new Failure("starts with 'sg-', which AWS reserves for security group IDs", "choose a name without that prefix");
    }
    return null;
  }

  private static Failure cidr4(Format f, String v) {
    int slash = v.indexOf('/');
    if (slash < 0) {
      return IPV4.matcher(v).matches() ? new Failure("has no prefix length", "write " + v + "/32 for this one address"
          + (f == Format.VPC_CIDR ? " (a VPC or subnet needs /16 to /28)" : "")) : null;
    }
    var m = IPV4.matcher(v.substring(0, slash));
    if (!m.matches() || !v.substring(slash + 1).matches("\\d{1,2}")) return null; // the pattern says why
    long address = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) return new Failure("is not an IPv4 CIDR block: " + octet + " is not an octet (0 to 255)", null);
      address = address << 8 | octet;
    }
    int prefix = Integer.parseInt(v.substring(slash + 1));
    if (prefix > 32) return new Failure("is not an IPv4 CIDR block: the prefix length is at most 32", null);
    if (f != Format.VPC_CIDR) return null;
    if (prefix < 16 || prefix > 28) {
      return new Failure("is a /" + prefix + " block; AWS allows VPC and subnet blocks from /16 to /28",
          "see " + f.source());
    }
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    if ((address & ~mask & 0xFFFFFFFFL) != 0) {
      long net = address & mask;
      String network = (net >> 24 & 255) + "." + (net >> 16 & 255) + "." + (net >> 8 & 255) + "." + (net & 255) + "/" + prefix;
      return new Failure("is not a network address (host bits are set)", "the /" + prefix + " block holding it is " + network);
    }
    return null;
  }

  private static Failure cidr6(String v) {
    int slash = v.indexOf('/');
    if (slash < 0) return new Failure("has no prefix length", "write " + v + "/128 for this one address");
    String address = v.substring(0, slash);
    if (!address.contains(":")) return new Failure("is not an IPv6 address", "IPv4 blocks go in the IPv4 property");
    try {
      InetAddress.getByName(address); // a literal with ':' is parsed, never looked up
      return null;
    } catch (UnknownHostException | IllegalArgumentException e) {
      return new Failure("is not an IPv6 CIDR block", "e.g. 2001:db8::/64, or ::/0 for every address");
    }
  }

  private static Failure bucket(String v) {
    String see = "see " + Format.S3_BUCKET_NAME.source();
    if (!v.equals(v.toLowerCase(Locale.ROOT))) {
      return new Failure("has uppercase letters; bucket names are lowercase", "write " + v.toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    if (v.contains("_")) return new Failure("has '_'; bucket names take '-' instead", "write " + v.replace('_', '-'));
    if (v.contains("..")) return new Failure("has two dots in a row", see);
    if (IPV4.matcher(v).matches()) return new Failure("is formatted as an IP address, which AWS refuses", see);
    for (String p : BUCKET_PREFIXES) if (v.startsWith(p)) return new Failure("starts with '" + p + "', which AWS reserves", see);
    for (String s : BUCKET_SUFFIXES) if (v.endsWith(s)) return new Failure("ends with '" + s + "', which AWS reserves", see);
    return null;
  }

  private static Failure ssmName(String v) {
    String bare = (v.startsWith("/") ? v.substring(1) : v).toLowerCase(Locale.ROOT);
    if (bare.startsWith("aws") || bare.startsWith("ssm")) {
      return new Failure("begins with 'aws' or 'ssm', which AWS reserves", "prefix it, e.g. /<stack>/" + v.replaceFirst("^/", ""));
    }
    if (v.contains("/") && !v.startsWith("/")) {
      return new Failure("is a hierarchy that does not start with '/'", "write /" + v);
    }
    if (v.chars().filter(c -> c == '/').count() > 15) return new Failure("has more than 15 levels", null);
    return null;
  }

  private static Failure region(String v, Set<String> regions) {
    if (regions.isEmpty() || regions.contains(v)) {
      return regions.isEmpty() && !Pattern.compile(Format.REGION.pattern()).matcher(v).matches()
          ? new Failure("is not a region code", "e.g. eu-central-1") : null;
    }
    String suggestion = Suggest.hint(v, regions);
    return new Failure("is not an AWS region", suggestion != null && suggestion.startsWith("did you mean") ? suggestion
        : "regions look like eu-central-1; see " + Format.REGION.source());
  }

}
