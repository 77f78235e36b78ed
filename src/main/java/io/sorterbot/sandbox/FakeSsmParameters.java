package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeSsmRules.DEFAULT_KEY;
import static io.sorterbot.sandbox.FakeSsmRules.DESCRIPTION_MAX;
import static io.sorterbot.sandbox.FakeSsmRules.MAX_TAGS;
import static io.sorterbot.sandbox.FakeSsmRules.checkName;
import static io.sorterbot.sandbox.FakeSsmRules.checkTags;
import static io.sorterbot.sandbox.FakeSsmRules.error;
import static io.sorterbot.sandbox.FakeSsmRules.notFound;
import static io.sorterbot.sandbox.FakeSsmRules.reserved;
import static io.sorterbot.sandbox.FakeSsmRules.tier;

import io.sorterbot.sandbox.SsmState.ParamRec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.model.*;

/**
 * Parameter Store semantics of the SSM fake: put (create / overwrite, versions, tiers), get (with or without
 * decryption), delete, tags, and AWS's public parameters. Runs inside the gate's lock; see {@link FakeSsm}.
 */
final class FakeSsmParameters {
  private final SandboxGate gate;
  private final SandboxAccount account;

  FakeSsmParameters(SandboxGate gate) {
    this.gate = gate;
    this.account = gate.account();
  }

  SsmState state() { return account.regionalState("ssm", SsmState.class); }

  // ---- put / get / delete ----------------------------------------------------------------------------

