package io.sorterbot.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * One run at a time per stack and target account: an OS file lock, held for the whole run and
 * released by the OS when the process dies (even by SIGKILL). The file also names the holder, so
 * the second run can say who it is waiting for.
 */
final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @param file    the lock file (its folder is created)
   * @param command what this run does, recorded for the other runs to see
   * @param timeout how long to wait for a holder to finish; zero fails at once
   */
  static RunLock acquire(Path file, String stack, String command, Duration timeout) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      Instant deadline = Instant.now().plus(timeout);
      while (true) {
        FileLock l = ch.tryLock();
        if (l != null) {
          String me = ManagementFactory.getRuntimeMXBean().getName() + " (" + command + ", since " + Instant.now() + ")";
          ch.truncate(0);
          ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
          ch.force(false);
          return new RunLock(ch, l);
        }
        if (!Instant.now().isBefore(deadline)) {
          String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
          ch.close();
          throw new UserError("stack '" + stack + "' is locked by another run: " + (holder.isEmpty() ? "unknown holder" : holder),
              timeout.isZero() ? "wait for it to finish, or pass --lock-timeout 10m to wait" : "it is still running after " + Durations.text(timeout));
        }
        sleep(Duration.ofMillis(200));
      }
    } catch (IOException e) {
      throw new UserError("cannot take the run lock " + file + ": " + e.getMessage(), "check that the folder is writable");
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while waiting for the run lock", null);
    }
  }

  @Override public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the OS releases the lock with the process anyway
    }
  }
}
