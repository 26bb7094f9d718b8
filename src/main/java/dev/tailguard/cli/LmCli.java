package dev.tailguard.cli;

import dev.tailguard.cli.tools.LmCommand;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;

/** {@code tailguard lm}: arguments pass unchanged to {@link LmCommand} (its options are listed by {@code --help}). */
@RegisterForReflection
@Command(name = "lm", versionProvider = TailguardCommand.Version.class, mixinStandardHelpOptions = false,
        description = "Train a Kneser-Ney n-gram model and report test perplexity (options below are LmCommand's own).",
        customSynopsis = "tailguard lm [-h] [-V] [ARGS...]",
        footer = {"", "Arguments are passed unchanged to the lm command; its own usage follows with --help.",
                "Exit codes: 0 ok, 1 failed, 2 usage error."})
public class LmCli extends PassThroughCommand {

    @picocli.CommandLine.Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @Override
    Target target() {
        return LmCommand::execute;
    }
}
