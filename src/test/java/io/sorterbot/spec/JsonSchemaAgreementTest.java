package io.sorterbot.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.PropSchema;
import io.sorterbot.kinds.KindRegistry;
import io.sorterbot.model.KindCatalog;
import io.sorterbot.model.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The checked-in JSON Schema, the kind catalog, SPEC.md's kind table and the reference file agree. */
class JsonSchemaAgreementTest {
  private static final KindCatalog CATALOG = KindRegistry.catalog();
  private static final Path SCHEMA_FILE = Path.of("schema/sorterbot.schema.json");
  private static final Path REFERENCE_FILE = Path.of("../shared/reference/sorterbot.yaml");
  /** With this system property set to true, the test rewrites the checked-in schema instead of failing. */
  private static final String REGENERATE_PROPERTY = "regenerateSchema";
  private static final String REGENERATE =
      "mvn -q -o test -Dtest=JsonSchemaAgreementTest -D" + REGENERATE_PROPERTY + "=true"
          + " (or run io.sorterbot.spec.JsonSchemaGenerator schema/sorterbot.schema.json)";
  private static final String REF = "#/$defs/reference";

  /** SPEC.md section 2: kind -> attributes (name -> type). */
  private static final Map<String, Map<String, String>> SPEC_KINDS = new TreeMap<>();

  static {
    spec("ec2.vpc", "id", "cidrBlock");
    spec("ec2.subnet", "id", "availabilityZone");
    spec("ec2.internetGateway", "id");
    spec("ec2.routeTable", "id");
    spec("ec2.securityGroup", "id", "groupName");
    spec("ec2.keyPair", "id", "keyName", "keyFingerprint");
    spec("ec2.instance", "id", "publicDnsName", "publicIp", "privateIp");
    spec("iam.policy", "id", "arn", "name");
    spec("iam.role", "id", "arn", "name");
    spec("iam.instanceProfile", "id", "arn", "name");
    spec("iam.user", "id", "arn", "name");
    spec("rds.dbSubnetGroup", "id", "name", "arn");
    spec("rds.dbInstance", "id", "arn", "endpointAddress", "endpointPort:integer");
    spec("ssm.parameter", "id", "arn", "name");
    spec("ecr.repository", "id", "arn", "repositoryUri", "loginCommand");
    spec("ecs.cluster", "id", "arn", "name");
    spec("ecs.taskDefinition", "id", "arn", "family", "revision:integer");
    spec("ecs.service", "id", "arn", "name", "imageStatus");
    spec("s3.bucket", "id", "arn", "name");
  }

  private static void spec(String kind, String... attrs) {
    Map<String, String> m = new TreeMap<>();
    for (String a : attrs) {
      String[] parts = a.split(":");
      m.put(parts[0], parts.length > 1 ? parts[1] : "string");
    }
    SPEC_KINDS.put(kind, m);
  }

  // (a) -----------------------------------------------------------------------------------------

