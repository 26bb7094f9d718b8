package dev.tailguard.core.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a simulation: configuration, the real split, the verifier's calibration and one
 * {@link ChainResult} per strategy and seed.
 *
 * @param config                the run's parameters
 * @param documents             documents read
 * @param trainSentences        real training sentences
 * @param trainTokens           real training tokens (the token budget of every synthetic generation)
 * @param heldoutSentences      held-out real sentences
 * @param heldoutTokens         held-out real tokens
 * @param realTailTypes         real training n-gram types with count ≤ k (the tail)
 * @param realTypes             real training n-gram types
 * @param verifierBand          {low, high} reference perplexity of the verified band (NaN when not run)
 * @param verifierRealAcceptance share of real training sentences the verifier accepts (NaN when not run)
 * @param chains                per strategy (config order), per seed (index order)
 * @param heldoutSentencePerplexity per held-out sentence: its perplexity under the generation-0 model
 * @param gen0OutputSentencePerplexity per sentence of the first seed's generation-0 output: the same
 * @param seconds               wall time
 */
public record SimulationResult(SimulationConfig config, long documents, long trainSentences, long trainTokens,
                               long heldoutSentences, long heldoutTokens, long realTailTypes, long realTypes,
                               double[] verifierBand, double verifierRealAcceptance, List<ChainResult> chains,
                               double[] heldoutSentencePerplexity, double[] gen0OutputSentencePerplexity,
                               double seconds) {

    public SimulationResult {
        chains = List.copyOf(chains);
    }

    /** The chains of one strategy, seed order. */
    public List<ChainResult> chains(String strategy) {
        List<ChainResult> out = new ArrayList<>();
        for (ChainResult c : chains) {
            if (c.strategy().equals(strategy)) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no strategy " + strategy);
        }
        return out;
    }

    /** Per-seed values of a scalar metric at a generation (NaN for a seed whose chain stopped earlier). */
    public double[] values(String strategy, String metric, int generation) {
        List<ChainResult> cs = chains(strategy);
        double[] v = new double[cs.size()];
        for (int i = 0; i < v.length; i++) {
            List<GenerationResult> g = cs.get(i).generations();
            v[i] = generation < g.size() ? g.get(generation).scalar(metric) : Double.NaN;
        }
        return v;
    }

    /** Mean over seeds (NaN if any seed lacks the generation). */
    public double mean(String strategy, String metric, int generation) {
        return Stats.mean(values(strategy, metric, generation));
    }

    /** Means over seeds for generations 0..N. */
    public double[] meanSeries(String strategy, String metric) {
        double[] out = new double[config.generations() + 1];
        for (int g = 0; g < out.length; g++) {
            out[g] = mean(strategy, metric, g);
        }
        return out;
    }
}
