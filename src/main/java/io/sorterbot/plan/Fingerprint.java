package io.sorterbot.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.Sensitive;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hash of the live state a plan was made from: a saved plan is stale when it no longer matches. The values
 * of ignoreChanges properties are left out: they belong to someone else (the Control Panel scales the
 * service), and their changes never change the plan.
 */
final class Fingerprint {
  private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private Fingerprint() {}

  /** @param ignored per SBID, the ignoreChanges properties of the file's resource of that type */
  static String of(List<LiveResource> live, Map<String, Map<String, java.util.Collection<String>>> ignored) {
    List<LiveResource> sorted = new ArrayList<>(live);
    sorted.sort(Comparator.comparing(LiveResource::type).thenComparing(LiveResource::sbid).thenComparing(LiveResource::id));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LiveResource l : sorted) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", l.type());
      m.put("sbid", l.sbid());
      m.put("id", l.id());
      m.put("stack", l.stackTag());
      Map<String, Object> props = new LinkedHashMap<>(l.properties());
      ignored.getOrDefault(l.sbid(), Map.of()).getOrDefault(l.type(), List.of()).forEach(props::remove);
      m.put("properties", Sensitive.reveal(props));
      m.put("tags", l.tags());
      rows.add(m);
    }
    try {
      byte[] bytes = JSON.writeValueAsBytes(rows);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint live state", e);
    }
  }
}
