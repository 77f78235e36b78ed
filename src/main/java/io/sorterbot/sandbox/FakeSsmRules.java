package io.sorterbot.sandbox;

import io.sorterbot.sandbox.SsmState.ParamRec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ssm.model.*;

/** Parameter Store's limits and naming rules, and its errors typed as the real client throws them. */
final class FakeSsmRules {
  static final SandboxErrors ERRORS = new SandboxErrors("ssm", "Ssm", "ThrottlingException", "Rate exceeded",
      FakeSsmRules::exception);
  static final String DEFAULT_KEY = "alias/aws/ssm";
  static final int STANDARD_MAX = 4096;
  static final int ADVANCED_MAX = 8192;
  static final int DESCRIPTION_MAX = 1024;
  static final int MAX_TAGS = 50;
  private static final int MAX_LEVELS = 15;
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_./-]{1,1011}");

  private FakeSsmRules() {}

  /**
   * The account's default tier (Standard) unless asked otherwise, on overwrites too; Advanced never goes
   * back; Intelligent-Tiering picks by size.
   */
  static String tier(PutParameterRequest r, ParamRec old) {
    String asked = r.tier() == null ? null : r.tierAsString();
    int len = r.value().length();
    String tier;
    if (asked == null) tier = "Standard";
    else if (asked.equals("Intelligent-Tiering")) tier = len > STANDARD_MAX || (old != null && old.tier.equals("Advanced")) ? "Advanced" : "Standard";
    else tier = asked;
    if (!tier.equals("Standard") && !tier.equals("Advanced")) {
      throw error("ValidationException", "1 validation error detected: Value '" + asked + "' at 'tier' failed to satisfy "
          + "constraint: Member must satisfy enum value set: [Standard, Advanced, Intelligent-Tiering]");
    }
    if (old != null && old.tier.equals("Advanced") && tier.equals("Standard")) {
      throw error("ValidationException", "This parameter uses the advanced-parameter tier. You can't downgrade a parameter "
          + "from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced "
          + "parameter and recreate it as a standard parameter.");
    }
    if (tier.equals("Standard") && len > STANDARD_MAX) {
      throw error("ValidationException", "Standard tier parameters support a maximum parameter value of 4096 characters. "
          + "To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.");
    }
    if (len > ADVANCED_MAX) {
      throw error("ValidationException", "1 validation error detected: Value at 'value' failed to satisfy constraint: "
          + "Member must have length less than or equal to 8192");
    }
    return tier;
  }

  static Map<String, String> checkTags(List<Tag> tags, Map<String, String> base) {
    Map<String, String> out = new LinkedHashMap<>(base);
    for (Tag t : tags) {
      if (t.key() == null || t.key().isEmpty() || t.key().length() > 128 || t.value() == null || t.value().length() > 256) {
        throw error("ValidationException", "1 validation error detected: Value at 'tags' failed to satisfy constraint: "
            + "Member must satisfy constraint: [key length 1-128, value length 0-256]");
      }
      if (t.key().toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw error("ValidationException", "Tag keys beginning with aws: are reserved for AWS use.");
      }
      out.put(t.key(), t.value());
    }
    if (out.size() > MAX_TAGS) {
      throw error("TooManyTagsError", "The Targets parameter includes too many tags. Remove one or more tags and try the request again.");
    }
    return out;
  }

  static String checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw error("ValidationException", "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
    }
    reserved(name);
    if (!NAME.matcher(name).matches()) {
      throw error("ValidationException", "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). If "
          + "formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix "
          + "of letters, numbers and the following 3 symbols .-_");
    }
    if (name.contains("/") && !name.startsWith("/")) throw error("ValidationException", "Parameter name must be a fully qualified name.");
    if (name.chars().filter(c -> c == '/').count() > MAX_LEVELS) {
      throw error("HierarchyLevelLimitExceededException", "Parameter name hierarchy limit exceeded: 15 levels max.");
    }
    return name;
  }

  /** Names beginning with aws or ssm belong to AWS (its public parameters live there). */
  static void reserved(String name) {
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceFirst("^/", "");
    if (n.startsWith("aws") || n.startsWith("ssm")) {
      throw error("ValidationException", "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
    }
  }

  static AwsServiceException notFound(String name) { return error("ParameterNotFound", "Parameter " + name + " not found."); }

  static AwsServiceException error(String code, String message) { return ERRORS.error(code, message); }

  /** The SDK's own exception type per error code, as the real client unmarshals it. */
  private static AwsServiceException exception(int status, AwsErrorDetails d) {
    SsmException.Builder b = switch (d.errorCode()) {
      case "ParameterNotFound" -> ParameterNotFoundException.builder();
      case "ParameterAlreadyExists" -> ParameterAlreadyExistsException.builder();
      case "InvalidResourceId" -> InvalidResourceIdException.builder();
      case "TooManyTagsError" -> TooManyTagsErrorException.builder();
      case "InvalidNextToken" -> InvalidNextTokenException.builder();
      case "InvalidFilterKey" -> InvalidFilterKeyException.builder();
      case "InvalidFilterOption" -> InvalidFilterOptionException.builder();
      case "InvalidFilterValue" -> InvalidFilterValueException.builder();
      case "HierarchyTypeMismatchException" -> HierarchyTypeMismatchException.builder();
      case "HierarchyLevelLimitExceededException" -> HierarchyLevelLimitExceededException.builder();
      case "ValidationException" -> ValidationException.builder();
      default -> SsmException.builder();
    };
    return (AwsServiceException) b.statusCode(status).awsErrorDetails(d).message(d.errorMessage()).build();
  }
}
