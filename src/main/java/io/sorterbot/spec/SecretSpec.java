package io.sorterbot.spec;

/** A secret declaration. The value is never held here: sources are read at plan time. */
public record SecretSpec(String name, Source source, SourcePos pos) {

  public sealed interface Source {}

  public record Env(String variable) implements Source {}

  public record FromFile(String path) implements Source {}

  public record Ssm(String parameter) implements Source {}

  public record Generate(int length) implements Source {}
}
