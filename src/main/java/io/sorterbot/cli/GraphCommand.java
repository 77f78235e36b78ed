package io.sorterbot.cli;

import io.sorterbot.render.GraphRenderer;
import io.sorterbot.spec.Loaded;
import io.sorterbot.spec.SpecReader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sorterbot graph}: the dependency graph as DOT or Mermaid. */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "Print the dependency graph (an arrow points from a resource to what needs it).")
final class GraphCommand implements Callable<Integer> {
  enum Format { dot, mermaid }

  @Mixin FileOptions file;
  @Option(names = "--format", description = "dot (default) or mermaid.", defaultValue = "dot") Format format;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override public Integer call() {
    Loaded l = new SpecReader(io.sorterbot.kinds.KindRegistry.catalog(), io.sorterbot.aws.Regions.known()).read(file.file, file.vars);
    String text = format == Format.dot ? GraphRenderer.dot(l.spec(), l.graph()) : GraphRenderer.mermaid(l.spec(), l.graph());
    spec.commandLine().getOut().print(text);
    return ExitCodes.OK;
  }
}
