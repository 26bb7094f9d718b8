package dev.tailguard.core.corpus;

import dev.tailguard.core.metrics.UnigramCounts;
import java.util.HashSet;
import java.util.Set;

/**
 * Unigram KL divergence D(P‖Q) = Σ_w p(w) ln(p(w)/q(w)) in nats between two {@link UnigramCounts}, with additive
 * (Lidstone) smoothing over the union vocabulary V: p(w) = (c_P(w) + α) / (N_P + α|V|), likewise q. Default
 * α = 1 (Laplace). Use P = real, Q = synthetic: it grows when the synthetic text loses the real vocabulary.
 */
public final class UnigramKl {

    /** Default smoothing constant. */
    public static final double DEFAULT_ALPHA = 1.0;

    private UnigramKl() {
    }

    /** D(P‖Q) with α = 1. */
    public static double divergence(UnigramCounts p, UnigramCounts q) {
        return divergence(p, q, DEFAULT_ALPHA);
    }

    /** D(P‖Q) with smoothing α &gt; 0; 0 when both are empty. */
    public static double divergence(UnigramCounts p, UnigramCounts q, double alpha) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha must be > 0: " + alpha);
        }
        Set<String> vocab = new HashSet<>(p.view().keySet());
        vocab.addAll(q.view().keySet());
        if (vocab.isEmpty()) {
            return 0.0;
        }
        double zp = p.total() + alpha * vocab.size();
        double zq = q.total() + alpha * vocab.size();
        double kl = 0;
        for (String w : vocab) {
            double pw = (p.count(w) + alpha) / zp;
            double qw = (q.count(w) + alpha) / zq;
            kl += pw * Math.log(pw / qw);
        }
        return kl;
    }
}
