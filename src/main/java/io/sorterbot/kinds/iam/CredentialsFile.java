package io.sorterbot.kinds.iam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS shared credentials file (INI): adds one profile with an access key, leaving every other line of
 * the file as it was, with mode 0600. It never replaces a profile that holds other keys. The secret never
 * appears in an exception or a log: only in the file.
 */
public final class CredentialsFile {
  private static final Pattern SECTION = Pattern.compile("^\\s*\\[\\s*([^\\]]+?)\\s*\\]\\s*(?:[#;].*)?$");
  private static final Pattern ENTRY = Pattern.compile("^\\s*([A-Za-z0-9_.-]+)\\s*=\\s*(.*?)\\s*$");
  private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

  private final Path path;

  private CredentialsFile(Path path) { this.path = path; }

  /**
   * The file to write: {@code declared} (a leading {@code ~/} is the home directory) or the AWS tools'
   * default, {@code $AWS_SHARED_CREDENTIALS_FILE} or {@code ~/.aws/credentials}.
   */
  public static CredentialsFile resolve(String declared, Map<String, String> env, Path home) {
    String p = declared != null && !declared.isBlank() ? declared.trim() : env.get("AWS_SHARED_CREDENTIALS_FILE");
    if (p == null || p.isBlank()) return new CredentialsFile(home.resolve(".aws").resolve("credentials"));
    if (p.equals("~")) return new CredentialsFile(home);
    if (p.startsWith("~/")) return new CredentialsFile(home.resolve(p.substring(2)));
    return new CredentialsFile(Path.of(p));
  }

  public static CredentialsFile resolve(String declared) {
    return resolve(declared, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  public Path path() { return path; }

  /** The access key id the profile holds, or null when the profile is absent. */
  public String accessKeyIdOf(String profile) {
    Map<String, String> entries = profiles(read()).get(profile);
    return entries == null ? null : entries.getOrDefault("aws_access_key_id", "");
  }

  /** Refuses before a key is made, so that no key is created that could not be written. */
  public void requireFree(String profile) {
    if (accessKeyIdOf(profile) != null) throw conflict(profile);
  }

  /** Appends the profile; the same keys already there is a no-op; other keys there are refused. */
  public void write(String profile, String accessKeyId, String secretAccessKey) {
    String content = read();
    Map<String, String> existing = profiles(content).get(profile);
    if (existing != null) {
      boolean same = accessKeyId.equals(existing.get("aws_access_key_id"))
          && secretAccessKey.equals(existing.get("aws_secret_access_key"));
      if (!same) throw conflict(profile);
      restrict();
      return;
    }
    StringBuilder sb = new StringBuilder(content);
    if (!content.isEmpty() && !content.endsWith("\n")) sb.append('\n');
    if (!content.isEmpty()) sb.append('\n');
    sb.append('[').append(profile).append("]\n")
        .append("aws_access_key_id = ").append(accessKeyId).append('\n')
        .append("aws_secret_access_key = ").append(secretAccessKey).append('\n');
    replace(sb.toString());
  }

  private ProfileConflictException conflict(String profile) {
    return new ProfileConflictException("credentials profile [" + profile + "] already exists in " + path
        + " with other keys; refusing to overwrite it. Hint: remove that profile from the file (or set another "
        + "accessKey.credentialsProfile), then apply again");
  }

  private String read() {
    try {
      return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the credentials file " + path, e);
    }
  }

  /** Section name to its entries (later duplicates win, as the AWS tools read them). */
  static Map<String, Map<String, String>> profiles(String content) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String line : content.split("\\R", -1)) {
      Matcher s = SECTION.matcher(line);
      if (s.matches()) {
        current = out.computeIfAbsent(s.group(1), k -> new LinkedHashMap<>());
        continue;
      }
      Matcher e = ENTRY.matcher(line);
      if (current != null && e.matches()) current.put(e.group(1).toLowerCase(java.util.Locale.ROOT), e.group(2));
    }
    return out;
  }

  /** Written next to the file with 0600 from the start, then moved over it: never readable by others. */
  private void replace(String content) {
    Path target = realTarget();
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      if (!Files.isDirectory(dir)) {
        if (posix()) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_RWX));
        else Files.createDirectories(dir);
      }
      tmp = posix() ? Files.createTempFile(dir, ".credentials", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_RW))
          : Files.createTempFile(dir, ".credentials", ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      restrict();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the credentials file " + path, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file holds the key, but only its owner can read it
        }
      }
    }
  }

  /** A symlinked credentials file is written where the link points, keeping the link. */
  private Path realTarget() {
    try {
      return Files.isSymbolicLink(path) ? path.toRealPath() : path;
    } catch (IOException e) {
      return path;
    }
  }

  private void restrict() {
    if (!posix()) return;
    try {
      Files.setPosixFilePermissions(realTarget(), OWNER_RW);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set mode 0600 on " + path, e);
    }
  }

  private static boolean posix() { return FileSystems.getDefault().supportedFileAttributeViews().contains("posix"); }

  /** The profile exists with other keys. */
  public static final class ProfileConflictException extends IllegalStateException {
    public ProfileConflictException(String message) { super(message); }
  }
}
