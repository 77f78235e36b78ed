package io.sorterbot.spec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Reads a user's text file (the stack file, a secret file, a saved plan) as UTF-8 and says in plain words
 * why it cannot: no such file, a directory, permission denied, too large, not UTF-8 (and where).
 */
public final class FileText {
  private FileText() {}

  /** Why a file cannot be read; {@code line}/{@code col} are 1-based for "not UTF-8", else 0. */
  public static final class Unreadable extends IOException {
    private final String reason;
    private final String detail;
    private final String hint;
    private final int line;
    private final int col;

    Unreadable(String reason, String hint, int line, int col) { this(reason, null, hint, line, col); }

    Unreadable(String reason, String detail, String hint, int line, int col) {
      super(detail == null ? reason : reason + ": " + detail);
      this.reason = reason;
      this.detail = detail;
      this.hint = hint;
      this.line = line;
      this.col = col;
    }

    /** In plain words, without the path: "no such file", "it is a directory, not a file", ... */
    public String reason() { return reason; }

    /** Where and what exactly (for "not UTF-8": the byte and its offset), or null; never print it for a secret. */
    public String detail() { return detail; }

    /** The reason and, when there is one, the detail. */
    public String full() { return getMessage(); }

    public String hint() { return hint; }

    public int line() { return line; }

    public int col() { return col; }

    @Override public synchronized Throwable fillInStackTrace() { return this; }
  }

  /** The file's text; {@link Unreadable} says why not. Files over {@code maxBytes} are refused unread. */
  public static String read(Path file, long maxBytes) throws Unreadable {
    if (Files.isDirectory(file)) {
      throw new Unreadable("it is a directory, not a file", "give the path of the file inside it", 0, 0);
    }
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new Unreadable("the file is too large (" + megabytes(size) + " MB; the limit is " + megabytes(maxBytes) + " MB)",
            "is it the right file? a stack that large should be split into several", 0, 0);
      }
      bytes = Files.readAllBytes(file);
    } catch (Unreadable u) {
      throw u;
    } catch (IOException e) {
      throw new Unreadable(describe(e), hintFor(e), 0, 0);
    }
    return decode(bytes);
  }

  /** The path named by {@code text}, or {@link Unreadable} when the text cannot be a path (a NUL, say). */
  public static Path path(String text) throws Unreadable {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new Unreadable("not a valid path (" + e.getReason() + ")", "check the path's spelling", 0, 0);
    }
  }

  /** Strict UTF-8: the position of the first byte that is not. A leading byte-order mark is dropped. */
  static String decode(byte[] bytes) throws Unreadable {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      int at = in.position();
      String before = new String(bytes, 0, at, StandardCharsets.UTF_8);
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < before.length(); i++) {
        if (before.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new Unreadable("not UTF-8 text", String.format("byte 0x%02X at offset %d is not valid UTF-8", bytes[at] & 0xff, at),
          "save it as UTF-8 (is it a binary file, or in another encoding?)", line, before.length() - lineStart + 1);
    }
    d.flush(out);
    out.flip();
    String s = out.toString();
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** An I/O failure in plain words, without a Java class name. */
  public static String describe(IOException e) {
    if (e instanceof Unreadable u) return u.reason();
    if (e instanceof NoSuchFileException) return "no such file";
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof NotDirectoryException) return "a part of the path is not a directory";
    if (e instanceof CharacterCodingException) return "not UTF-8 text";
    if (e instanceof FileSystemException f && f.getReason() != null) return lower(f.getReason());
    String m = e.getMessage();
    if (m == null || m.isBlank()) return "input/output error";
    int nl = m.indexOf('\n');
    return lower(nl < 0 ? m.strip() : m.substring(0, nl).strip());
  }

  private static String hintFor(IOException e) {
    if (e instanceof NoSuchFileException) return "check the path (relative paths start from the current folder)";
    if (e instanceof AccessDeniedException) return "check the file's permissions (ls -l)";
    return "check the path and its permissions";
  }

  private static String lower(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static long megabytes(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }
}
