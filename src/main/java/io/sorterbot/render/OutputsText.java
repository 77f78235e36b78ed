package io.sorterbot.render;

import io.sorterbot.model.LiveResource;
import io.sorterbot.plan.Action;
import io.sorterbot.plan.DesiredState;
import io.sorterbot.plan.Unknown;
import io.sorterbot.spec.StackSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The file's outputs resolved from live resources; secrets stay (sensitive). */
public final class OutputsText {
  private OutputsText() {}

  public static String render(StackSpec spec, DesiredState d, List<Action> actions) { return render(spec, d, live(actions)); }

  public static String render(StackSpec spec, DesiredState d, Map<String, LiveResource> live) {
    Map<String, Object> values = values(spec, d, live);
    if (values.isEmpty()) return "";
    StringBuilder sb = new StringBuilder("\nOutputs:\n\n");
    int w = values.keySet().stream().mapToInt(String::length).max().orElse(0);
    values.forEach((k, v) -> sb.append(k).append(" ".repeat(w - k.length())).append(" = ").append(ValueText.of(v)).append('\n'));
    return sb.toString();
  }

  public static String json(StackSpec spec, DesiredState d, List<Action> actions) {
    Map<String, Object> out = new TreeMap<>();
    values(spec, d, live(actions)).forEach((k, v) -> out.put(k, ValueText.json(v)));
    return PlanJson.write(out);
  }

  private static Map<String, Object> values(StackSpec spec, DesiredState d, Map<String, LiveResource> live) {
    Map<String, Object> out = new TreeMap<>();
    spec.outputs().forEach((name, o) -> out.put(name, d.resolve(o.value(), (sbid, attr) -> {
      LiveResource l = live.get(sbid);
      Object v = l == null ? null : l.attributes().get(attr);
      return v == null ? new Unknown(sbid + "." + attr) : v;
    })));
    return out;
  }

  private static Map<String, LiveResource> live(List<Action> actions) {
    Map<String, LiveResource> m = new LinkedHashMap<>();
    for (Action a : actions) {
      if (a instanceof Action.NoOp || a instanceof Action.Update || a instanceof Action.Retain) m.put(a.sbid(), a.live());
    }
    return m;
  }
}
