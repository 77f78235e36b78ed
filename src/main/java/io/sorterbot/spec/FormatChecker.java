package io.sorterbot.spec;

import io.sorterbot.model.KindCatalog;
import io.sorterbot.model.Format;
import io.sorterbot.model.KindSchema;
import io.sorterbot.model.PropSchema;
import io.sorterbot.model.ValueType;
import io.sorterbot.spec.YNode.YList;
import io.sorterbot.spec.YNode.YMap;
import io.sorterbot.spec.YNode.YScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The formats AWS documents (CIDR blocks, bucket names, name characters, the region), checked at validate
 * time as FILE:LINE:COL problems. A value built from variables and built-ins is checked once they are put
 * in; a value that needs a live attribute or a secret is left to AWS. {@code ${accountId}} counts as the
 * 12 digits every account id has, so a bucket name's length and characters are still checked.
 */
final class FormatChecker {
  /** A stand-in of the shape of every AWS account id. */
  static final String ACCOUNT_ID_SHAPE = "000000000000";

  private final StackSpec spec;
  private final Set<String> regions;
  private final List<Problem> problems;

  /** @param regions the region codes the AWS SDK knows (empty: not checked against a list) */
  private final KindCatalog catalog;

  FormatChecker(StackSpec spec, Set<String> regions, List<Problem> problems, KindCatalog catalog) {
    this.catalog = catalog;
    this.spec = spec;
    this.regions = regions;
    this.problems = problems;
  }

  void check(YMap root) {
    if (root.get("region") instanceof YScalar r && r.value() instanceof String region) {
      Formats.Failure f = Formats.check(Format.REGION, region, null, regions);
      if (f != null) problems.add(new Problem(r.pos(), "region '" + Printable.of(region, 60) + "' " + f.reason(), f.hint()));
    }
    for (ResourceSpec r : spec.resources().values()) {
      KindSchema kind = catalog.find(r.type()).orElse(null);
      if (kind == null || !(r.node().get("properties") instanceof YMap props)) continue;
      props.entries().forEach((name, node) -> {
        PropSchema p = kind.property(name);
        if (p != null) walk(node, p, name);
      });
    }
  }

  private void walk(YNode node, PropSchema p, String path) {
    if (p.sensitive()) return;
    ValueType t = p.type();
    if (node instanceof YScalar s && s.value() instanceof String text && p.format() != null) {
      checkString(s, text, p.format(), path);
    } else if (node instanceof YList l && t instanceof ValueType.ListOf lo) {
      for (int i = 0; i < l.items().size(); i++) walk(l.items().get(i), p.withType(lo.item()), path + "[" + i + "]");
    } else if (node instanceof YMap m && t instanceof ValueType.ObjectOf o) {
      m.entries().forEach((k, v) -> {
        PropSchema field = o.fields().get(k);
        if (field != null) walk(v, field, path + "." + k);
      });
    }
  }

  private void checkString(YScalar s, String text, Format format, String path) {
    List<Problem> malformed = new ArrayList<>();
    Object parsed = Template.parse(text, s.pos(), malformed);
    if (!malformed.isEmpty()) return; // a broken reference: the loader reports it
    String value;
    String shown;
    if (parsed instanceof Template t) {
      value = resolve(t);
      if (value == null) return; // needs a live attribute or a secret: AWS will judge it
      shown = "'" + Printable.of(value, 120) + "' (from '" + Printable.of(text, 120) + "')";
    } else {
      value = (String) parsed;
      shown = "'" + Printable.of(value, 120) + "'";
    }
    Formats.Failure f = Formats.check(format, value, spec.region(), regions);
    if (f != null) problems.add(new Problem(s.pos(), "'" + path + "' " + shown + " " + f.reason(), f.hint()));
  }

  /** The template's text with variables and built-ins put in, or null when a part is not known before apply. */
  private String resolve(Template t) {
    StringBuilder sb = new StringBuilder();
    for (Template.Part part : t.parts()) {
      if (part instanceof Template.Literal l) {
        sb.append(l.text());
        continue;
      }
      Template.Ref r = (Template.Ref) part;
      String v = switch (r.ns()) {
        case VAR -> {
          StackSpec.VariableSpec var = spec.variables().get(r.name());
          yield var == null || var.value() == null || var.value() instanceof Map<?, ?> || var.value() instanceof List<?>
              ? null : String.valueOf(var.value());
        }
        case BUILTIN -> switch (r.name()) {
          case "region" -> spec.region();
          case "stack" -> spec.stack();
          case "accountId" -> ACCOUNT_ID_SHAPE;
          default -> null;
        };
        default -> null; // a live attribute, or a secret (never shown)
      };
      if (v == null) return null;
      sb.append(v);
    }
    return sb.toString();
  }
}
