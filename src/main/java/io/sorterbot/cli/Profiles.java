package io.sorterbot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Checks a named AWS profile before any AWS call, so that a missing one is reported as what it is (which
 * profile, which files were read) rather than as the SDK's {@code ProfileFile(sections=[])}. The files are
 * the ones the SDK reads: {@code AWS_CONFIG_FILE} or {@code ~/.aws/config}, and
 * {@code AWS_SHARED_CREDENTIALS_FILE} or {@code ~/.aws/credentials}, with {@code ~} from {@code $HOME}.
 */
final class Profiles {
  /** Keys that make a profile a source of credentials (static keys, a role, a process, web identity). */
  private static final List<String> CREDENTIAL_KEYS = List.of("aws_access_key_id", "role_arn", "credential_process",
      "web_identity_token_file", "credential_source", "source_profile");

  private Profiles() {}

  /** The profile a run uses: --profile, else AWS_PROFILE; null for the default chain. */
  static void check(String flag, Environment env) {
    String name = flag != null ? flag : blankToNull(env.get("AWS_PROFILE"));
    if (name == null) return;
    String given = flag != null ? "--profile " + name : "AWS_PROFILE=" + name;
    Path config = file(env, "AWS_CONFIG_FILE", "config");
    Path credentials = file(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
    Map<String, Profile> found = new LinkedHashMap<>();
    Map<String, Path> where = new LinkedHashMap<>();
    read(config, ProfileFile.Type.CONFIGURATION, found, where);
    read(credentials, ProfileFile.Type.CREDENTIALS, found, where);
    Profile p = found.get(name);
    if (p == null) {
      Set<String> known = new TreeSet<>(found.keySet());
      throw new UserError(given + ": there is no profile '" + name + "' in " + describe(config) + " or " + describe(credentials),
          (known.isEmpty() ? "" : "profiles there: " + String.join(", ", known) + "; ")
              + "create it with: aws configure --profile " + name);
    }
    Set<String> keys = new TreeSet<>(p.properties().keySet());
    if (keys.stream().anyMatch(k -> k.startsWith("sso_")) || keys.contains("sso_session")) {
      throw new UserError(given + ": profile '" + name + "' (" + where.get(name) + ") signs in through IAM Identity Center (SSO),"
          + " which this sorterbot cannot read", "run: eval \"$(aws configure export-credentials --profile " + name
          + " --format env)\" and then sorterbot without --profile");
    }
    if (keys.stream().noneMatch(CREDENTIAL_KEYS::contains)) {
      throw new UserError(given + ": profile '" + name + "' (" + where.get(name) + ") holds no credentials"
          + (keys.isEmpty() ? "" : " (only: " + String.join(", ", keys) + ")"),
          "add aws_access_key_id and aws_secret_access_key to " + credentials + " with: aws configure --profile " + name);
    }
  }

  private static void read(Path file, ProfileFile.Type type, Map<String, Profile> into, Map<String, Path> where) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) return;
    try {
      ProfileFile.builder().content(file).type(type).build().profiles().forEach((n, p) -> {
        // the SDK reads both and lets credentials win property by property; presence is what matters here
        Profile before = into.get(n);
        if (before == null) {
          into.put(n, p);
          where.put(n, file);
        } else {
          Map<String, String> merged = new LinkedHashMap<>(before.properties());
          merged.putAll(p.properties());
          into.put(n, Profile.builder().name(n).properties(merged).build());
        }
      });
    } catch (RuntimeException e) {
      throw new UserError("cannot read the AWS profile file " + file + ": " + Errors.oneLine(e), "fix its syntax (INI: [profile NAME] then key = value)");
    }
  }

  private static Path file(Environment env, String variable, String name) {
    String v = blankToNull(env.get(variable));
    if (v != null) return v.startsWith("~/") ? home(env).resolve(v.substring(2)) : Path.of(v);
    return home(env).resolve(".aws").resolve(name);
  }

  /** $HOME, as the SDK and the AWS CLI take it; else the JVM's idea of home. */
  private static Path home(Environment env) {
    String h = blankToNull(env.get("HOME"));
    return Path.of(h != null ? h : System.getProperty("user.home"));
  }

  private static String describe(Path file) { return Files.exists(file) ? file.toString() : file + " (no such file)"; }

  private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }
}
