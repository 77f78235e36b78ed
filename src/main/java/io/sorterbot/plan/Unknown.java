package io.sorterbot.plan;

/** A value not known until an upstream resource exists. */
public record Unknown(String source) {
  public static final String TEXT = "(known after apply)";

  @Override public String toString() { return TEXT; }

  public static boolean within(Object v) {
    if (v instanceof Unknown) return true;
    if (v instanceof java.util.List<?> l) return l.stream().anyMatch(Unknown::within);
    if (v instanceof java.util.Map<?, ?> m) return m.values().stream().anyMatch(Unknown::within);
    return false;
  }
}
