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
     * A batch statistic over documents whose inner units are not independent (distinct-2 of the batch, 13-gram
     * memorisation share, tail coverage): the statistic with each document left out in turn. Judged on the
     * delete-one jackknife t interval ({@link dev.tailguard.core.stats.Jackknife}), the document being the unit.
     *
     * @param leaveOneOut the statistic without document i, one value per document (n ≥ 2)
     * @param unit        what n counts (for the report), e.g. {@code documents}
     * @param minCap      for a {@code min} bound: the most the sample can be asked for (tail coverage: half of what
     *                    real-like text of the batch's size covers, {@link dev.tailguard.core.stats.TailCoverageNull});
     *                    null = no cap
     */
    record Jackknife(double[] leaveOneOut, String unit, Double minCap) implements Evidence {

        /** Without a cap. */
        public Jackknife(double[] leaveOneOut, String unit) {
            this(leaveOneOut, unit, null);
        }

        public Jackknife {
            if (leaveOneOut == null || leaveOneOut.length < 2) {
                throw new IllegalArgumentException("a jackknife needs at least 2 leave-one-out values");
            }
            leaveOneOut = leaveOneOut.clone();
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
