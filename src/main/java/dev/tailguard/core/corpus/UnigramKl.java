package dev.tailguard.core.corpus;

import dev.tailguard.core.metrics.UnigramCounts;
import dev.tailguard.core.collections.LongCountMap;

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
        LongCountMap pt = p.table();
        LongCountMap qt = q.table();
        long[] onlyQ = {0};
        qt.forEach((w, c) -> {
            if (!pt.containsKey(w)) {
                onlyQ[0]++;
            }
        });
        long vocab = pt.size() + onlyQ[0];
        if (vocab == 0) {
            return 0.0;
        }
        double zp = p.total() + alpha * vocab;
        double zq = q.total() + alpha * vocab;
        double[] kl = {0};
        pt.forEach((w, c) -> {
            double pw = (c + alpha) / zp;
            double qw = (qt.get(w) + alpha) / zq;
            kl[0] += pw * Math.log(pw / qw);
        });
        double pw = alpha / zp;
        qt.forEach((w, c) -> {
            if (!pt.containsKey(w)) {
                kl[0] += pw * Math.log(pw / ((c + alpha) / zq));
            }
        });
        return kl[0];
    }
}
