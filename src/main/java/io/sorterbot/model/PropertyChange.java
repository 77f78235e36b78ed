package io.sorterbot.model;

/**
 * One difference between desired and live.
 *
 * @param property top-level property name ({@code ingress}, {@code tags}, ...)
 * @param before   live value (null when unset); may be {@link Sensitive}
 * @param after    desired value; may be {@link Sensitive} or {@code io.sorterbot.plan.Unknown}
 * @param forcesReplacement the property is immutable
 */
public record PropertyChange(String property, Object before, Object after, boolean forcesReplacement) {}
