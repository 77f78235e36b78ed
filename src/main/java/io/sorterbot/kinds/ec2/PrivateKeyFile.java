package io.sorterbot.kinds.ec2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * The local file holding a key pair's private key. The key is generated here and this file is written
 * before its public key is imported, so that no crash can leave a key pair in AWS whose private key exists
 * nowhere. It is written in full to a temporary file first and then linked into place, so the path holds
 * either nothing or the whole key; owner-read-only (0400, parents created 0700); never overwritten: an
 * existing file may be the only copy of another key.
 */
final class PrivateKeyFile {
  private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--------");
  private static final Set<PosixFilePermission> WRITING = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
  /** Far more than any PEM key: a bigger file is something else, and is not read into memory. */
  private static final long MAX_KEY_FILE = 64 * 1024;

  private PrivateKeyFile() {}

  /** The path as written in the file, with a leading {@code ~} expanded to {@code home}; absolute. */
  static Path resolve(String raw, Path home) {
    String p = raw.trim();
    if (p.equals("~") || p.startsWith("~/") || p.startsWith("~" + java.io.File.separator)) {
      p = home.toString() + p.substring(1);
    }
    return Path.of(p).toAbsolutePath().normalize();
  }

  static boolean exists(Path p) { return Files.exists(p, LinkOption.NOFOLLOW_LINKS); }

  /**
   * The RSA key already at {@code p} (a run that crashed before its import, or a pair deleted by hand), so
   * that its public key is imported again; anything else there is refused, before AWS is called.
   */
  static RsaKeys.Rsa existing(String sbid, Path p) {
    RsaKeys.Rsa key = null;
    try {
      if (Files.isRegularFile(p) && Files.size(p) <= MAX_KEY_FILE) {
        key = RsaKeys.read(Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    } catch (IOException e) {
      key = null;  // unreadable (permissions, a directory...): refused below like any other non-key
    }
    if (key != null) return key;
    throw new IllegalStateException("ec2.keyPair " + sbid + ": privateKeyFile " + p + " already exists and is not an"
        + " unencrypted RSA private key in PEM form (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY) whose public key"
        + " could be imported; sorterbot never overwrites a private key (it may be the only copy of another key)."
        + " Move or delete that file, or set privateKeyFile to a new path, then run apply again.");
  }

  /** Writes {@code pem} to a new file (never over an existing one), mode 0400, parents 0700. */
  static void write(Path p, String pem) throws IOException {
    createParents(p.getParent());
    String text = pem.endsWith("\n") ? pem : pem + "\n";
    boolean posix = posix();
    Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
    // Made 0600 from the start: the key is never readable by others, not even for a moment.
    Path tmp = posix ? Files.createTempFile(dir, "." + p.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(WRITING))
        : Files.createTempFile(dir, "." + p.getFileName(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        ch.force(true);  // on disk before AWS learns the public key: a power cut must not lose it either
      }
      if (posix) Files.setPosixFilePermissions(tmp, READ_ONLY);
      place(tmp, p);
      Files.deleteIfExists(tmp);  // before a read-only flag that, elsewhere than POSIX, a hard link shares
      if (!posix && !p.toFile().setReadOnly()) throw new IOException("cannot make " + p + " read-only");
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Copies an existing private key to a new path (the file moved in the desired state). */
  static void copy(Path from, Path to) throws IOException {
    write(to, Files.readString(from, StandardCharsets.ISO_8859_1));
  }

  /**
   * A hard link appears atomically and fails if the name is taken, which a rename would silently replace;
   * where the file system has no hard links, a move that refuses an existing target is the next best.
   */
  private static void place(Path tmp, Path p) throws IOException {
    try {
      Files.createLink(p, tmp);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(p + " appeared while the private key was being written; it was left untouched", e);
    } catch (UnsupportedOperationException | IOException e) {
      try {
        Files.move(tmp, p);
      } catch (FileAlreadyExistsException again) {
        throw new IOException(p + " appeared while the private key was being written; it was left untouched", again);
      }
    }
  }

  /** Makes the new directory entry durable where the platform allows it; best effort. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // not supported here (e.g. Windows): the file itself is already on disk
    }
  }

  private static void createParents(Path dir) throws IOException {
    if (dir == null) return;
    Deque<Path> missing = new ArrayDeque<>();
    for (Path d = dir; d != null && !Files.exists(d); d = d.getParent()) missing.push(d);
    while (!missing.isEmpty()) {
      Path d = missing.pop();
      try {
        Files.createDirectory(d);
      } catch (FileAlreadyExistsException e) {
        continue;  // made meanwhile by someone else: theirs, leave its mode alone
      }
      if (posix()) Files.setPosixFilePermissions(d, PRIVATE_DIR);
    }
  }

  private static boolean posix() { return FileSystems.getDefault().supportedFileAttributeViews().contains("posix"); }
}
