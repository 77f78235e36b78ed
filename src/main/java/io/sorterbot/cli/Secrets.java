package io.sorterbot.cli;

import io.sorterbot.aws.AwsClients;
import io.sorterbot.aws.AwsErrors;
import io.sorterbot.kinds.Sensitive;
import io.sorterbot.spec.SecretSpec;
import io.sorterbot.spec.StackSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * Secret values: read from their sources on first use, never printed. Generated secrets live in SSM
 * as SecureString /<stack>/secrets/<NAME>, tagged SBStack and SBSecret; before they exist they are
 * unknown at plan time and made by {@link #ensureGenerated()} at apply.
 */
final class Secrets {
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final StackSpec spec;
  private final AwsClients clients;
  private Map<String, String> values;

  Secrets(StackSpec spec, AwsClients clients) {
    this.spec = spec;
    this.clients = clients;
  }

  synchronized Map<String, String> values() {
    if (values != null) return values;
    Map<String, String> out = new LinkedHashMap<>();
    for (SecretSpec s : spec.secrets().values()) {
      String v = read(s);
      if (v != null) out.put(s.name(), v);
    }
    values = out;
    return values;
  }

  private String read(SecretSpec s) {
    SecretSpec.Source src = s.source();
    if (src instanceof SecretSpec.Env e) {
      String v = System.getenv(e.variable());
      if (v == null) {
        throw new UserError("secret '" + s.name() + "': environment variable " + e.variable() + " is not set",
            "export " + e.variable() + " before running (" + s.pos() + ")");
      }
      return v;
    }
    if (src instanceof SecretSpec.FromFile f) {
      Path p = Path.of(f.path().replaceFirst("^~", System.getProperty("user.home")));
      try {
        return Files.readString(p).strip();
      } catch (IOException ex) {
        throw new UserError("secret '" + s.name() + "': cannot read " + p, "check the path and its permissions (" + s.pos() + ")");
      }
    }
    String name = src instanceof SecretSpec.Ssm ssm ? ssm.parameter() : generatedName(s.name());
    try {
      return clients.ssm().getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
    } catch (RuntimeException ex) {
      if (AwsErrors.isNotFound(ex) && src instanceof SecretSpec.Generate) return null; // made at apply
      throw new UserError("secret '" + s.name() + "': cannot read SSM parameter " + name + ": "
          + redact(AwsErrors.code(ex)), "check the parameter exists and you may read it (" + s.pos() + ")");
    }
  }

  String generatedName(String secret) { return "/" + spec.stack() + "/secrets/" + secret; }

  synchronized void ensureGenerated() {
    Map<String, String> v = new LinkedHashMap<>(values());
    SecureRandom rnd = new SecureRandom();
    for (SecretSpec s : spec.secrets().values()) {
      if (!(s.source() instanceof SecretSpec.Generate g) || v.containsKey(s.name())) continue;
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < g.length(); i++) sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
      clients.ssm().putParameter(b -> b.name(generatedName(s.name())).type(ParameterType.SECURE_STRING)
          .value(sb.toString()).description("sorterbot generated secret " + s.name())
          .tags(Tag.builder().key("SBStack").value(spec.stack()).build(),
              Tag.builder().key("SBSecret").value(s.name()).build()));
      v.put(s.name(), sb.toString());
    }
    values = v;
  }

  /** Any secret value inside {@code text} becomes (sensitive). */
  String redact(String text) {
    if (text == null || values == null) return text;
    String out = text;
    for (String v : values.values()) if (v.length() >= 4) out = out.replace(v, Sensitive.MASK);
    return out;
  }
}
