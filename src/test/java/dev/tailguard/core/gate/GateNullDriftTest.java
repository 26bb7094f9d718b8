package dev.tailguard.core.gate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * False-positive rate of the default drift gate ({@code blend.drift_tv.max = 0.2}) when the synthetic batch is drawn
 * from the same distribution as the real input, at N = 20, 40, 100 synthetic documents (real input 5·N, at least
 * 200), over seeded replicates; and its detection rate when the batch over-represents one group.
 */
class GateNullDriftTest {

    private static final int REPLICATES = 1000;
    private static final double BOUND = 0.2;

    private static Map<String, Long> draw(double[] shares, int n, SplittableRandom rnd) {
        Map<String, Long> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble();
            int c = 0;
            while (c < shares.length - 1 && u >= shares[c]) {
                u -= shares[c];
                c++;
            }
            m.merge("v" + c, 1L, Long::sum);
        }
        return m;
    }

    private record Rates(double gate, double point) {
    }

    private static Rates rates(double[] real, double[] synthetic, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int fails = 0;
        int pointFails = 0;
        for (int r = 0; r < REPLICATES; r++) {
            Map<String, Long> a = draw(real, Math.max(200, 5 * n), rnd);
            Map<String, Long> b = draw(synthetic, n, rnd);
            double tv = dev.tailguard.core.stats.Homogeneity.totalVariation(a, b);
            Evidence.Drift ev = new Evidence.Drift(List.of(new Evidence.FieldSamples("party", a, b)));
            if (!Gate.decide("blend", "drift_tv.max", tv, BOUND, false, "quarantine", ev).passed()) {
                fails++;
            }
            if (tv > BOUND) {
                pointFails++;
            }
        }
        return new Rates((double) fails / REPLICATES, (double) pointFails / REPLICATES);
    }

    /** Two null scenarios: three groups (one rare) and ten Zipf-distributed groups (TV's size bias grows with groups). */
    private static final Map<String, double[]> NULLS = Map.of(
            "3 groups", new double[] {0.5, 0.4, 0.1},
            "10 zipf groups", zipf(10));

    private static double[] zipf(int k) {
        double[] p = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            p[i] = 1.0 / (i + 1);
            s += p[i];
        }
        for (int i = 0; i < k; i++) {
            p[i] /= s;
        }
        return p;
    }

    @Test
    void driftGateHasAtMostFivePercentFalsePositivesUnderTheNull() {
        for (var e : new TreeMap<>(NULLS).entrySet()) {
            for (int n : new int[] {20, 40, 100}) {
                Rates r = rates(e.getValue(), e.getValue(), n, 11L * n + e.getKey().length());
                System.out.printf("null FPR blend.drift_tv.max 0.2, %s, N=%d (real %d), %d replicates: test gate %.4f (point gate %.4f)%n",
                        e.getKey(), n, Math.max(200, 5 * n), REPLICATES, r.gate(), r.point());
                assertThat(r.gate()).as("%s N=%d", e.getKey(), n).isLessThanOrEqualTo(0.05);
            }
        }
    }

    @Test
    void driftGateDetectsABatchThatDropsAGroup() {
        double[] real = {0.5, 0.4, 0.1};
        double[] skewed = {0.9, 0.1, 0.0};
        for (int n : new int[] {40, 100}) {
            Rates r = rates(real, skewed, n, 5L * n);
            System.out.printf("detection blend.drift_tv.max (true TV 0.4), N=%d: %.4f%n", n, r.gate());
            assertThat(r.gate()).as("N=%d", n).isGreaterThan(0.9);
        }
    }

    @Test
    void resultCarriesTheTestItsPValueAndSampleSize() {
        Map<String, Long> real = Map.of("D", 60L, "R", 60L);
        Map<String, Long> syn = Map.of("D", 30L);
        GateResult r = Gate.decide("blend", "drift_tv.max", 0.5, BOUND, false, "quarantine",
                new Evidence.Drift(List.of(new Evidence.FieldSamples("party", real, syn))));
        assertThat(r.passed()).isFalse();
        assertThat(r.test()).isEqualTo(Gate.PERMUTATION_TV);
        assertThat(r.pValue()).isLessThan(0.01);
        assertThat(r.n()).isEqualTo(30);
        assertThat(r.describe()).contains("p=", "n=30", "permutation-tv", "failed");
    }
}
