package io.sorterbot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sorterbot.plan.Plan;
import io.sorterbot.render.PlanJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plan saved by {@code plan --out}: the plan JSON plus what it was made from (the file's hash, the
 * variables, the live-state fingerprint). {@code apply FILE} re-plans and refuses when any differs.
 */
final class SavedPlan {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SavedPlan() {}

  static void write(Path out, Plan plan, Session s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sorterbotPlan", 1);
    m.put("file", s.file.file.toString());
    m.put("fileSha256", sha(s.file.file));
    m.put("vars", s.file.vars);
    m.put("plan", PlanJson.model(plan));
    try {
      Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n");
    } catch (IOException e) {
      throw new UserError("cannot write the plan to " + out + ": " + e.getMessage(), "check the folder exists and is writable");
    }
  }

  /** The saved plan's header; a UserError when it is not a plan file. */
  static JsonNode read(Path in) {
    try {
      JsonNode n = JSON.readTree(Files.readString(in));
      if (n == null || !n.has("sorterbotPlan") || !n.has("plan")) throw new IOException("not a sorterbot plan");
      if (n.get("sorterbotPlan").asInt() != 1) {
        throw new UserError(in + " is a plan of format " + n.get("sorterbotPlan").asText() + "; this version reads 1",
            "make a new plan with this version: sorterbot plan --out " + in);
      }
      return n;
    } catch (IOException e) {
      throw new UserError("cannot read the saved plan " + in + ": " + Errors.oneLine(e), "make one with: sorterbot plan --out FILE");
    }
  }

  /** Why the saved plan cannot be applied now, or null when it still holds. */
  static String staleness(JsonNode saved, Plan now, Session s) {
    JsonNode p = saved.get("plan");
    if (!p.path("stack").asText().equals(now.stack())) {
      return "it was made for stack '" + p.path("stack").asText() + "', the file is for '" + now.stack() + "'";
    }
    if (!saved.path("fileSha256").asText().equals(sha(s.file.file))) return s.file.file + " has changed since";
    if (!JSON.valueToTree(s.file.vars).equals(saved.path("vars"))) return "the --var values differ from the plan's";
    if (!p.path("liveFingerprint").asText().equals(now.fingerprint())) {
      JsonNode before = p.path("actions");
      JsonNode after = JSON.valueToTree(PlanJson.model(now)).path("actions");
      return "live state has changed since the plan was made" + (before.equals(after) ? ""
          : " (the plan would now be different)");
    }
    return null;
  }

  private static String sha(Path f) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    } catch (Exception e) {
      return "";
    }
  }
}
