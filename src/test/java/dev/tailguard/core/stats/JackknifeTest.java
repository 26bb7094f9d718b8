package dev.tailguard.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Leave-one-out values against brute-force recomputation, and the interval's form. */
class JackknifeTest {

    @Test
    void leaveOneOutDistinctShareAndCoverageEqualRecomputingWithoutTheDocument() {
        SplittableRandom rnd = new SplittableRandom(3);
        long[][] docs = new long[12][];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = new long[5 + rnd.nextInt(30)];
            for (int j = 0; j < docs[i].length; j++) {
                docs[i][j] = rnd.nextInt(60);
            }
        }
        DistinctUnits u = new DistinctUnits();
        Arrays.stream(docs).forEach(u::count);
        Arrays.stream(docs).forEach(u::unique);
        double[] share = u.distinctShare();
        double[] cover = u.coverage(100);
        for (int i = 0; i < docs.length; i++) {
            Set<Long> distinct = new HashSet<>();
            long total = 0;
            for (int k = 0; k < docs.length; k++) {
                if (k != i) {
                    Arrays.stream(docs[k]).forEach(distinct::add);
                    total += docs[k].length;
                }
            }
            assertThat(share[i]).isCloseTo((double) distinct.size() / total, within(1e-12));
            assertThat(cover[i]).isCloseTo(distinct.size() / 100.0, within(1e-12));
        }
    }

    @Test
    void ratioLeaveOneOutAndTheTInterval() {
        long[] num = {1, 0, 3, 0};
        long[] den = {10, 10, 10, 10};
        double[] loo = Jackknife.ratio(num, den);
        assertThat(loo).containsExactly(3 / 30.0, 4 / 30.0, 1 / 30.0, 4 / 30.0);
        Interval ci = Jackknife.interval(0.1, loo, 0.95);
        // the jackknife SE of a mean of document shares is the usual s/sqrt(n): shares 0.1, 0, 0.3, 0
        double s = Math.sqrt((Math.pow(0.1 - 0.1, 2) + 2 * Math.pow(0.1, 2) + Math.pow(0.2, 2)) / 3);
        double t = 3.182446305284263;
        assertThat(ci.lo()).isCloseTo(0.1 - t * s / 2, within(1e-9));
        assertThat(ci.hi()).isCloseTo(0.1 + t * s / 2, within(1e-9));
    }
}
