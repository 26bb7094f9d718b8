package dev.tailguard.cli;

import dev.tailguard.cli.tools.BenchCommand;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tailguard bench}: the text-statistics benchmark ({@link BenchCommand#run}) and, as subcommands, the LM
 * benchmarks ({@link BenchLmCli}, {@link BenchLmCapCli}), the whole-pipeline scale benchmark ({@link BenchScaleCli}),
 * the collapse calibration table ({@link BenchCollapseCli}) and the adversarial HTTP soak ({@link BenchSoakCli}). A
 * bad value is reported against its flag (exit 2).
 */
@RegisterForReflection
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = TailguardCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        subcommands = {BenchLmCli.class, BenchLmCapCli.class, BenchScaleCli.class, BenchCollapseCli.class,
                BenchSoakCli.class, BenchAdversarialCli.class},
        description = {"Throughput and memory benchmark of the text statistics: scoring, pairwise metrics, MinHash and"
                + " the Kneser-Ney LM on one corpus; prints one JSON object.",
                "Run it with -Xmx512m to check the 512 MB target directly."},
        footer = {"", "Exit codes: 0 ok, 1 failed, 2 usage error.",
                "See 'tailguard bench COMMAND --help' for the options of a subcommand."})
public class BenchCli implements Callable<Integer> {

    /** Lowest n-gram order the Kneser-Ney model takes. */
    static final int MIN_ORDER = 2;
    /** Highest n-gram order the Kneser-Ney model takes. */
    static final int MAX_ORDER = 6;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE", defaultValue = BenchCommand.DEFAULT_INPUT,
            description = "JSONL corpus, one {\"id\",\"text\",...} per line (default ${DEFAULT-VALUE}).")
    Path input;
    @Option(names = "--order", paramLabel = "N", defaultValue = "3", description = "Kneser-Ney order, 2..6 (default ${DEFAULT-VALUE}).")
    int order;

    @Override
    public Integer call() {
        int n = order(spec, order);
        return Streams.run(spec, (out, err) -> BenchCommand.run(input, n, out, err));
    }

    /** The order if it is in 2..6; otherwise a usage error naming {@code --order}. */
    static int order(CommandSpec spec, int order) {
        if (order < MIN_ORDER || order > MAX_ORDER) {
            throw invalid(spec, "--order", Integer.toString(order), "must be in " + MIN_ORDER + ".." + MAX_ORDER);
        }
        return order;
    }

    /** The values if each is at least {@code min}; otherwise a usage error naming the flag and the value. */
    static <T extends Number> List<T> atLeast(CommandSpec spec, String flag, List<T> values, long min) {
        if (values.isEmpty()) {
            throw invalid(spec, flag, "", "needs at least one value");
        }
        for (T v : values) {
            if (v.longValue() < min) {
                throw invalid(spec, flag, v.toString(), "must be >= " + min);
            }
        }
        return values;
    }

    /** A usage error in picocli's wording: {@code Invalid value for option 'FLAG': 'VALUE' WHY}. */
    static ParameterException invalid(CommandSpec spec, String flag, String value, String why) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + flag + "': '" + value + "' " + why);
    }
}
