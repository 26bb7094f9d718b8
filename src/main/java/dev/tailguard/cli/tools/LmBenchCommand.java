package dev.tailguard.cli.tools;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.lm.LmBench;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bench lm}: LM train/query throughput, model bytes, load time and loaded-model query rate ({@link LmBench}).
 * {@code bench lm-cap}: held-out perplexity per training-token cap on the corpus concatenated with unique ids
 * ({@link LmCapBench}). Both print JSON; targets are read off the output, never asserted in timed tests. Options
 * are parsed by {@code dev.tailguard.cli.BenchLmCli} and {@code dev.tailguard.cli.BenchLmCapCli}.
 */
public final class LmBenchCommand {

    private LmBenchCommand() {
    }

    /**
     * {@code bench lm}: trains on {@code train} {@code repeats} times, queries {@code test}, prints the JSON of
     * {@link LmBench#run}.
     *
     * @return 0 ok, 1 failure (named on {@code err})
     */
    public static int lm(Path train, Path test, int order, int repeats, PrintStream out, PrintStream err) {
        try {
            out.println(Json.PRETTY.writeValueAsString(LmBench.run(train, test, order, repeats)));
            return 0;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            err.println("bench lm: " + e.getMessage());
            return 1;
        }
    }

    /**
     * {@code bench lm-cap}: one row per (copies, cap) pair, printed as a JSON array ({@link LmCapBench#run}).
     *
     * @param caps training-token caps, {@link Long#MAX_VALUE} for none
     * @return 0 ok, 1 failure (named on {@code err})
     */
    public static int lmCap(Path input, int order, int[] copies, long[] caps, PrintStream out, PrintStream err) {
        try {
            Path tmp = Files.createTempDirectory("tailguard-lm-cap");
            try {
                out.println(Json.PRETTY.writeValueAsString(LmCapBench.run(input, order, copies, caps, tmp)));
            } finally {
                Files.deleteIfExists(tmp);
            }
            return 0;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            err.println("bench lm-cap: " + e.getMessage());
            return 1;
        }
    }
}
