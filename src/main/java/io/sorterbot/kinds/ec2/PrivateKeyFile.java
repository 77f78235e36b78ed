package io.sorterbot.kinds.ec2;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * The local file a created key pair's private key goes to. AWS hands the private key out once, in the
 * CreateKeyPair answer, so the file is written once, owner-read-only (0400, parents created 0700), and
 * never overwritten: an existing file may be the only copy of another key.
 */
final class PrivateKeyFile {
  private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--------");
  private static final Set<PosixFilePermission> WRITING = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

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

  /** Refuses a path that already holds something (checked before the key pair is created). */
  static void refuseExisting(String sbid, Path p) {
    if (exists(p)) {
      throw new IllegalStateException("ec2.keyPair " + sbid + ": privateKeyFile " + p + " already exists; sorterbot"
          + " never overwrites a private key (it may be the only copy of another key). Move or delete that file,"
          + " or set privateKeyFile to a new path, then run apply again.");
    }
  }

  /** Writes {@code pem} to a new file (never over an existing one), mode 0400, parents 0700. */
  static void write(Path p, String pem) throws IOException {
    createParents(p.getParent());
    String text = pem.endsWith("\n") ? pem : pem + "\n";
    boolean posix = posix();
    FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(WRITING)}
        : new FileAttribute<?>[0];
    try (SeekableByteChannel ch = Files.newByteChannel(p, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        attrs)) {
      ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    } catch (FileAlreadyExistsException e) {
      throw new IOException(p + " appeared while the key pair was being created; it was left untouched", e);
    }
    if (posix) {
      Files.setPosixFilePermissions(p, READ_ONLY);
    } else if (!p.toFile().setReadOnly()) {
      throw new IOException("cannot make " + p + " read-only");
    }
  }

  /** Copies an existing private key to a new path (the file moved in the desired state). */
  static void copy(Path from, Path to) throws IOException {
    write(to, Files.readString(from, StandardCharsets.US_ASCII));
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