  PutParameterResponse put(PutParameterRequest r) {
    String name = checkName(r.name());
    boolean overwrite = Boolean.TRUE.equals(r.overwrite());
    if (overwrite && r.hasTags() && !r.tags().isEmpty()) {
      throw error("ValidationException", "Invalid request: tags and overwrite can't be used together. To create a "
          + "parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use "
          + "AddTagsToResource or RemoveTagsFromResource.");
    }
    if (r.description() != null && r.description().length() > DESCRIPTION_MAX) {
      // AWS echoes non-sensitive request members in its validation messages (the value is sensitive: never echoed)
      throw error("ValidationException", "1 validation error detected: Value '" + r.description()
          + "' at 'description' failed to satisfy constraint: Member must have length less than or equal to 1024");
    }
    if (r.value() == null || r.value().isEmpty()) {
      throw error("ValidationException",
          "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }
    ParamRec old = state().parameters.get(name);
    if (old != null && !overwrite) {
      throw error("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the "
          + "overwrite option in the request to true.");
    }
    String type = r.type() == null ? (old == null ? null : old.type) : r.typeAsString();
    if (type == null) throw error("ValidationException", "A parameter type is required when you create a parameter.");
    if (ParameterType.fromValue(type) == ParameterType.UNKNOWN_TO_SDK_VERSION) {
      throw error("ValidationException", "1 validation error detected: Value '" + type + "' at 'type' failed to satisfy "
          + "constraint: Member must satisfy enum value set: [SecureString, StringList, String]");
    }
    if (old != null && !old.type.equals(type)) {
      throw error("HierarchyTypeMismatchException", "Parameter Store does not support changing a parameter type in a "
          + "hierarchy. For example, you can't change a parameter from a String type to a SecureString type. You must "
          + "create a new, unique parameter.");
    }
    if (r.keyId() != null && !type.equals("SecureString")) {
      throw error("ValidationException", "KeyId is only valid for parameters of type SecureString.");
    }
    String tier = tier(r, old);
    Map<String, String> tags = old == null ? checkTags(r.hasTags() ? r.tags() : List.of(), Map.of()) : old.tags;
    ParamRec p = old != null ? old : new ParamRec();
    String now = account.now().toString();
    if (old == null) {
      p.name = name;
      p.createdAt = now;
      p.tags = new LinkedHashMap<>(tags);
    }
    p.type = type;
    p.value = r.value();
    if (r.description() != null || old == null) p.description = r.description();
    // an overwrite without KeyId re-encrypts with the account's default key, as a create would
    p.keyId = type.equals("SecureString") ? (r.keyId() != null ? r.keyId() : DEFAULT_KEY) : null;
    p.tier = tier;
    if (r.dataType() != null) p.dataType = r.dataType();
    p.version++;
    p.lastModifiedDate = now;
    state().parameters.put(name, p);
    return PutParameterResponse.builder().version(p.version).tier(tier).build();
  }

  /** The parameter as GetParameter(s) returns it, or null when there is none (yet, with consistency lag). */
  Parameter get(String name, boolean decrypt) {
    String pub = FakeSsm.PUBLIC_PARAMETERS.get(name);
    if (pub != null) {
      return Parameter.builder().name(name).type(ParameterType.STRING).value(pub).version(1L).dataType("aws:ec2:image")
          .lastModifiedDate(Instant.parse("2025-01-01T00:00:00Z"))
          .arn("arn:aws:ssm:" + account.region() + "::parameter" + name).build();
    }
    ParamRec p = visible(name);
    if (p == null) return null;
    boolean clear = decrypt || !p.type.equals("SecureString");
    return Parameter.builder().name(p.name).type(p.type).value(clear ? p.value : ciphertext(p)).version(p.version)
        .lastModifiedDate(Instant.parse(p.lastModifiedDate)).arn(arn(p.name)).dataType(p.dataType).build();
  }

  GetParametersResponse getMany(GetParametersRequest r) {
    List<String> names = r.hasNames() ? r.names() : List.of();
    if (names.isEmpty() || names.size() > 10) {
      throw error("ValidationException", "1 validation error detected: Value '" + names + "' at 'names' failed to satisfy "
          + "constraint: Member must have length " + (names.isEmpty() ? "greater than or equal to 1" : "less than or equal to 10"));
    }
    List<Parameter> found = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (String n : names.stream().distinct().toList()) {
      Parameter p = get(n, Boolean.TRUE.equals(r.withDecryption()));
      if (p == null) invalid.add(n); else found.add(p);
    }
    return GetParametersResponse.builder().parameters(found).invalidParameters(invalid).build();
  }

  void delete(String name) {
    reserved(name);
    if (visible(name) == null) throw notFound(name);
    state().parameters.remove(name);
  }

  // ---- tags ------------------------------------------------------------------------------------------

  Map<String, String> tagsOf(ResourceTypeForTagging type, String id) { return taggable(type, id).tags; }

  void addTags(ResourceTypeForTagging type, String id, List<Tag> tags) {
    ParamRec p = taggable(type, id);
    Map<String, String> merged = new LinkedHashMap<>(p.tags);
    merged.putAll(checkTags(tags, Map.of()));
    if (merged.size() > MAX_TAGS) {
      throw error("TooManyTagsError", "The Targets parameter includes too many tags. Remove one or more tags and try the request again.");
    }
    p.tags = new LinkedHashMap<>(merged);
  }

  void removeTags(ResourceTypeForTagging type, String id, List<String> keys) {
    ParamRec p = taggable(type, id);
    keys.forEach(p.tags::remove);
  }

  private ParamRec taggable(ResourceTypeForTagging type, String id) {
    if (type != ResourceTypeForTagging.PARAMETER) {
      throw new java.lang.UnsupportedOperationException("the sandbox tags only SSM parameters, not " + type);
    }
    reserved(id);
    ParamRec p = id == null ? null : state().parameters.get(id);
    if (p == null) throw error("InvalidResourceId", "The resource ID \"" + id + "\" is not valid. Verify the ID and try again.");
    return p;
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  ParamRec visible(String name) {
    ParamRec p = name == null ? null : state().parameters.get(name);
    return p != null && gate.visible(p.createdAt) ? p : null;
  }

  String arn(String name) {
    return "arn:aws:ssm:" + account.region() + ":" + account.accountId() + ":parameter/" + (name.startsWith("/") ? name.substring(1) : name);
  }

  /** What GetParameter returns for a SecureString without decryption: opaque, and derived from no secret. */
  private static String ciphertext(ParamRec p) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest((p.keyId + "|" + p.name + "|" + p.version).getBytes(StandardCharsets.UTF_8));
      return "AQICAHsandbox" + Base64.getEncoder().encodeToString(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
