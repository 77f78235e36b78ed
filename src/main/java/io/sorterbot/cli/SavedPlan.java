package io.sorterbot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sorterbot.plan.Plan;
import io.sorterbot.render.PlanJson;
import io.sorterbot.spec.FileText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plan saved by {@code plan --out}: the plan JSON plus what it was made from (the file's hash, the
 * variables, the live-state fingerprint) and by which sorterbot version. {@code apply FILE} refuses a
 * plan of another version (as Terraform does: the plan's meaning may have changed), and re-plans and
 * refuses when anything it was made from differs.
 */
final class SavedPlan {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The format of the file; {@link #read} refuses others. */
  static final int FORMAT = 1;
  /** Saved plans are small; anything larger is not one. */
  private static final long MAX_BYTES = 256L << 20;

  private SavedPlan() {}

  static void write(Path out, Plan plan, Session s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sorterbotPlan", FORMAT);
    m.put("sorterbotVersion", Main.VERSION);
    m.put("file", s.file.file.toAbsolutePath().normalize().toString()); // applies from any folder
    m.put("fileSha256", sha(s.file.file));
    m.put("vars", s.file.vars);
    m.put("plan", PlanJson.model(plan));
    try {
      Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n");
    } catch (IOException e) {
      throw new UserError("cannot write the plan to " + out + ": " + FileText.describe(e),
          Files.isDirectory(out) ? "give a file name, not a folder" : "check the folder exists and is writable");
    }
  }

  /** The saved plan's header; a UserError when it is not a complete plan of this format and version. */
  static JsonNode read(Path in) {
    String text;
    try {
      text = FileText.read(in, MAX_BYTES);
    } catch (FileText.Unreadable e) {
      throw new UserError("cannot read the saved plan " + in + ": " + e.reason(), "make one with: sorterbot plan --out " + in);
    }
    if (text.isBlank()) throw notAPlan(in, "the file is empty");
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      if (e instanceof JsonEOFException || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input")) {
        throw notAPlan(in, "the JSON ends too early (a truncated copy?)");
      }
      throw notAPlan(in, "not JSON (" + Errors.oneLine(new RuntimeException(e.getOriginalMessage())) + ", line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
    }
    if (n == null || !n.isObject() || !n.has("sorterbotPlan")) throw notAPlan(in, "JSON, but not a sorterbot plan");
    JsonNode format = n.get("sorterbotPlan");
    if (!format.isInt() || format.asInt() != FORMAT) {
      throw new UserError(in + " is a plan of format " + Errors.printable(format.toString(), 20) + "; this version reads " + FORMAT,
          "make a new plan with this version: sorterbot plan --out " + in);
    }
    JsonNode version = n.get("sorterbotVersion");
    if (version == null || !version.isTextual() || !version.asText().equals(Main.VERSION)) {
      String by = version == null ? "an older sorterbot (the file records no version)"
          : "sorterbot " + Errors.printable(version.isTextual() ? version.asText() : version.toString(), 40);
      throw new UserError("the saved plan " + in + " was made by " + by + "; this is sorterbot " + Main.VERSION,
          "a plan applies only with the version that made it: make a new one with sorterbot plan --out " + in);
    }
    String missing = missing(n);
    if (missing != null) throw notAPlan(in, "it is incomplete (" + missing + ")");
    return n;
  }

  /** What a plan this version wrote always has, and this file lacks; or null. */
  private static String missing(JsonNode n) {
    if (!n.path("file").isTextual() || n.path("file").asText().isBlank()) return "no 'file'";
    try {
      FileText.path(n.path("file").asText());
    } catch (FileText.Unreadable e) {
      return "'file' is " + e.reason();
    }
    if (!n.path("fileSha256").isTextual()) return "no 'fileSha256'";
    if (!n.path("vars").isObject()) return "no 'vars'";
    JsonNode p = n.path("plan");
    if (!p.isObject()) return "no 'plan'";
    if (!p.path("stack").isTextual()) return "no 'plan.stack'";
    if (!p.path("liveFingerprint").isTextual()) return "no 'plan.liveFingerprint'";
    if (!p.path("actions").isArray()) return "no 'plan.actions'";
    for (var it = n.path("vars").fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().isTextual()) return "'vars." + Errors.printable(e.getKey(), 40) + "' is not a string";
    }
    return null;
  }

  private static UserError notAPlan(Path in, String why) {
    return new UserError(in + " is not a saved plan: " + why, "make one with: sorterbot plan --out " + in);
  }

  /** Why the saved plan cannot be applied now, or null when it still holds. */
  static String staleness(JsonNode saved, Plan now, Session s) {
    JsonNode p = saved.get("plan");
    if (!p.path("stack").asText().equals(now.stack())) {
      return "it was made for stack '" + p.path("stack").asText() + "', the file is for '" + now.stack() + "'";
    }
    if (!saved.path("fileSha256").asText().equals(sha(s.file.file))) return s.file.file + " has changed since";
    if (!JSON.valueToTree(s.file.vars).equals(saved.path("vars"))) return "the --var values differ from the plan's";
    JsonNode before = p.path("actions");
    JsonNode after = asWritten(PlanJson.model(now)).path("actions");
    if (!p.path("liveFingerprint").asText().equals(now.fingerprint())) {
      return "live state has changed since the plan was made" + (before.equals(after) ? ""
          : " (the plan would now be different)");
    }
    if (!before.equals(after)) {
      // same file, variables and live state: what differs is read at plan time from outside (a secret's source)
      return "the plan would now be different (a secret's value changed since it was made?)";
    }
    return null;
  }

  /** {@code model} as {@link #read} would see it after {@link #write}: numbers and nulls as the JSON text has them. */
  private static JsonNode asWritten(Object model) {
    try {
      return JSON.readTree(JSON.writeValueAsString(model));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the plan does not render as JSON", e);
    }
  }

  private static String sha(Path f) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    } catch (Exception e) {
      return "";
    }
  }
}
