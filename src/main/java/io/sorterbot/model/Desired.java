package io.sorterbot.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resource as the file wants it, with every reference resolved.
 *
 * <p>Property values are plain Java: String, Long, Double, Boolean, List, Map (String keys), or
 * {@link Sensitive} for strings that hold or embed a secret (unwrap with {@link Sensitive#reveal}).
 * Only properties the file declares are present.
 *
 * @param tags every tag to set in the create call: file-level tags, the {@code tags} property,
 *             SBID, SBStack and (when retained) SBDeletionPolicy
 */
public record Desired(String sbid, String type, String stack, Map<String, Object> properties,
                      Map<String, String> tags) {
  public Desired {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  public Object get(String property) { return Sensitive.reveal(properties.get(property)); }

  public String string(String property) {
    Object v = get(property);
    return v == null ? null : v.toString();
  }

  public Boolean bool(String property) { return (Boolean) get(property); }

  public Long number(String property) {
    Object v = get(property);
    return v == null ? null : ((Number) v).longValue();
  }

  public boolean has(String property) { return properties.containsKey(property); }
}
