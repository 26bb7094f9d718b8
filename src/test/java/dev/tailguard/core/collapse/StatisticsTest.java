package dev.tailguard.core.collapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void rarefactionMatchesTheHypergeometricByEnumeration() {
        // N = 10 tokens, type with 3 occurrences, draw 4: P(miss) = C(7,4)/C(10,4) = 35/210
        assertThat(Rarefaction.seen(10, 3, 4)).isCloseTo(1 - 35.0 / 210, within(1e-12));
        assertThat(Rarefaction.seen(10, 0, 4)).isZero();
        assertThat(Rarefaction.seen(10, 7, 4)).isEqualTo(1.0);
        assertThat(Rarefaction.seen(10, 3, 10)).isEqualTo(1.0);
        assertThat(Rarefaction.seen(1_000_000, 1, 250_000)).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void delongIntervalCoversTheTruthAndAucIsRankBased() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] pos = new double[400];
        double[] neg = new double[400];
        for (int i = 0; i < 400; i++) {
            pos[i] = rnd.nextGaussian() + 1;
            neg[i] = rnd.nextGaussian();
        }
        // true AUC of N(1,1) vs N(0,1) = Phi(1/sqrt 2) = 0.7602
        Interval ci = Auc.delong(pos, neg);
        assertThat(ci.lo()).isLessThan(0.7602);
        assertThat(ci.hi()).isGreaterThan(0.7602);
        assertThat(ci.hi() - ci.lo()).isLessThan(0.1);
        assertThat(Auc.auc(new double[] {2, 3}, new double[] {1, 2})).isEqualTo(0.875);
    }

    @Test
    void wilsonIntervalIsInsideTheUnitRange() {
        Interval all = Interval.wilson(50, 50);
        assertThat(all.hi()).isEqualTo(1.0);
        assertThat(all.lo()).isBetween(0.92, 0.94);
        Interval none = Interval.wilson(0, 50);
        assertThat(none.lo()).isCloseTo(0.0, within(1e-12));
        assertThat(none.hi()).isBetween(0.06, 0.08);
    }

    @Test
    void manifoldPrecisionAndRecallSeparateJunkFromLostDiversity() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<float[]> real = cloud(rnd, 200, 0, 1.0);
        List<float[]> same = cloud(rnd, 200, 0, 1.0);
        List<float[]> junk = cloud(rnd, 200, 4, 1.0);
        List<float[]> narrow = cloud(rnd, 200, 0, 0.2);
        Manifold.Result s = Manifold.run(real, same, 3);
        assertThat(s.precision()).isGreaterThan(0.75);
        assertThat(s.recall()).isGreaterThan(0.75);
        Manifold.Result j = Manifold.run(real, junk, 3);
        assertThat(j.precision()).isLessThan(0.1);
        Manifold.Result n = Manifold.run(real, narrow, 3);
        assertThat(n.precision()).isGreaterThan(0.9);
        assertThat(n.recall()).isLessThan(0.3);
        assertThat(n.recallCi().hi()).isLessThan(s.recallCi().lo());
    }

    private static List<float[]> cloud(SplittableRandom rnd, int n, double shift, double scale) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[8];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) (shift + scale * rnd.nextGaussian());
            }
            out.add(v);
        }
        return out;
    }
}
