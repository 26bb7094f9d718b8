package dev.tailguard.core.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {
    static final double[] RANKS = {0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99};

    /** Fraction of the sorted values that are &le; x (the exact inclusive rank). */
    static double trueRank(double[] sorted, double x) {
        int i = Arrays.binarySearch(sorted, x);
        if (i < 0) {
            return (double) (-i - 1) / sorted.length;
        }
        while (i + 1 < sorted.length && sorted[i + 1] == x) {
            i++;
        }
        return (double) (i + 1) / sorted.length;
    }

    @Test
    void mergedShardsMatchWholeStreamWithinRankError() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 200_000;
        double[] values = new double[n];
        QuantileSketch whole = QuantileSketch.create();
        QuantileSketch[] shards = new QuantileSketch[8];
        for (int s = 0; s < shards.length; s++) {
            shards[s] = QuantileSketch.create();
        }
        for (int i = 0; i < n; i++) {
            // Log-normal: skewed like per-document perplexities.
            double v = Math.exp(4 + 0.8 * rnd.nextGaussian());
            values[i] = v;
            whole.update(v);
            shards[i % shards.length].update(v);
        }
        QuantileSketch merged = QuantileSketch.create();
        for (QuantileSketch s : shards) {
            merged.merge(s);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double eps = merged.normalizedRankError();
        assertThat(eps).isBetween(0.005, 0.02);
        assertThat(merged.count()).isEqualTo(n);
        assertThat(merged.min()).isEqualTo(sorted[0]);
        assertThat(merged.max()).isEqualTo(sorted[n - 1]);
        for (double r : RANKS) {
            double qm = merged.quantile(r);
            double qw = whole.quantile(r);
            assertThat(trueRank(sorted, qm)).as("merged rank at %s", r).isCloseTo(r, org.assertj.core.data.Offset.offset(eps));
            assertThat(trueRank(sorted, qw)).as("whole rank at %s", r).isCloseTo(r, org.assertj.core.data.Offset.offset(eps));
            assertThat(trueRank(sorted, qm)).as("merged vs whole at %s", r)
                    .isCloseTo(trueRank(sorted, qw), org.assertj.core.data.Offset.offset(2 * eps));
        }
    }

    @Test
    void serialisesAndReadsBack() {
        QuantileSketch s = QuantileSketch.create();
        for (int i = 0; i < 10_000; i++) {
            s.update(i % 997);
        }
        byte[] b = s.toBytes();
        assertThat(b.length).isLessThan(10_000);
        QuantileSketch back = QuantileSketch.fromBytes(b);
        assertThat(back.count()).isEqualTo(s.count());
        for (double r : RANKS) {
            assertThat(back.quantile(r)).isEqualTo(s.quantile(r));
        }
        QuantileSketch again = QuantileSketch.fromBytes(back.toBytes());
        assertThat(again.median()).isEqualTo(s.median());
        back.update(5000);
        assertThat(back.max()).isEqualTo(5000);
    }

    @Test
    void smallStreamIsExact() {
        QuantileSketch s = QuantileSketch.create();
        for (double v : new double[] {5, 1, 3, 2, 4}) {
            s.update(v);
        }
        assertThat(s.median()).isEqualTo(3);
        assertThat(s.quantile(0)).isEqualTo(1);
        assertThat(s.quantile(1)).isEqualTo(5);
        assertThat(s.rank(2)).isEqualTo(0.4);
    }

    @Test
    void badInputIsRejected() {
        QuantileSketch s = QuantileSketch.create();
        assertThatThrownBy(s::median).isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> s.update(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        s.update(1);
        assertThatThrownBy(() -> s.quantile(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuantileSketch.create(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuantileSketch.fromBytes(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 bytes");
        QuantileSketch empty = QuantileSketch.fromBytes(QuantileSketch.create().toBytes());
        assertThat(empty.isEmpty()).isTrue();
    }

    @Test
    void midMedianEqualsTheSortedMedianWhileExactAlsoAfterMergingSerialisedShards() {
        java.util.Random rnd = new java.util.Random(3);
        for (int n : new int[] {1, 2, 7, 10, 999, 1000}) {
            double[] v = new double[n];
            QuantileSketch a = QuantileSketch.create(4096);
            QuantileSketch b = QuantileSketch.create(4096);
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextDouble() * 100;
                (i % 3 == 0 ? a : b).update(v[i]);
            }
            QuantileSketch merged = QuantileSketch.create(4096);
            merged.merge(QuantileSketch.fromBytes(a.toBytes()));
            merged.merge(QuantileSketch.fromBytes(b.toBytes()));
            java.util.Arrays.sort(v);
            double expected = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            assertThat(merged.isExact()).isTrue();
            assertThat(merged.count()).isEqualTo(n);
            assertThat(merged.midMedian()).as("n=%d", n).isEqualTo(expected);
        }
    }

    @Test
    void beyondKTheSketchSaysItIsAnEstimate() {
        QuantileSketch s = QuantileSketch.create(8);
        for (int i = 0; i < 10_000; i++) {
            s.update(i);
        }
        assertThat(s.isExact()).isFalse();
        // rank error bound of k = 8 is wide; the estimate still lies in the middle third
        assertThat(s.midMedian()).isBetween(3_000.0, 7_000.0);
    }
}
