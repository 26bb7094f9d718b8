package dev.tailguard.core.sim;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Parameters of one simulation run.
 *
 * @param input         JSONL corpus ({@code {"id","text",...}} per line; {@code .gz} accepted)
 * @param generations   number of synthetic generations after generation 0 (≥ 1)
 * @param strategies    strategies to simulate, in order
 * @param order         n-gram order of the Kneser–Ney models (2..6)
 * @param holdout       share of real sentences held out for evaluation (0 &lt; h &lt; 1)
 * @param seeds         number of seeds (1, 2, ... × {@code baseSeed})
 * @param baseSeed      base of the seed sequence; seed i is {@code baseSeed + i}; the split uses {@code baseSeed}
 * @param threads       worker threads (strategy × seed chains run in parallel)
 * @param tailNgram     n of the n-grams behind {@code tail_coverage} and {@code type_recall}
 * @param tailMaxCount  an n-gram is in the real tail when its real-training count is ≤ this
 * @param verifyBand    reference-perplexity band for {@code verified}, as quantiles {lo, hi} of the per-sentence
 *                      perplexity of the real training sentences under the generation-0 model
 * @param verifyMaxDraw {@code verified} draws at most this many times the token budget in candidates per generation
 */
public record SimulationConfig(Path input, int generations, List<Strategy> strategies, int order, double holdout,
                               int seeds, long baseSeed, int threads, int tailNgram, int tailMaxCount,
                               double[] verifyBand, double verifyMaxDraw) {

    /** Default strategies of issue 5. */
    public static final String DEFAULT_STRATEGIES = "replace,accumulate,blend:0.3,verified";

    public SimulationConfig {
        Objects.requireNonNull(input, "input");
        strategies = List.copyOf(strategies);
        if (generations < 1 || generations > 100) {
            throw new IllegalArgumentException("--generations must be in 1..100, got " + generations);
        }
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("--strategies needs at least one strategy");
        }
        if (order < 2 || order > 6) {
            throw new IllegalArgumentException("--order must be in 2..6, got " + order);
        }
        if (!(holdout > 0 && holdout < 1)) {
            throw new IllegalArgumentException("--holdout must be in (0, 1), got " + holdout);
        }
        if (seeds < 1 || seeds > 100) {
            throw new IllegalArgumentException("--seeds must be in 1..100, got " + seeds);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (tailNgram < 1 || tailNgram > 4) {
            throw new IllegalArgumentException("--tail-ngram must be in 1..4, got " + tailNgram);
        }
        if (tailMaxCount < 1) {
            throw new IllegalArgumentException("--tail-max-count must be >= 1, got " + tailMaxCount);
        }
        if (verifyBand == null || verifyBand.length != 2 || !(verifyBand[0] >= 0 && verifyBand[0] < verifyBand[1]
                && verifyBand[1] <= 1)) {
            throw new IllegalArgumentException("--verify-band needs two quantiles 0 <= lo < hi <= 1");
        }
        verifyBand = verifyBand.clone();
        if (!(verifyMaxDraw >= 1)) {
            throw new IllegalArgumentException("--verify-max-draw must be >= 1, got " + verifyMaxDraw);
        }
    }

    /** The issue-5 defaults for an input: 5 generations, the four strategies, order 3, 10% held out, 3 seeds. */
    public static SimulationConfig defaults(Path input) {
        return new SimulationConfig(input, 5, Strategy.parseList(DEFAULT_STRATEGIES), 3, 0.1, 3, 1L,
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), 1, 2,
                new double[] {0.05, 0.95}, 10);
    }

    /** The seed of seed index i. */
    public long seed(int i) {
        return baseSeed + i;
    }

    @Override
    public double[] verifyBand() {
        return verifyBand.clone();
    }
}
