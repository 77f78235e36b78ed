package io.sorterbot.model;

import java.util.Objects;

/** How a kind's property values compare: what the differ needs, and all it needs, of a kind. */
public interface PropertyRules {

  KindSchema schema();

  /** Canonical form of a property value for comparison, applied to desired and live values alike. */
  default Object normalize(String property, Object value) { return value; }

  /** Whether desired and live values of a property count as equal. */
  default boolean equivalent(String property, Object desired, Object live) {
    return Objects.equals(normalize(property, desired), normalize(property, live));
  }
}
