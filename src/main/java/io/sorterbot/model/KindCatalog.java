package io.sorterbot.model;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every kind the file may use, as schemas: what the reader, the validator and the generators know of kinds. */
public record KindCatalog(List<KindSchema> all) {

  public KindCatalog {
    all = all.stream().sorted(Comparator.comparing(KindSchema::type)).toList();
  }

  /** The kind called {@code type} (e.g. {@code ec2.vpc}), if there is one. */
  public Optional<KindSchema> find(String type) {
    return type == null ? Optional.empty() : Optional.ofNullable(byType().get(type));
  }

  /** The kind type names, sorted. */
  public List<String> typeNames() { return all.stream().map(KindSchema::type).toList(); }

  private Map<String, KindSchema> byType() {
    return all.stream().collect(Collectors.toUnmodifiableMap(KindSchema::type, Function.identity()));
  }
}
