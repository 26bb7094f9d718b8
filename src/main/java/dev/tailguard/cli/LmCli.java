package dev.tailguard.cli;

import dev.tailguard.cli.tools.LmCommand;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code tailguard lm}: picocli options mapped onto {@link LmCommand.Args}; training, loading and evaluation are
 * {@link LmCommand#run}. A bad value or combination is reported against its flag (exit code 2).
 */
@RegisterForReflection
@Command(name = "lm", mixinStandardHelpOptions = true, versionProvider = TailguardCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Train a KenLM-exact modified Kneser-Ney n-gram model (or load one saved with --save) and,"
                + " with --test, print one JSON object of test perplexity.",
                "Train: --order N --train FILE [--test FILE] [--arpa OUT] [--save MODEL] [--max-training-tokens T];"
                        + " query: --load MODEL --test FILE."},
        footer = {"", "Files: one sentence per line, whitespace-separated tokens.",
                "Exit codes: 0 ok, 1 failed, 2 usage error."})
public class LmCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--order", paramLabel = "N", description = "n-gram order, 2..6 (training).")
    Integer order;
    @Option(names = "--train", paramLabel = "FILE", description = "Training text.")
    Path train;
    @Option(names = "--test", paramLabel = "FILE", description = "Held-out text: print its perplexity as JSON.")
    Path test;
    @Option(names = "--arpa", paramLabel = "OUT", description = "Write the model as ARPA.")
    Path arpa;
    @Option(names = "--save", paramLabel = "MODEL", description = "Write the binary model.")
    Path save;
    @Option(names = "--load", paramLabel = "MODEL", description = "Load a binary model instead of training.")
    Path load;
    @Option(names = "--max-training-tokens", paramLabel = "T",
            description = "Train on the first sentences up to T tokens (default: all).")
    Long maxTrainingTokens;

    @Override
    public Integer call() {
        LmCommand.Args args;
        try {
            args = LmCommand.checked(new LmCommand.Args(order, train, test, arpa, save, load,
                    maxTrainingTokens == null ? Long.MAX_VALUE : maxTrainingTokens));
        } catch (LmCommand.UsageException e) {
            throw new ParameterException(spec.commandLine(), "Invalid options: " + e.getMessage(), e);
        }
        return Streams.run(spec, (out, err) -> LmCommand.run(args, out, err));
    }
}
