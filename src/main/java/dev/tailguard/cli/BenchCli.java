package dev.tailguard.cli;

import dev.tailguard.cli.tools.BenchCommand;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;

/** {@code tailguard bench}: arguments pass unchanged to {@link BenchCommand} (its options are listed by {@code --help}). */
@RegisterForReflection
@Command(name = "bench", versionProvider = TailguardCommand.Version.class,
        description = "Throughput and memory benchmark of the text statistics (options below are BenchCommand's own).",
        customSynopsis = "tailguard bench [-h] [-V] [ARGS...]",
        footer = {"", "Arguments are passed unchanged to the bench command; its own usage follows with --help.",
                "Exit codes: 0 ok, 1 failed, 2 usage error."})
public class BenchCli extends PassThroughCommand {

    @picocli.CommandLine.Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @Override
    Target target() {
        return BenchCommand::execute;
    }
}
