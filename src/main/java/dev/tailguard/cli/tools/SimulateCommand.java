package dev.tailguard.cli.tools;

import dev.tailguard.core.sim.Acceptance;
import dev.tailguard.core.sim.SimulationConfig;
import dev.tailguard.core.sim.SimulationReport;
import dev.tailguard.core.sim.SimulationResult;
import dev.tailguard.core.sim.Simulator;
import dev.tailguard.core.sim.Strategy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The {@code simulate} command:
 * {@code simulate --input FILE [--generations 5] [--strategies replace,accumulate,blend:0.3,verified] [--order 3]
 * [--holdout 0.1] [--seeds 3] [--seed 1] [--threads 2] [--tail-ngram 1] [--tail-max-count 2]
 * [--verify-band 0.05,0.95] [--verify-max-draw 10] [--quiet] --out DIR}.
 * Writes {@code DIR/simulation.json}, {@code DIR/simulation.html} and {@code DIR/SUMMARY.md}; progress goes to err.
 */
public final class SimulateCommand {

    /** Usage text. */
    public static final String USAGE = """
            usage: simulate --input FILE --out DIR [options]
              --input FILE          JSONL corpus, one {"id","text",...} per line (.gz accepted)
              --out DIR             output directory (simulation.json, simulation.html, SUMMARY.md)
              --generations N       synthetic generations after generation 0 (default 5)
              --strategies LIST     comma-separated: replace, accumulate, blend:R, verified
                                    (default replace,accumulate,blend:0.3,verified)
              --order N             Kneser-Ney order, 2..6 (default 3)
              --holdout H           share of sentences held out, seeded (default 0.1)
              --seeds N             number of seeds (default 3)
              --seed S              first seed; seed i is S+i; the split uses S (default 1)
              --threads N           worker threads (default min(2, cores))
              --tail-ngram N        n of tail_coverage/type_recall n-grams (default 1)
              --tail-max-count K    real tail: types with count <= K (default 2)
              --verify-band LO,HI   verified: reference-perplexity band as quantiles of held-out real
                                    documents (default 0.05,0.95)
              --verify-max-draw X   verified: draw at most X token budgets of candidates (default 10)
              --quiet               no progress lines
            """;

    private SimulateCommand() {
    }

    /** Runs the command; returns 0 on success, 2 on a usage error, 1 on failure (one-line reason on err). */
    public static int execute(List<String> args, PrintStream out, PrintStream err) {
        SimulationConfig cfg;
        Path outDir;
        boolean quiet = false;
        try {
            Path input = null;
            outDir = null;
            int generations = 5, order = 3, seeds = 3, tailNgram = 1, tailMax = 2;
            int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
            double holdout = 0.1, maxDraw = 10;
            long seed = 1;
            String strategies = SimulationConfig.DEFAULT_STRATEGIES;
            double[] band = {0.05, 0.95};
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--quiet")) {
                    quiet = true;
                    continue;
                }
                if (a.equals("-h") || a.equals("--help")) {
                    out.print(USAGE);
                    return 0;
                }
                if (!a.startsWith("--") || i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value" : "unexpected argument " + a);
                }
                String v = args.get(++i);
                switch (a) {
                    case "--input" -> input = Path.of(v);
                    case "--out" -> outDir = Path.of(v);
                    case "--generations" -> generations = integer(a, v);
                    case "--strategies" -> strategies = v;
                    case "--order" -> order = integer(a, v);
                    case "--holdout" -> holdout = number(a, v);
                    case "--seeds" -> seeds = integer(a, v);
                    case "--seed" -> seed = (long) integer(a, v);
                    case "--threads" -> threads = integer(a, v);
                    case "--tail-ngram" -> tailNgram = integer(a, v);
                    case "--tail-max-count" -> tailMax = integer(a, v);
                    case "--verify-max-draw" -> maxDraw = number(a, v);
                    case "--verify-band" -> {
                        String[] p = v.split(",");
                        if (p.length != 2) {
                            throw new IllegalArgumentException("--verify-band needs LO,HI, got " + v);
                        }
                        band = new double[] {number(a, p[0]), number(a, p[1])};
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (input == null) {
                throw new IllegalArgumentException("--input is required");
            }
            if (outDir == null) {
                throw new IllegalArgumentException("--out is required");
            }
            cfg = new SimulationConfig(input, generations, Strategy.parseList(strategies), order, holdout, seeds, seed,
                    threads, tailNgram, tailMax, band, maxDraw);
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        return run(cfg, outDir, quiet, out, err);
    }

    /**
     * Runs a parsed simulation: writes the report files into {@code outDir}, the acceptance verdicts on out;
     * returns 0 on success, 1 on failure (one-line reason on err). The {@code tailguard simulate} picocli command
     * ({@code dev.tailguard.cli.SimulateCli}) parses into {@link SimulationConfig} and calls this.
     */
    public static int run(SimulationConfig cfg, Path outDir, boolean quiet, PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(cfg.input())) {
            err.println("simulate: input file not found: " + cfg.input());
            return 1;
        }
        try {
            SimulationResult r = Simulator.run(cfg, quiet ? null : err);
            List<Path> files = SimulationReport.write(r, outDir);
            for (Acceptance.Check ch : Acceptance.evaluate(r)) {
                out.println(ch.verdict() + ": " + ch.statement() + " [" + ch.measured() + "]");
            }
            out.printf(Locale.ROOT, "wrote %s in %.1f s%n", files, r.seconds());
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("simulate: " + e.getMessage());
            return 1;
        }
    }

    /** Standalone entry point ({@code java -cp ... dev.tailguard.cli.tools.SimulateCommand --input ...}). */
    public static void main(String[] args) {
        System.exit(execute(List.of(args), System.out, System.err));
    }

    private static int integer(String opt, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " needs an integer, got '" + v + "'");
        }
    }

    private static double number(String opt, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " needs a number, got '" + v + "'");
        }
    }
}
