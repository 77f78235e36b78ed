package io.sorterbot.model;

/**
 * Something a kind tells the user that is neither progress nor a failure: what to do next (push the image a
 * service waits for), or what it skipped (a bucket whose tags it may not read). The command line shows each
 * distinct notice once per run, at its end.
 *
 * @param sbid    the resource it is about, or null
 * @param text    what to say; may span lines; never holds a secret
 * @param verbose shown only with {@code -v}
 */
public record Notice(String sbid, String text, boolean verbose) {
  public static Notice info(String sbid, String text) { return new Notice(sbid, text, false); }

  public static Notice verbose(String sbid, String text) { return new Notice(sbid, text, true); }
}
