package io.sorterbot.cli;

import io.sorterbot.spec.Loaded;
import io.sorterbot.spec.SpecReader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code sorterbot validate}: schema, references, cycles, types. No AWS call. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check the file: schema, references, cycles, types. Makes no AWS call.")
final class ValidateCommand implements Callable<Integer> {
  @Mixin FileOptions file;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override public Integer call() {
    Loaded loaded = new SpecReader(io.sorterbot.kinds.KindRegistry.catalog(), io.sorterbot.aws.Regions.known()).read(file.file, file.vars);
    spec.commandLine().getOut().printf("%s is valid: stack '%s', %d resources.%n",
        file.file, loaded.spec().stack(), loaded.spec().resources().size());
    return ExitCodes.OK;
  }
}
