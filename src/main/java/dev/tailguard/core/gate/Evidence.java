package dev.tailguard.core.gate;

import java.util.List;
import java.util.Map;

/**
 * The sample behind a gated metric, so that a gate decides on a test or an interval bound rather than on the point
 * estimate alone. A metric without evidence (a computed quantity such as the blend's synthetic ratio, or a statistic
 * without a test yet) is judged on its value and says so ({@code test = "point"}).
 */
public sealed interface Evidence {

    /**
     * A rate of independent units (documents): {@code k} of {@code n} have the property (PII found, exact or near
     * duplicate, passed the quality policy). Judged on its exact Clopper-Pearson 95% interval.
     *
     * @param k units with the property
     * @param n units observed (≥ 1)
     */
    record Proportion(long k, long n) implements Evidence {
        public Proportion {
            if (n < 1 || k < 0 || k > n) {
                throw new IllegalArgumentException("proportion needs 0 <= k <= n, n >= 1; got k=" + k + " n=" + n);
            }
        }
    }

    /**
     * Representation drift: for each metadata field, the value counts of the real input and of the synthetic batch.
     * Judged by a permutation test of homogeneity per field (Bonferroni over fields).
     *
     * @param fields one entry per field
     */
    record Drift(List<FieldSamples> fields) implements Evidence {
        public Drift {
            fields = List.copyOf(fields);
        }
    }

    /**
     * One field's value counts.
     *
     * @param field     metadata field
     * @param real      value → real document count
     * @param synthetic value → synthetic document count
     */
    record FieldSamples(String field, Map<String, Long> real, Map<String, Long> synthetic) {
        public FieldSamples {
            real = Map.copyOf(real);
            synthetic = Map.copyOf(synthetic);
        }
    }
}
