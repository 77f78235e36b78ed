package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeSsmRules.error;

import io.sorterbot.sandbox.SsmState.ParamRec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;

/**
 * DescribeParameters: the account's own parameters (never AWS's public ones), narrowed by
 * {@code ParameterFilters} (ANDed; values of one filter ORed), in name order, paginated.
 */
final class FakeSsmDescribe {
  private static final int DEFAULT_PAGE = 10;
  private static final int MAX_PAGE = 50;
  private static final Pattern KEY = Pattern.compile("tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType");

  private final FakeSsmParameters params;

  FakeSsmDescribe(FakeSsmParameters params) { this.params = params; }

  DescribeParametersResponse describe(DescribeParametersRequest r) {
    if (r.hasFilters() && !r.filters().isEmpty()) {
      if (r.hasParameterFilters() && !r.parameterFilters().isEmpty()) {
        throw error("ValidationException", "You can use either Filters or ParameterFilters in a single request.");
      }
      throw new java.lang.UnsupportedOperationException("the sandbox does not simulate the legacy DescribeParameters Filters; use ParameterFilters");
    }
    List<ParameterStringFilter> filters = r.hasParameterFilters() ? r.parameterFilters() : List.of();
    filters.forEach(FakeSsmDescribe::check);
    int size = r.maxResults() == null ? DEFAULT_PAGE : r.maxResults();
    if (size < 1 || size > MAX_PAGE) {
      throw error("ValidationException", "1 validation error detected: Value '" + size + "' at 'maxResults' failed to "
          + "satisfy constraint: Member must have value " + (size < 1 ? "greater than or equal to 1" : "less than or equal to 50"));
    }
    String after = r.nextToken() == null ? null : decode(r.nextToken());
    List<ParameterMetadata> page = new ArrayList<>();
    String last = null;
    boolean more = false;
    for (ParamRec p : params.state().parameters.values()) {
      if (after != null && p.name.compareTo(after) <= 0) continue;
      if (params.visible(p.name) == null || !filters.stream().allMatch(f -> matches(f, p))) continue;
      if (page.size() == size) { more = true; break; }
      page.add(metadata(p));
      last = p.name;
    }
    return DescribeParametersResponse.builder().parameters(page).nextToken(more ? encode(last) : null).build();
  }

  private ParameterMetadata metadata(ParamRec p) {
    return ParameterMetadata.builder().name(p.name).arn(params.arn(p.name)).type(p.type).keyId(p.keyId)
        .description(p.description).version(p.version).tier(p.tier).dataType(p.dataType)
        .lastModifiedDate(Instant.parse(p.lastModifiedDate))
        .lastModifiedUser("arn:aws:iam::" + SandboxAccount.ACCOUNT_ID + ":user/sandbox").policies(List.of()).build();
  }

  private static void check(ParameterStringFilter f) {
    String key = f.key() == null ? "" : f.key();
    if (!KEY.matcher(key).matches() || key.equals("Label")) {
      throw error("InvalidFilterKey", "The specified filter key isn't valid: " + key);
    }
    String option = f.option() == null ? (key.equals("Path") ? "OneLevel" : "Equals") : f.option();
    boolean ok = key.equals("Path") ? option.equals("Recursive") || option.equals("OneLevel")
        : option.equals("Equals") || option.equals("BeginsWith") || (key.equals("Name") && option.equals("Contains"));
    if (!ok) {
      throw error("InvalidFilterOption", "The filter option is not valid. Valid options are Equals and BeginsWith. "
          + "For Path filter, valid options are Recursive and OneLevel.");
    }
    List<String> values = f.hasValues() ? f.values() : List.of();
    // tag:<key> alone asks for parameters that carry the key, whatever its value
    if ((values.isEmpty() && !key.startsWith("tag:")) || values.size() > 50) {
      throw error("InvalidFilterValue", "The filter value is not valid. Verify the value and try again.");
    }
    if (key.equals("Path") && values.stream().anyMatch(v -> !v.startsWith("/"))) {
      throw error("InvalidFilterValue", "The parameter doesn't meet the parameter name requirements. The parameter name "
          + "must begin with a forward slash \"/\".");
    }
  }

  private static boolean matches(ParameterStringFilter f, ParamRec p) {
    String key = f.key();
    String option = f.option() == null ? (key.equals("Path") ? "OneLevel" : "Equals") : f.option();
    List<String> values = f.hasValues() ? f.values() : List.of();
    String field;
    if (key.startsWith("tag:")) {
      field = p.tags.get(key.substring(4));
      if (field == null) return false;
      if (values.isEmpty()) return true;
    } else if (key.equals("Path")) {
      return values.stream().anyMatch(v -> underPath(p.name, v, option.equals("Recursive")));
    } else {
      field = switch (key) {
        case "Name" -> p.name;
        case "Type" -> p.type;
        case "KeyId" -> p.keyId;
        case "Tier" -> p.tier;
        default -> p.dataType;
      };
      if (field == null) return false;
    }
    String v0 = field;
    return values.stream().anyMatch(v -> switch (option) {
      case "BeginsWith" -> v0.startsWith(v);
      case "Contains" -> v0.contains(v);
      default -> v0.equals(v);
    });
  }

  private static boolean underPath(String name, String path, boolean recursive) {
    String base = path.equals("/") ? "/" : path.replaceAll("/+$", "") + "/";
    if (!name.startsWith(base) || name.length() == base.length()) return false;
    return recursive || name.indexOf('/', base.length()) < 0;
  }

  private static String encode(String name) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("after:" + name).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (s.startsWith("after:")) return s.substring(6);
    } catch (IllegalArgumentException e) {
      // falls through: not one of ours
    }
    throw error("InvalidNextToken", "The nextToken is not valid.");
  }
}
