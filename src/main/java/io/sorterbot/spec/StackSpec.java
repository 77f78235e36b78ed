package io.sorterbot.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loaded desired-state file. Maps keep file order.
 *
 * @param region null when the file does not set one (then --region / AWS config must)
 */
public record StackSpec(String file, int version, String stack, String region, Map<String, String> tags,
                        Map<String, VariableSpec> variables, Map<String, SecretSpec> secrets,
                        Map<String, ResourceSpec> resources, Map<String, OutputSpec> outputs) {
  public StackSpec {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
    resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }

  public StackSpec withRegion(String r) {
    return new StackSpec(file, version, stack, r, tags, variables, secrets, resources, outputs);
  }

  /** One variable; {@code value} is the default or the --var override. */
  public record VariableSpec(String name, Object value, String description, SourcePos pos) {}

  /** One output: a string with references. {@code value} is a String or a {@link Template}. */
  public record OutputSpec(String name, Object value, SourcePos pos) {}
}
