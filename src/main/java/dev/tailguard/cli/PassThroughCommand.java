package dev.tailguard.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A subcommand whose arguments still go, unchanged, to a command class with its own parser
 * ({@code execute(List<String>, PrintStream, PrintStream)}). Only {@code bench} is left here (its subcommands
 * {@code lm}, {@code lm-cap} and the scale benchmark are being reworked); {@code lm} is a real picocli command
 * ({@link LmCli}). {@code --help} prints this wrapper's usage followed by the command's own.
 */
abstract class PassThroughCommand implements Callable<Integer> {

    /** The {@code execute(args, out, err)} convention of the pass-through command classes. */
    @FunctionalInterface
    interface Target {
        int execute(List<String> args, PrintStream out, PrintStream err);
    }

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, description = "Show this help and the command's own usage, then exit.")
    boolean help;

    @Unmatched
    List<String> args = new ArrayList<>();

    /** The command the arguments go to. */
    abstract Target target();

    @Override
    public Integer call() {
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PrintStream err = Streams.of(spec.commandLine().getErr());
        List<String> a = new ArrayList<>(args);
        if (help) {
            spec.commandLine().usage(spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            a = List.of("--help");
        }
        int code = target().execute(List.copyOf(a), out, err);
        out.flush();
        err.flush();
        return code;
    }
}