  @Test
  void checkedInSchemaIsCurrent() throws IOException {
    if (Boolean.getBoolean(REGENERATE_PROPERTY)) {
      Files.writeString(SCHEMA_FILE, JsonSchemaGenerator.generate(CATALOG), StandardCharsets.UTF_8);
    }
    assertThat(SCHEMA_FILE).as("schema/sorterbot.schema.json is missing: generate it with " + REGENERATE).exists();
    String onDisk = Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8);
    String generated = JsonSchemaGenerator.generate(CATALOG);
    if (!onDisk.equals(generated)) {
      fail("schema/sorterbot.schema.json is stale: regenerate with " + REGENERATE + "\n" + firstDifference(onDisk, generated));
    }
  }

  @Test
  void generationIsDeterministic() {
    String a = JsonSchemaGenerator.generate(CATALOG);
    assertThat(JsonSchemaGenerator.generate(CATALOG)).isEqualTo(a);
    assertThat(a).endsWith("}\n").doesNotContain("\r");
  }

  private static String firstDifference(String a, String b) {
    String[] la = a.split("\n", -1);
    String[] lb = b.split("\n", -1);
    for (int i = 0; i < Math.max(la.length, lb.length); i++) {
      String x = i < la.length ? la[i] : "<end of file>";
      String y = i < lb.length ? lb[i] : "<end of file>";
      if (!x.equals(y)) return "first difference at line " + (i + 1) + ":\n  checked in: " + x + "\n  generated:  " + y;
    }
    return "";
  }

  // (b) -----------------------------------------------------------------------------------------

  @Test
  void checkedInSchemaAgreesWithCatalog() throws IOException {
    JsonNode root = new ObjectMapper().readTree(SCHEMA_FILE.toFile());
    JsonNode defs = root.path("$defs");

    Set<String> kindDefs = new TreeSet<>();
    defs.fieldNames().forEachRemaining(n -> { if (n.startsWith("kind.")) kindDefs.add(n.substring(5)); });
    assertThat(kindDefs).as("kinds with a $defs entry").containsExactlyElementsOf(new TreeSet<>(CATALOG.typeNames()));

    List<String> typeEnum = new ArrayList<>();
    defs.path("resource").path("properties").path("type").path("enum").forEach(n -> typeEnum.add(n.asText()));
    assertThat(typeEnum).as("resource type enum").containsExactlyInAnyOrderElementsOf(CATALOG.typeNames());

    Map<String, String> dispatch = new TreeMap<>();
    for (JsonNode branch : defs.path("resource").path("allOf")) {
      dispatch.put(branch.path("if").path("properties").path("type").path("const").asText(),
          branch.path("then").path("properties").path("properties").path("$ref").asText());
    }
    for (String kind : CATALOG.typeNames()) {
      assertThat(dispatch).as("allOf if/then dispatch").containsEntry(kind, "#/$defs/kind." + kind);
    }
    assertThat(dispatch).hasSize(CATALOG.all().size());

    for (KindSchema k : CATALOG.all()) {
      JsonNode def = defs.path("kind." + k.type());
      assertThat(def.path("additionalProperties").asBoolean(true)).as(k.type() + " additionalProperties").isFalse();
      assertThat(names(def.path("properties"))).as(k.type() + " properties")
          .containsExactlyElementsOf(k.properties().keySet());
      assertThat(strings(def.path("required"))).as(k.type() + " required")
          .containsExactlyInAnyOrderElementsOf(k.properties().values().stream().filter(PropSchema::required).map(PropSchema::name).toList());
      for (PropSchema p : k.properties().values()) {
        JsonNode node = def.path("properties").path(p.name());
        assertThat(shapeOfJson(node)).as(k.type() + "." + p.name() + " JSON type").isEqualTo(shapeOfType(p.type()));
        assertThat(node.path("description").asText()).as(k.type() + "." + p.name() + " description").isNotBlank();
      }
    }
  }

  /** The shape of a schema node, read from JSON alone. */
  private static String shapeOfJson(JsonNode n) {
    if (n.has("anyOf")) {
      JsonNode alt = n.path("anyOf");
      assertThat(alt.size()).isEqualTo(2);
      assertThat(alt.get(1).path("$ref").asText()).isEqualTo(REF);
      return "ref(" + shapeOfJson(alt.get(0)) + ")";
    }
    JsonNode type = n.path("type");
    if (type.isArray()) return String.join("|", strings(type));
    String t = type.asText();
    if (n.has("enum")) return t + "enum" + strings(n.path("enum"));
    if (t.equals("array")) return "array<" + shapeOfJson(n.path("items")) + ">";
    if (t.equals("object") && n.path("additionalProperties").isObject()) {
      return "map<" + shapeOfJson(n.path("additionalProperties")) + ">";
    }
    if (t.equals("object")) {
      Map<String, String> fields = new LinkedHashMap<>();
      Set<String> required = new LinkedHashSet<>(strings(n.path("required")));
      Iterator<Map.Entry<String, JsonNode>> it = n.path("properties").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        fields.put(e.getKey() + (required.contains(e.getKey()) ? "!" : ""), shapeOfJson(e.getValue()));
      }
      assertThat(required).isSubsetOf(names(n.path("properties")));
      return "object" + fields;
    }
    return t;
  }

  /** The same shape, derived from the catalog's ValueType. */
  private static String shapeOfType(ValueType t) {
    if (t == ValueType.STRING) return "string";
    if (t instanceof ValueType.Document) return "object|string";
    String inner;
    if (t instanceof ValueType.Scalar s) inner = s.name().toLowerCase(java.util.Locale.ROOT);
    else if (t instanceof ValueType.EnumOf e) inner = "stringenum" + e.values();
    else if (t instanceof ValueType.ListOf l) inner = "array<" + shapeOfType(l.item()) + ">";
    else if (t instanceof ValueType.MapOf m) inner = "map<" + shapeOfType(m.value()) + ">";
    else {
      Map<String, String> fields = new LinkedHashMap<>();
      for (PropSchema f : ((ValueType.ObjectOf) t).fields().values()) {
        fields.put(f.name() + (f.required() ? "!" : ""), shapeOfType(f.type()));
      }
      inner = "object" + fields;
    }
    return "ref(" + inner + ")";
  }

  private static List<String> names(JsonNode obj) {
    List<String> out = new ArrayList<>();
    obj.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }

  // (c) -----------------------------------------------------------------------------------------

  @Test
  void catalogHasExactlyTheKindsAndAttributesOfSpec() {
    List<String> types = CATALOG.typeNames();
    assertThat(types).containsExactlyElementsOf(SPEC_KINDS.keySet()); // sorted by type name
    assertThat(types).isSorted();
    for (KindSchema k : CATALOG.all()) {
      Map<String, String> attrs = new TreeMap<>();
      k.attributes().forEach((name, type) -> attrs.put(name, ValueType.describe(type)));
      assertThat(attrs).as(k.type() + " attributes").isEqualTo(SPEC_KINDS.get(k.type()));
      assertThat(CATALOG.find(k.type())).containsSame(k);
      assertThat(k.taggable()).as(k.type() + " taggable").isTrue();
      k.properties().values().forEach(p ->
          assertThat(p.description()).as(k.type() + "." + p.name() + " description").isNotBlank());
    }
    assertThat(CATALOG.find("ec2.vpcc")).isEmpty();
    assertThat(CATALOG.find(null)).isEmpty();
    assertThatThrownBy(() -> CATALOG.all().add(CATALOG.all().get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void catalogFlagsThatMatter() {
    assertThat(prop("rds.dbInstance", "masterUserPassword").sensitive()).isTrue();
    assertThat(prop("ssm.parameter", "value").sensitive()).isFalse();
    assertThat(prop("ec2.internetGateway", "vpcId").immutable()).isFalse();
    assertThat(prop("ec2.routeTable", "vpcId").immutable()).isTrue();
    assertThat(prop("ec2.vpc", "cidrBlock").immutable()).isTrue();
    assertThat(prop("ec2.vpc", "enableDnsSupport").immutable()).isFalse();
    for (String p : List.of("vpcId", "cidrBlock", "availabilityZone")) assertThat(prop("ec2.subnet", p).immutable()).isTrue();
    for (String p : List.of("imageId", "subnetId", "keyName", "associatePublicIpAddress", "availabilityZone")) {
      assertThat(prop("ec2.instance", p).immutable()).as(p).isTrue();
    }
    assertThat(prop("ec2.instance", "instanceType").immutable()).isFalse();
    for (String p : List.of("dbInstanceIdentifier", "engine", "dbName", "masterUsername", "storageEncrypted", "kmsKeyId")) {
      assertThat(prop("rds.dbInstance", p).immutable()).as(p).isTrue();
    }
    assertThat(prop("rds.dbInstance", "dbInstanceClass").immutable()).isFalse();
    KindSchema td = CATALOG.find("ecs.taskDefinition").orElseThrow();
    // Only the family forces replacement: any other change registers a new revision of the family.
    td.properties().values().forEach(p -> assertThat(p.immutable()).as(p.name()).isEqualTo(p.name().equals("family")));
    assertThat(prop("ecs.taskDefinition", "cpu").type()).isEqualTo(ValueType.STRING);
    assertThat(prop("rds.dbInstance", "applyImmediately").defaultValue()).isEqualTo(true);
    assertThat(prop("rds.dbInstance", "skipFinalSnapshot").defaultValue()).isEqualTo(false);
    assertThat(prop("s3.bucket", "forceDestroy").defaultValue()).isEqualTo(false);
    assertThat(prop("ecr.repository", "forceDelete").defaultValue()).isEqualTo(true);
    assertThat(prop("iam.role", "path").defaultValue()).isNull();
  }

  private static PropSchema prop(String kind, String name) {
    PropSchema p = CATALOG.find(kind).orElseThrow().property(name);
    assertThat(p).as(kind + "." + name).isNotNull();
    return p;
  }

  // (d) -----------------------------------------------------------------------------------------

  @Test
  void everyPropertyOfTheReferenceFileExists() throws IOException {
    assumeTrue(Files.exists(REFERENCE_FILE), "reference file " + REFERENCE_FILE + " is absent");
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(REFERENCE_FILE.toFile());
    List<String> wrong = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.path("resources").fields();
    int checked = 0;
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> res = it.next();
      String type = res.getValue().path("type").asText();
      KindSchema kind = CATALOG.find(type).orElse(null);
      if (kind == null) {
        wrong.add(res.getKey() + ": unknown kind " + type);
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> props = res.getValue().path("properties").fields();
      while (props.hasNext()) {
        Map.Entry<String, JsonNode> p = props.next();
        PropSchema schema = kind.property(p.getKey());
        if (schema == null) wrong.add(res.getKey() + ": " + type + " has no property " + p.getKey());
        else check(res.getKey() + "." + p.getKey(), schema.type(), p.getValue(), wrong);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(50);
    assertThat(wrong).isEmpty();
  }

  private static void check(String where, ValueType t, JsonNode v, List<String> wrong) {
    boolean wholeRef = v.isTextual() && v.asText().matches("^\\$\\{[^}]+\\}$");
    if (t instanceof ValueType.Document) {
      if (!v.isObject() && !v.isTextual()) wrong.add(where + ": expected a document");
    } else if (t instanceof ValueType.ObjectOf o) {
      if (wholeRef) return;
      if (!v.isObject()) { wrong.add(where + ": expected a mapping"); return; }
      v.fields().forEachRemaining(e -> {
        PropSchema f = o.fields().get(e.getKey());
        if (f == null) wrong.add(where + ": no field " + e.getKey());
        else check(where + "." + e.getKey(), f.type(), e.getValue(), wrong);
      });
    } else if (t instanceof ValueType.ListOf l) {
      if (wholeRef) return;
      if (!v.isArray()) { wrong.add(where + ": expected a list"); return; }
      for (int i = 0; i < v.size(); i++) check(where + "[" + i + "]", l.item(), v.get(i), wrong);
    } else if (t instanceof ValueType.MapOf m) {
      if (wholeRef) return;
      if (!v.isObject()) { wrong.add(where + ": expected a mapping"); return; }
      v.fields().forEachRemaining(e -> check(where + "." + e.getKey(), m.value(), e.getValue(), wrong));
    } else if (t instanceof ValueType.EnumOf e) {
      if (!wholeRef && !e.values().contains(v.asText())) wrong.add(where + ": not one of " + e.values());
    } else if (t == ValueType.STRING) {
      if (!v.isTextual()) wrong.add(where + ": expected a string, got " + v.getNodeType());
    } else if (t == ValueType.INTEGER) {
      if (!v.isIntegralNumber() && !wholeRef) wrong.add(where + ": expected an integer");
    } else if (t == ValueType.BOOLEAN) {
      if (!v.isBoolean() && !wholeRef) wrong.add(where + ": expected a boolean");
    } else if (t == ValueType.NUMBER) {
      if (!v.isNumber() && !wholeRef) wrong.add(where + ": expected a number");
    }
  }
}
