package io.sorterbot.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * SDK model objects to and from the API's JSON (field names as AWS spells them on the wire), driven by
 * the SDK's own field metadata: a fake can store any request shape it only needs to echo back
 * (a task definition, a network configuration) without a hand-written mapping per field. Fields left
 * unset stay absent (AWS's "not returned" differs from an empty list).
 */
final class SdkMaps {
  private SdkMaps() {}

  static Map<String, Object> toMap(SdkPojo pojo) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (SdkField<?> f : pojo.sdkFields()) {
      Object v = toJson(f.getValueOrDefault(pojo));
      if (v != null) out.put(f.locationName(), v);
    }
    return out;
  }

  /** Fills {@code builder} (an SDK model builder) from the JSON map and builds it. */
  @SuppressWarnings("unchecked")
  static <T> T build(SdkPojo builder, Map<String, ?> json) {
    fill(builder, json);
    return (T) ((SdkBuilder<?, ?>) builder).build();
  }

  private static void fill(SdkPojo builder, Map<String, ?> json) {
    for (SdkField<?> f : builder.sdkFields()) {
      if (json.containsKey(f.locationName())) f.set(builder, fromJson(f, json.get(f.locationName())));
    }
  }

  private static Object toJson(Object v) {
    if (v == null || v instanceof SdkAutoConstructList<?> || v instanceof SdkAutoConstructMap<?, ?>) return null;
    if (v instanceof SdkPojo p) return toMap(p);
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) out.add(toJson(o));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), toJson(x)));
      return out;
    }
    if (v instanceof Instant i) return i.toString();
    if (v instanceof String || v instanceof Number || v instanceof Boolean) return v;
    throw new UnsupportedOperationException("the sandbox does not store values of type " + v.getClass().getSimpleName());
  }

  @SuppressWarnings("unchecked")
  private static Object fromJson(SdkField<?> f, Object v) {
    if (v == null) return null;
    MarshallingType<?> t = f.marshallingType();
    if (t == MarshallingType.SDK_POJO) {
      SdkPojo b = f.constructor().get();
      return build(b, (Map<String, ?>) v);
    }
    if (t == MarshallingType.LIST) {
      SdkField<?> member = f.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> out = new ArrayList<>();
      for (Object o : (List<?>) v) out.add(fromJson(member, o));
      return out;
    }
    if (t == MarshallingType.MAP) {
      SdkField<?> value = f.getTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, ?>) v).forEach((k, x) -> out.put(k, fromJson(value, x)));
      return out;
    }
    if (t == MarshallingType.INTEGER) return ((Number) v).intValue();
    if (t == MarshallingType.LONG) return ((Number) v).longValue();
    if (t == MarshallingType.DOUBLE) return ((Number) v).doubleValue();
    if (t == MarshallingType.FLOAT) return ((Number) v).floatValue();
    if (t == MarshallingType.INSTANT) return Instant.parse((String) v);
    return v;
  }
}
