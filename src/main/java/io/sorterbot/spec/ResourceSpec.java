package io.sorterbot.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One resource entry of the file.
 *
 * @param properties plain values (String, Long, Double, Boolean, List, Map) where strings holding
 *                   references are {@link Template}s
 * @param node       the entry's YAML mapping, for positions of individual properties
 */
public record ResourceSpec(String sbid, String type, Map<String, Object> properties, List<String> dependsOn,
                           boolean retain, List<String> ignoreChanges, SourcePos pos, YNode.YMap node) {
  public ResourceSpec {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    dependsOn = List.copyOf(dependsOn);
    ignoreChanges = List.copyOf(ignoreChanges);
  }

  /** Position of a top-level property's value, or of the resource when absent. */
  public SourcePos propertyPos(String name) {
    YNode props = node == null ? null : node.get("properties");
    if (props instanceof YNode.YMap m && m.get(name) != null) return m.get(name).pos();
    return pos;
  }
}
