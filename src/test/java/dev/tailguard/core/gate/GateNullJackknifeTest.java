package dev.tailguard.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.stats.DistinctUnits;
import dev.tailguard.core.stats.Jackknife;
import dev.tailguard.core.stats.TailCoverageNull;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * False-positive rate under the null of the three batch gates decided on the document-level jackknife interval
 * ({@code generate.distinct_2.min}, {@code score.memorised_13gram_share.max}, {@code blend.tail_coverage.min}), at
 * N = 20, 40, 100 synthetic documents, 1000 seeded replicates each. Documents are 30–200 words drawn from a Zipf(1.1)
 * vocabulary of 20,000 types (text-like: heavy head, long tail). Two nulls per gate:
 * <ul>
 *   <li>least favourable: the bound equals the statistic's expected value at that batch size (estimated from 2000
 *       separate replicates), so any excess of failures over 2.5% is the interval's own error;</li>
 *   <li>at the default bound with the batch drawn like the real input (distinct-2 0.05; tail coverage 0.1, capped at
 *       half the Good–Turing size-matched expectation as in the blend stage) or, for
 *       memorisation, a batch whose true memorised share equals the default 0.05 (90% of documents copy nothing,
 *       10% copy a uniform share of their 13-grams: a skewed, worst-kind sample).</li>
 * </ul>
 * Each must stay ≤ 5%; the point-estimate gate they replace is shown for comparison in the failure message.
 */
class GateNullJackknifeTest {

    private static final int REPLICATES = 1000;
    private static final int CALIBRATION = 2000;
    private static final int[] SIZES = {20, 40, 100};
    private static final int VOCAB = 20_000;
    private static final double[] CDF = zipfCdf(VOCAB, 1.1);

    /** One replicate: the statistic and its leave-one-out values. */
    private record Sample(double value, double[] loo, Double cap) {
        Sample(double value, double[] loo) {
            this(value, loo, null);
        }
    }

    private interface Draw {
        Sample draw(int n, SplittableRandom rnd);
    }

    private record Rates(double gate, double point) {
    }

