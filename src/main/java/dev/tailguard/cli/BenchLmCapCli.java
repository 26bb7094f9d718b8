package dev.tailguard.cli;

import dev.tailguard.cli.tools.BenchCommand;
import dev.tailguard.cli.tools.LmBenchCommand;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tailguard bench lm-cap}: options mapped onto {@link LmBenchCommand#lmCap}; a bad value names its flag
 * (exit 2).
 */
@RegisterForReflection
@Command(name = "lm-cap", mixinStandardHelpOptions = true, versionProvider = TailguardCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Held-out perplexity, n-grams, model bytes and heap per training-token cap, on the corpus"
                + " concatenated C times with unique ids (every tenth document held out with all its copies);"
                + " prints a JSON array.",
        footer = {"", "Exit codes: 0 ok, 1 failed, 2 usage error."})
public class BenchLmCapCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE", defaultValue = BenchCommand.DEFAULT_INPUT,
            description = "JSONL corpus (default ${DEFAULT-VALUE}).")
    Path input;
    @Option(names = "--order", paramLabel = "N", defaultValue = "3", description = "n-gram order, 2..6 (default ${DEFAULT-VALUE}).")
    int order;
    @Option(names = "--copies", paramLabel = "C", split = ",", defaultValue = "4,16",
            description = "Corpus copies, each >= 1 (default ${DEFAULT-VALUE}).")
    List<Integer> copies;
    @Option(names = "--caps", paramLabel = "T", split = ",", defaultValue = "1000000,2000000,4000000,0",
            description = "Training-token caps, 0 = no cap (default ${DEFAULT-VALUE}).")
    List<Long> caps;

    @Override
    public Integer call() {
        int n = BenchCli.order(spec, order);
        int[] c = BenchCli.atLeast(spec, "--copies", copies, 1).stream().mapToInt(Integer::intValue).toArray();
        long[] t = BenchCli.atLeast(spec, "--caps", caps, 0).stream()
                .mapToLong(x -> x == 0 ? Long.MAX_VALUE : x).toArray();
        return Streams.run(spec, (out, err) -> LmBenchCommand.lmCap(input, n, c, t, out, err));
    }
}
