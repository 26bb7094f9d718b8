package dev.tailguard.core.metrics;

import dev.tailguard.core.collections.NgramHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiversityMetricsTest {

    static List<String> t(String s) {
        return Tokenizer.words(s);
    }

    @Test
    void ngramDiversityCrossesDocuments() {
        NgramDiversityState s = new NgramDiversityState();
        s.add("a b");
        s.add("a b");
        // "a b a b": 1-grams 2/4, 2-grams {ab,ba} 2/3, 3-grams {aba,bab} 2/2, 4-grams 1/1
        // (unique counts are HyperLogLog estimates; at 2 items in 65536 registers they are exact to ~1e-4)
        assertThat(s.ngramCount(1)).isEqualTo(4);
        assertThat(s.ngramCount(2)).isEqualTo(3);
        assertThat(s.ratio(1)).isCloseTo(0.5, within(1e-3));
        assertThat(s.ratio(2)).isCloseTo(2.0 / 3, within(1e-3));
        assertThat(s.score()).isCloseTo(0.5 + 2.0 / 3 + 1 + 1, within(1e-3));
    }

    @Test
    void ngramDiversityEightShardsEqualOnePass() {
        Random r = new Random(5);
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0, n = r.nextInt(6); j < n; j++) {
                sb.append("w").append(r.nextInt(4)).append(' ');
            }
            docs.add(sb.toString());
        }
        NgramDiversityState one = new NgramDiversityState();
        docs.forEach(one::add);
        NgramDiversityState merged = new NgramDiversityState();
        for (int s = 0; s < 8; s++) {
            NgramDiversityState shard = new NgramDiversityState();
            docs.subList(s * 8, s * 8 + 8).forEach(shard::add);
            merged.merge(shard);
        }
        for (int n = 1; n <= 4; n++) {
            assertThat(merged.ngramCount(n)).isEqualTo(one.ngramCount(n));
            assertThat(merged.ratio(n)).isEqualTo(one.ratio(n));
        }
    }

    @Test
    void hyperLogLogWithinStatedError() {
        HyperLogLog one = new HyperLogLog();
        HyperLogLog merged = new HyperLogLog();
        HyperLogLog[] shards = new HyperLogLog[8];
        for (int s = 0; s < 8; s++) {
            shards[s] = new HyperLogLog();
        }
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            long h = NgramHash.token("t" + i);
            one.add(h);
            shards[i % 8].add(h);
            shards[(i + 3) % 8].add(h);
        }
        for (HyperLogLog s : shards) {
            merged.merge(s);
        }
        // relative standard error 1.04/sqrt(65536) = 0.41%; allow 4 sigma
        assertThat(one.estimate()).isCloseTo(n, within(n * 4 * 0.0041));
        assertThat(merged.estimate()).isEqualTo(one.estimate());
        assertThat(new HyperLogLog().estimate()).isZero();
        HyperLogLog small = new HyperLogLog();
        for (int i = 0; i < 100; i++) {
            small.add(NgramHash.token("s" + (i % 10)));
        }
        assertThat(small.estimate()).isCloseTo(10, within(0.01));
    }

    @Test
    void selfRepetition() {
        SelfRepetitionState s = new SelfRepetitionState();
        s.add(t("a b c d e"));
        s.add(t("a b c d"));
        SelfRepetitionState other = new SelfRepetitionState();
        other.add(t("x y z w"));
        s.merge(other);
        // df(abcd)=2, df(bcde)=1, df(xyzw)=1 -> ln(1+1), ln(1+1), ln(1) over 3 documents
        assertThat(s.score()).isCloseTo(2 * Math.log(2) / 3, within(1e-12));
    }

    @Test
    void zipfOfExactPowerLaw() {
        UnigramCounts u = new UnigramCounts();
        // frequencies 12, 6, 4, 3 = 12/r: slope -1 exactly
        List<String> toks = new ArrayList<>();
        String[] w = {"a", "b", "c", "d"};
        int[] f = {12, 6, 4, 3};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < f[i]; j++) {
                toks.add(w[i]);
            }
        }
        u.add(toks);
        assertThat(u.zipf()).isCloseTo(1.0, within(1e-12));
        assertThat(u.types()).isEqualTo(4);
        assertThat(u.hapaxes()).isZero();
    }

    @Test
    void selfBleuNltkMethod1() {
        List<List<String>> docs = List.of(t("the cat sat"), t("the cat ran"), t("a dog"));
        // A vs {B,C}: p1=2/3, p2=1/2, p3=0 -> 0.1/1, p4 no 4-grams -> 0.1/1; BP: closest ref length 3 -> 1
        // BLEU = (2/3 * 1/2 * 0.1 * 0.1)^(1/4) = 0.240281; B symmetric; C has no unigram match -> 0
        double[] per = SelfBleu.perDocument(docs);
        assertThat(per[0]).isCloseTo(0.2402811414, within(1e-9));
        assertThat(per[1]).isCloseTo(0.2402811414, within(1e-9));
        assertThat(per[2]).isZero();
        assertThat(SelfBleu.score(docs)).isCloseTo(0.1601874276, within(1e-9));
    }

    @Test
    void selfBleuBrevityPenalty() {
        // hyp "a b" (2) vs ref "a b c d" (4): p1 = p2 = 1, p3, p4 = 0.1/1; BP = exp(1 - 4/2) = e^-1
        double[] per = SelfBleu.perDocument(List.of(t("a b"), t("a b c d")));
        assertThat(per[0]).isCloseTo(Math.exp(-1) * Math.pow(0.01, 0.25), within(1e-12));
    }

    @Test
    void selfBleuMatchesNaiveClipping() {
        Random r = new Random(17);
        List<List<String>> docs = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            List<String> doc = new ArrayList<>();
            for (int i = 0, n = r.nextInt(25); i < n; i++) {
                doc.add("w" + r.nextInt(5));
            }
            docs.add(doc);
        }
        double[] fast = SelfBleu.perDocument(docs);
        for (int h = 0; h < docs.size(); h++) {
            List<String> hyp = docs.get(h);
            double logSum = 0;
            boolean zero = false;
            for (int n = 1; n <= 4; n++) {
                java.util.Map<String, Integer> hc = ngramCounts(hyp, n);
                long clipped = 0;
                for (var e : hc.entrySet()) {
                    int max = 0;
                    for (int o = 0; o < docs.size(); o++) {
                        if (o != h) {
                            max = Math.max(max, ngramCounts(docs.get(o), n).getOrDefault(e.getKey(), 0));
                        }
                    }
                    clipped += Math.min(e.getValue(), max);
                }
                int denom = Math.max(1, hyp.size() - n + 1);
                zero |= n == 1 && clipped == 0;
                logSum += 0.25 * Math.log(clipped == 0 ? 0.1 / denom : (double) clipped / denom);
            }
            int best = -1;
            for (int o = 0; o < docs.size(); o++) {
                int len = docs.get(o).size();
                if (o != h && (best < 0 || Math.abs(len - hyp.size()) < Math.abs(best - hyp.size())
                        || (Math.abs(len - hyp.size()) == Math.abs(best - hyp.size()) && len < best))) {
                    best = len;
                }
            }
            double bp = hyp.size() > best ? 1 : Math.exp(1 - (double) best / hyp.size());
            double expected = zero ? 0 : bp * Math.exp(logSum);
            assertThat(fast[h]).as("doc %d", h).isCloseTo(expected, within(1e-12));
        }
    }

    private static java.util.Map<String, Integer> ngramCounts(List<String> toks, int n) {
        java.util.Map<String, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i + n <= toks.size(); i++) {
            m.merge(String.join(" ", toks.subList(i, i + n)), 1, Integer::sum);
        }
        return m;
    }

    @Test
    void lcsMatchesDynamicProgramming() {
        Random r = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            List<String> a = new ArrayList<>();
            List<String> b = new ArrayList<>();
            for (int i = 0, n = r.nextInt(150); i < n; i++) {
                a.add("t" + r.nextInt(5));
            }
            for (int i = 0, n = r.nextInt(150); i < n; i++) {
                b.add("t" + r.nextInt(5));
            }
            int[][] dp = new int[a.size() + 1][b.size() + 1];
            for (int i = 1; i <= a.size(); i++) {
                for (int j = 1; j <= b.size(); j++) {
                    dp[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? dp[i - 1][j - 1] + 1
                            : Math.max(dp[i - 1][j], dp[i][j - 1]);
                }
            }
            assertThat(RougeL.lcs(a, b)).isEqualTo(dp[a.size()][b.size()]);
        }
    }

    @Test
    void homogenization() {
        List<List<String>> docs = List.of(t("the cat sat"), t("the cat ran"), t("a dog"));
        // F1(A,B): LCS 2, P = R = 2/3 -> 2/3; other pairs 0. HS = mean_i mean_{j!=i} = (1/3 + 1/3 + 0)/3 = 2/9
        assertThat(RougeL.f1(docs.get(0), docs.get(1))).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(RougeL.homogenization(docs)).isCloseTo(2.0 / 9, within(1e-12));
    }

    @Test
    void vendi() {
        // "a b" vs "a c": unigram cosine 1/2, bigram 0, no 3-/4-grams (identity) -> off-diagonal 0.125
        // eig(K/2) = 0.5625, 0.4375 -> exp(entropy) = 1.984395
        List<List<String>> docs = List.of(t("a b"), t("a c"));
        assertThat(Vendi.kernel(docs)[0][1]).isCloseTo(0.125, within(1e-12));
        assertThat(Vendi.ngramScore(docs)).isCloseTo(1.9843952490, within(1e-9));
        assertThat(Vendi.ngramScore(List.of(t("a b c d"), t("a b c d"), t("a b c d")))).isCloseTo(1.0, within(1e-9));
        assertThat(Vendi.ngramScore(List.of(t("a b c d"), t("e f g h"), t("i j k l")))).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void jacobiEigenvalues() {
        // [[2,1],[1,2]] -> 1, 3
        double[] ev = SymmetricEigen.eigenvalues(new double[][] {{2, 1}, {1, 2}});
        java.util.Arrays.sort(ev);
        assertThat(ev[0]).isCloseTo(1, within(1e-12));
        assertThat(ev[1]).isCloseTo(3, within(1e-12));
    }

    @Test
    void bottomKSampleIsShardIndependent() {
        BottomKSample one = new BottomKSample(10, 42);
        BottomKSample merged = new BottomKSample(10, 42);
        for (int s = 0; s < 8; s++) {
            BottomKSample shard = new BottomKSample(10, 42);
            for (int i = 0; i < 25; i++) {
                String id = "doc-" + (s * 25 + i);
                one.add(id, List.of(id));
                shard.add(id, List.of(id));
            }
            merged.merge(shard);
        }
        assertThat(merged.ids()).hasSize(10).isEqualTo(one.ids());
        assertThat(merged.documents()).usingRecursiveComparison().isEqualTo(one.documents());
    }
}
