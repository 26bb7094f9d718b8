package dev.tailguard.core.gate;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * False-positive rate of the rate gates at their default bounds (application.properties) when the true rate sits
 * exactly at the bound (the least favourable null), at N = 20, 40, 100 documents. Computed exactly: the sum over k of
 * P(Binomial(N, bound) = k) for every k the gate fails; and the detection rate on a clearly bad batch.
 */
class GateNullRateTest {

    private record Default(String stage, String metric, double bound, boolean isMin, double bad) {
    }

    /** The shipped rate gates, and a clearly bad true rate for each. */
    private static final List<Default> DEFAULTS = List.of(
            new Default("score", "pii_rate", 0.05, false, 0.3),
            new Default("generate", "duplicate_rate", 0.1, false, 0.4),
            new Default("generate", "near_duplicate_rate", 0.1, false, 0.4),
            new Default("score", "synthetic_pass_rate", 0.5, true, 0.2));

    private static boolean fails(Default d, long k, int n) {
        GateResult r = Gate.decide(d.stage(), d.metric() + (d.isMin() ? ".min" : ".max"), (double) k / n, d.bound(),
                d.isMin(), "quarantine", new Evidence.Proportion(k, n));
        return !r.passed();
    }

    private static double failureRate(Default d, int n, double p, boolean pointGate) {
        BinomialDistribution b = new BinomialDistribution(null, n, p);
        double rate = 0;
        for (int k = 0; k <= n; k++) {
            double v = (double) k / n;
            boolean fail = pointGate ? (d.isMin() ? v < d.bound() : v > d.bound()) : fails(d, k, n);
            if (fail) {
                rate += b.probability(k);
            }
        }
        return rate;
    }

    @Test
    void everyRateGateHasAtMostFivePercentFalsePositivesAtTheBound() {
        for (Default d : DEFAULTS) {
            for (int n : new int[] {20, 40, 100}) {
                double fpr = failureRate(d, n, d.bound(), false);
                double old = failureRate(d, n, d.bound(), true);
                System.out.printf("null FPR %s.%s %s %.2f at N=%d: interval gate %.4f (point gate %.4f)%n",
                        d.stage(), d.metric(), d.isMin() ? "min" : "max", d.bound(), n, fpr, old);
                assertThat(fpr).as("%s at N=%d", d.metric(), n).isLessThanOrEqualTo(0.05);
            }
        }
    }

    @Test
    void everyRateGateDetectsAClearlyBadBatch() {
        for (Default d : DEFAULTS) {
            double power40 = failureRate(d, 40, d.bad(), false);
            double power100 = failureRate(d, 100, d.bad(), false);
            System.out.printf("detection %s at true rate %.2f: N=40 %.4f, N=100 %.4f%n", d.metric(), d.bad(), power40, power100);
            assertThat(power40).as(d.metric()).isGreaterThan(0.8);
            assertThat(power100).as(d.metric()).isGreaterThan(0.99);
        }
    }

    @Test
    void oneFalsePhoneMatchInSeventeenDocumentsNoLongerQuarantinesTheBatch() {
        GateResult r = Gate.decide("score", "pii_rate.max", 1 / 17.0, 0.05, false, "quarantine", new Evidence.Proportion(1, 17));
        assertThat(r.passed()).isTrue();
        assertThat(r.ci().lo()).isLessThan(0.05);
        assertThat(r.n()).isEqualTo(17);
        assertThat(r.test()).isEqualTo(Gate.CLOPPER_PEARSON);
        GateResult bad = Gate.decide("score", "pii_rate.max", 9 / 17.0, 0.05, false, "quarantine", new Evidence.Proportion(9, 17));
        assertThat(bad.passed()).isFalse();
        assertThat(bad.describe()).startsWith("score.pii_rate.max: 0.5294").contains("95% CI [0.2", "n=17", "failed");
    }
}
