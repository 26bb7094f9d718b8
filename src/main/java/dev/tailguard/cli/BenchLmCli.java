package dev.tailguard.cli;

import dev.tailguard.cli.tools.LmBenchCommand;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tailguard bench lm}: options mapped onto {@link LmBenchCommand#lm}; a bad value names its flag (exit 2). */
@RegisterForReflection
@Command(name = "lm", mixinStandardHelpOptions = true, versionProvider = TailguardCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "LM benchmark: training, query and sampling rates (best of R runs), model bytes, load time and"
                + " the loaded model's query rate; prints one JSON object.",
        footer = {"", "Files: one sentence per line, whitespace-separated tokens.",
                "Exit codes: 0 ok, 1 failed, 2 usage error."})
public class BenchLmCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training text.")
    Path train;
    @Option(names = "--test", required = true, paramLabel = "FILE", description = "Held-out text to query.")
    Path test;
    @Option(names = "--order", paramLabel = "N", defaultValue = "3", description = "n-gram order, 2..6 (default ${DEFAULT-VALUE}).")
    int order;
    @Option(names = "--repeats", paramLabel = "R", defaultValue = "3", description = "Runs per figure, best kept (default ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() {
        int n = BenchCli.order(spec, order);
        int r = BenchCli.atLeast(spec, "--repeats", List.of(repeats), 1).get(0);
        return Streams.run(spec, (out, err) -> LmBenchCommand.lm(train, test, n, r, out, err));
    }
}
