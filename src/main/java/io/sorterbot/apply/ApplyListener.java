package io.sorterbot.apply;

import java.time.Duration;

/** What the executor reports while it works; renderers turn these into progress lines. */
public interface ApplyListener {
  void started(String sbid, String verb);

  void finished(String sbid, String verb, Duration elapsed, String id);

  void failed(String sbid, String verb, String error);

  void skipped(String sbid, String verb, String because);

  void waiting(String sbid, String verb, Duration elapsed);

  ApplyListener NONE = new ApplyListener() {
    @Override public void started(String sbid, String verb) {}
    @Override public void finished(String sbid, String verb, Duration elapsed, String id) {}
    @Override public void failed(String sbid, String verb, String error) {}
    @Override public void skipped(String sbid, String verb, String because) {}
    @Override public void waiting(String sbid, String verb, Duration elapsed) {}
  };
}