    private static Rates rates(Draw draw, int n, double bound, boolean isMin, long seed, boolean capped) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int fails = 0;
        int point = 0;
        for (int r = 0; r < REPLICATES; r++) {
            Sample s = draw.draw(n, rnd);
            GateResult g = Gate.decide("x", "m", s.value(), bound, isMin, "quarantine",
                    new Evidence.Jackknife(s.loo(), "documents", capped ? s.cap() : null));
            if (!g.passed()) {
                fails++;
            }
            if (isMin ? s.value() < bound : s.value() > bound) {
                point++;
            }
        }
        return new Rates((double) fails / REPLICATES, (double) point / REPLICATES);
    }

    private static double expected(Draw draw, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double s = 0;
        for (int r = 0; r < CALIBRATION; r++) {
            s += draw.draw(n, rnd).value();
        }
        return s / CALIBRATION;
    }

    private static void check(String gate, Draw draw, boolean isMin, double defaultBound) {
        StringBuilder table = new StringBuilder(gate + ":");
        for (int n : SIZES) {
            double e = expected(draw, n, 7L * n);
            Rates lf = rates(draw, n, e, isMin, 13L * n, false);
            Rates def = rates(draw, n, defaultBound, isMin, 17L * n, true);
            table.append(String.format(" N=%d least-favourable(bound %.4f) %.1f%% (point %.1f%%), default %.1f%% (point %.1f%%);",
                    n, e, 100 * lf.gate(), 100 * lf.point(), 100 * def.gate(), 100 * def.point()));
            assertThat(lf.gate()).as(table.toString()).isLessThanOrEqualTo(0.05);
            assertThat(def.gate()).as(table.toString()).isLessThanOrEqualTo(0.05);
        }
        System.out.println(table);
    }

    @Test
    void distinct2GateHasAtMostFivePercentFalsePositives() {
        check("generate.distinct_2.min", GateNullJackknifeTest::distinct2, true, 0.05);
    }

    @Test
    void memorisedShareGateHasAtMostFivePercentFalsePositives() {
        check("score.memorised_13gram_share.max", GateNullJackknifeTest::memorised, false, 0.05);
    }

    @Test
    void tailCoverageGateHasAtMostFivePercentFalsePositives() {
        check("blend.tail_coverage.min", GateNullJackknifeTest::tailCoverage, true, 0.1);
    }

    @Test
    void aDegenerateBatchStillFailsTheDistinct2Gate() {
        // a generator that repeats 3 short templates: distinct-2 far below 0.05 is caught at every size
        for (int n : SIZES) {
            SplittableRandom rnd = new SplittableRandom(n);
            int fails = 0;
            for (int r = 0; r < 200; r++) {
                int[][] docs = new int[n][];
                for (int i = 0; i < n; i++) {
                    int t = rnd.nextInt(3);
                    docs[i] = new int[150];
                    for (int j = 0; j < 150; j++) {
                        docs[i][j] = (t * 7 + j % 6);
                    }
                }
                Sample s = distinctOf(docs);
                if (!Gate.decide("x", "m", s.value(), 0.05, true, "quarantine",
                        new Evidence.Jackknife(s.loo(), "documents")).passed()) {
                    fails++;
                }
            }
            assertThat(fails).as("N=" + n).isEqualTo(200);
        }
    }

    @Test
    void aCopyingBatchStillFailsTheMemorisationGate() {
        // every document copies 30% of its 13-grams: caught in >= 95% of batches from N = 20
        for (int n : SIZES) {
            SplittableRandom rnd = new SplittableRandom(n);
            int fails = 0;
            for (int r = 0; r < 200; r++) {
                long[] found = new long[n];
                long[] grams = new long[n];
                for (int i = 0; i < n; i++) {
                    grams[i] = 18 + rnd.nextInt(171);
                    found[i] = binomial(grams[i], 0.3, rnd);
                }
                double v = (double) Arrays.stream(found).sum() / Arrays.stream(grams).sum();
                if (!Gate.decide("x", "m", v, 0.05, false, "quarantine",
                        new Evidence.Jackknife(Jackknife.ratio(found, grams), "documents")).passed()) {
                    fails++;
                }
            }
            assertThat(fails).as("N=" + n).isGreaterThanOrEqualTo(190);
        }
    }

    @Test
    void aBatchThatLostTheTailStillFailsTheTailCoverageGate() {
        // a generator that only emits the 300 most frequent types (the head): caught at every size despite the cap
        for (int n : SIZES) {
            Real real = tail(n);
            SplittableRandom rnd = new SplittableRandom(n);
            int fails = 0;
            for (int r = 0; r < 100; r++) {
                DistinctUnits u = new DistinctUnits();
                long[][] units = new long[n][];
                long tokens = 0;
                for (int i = 0; i < n; i++) {
                    int[] d = Arrays.stream(doc(rnd)).map(w -> w % 300).toArray();
                    tokens += d.length;
                    units[i] = Arrays.stream(d).filter(real.tail()::contains).asLongStream().toArray();
                    u.count(units[i]);
                }
                for (long[] x : units) {
                    u.unique(x);
                }
                double cap = TailCoverageNull.SHARE
                        * TailCoverageNull.expected(real.n1(), real.n2(), real.n3(), real.tokens(), tokens);
                double v = (double) u.distinct() / real.tail().size();
                if (!Gate.decide("x", "m", v, 0.1, true, "quarantine",
                        new Evidence.Jackknife(u.coverage(real.tail().size()), "documents", cap)).passed()) {
                    fails++;
                }
            }
            assertThat(fails).as("N=" + n).isEqualTo(100);
        }
    }

    private static Sample distinct2(int n, SplittableRandom rnd) {
        int[][] docs = new int[n][];
        for (int i = 0; i < n; i++) {
            docs[i] = doc(rnd);
        }
        return distinctOf(docs);
    }

    private static Sample distinctOf(int[][] docs) {
        DistinctUnits u = new DistinctUnits();
        long total = 0;
        for (int[] d : docs) {
            long[] b = bigrams(d);
            u.count(b);
            total += b.length;
        }
        for (int[] d : docs) {
            u.unique(bigrams(d));
        }
        return new Sample((double) u.distinct() / total, u.distinctShare());
    }

    private static long[] bigrams(int[] d) {
        long[] b = new long[Math.max(0, d.length - 1)];
        for (int i = 0; i + 1 < d.length; i++) {
            b[i] = (long) d[i] * 1_000_003L + d[i + 1];
        }
        return b;
    }

    private static Sample memorised(int n, SplittableRandom rnd) {
        long[] found = new long[n];
        long[] grams = new long[n];
        for (int i = 0; i < n; i++) {
            grams[i] = 18 + rnd.nextInt(171);
            double q = rnd.nextDouble() < 0.1 ? rnd.nextDouble() : 0;
            found[i] = binomial(grams[i], q, rnd);
        }
        long f = Arrays.stream(found).sum();
        long g = Arrays.stream(grams).sum();
        return new Sample((double) f / g, Jackknife.ratio(found, grams));
    }

    /** The real input's tail (types seen at most twice) and N1, N2, N3, M for the size-matched cap. */
    private record Real(Set<Integer> tail, long n1, long n2, long n3, long tokens) {
    }

    /** The real input: 5·N documents (at least 200) drawn once per batch size. */
    private static final java.util.Map<Integer, Real> TAILS = new java.util.HashMap<>();

    private static Real tail(int n) {
        return TAILS.computeIfAbsent(n, k -> {
            SplittableRandom rnd = new SplittableRandom(99L * k);
            int[] counts = new int[VOCAB];
            for (int i = 0; i < Math.max(200, 5 * k); i++) {
                for (int w : doc(rnd)) {
                    counts[w]++;
                }
            }
            Set<Integer> t = new HashSet<>();
            long[] nc = new long[4];
            for (int w = 0; w < VOCAB; w++) {
                if (counts[w] > 0 && counts[w] <= 2) {
                    t.add(w);
                }
                if (counts[w] > 0 && counts[w] <= 3) {
                    nc[counts[w]]++;
                }
                nc[0] += counts[w];
            }
            return new Real(t, nc[1], nc[2], nc[3], nc[0]);
        });
    }

    private static Sample tailCoverage(int n, SplittableRandom rnd) {
        Real real = tail(n);
        Set<Integer> tail = real.tail();
        long[][] units = new long[n][];
        DistinctUnits u = new DistinctUnits();
        long tokens = 0;
        for (int i = 0; i < n; i++) {
            int[] d = doc(rnd);
            tokens += d.length;
            units[i] = Arrays.stream(d).filter(tail::contains).asLongStream().toArray();
            u.count(units[i]);
        }
        for (long[] x : units) {
            u.unique(x);
        }
        double cap = TailCoverageNull.SHARE
                * TailCoverageNull.expected(real.n1(), real.n2(), real.n3(), real.tokens(), tokens);
        return new Sample((double) u.distinct() / tail.size(), u.coverage(tail.size()), cap);
    }

    private static int[] doc(SplittableRandom rnd) {
        int[] d = new int[30 + rnd.nextInt(171)];
        for (int i = 0; i < d.length; i++) {
            int w = Arrays.binarySearch(CDF, rnd.nextDouble());
            d[i] = w >= 0 ? w : Math.min(VOCAB - 1, -w - 1);
        }
        return d;
    }

    private static long binomial(long n, double p, SplittableRandom rnd) {
        long k = 0;
        for (long i = 0; i < n; i++) {
            if (rnd.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }

    private static double[] zipfCdf(int v, double s) {
        double[] c = new double[v];
        double sum = 0;
        for (int i = 0; i < v; i++) {
            sum += 1 / Math.pow(i + 1, s);
            c[i] = sum;
        }
        for (int i = 0; i < v; i++) {
            c[i] /= sum;
        }
        return c;
    }
}
