package io.sorterbot.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sorterbot.model.Format;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.PropSchema;
import io.sorterbot.model.KindCatalog;
import io.sorterbot.model.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds the JSON Schema (draft 2020-12) of the desired-state file from a {@link KindCatalog}.
 * The output is deterministic byte for byte; it is checked in as {@code schema/sorterbot.schema.json}.
 *
 * <p>Regenerate the checked-in file after changing a kind schema:
 * {@code mvn -q -o test -Dtest=JsonSchemaAgreementTest -DregenerateSchema=true}, or run this class's
 * {@link #main} with the output path.
 */
public final class JsonSchemaGenerator {
  private JsonSchemaGenerator() {}

  public static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";
  /** The SBID rule: a resource key. */
  public static final String SBID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.:/=+@-]{0,127}$";
  public static final String STACK_PATTERN = "^[a-z0-9-]{1,32}$";
  /** A whole-string reference such as {@code ${SBVpc.id}}. */
  public static final String REFERENCE_PATTERN = "^\\$\\{[^}]+\\}$";
  public static final String REFERENCE_REF = "#/$defs/reference";
  public static final String KIND_DEF_PREFIX = "kind.";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The schema, pretty-printed with two-space indentation, {@code \n} line ends and a trailing newline. */
  public static String generate(KindCatalog catalog) {
    ObjectNode root = build(catalog);
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    try {
      return MAPPER.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the JSON Schema", e);
    }
  }

  /** The schema as a Jackson tree (fresh each call). */
  public static ObjectNode build(KindCatalog catalog) {
    List<KindSchema> kinds = catalog.all();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", DRAFT);
    root.put("title", "sorterbot desired-state file");
    root.put("description", "Declarative description of one sorterbot stack (see SPEC.md)");
    root.put("type", "object");
    root.set("required", strings(List.of("version", "stack", "resources")));
    root.put("additionalProperties", false);

    ObjectNode props = root.putObject("properties");
    ObjectNode version = props.putObject("version");
    version.put("description", "Format version; only 1 exists");
    version.put("type", "integer");
    version.put("const", 1);

    ObjectNode stack = props.putObject("stack");
    stack.put("description", "Name of the stack: the SBStack tag that marks every resource as owned");
    stack.put("type", "string");
    stack.put("pattern", STACK_PATTERN);

    ObjectNode region = props.putObject("region");
    region.put("description", "AWS region, e.g. eu-central-1 (else --region or the AWS configuration)");
    region.put("type", "string");
    region.put("format", Format.REGION.name());
    region.put("pattern", Format.REGION.pattern());

    ObjectNode tags = props.putObject("tags");
    tags.put("description", "Tags added to every taggable resource");
    tags.put("type", "object");
    tags.putObject("additionalProperties").put("type", "string");

    ObjectNode variables = props.putObject("variables");
    variables.put("description", "Variables, read as ${var.NAME}; --var NAME=VALUE overrides the default");
    variables.put("type", "object");
    ObjectNode variable = variables.putObject("additionalProperties");
    variable.put("type", "object");
    variable.put("additionalProperties", false);
    ObjectNode variableProps = variable.putObject("properties");
    variableProps.putObject("default").put("description", "Value used when --var does not set the variable");
    ObjectNode variableDesc = variableProps.putObject("description");
    variableDesc.put("description", "What the variable is for");
    variableDesc.put("type", "string");

    ObjectNode secrets = props.putObject("secrets");
    secrets.put("description", "Secrets, read as ${secret.NAME}; their values are never printed");
    secrets.put("type", "object");
    ObjectNode secret = secrets.putObject("additionalProperties");
    secret.put("description", "Exactly one source: env, file, ssm or generate");
    secret.put("type", "object");
    secret.put("minProperties", 1);
    secret.put("maxProperties", 1);
    secret.put("additionalProperties", false);
    ObjectNode secretProps = secret.putObject("properties");
    stringProp(secretProps, "env", "Name of the environment variable holding the value");
    stringProp(secretProps, "file", "Path of a file holding the value (trailing newline removed)");
    stringProp(secretProps, "ssm", "Name of an SSM parameter holding the value (decrypted)");
    ObjectNode generate = secretProps.putObject("generate");
    generate.put("description", "Generate a random value once and keep it as the SSM SecureString /<stack>/secrets/<NAME>");
    generate.put("type", "object");
    generate.set("required", strings(List.of("length")));
    generate.put("additionalProperties", false);
    ObjectNode length = generate.putObject("properties").putObject("length");
    length.put("description", "Number of characters");
    length.put("type", "integer");
    length.put("minimum", 8);
    length.put("maximum", 4096);

    ObjectNode resources = props.putObject("resources");
    resources.put("description", "The resources of the stack; each key is the resource's SBID");
    resources.put("type", "object");
    resources.putObject("propertyNames").put("pattern", SBID_PATTERN);
    resources.putObject("additionalProperties").put("$ref", "#/$defs/resource");

    ObjectNode outputs = props.putObject("outputs");
    outputs.put("description", "Values printed after apply and by `sorterbot outputs`; strings with references");
    outputs.put("type", "object");
    outputs.putObject("additionalProperties").put("type", "string");

    ObjectNode defs = root.putObject("$defs");
    ObjectNode reference = defs.putObject("reference");
    reference.put("description", "A whole-string reference such as ${SBVpc.id} or ${var.NAME}; it keeps the referenced value's type");
    reference.put("type", "string");
    reference.put("pattern", REFERENCE_PATTERN);

    ObjectNode resource = defs.putObject("resource");
    resource.put("description", "One resource");
    resource.put("type", "object");
    resource.set("required", strings(List.of("type")));
    resource.put("additionalProperties", false);
    ObjectNode resourceProps = resource.putObject("properties");
    ObjectNode type = resourceProps.putObject("type");
    type.put("description", "Kind of the resource");
    type.put("type", "string");
    type.set("enum", strings(kinds.stream().map(KindSchema::type).toList()));
    ObjectNode properties = resourceProps.putObject("properties");
    properties.put("description", "Properties of the resource; the allowed ones depend on its type");
    properties.put("type", "object");
    ObjectNode dependsOn = resourceProps.putObject("dependsOn");
    dependsOn.put("description", "SBIDs this resource depends on besides those its references imply");
    dependsOn.put("type", "array");
    dependsOn.putObject("items").put("type", "string");
    ObjectNode deletionPolicy = resourceProps.putObject("deletionPolicy");
    deletionPolicy.put("description", "retain: never deleted by apply, prune or destroy");
    deletionPolicy.put("type", "string");
    deletionPolicy.set("enum", strings(List.of("delete", "retain")));
    ObjectNode ignoreChanges = resourceProps.putObject("ignoreChanges");
    ignoreChanges.put("description", "Properties set on create but never diffed or updated afterwards");
    ignoreChanges.put("type", "array");
    ignoreChanges.putObject("items").put("type", "string");

    ArrayNode dispatch = resource.putArray("allOf");
    for (KindSchema k : kinds) {
      ObjectNode branch = dispatch.addObject();
      ObjectNode ifNode = branch.putObject("if");
      ifNode.putObject("properties").putObject("type").put("const", k.type());
      ifNode.set("required", strings(List.of("type")));
      ObjectNode then = branch.putObject("then");
      then.putObject("properties").putObject("properties").put("$ref", "#/$defs/" + KIND_DEF_PREFIX + k.type());
      if (k.properties().values().stream().anyMatch(PropSchema::required)) {
        then.set("required", strings(List.of("properties")));
      }
    }

    for (KindSchema k : kinds) {
      ObjectNode def = defs.putObject(KIND_DEF_PREFIX + k.type());
      def.put("description", k.description());
      objectBody(def, k.properties());
    }
    return root;
  }

  private static void stringProp(ObjectNode parent, String name, String description) {
    ObjectNode n = parent.putObject(name);
    n.put("description", description);
    n.put("type", "string");
  }

  /** type/required/additionalProperties/properties of an object with known fields. */
  private static void objectBody(ObjectNode target, Map<String, PropSchema> fields) {
    target.put("type", "object");
    List<String> required = fields.values().stream().filter(PropSchema::required).map(PropSchema::name).toList();
    if (!required.isEmpty()) target.set("required", strings(required));
    target.put("additionalProperties", false);
    ObjectNode props = target.putObject("properties");
    for (PropSchema p : fields.values()) {
      ObjectNode n = props.putObject(p.name());
      if (p.description() != null && !p.description().isEmpty()) n.put("description", p.description());
      if (p.defaultValue() != null) n.set("default", MAPPER.valueToTree(p.defaultValue()));
      typeSchema(n, p.type());
      if (p.format() != null && p.type() == ValueType.STRING) {
        n.put("format", p.format().name());
        // the pattern holds for the value written; a value with references is checked once they are known
        n.put("pattern", "(?:" + p.format().pattern() + ")|\\$\\{");
      }
    }
  }

  /** Fills {@code target} with the schema of a value of type {@code t} (a reference allowed where it is not a string). */
  private static void typeSchema(ObjectNode target, ValueType t) {
    if (t == ValueType.STRING) {
      target.put("type", "string");
      return;
    }
    if (t instanceof ValueType.Document) {
      target.set("type", strings(List.of("object", "string")));
      return;
    }
    ArrayNode anyOf = target.putArray("anyOf");
    ObjectNode plain = anyOf.addObject();
    if (t instanceof ValueType.Scalar s) {
      plain.put("type", s.name().toLowerCase(java.util.Locale.ROOT));
    } else if (t instanceof ValueType.EnumOf e) {
      plain.put("type", "string");
      plain.set("enum", strings(e.values()));
    } else if (t instanceof ValueType.ListOf l) {
      plain.put("type", "array");
      typeSchema(plain.putObject("items"), l.item());
    } else if (t instanceof ValueType.MapOf m) {
      plain.put("type", "object");
      typeSchema(plain.putObject("additionalProperties"), m.value());
    } else if (t instanceof ValueType.ObjectOf o) {
      objectBody(plain, o.fields());
    } else {
      throw new IllegalStateException("unknown value type " + t);
    }
    anyOf.addObject().put("$ref", REFERENCE_REF);
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = MAPPER.createArrayNode();
    values.forEach(a::add);
    return a;
  }
}
