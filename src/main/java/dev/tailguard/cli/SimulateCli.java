package dev.tailguard.cli;

import dev.tailguard.cli.tools.SimulateCommand;
import dev.tailguard.core.sim.SimulationConfig;
import dev.tailguard.core.sim.Strategy;
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
 * {@code tailguard simulate}: picocli options mapped onto {@link SimulationConfig}; the collapse lab itself is
 * {@link SimulateCommand#run}. Range checks stay in the config record and are reported against the flag.
 */
@RegisterForReflection
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = TailguardCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Collapse lab: simulate generations of n-gram models under replace/accumulate/blend/verified.",
        footer = {"", "Writes DIR/simulation.json, DIR/simulation.html and DIR/SUMMARY.md; progress on stderr.",
                "Exit codes: 0 ok, 1 failed, 2 usage error."})
public class SimulateCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSONL corpus, one {\"id\",\"text\",...} per line (.gz accepted).")
    Path input;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--generations", paramLabel = "N", defaultValue = "5", description = "Synthetic generations after generation 0 (default ${DEFAULT-VALUE}).")
    int generations;
    @Option(names = "--strategies", paramLabel = "LIST", defaultValue = SimulationConfig.DEFAULT_STRATEGIES,
            description = "Comma-separated: replace, accumulate, blend:R, verified (default ${DEFAULT-VALUE}).")
    String strategies;
    @Option(names = "--order", paramLabel = "N", defaultValue = "3", description = "Kneser-Ney order, 2..6 (default ${DEFAULT-VALUE}).")
    int order;
    @Option(names = "--holdout", paramLabel = "H", defaultValue = "0.1", description = "Share of sentences held out, seeded (default ${DEFAULT-VALUE}).")
    double holdout;
    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3", description = "Number of seeds (default ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "First seed; seed i is S+i; the split uses S (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default min(2, cores)).")
    Integer threads;
    @Option(names = "--tail-ngram", paramLabel = "N", defaultValue = "1", description = "n of tail_coverage/type_recall n-grams (default ${DEFAULT-VALUE}).")
    int tailNgram;
    @Option(names = "--tail-max-count", paramLabel = "K", defaultValue = "2", description = "Real tail: types with count <= K (default ${DEFAULT-VALUE}).")
    int tailMaxCount;
    @Option(names = "--verify-band", paramLabel = "LO,HI", split = ",", defaultValue = "0.05,0.95",
            description = "verified: reference-perplexity band as quantiles of held-out real documents (default ${DEFAULT-VALUE}).")
    double[] verifyBand;
    @Option(names = "--verify-max-draw", paramLabel = "X", defaultValue = "10", description = "verified: draw at most X token budgets of candidates (default ${DEFAULT-VALUE}).")
    double verifyMaxDraw;
    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Override
    public Integer call() {
        SimulationConfig cfg = config();
        return Streams.run(spec, (o, e) -> SimulateCommand.run(cfg, out, quiet, o, e));
    }

    /** The options as the simulation's config record; a rejected value names its flag (exit code 2). */
    SimulationConfig config() {
        if (verifyBand.length != 2) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--verify-band': needs LO,HI");
        }
        int t = threads != null ? threads : Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        try {
            List<Strategy> list = Strategy.parseList(strategies);
            return new SimulationConfig(input, generations, list, order, holdout, seeds, seed, t, tailNgram,
                    tailMaxCount, verifyBand, verifyMaxDraw);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value: " + e.getMessage(), e);
        }
    }
}
