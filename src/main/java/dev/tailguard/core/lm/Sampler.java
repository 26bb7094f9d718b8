package dev.tailguard.core.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Sentence sampler. Exact mode follows collapse-anchors §10: at context h, with probability 1−γ(h) draw w ∝ a(hw)−D
 * among observed continuations, otherwise recurse to the shorter context h′, ending in the interpolated unigram
 * distribution; a draw of {@code <unk>} is rejected and the token redrawn (conditioning on w ≠ {@code <unk>}).
 * Temperature/top-k mode targets p(w|h)^(1/T) renormalised over the kept words (see {@link #drawGeneral}), where
 * p(w|h) = S(w) + Γ(h)·p₁(w) is the full interpolated distribution. For a model read from ARPA the weights of the
 * observed continuations are recovered as p(hw) − b(h)·p(w|h′), which is exact for interpolated models.
 */
final class Sampler {
    private final KneserNeyModel m;
    private final int order;
    /** Per order k ≥ 2: children of each order-(k-1) context in [start[c], start[c+1]). */
    private final int[][] start;
    /**
     * Per order k ≥ 2, two ints per child i (one cache line for both): {@code [2i]} its word, {@code [2i+1]} the
     * longest context after drawing it from the longest context ({@link #advanceFrom}): the child n-gram itself, or at
     * the model's order its suffix, which saves a dependent load per token.
     */
    private final int[][] wordNext;
    private final double[][] cum;
    private final double[] p1;
    private final double[] cum1;
    private final int[] byP1;
    private volatile TemperatureTable tempTable;
    private final ThreadLocal<Scratch> scratch;

    private record TemperatureTable(double t, double[] pow, double[] cum) {
    }

    private static final class Scratch {
        final double[] sp;
        final boolean[] mark;
        int[] touched = new int[256];
        int n;

        Scratch(int v) {
            sp = new double[v];
            mark = new boolean[v];
        }

        void touch(int w) {
            if (!mark[w]) {
                mark[w] = true;
                if (n == touched.length) {
                    touched = Arrays.copyOf(touched, n * 2);
                }
                touched[n++] = w;
            }
        }

        void clear() {
            for (int i = 0; i < n; i++) {
                sp[touched[i]] = 0;
                mark[touched[i]] = false;
            }
            n = 0;
        }
    }

    Sampler(KneserNeyModel m) {
        this.m = m;
        this.order = m.order;
        int v = m.vocabSize();
        p1 = new double[v];
        for (int w = 0; w < v; w++) {
            p1[w] = m.unigramProb != null ? m.unigramProb[w] : Math.pow(10.0, m.logProb[1][w]);
        }
        p1[Vocabulary.BOS] = 0;
        cum1 = new double[v];
        double acc = 0;
        for (int w = 0; w < v; w++) {
            acc += p1[w];
            cum1[w] = acc;
        }
        byP1 = sortByP1(p1);
        start = new int[order + 1][];
        wordNext = new int[order + 1][];
        cum = new double[order + 1][];
        int[][] last = new int[order + 1][];
        int[][] prefix = new int[order + 1][];
        for (int k = 2; k <= order; k++) {
            int n = m.sizes[k];
            int[] lw = new int[n];
            int[] pre = new int[n];
            int[] lower = last[k - 1];
            for (int e = 0; e < n; e++) {
                int s = m.suffix[k][e];
                lw[e] = k == 2 ? s : lower[s];
                pre[e] = k == 2 ? m.first[2][e]
                        : prefix[k - 1][s] < 0 ? -1 : m.find(k - 1, prefix[k - 1][s], m.first[k][e]);
            }
            last[k] = lw;
            prefix[k] = pre;
            int nc = m.sizes[k - 1];
            int[] st = new int[nc + 1];
            for (int e = 0; e < n; e++) {
                if (pre[e] >= 0) {
                    st[pre[e] + 1]++;
                }
            }
            for (int c = 0; c < nc; c++) {
                st[c + 1] += st[c];
            }
            int[] fill = Arrays.copyOf(st, nc);
            int[] wn = new int[2 * st[nc]];
            double[] u = new double[st[nc]];
            for (int e = 0; e < n; e++) {
                int c = pre[e];
                if (c < 0) {
                    continue;
                }
                int at = fill[c]++;
                wn[2 * at] = lw[e];
                wn[2 * at + 1] = k == order ? m.suffix[k][e] : e;
                u[at] = m.weight != null ? m.weight[k][e] : derivedWeight(k, e, c);
            }
            for (int c = 0; c < nc; c++) {
                double a = 0;
                for (int i = st[c]; i < st[c + 1]; i++) {
                    a += u[i];
                    u[i] = a;
                }
            }
            start[k] = st;
            wordNext[k] = wn;
            cum[k] = u;
        }
        scratch = ThreadLocal.withInitial(() -> new Scratch(v));
    }

    /** For a backoff model: p(hw) − b(h)·p(w|h′), the part of p(hw) not explained by backing off, at least 0. */
    private double derivedWeight(int k, int e, int context) {
        double p = Math.pow(10.0, m.logProb[k][e]);
        double lower = Math.pow(10.0, m.logProb[k - 1][m.suffix[k][e]]);
        double b = Math.pow(10.0, m.logBackoff[k - 1][context]);
        return Math.max(0.0, p - b * lower);
    }

    private static int[] sortByP1(double[] p) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(p[b], p[a]));
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    List<String> sentence(RandomGenerator rnd, SamplingOptions opts) {
        KneserNeyModel.State s = m.beginSentence();
        // sized for most sentences, so that the list rarely grows (growing it cost a tenth of the sampler's time)
        List<String> out = new ArrayList<>(64);
        boolean exact = opts.exact();
        int max = opts.maxTokens();
        while (max == 0 || out.size() < max) {
            int w = exact ? drawExact(s, rnd) : drawGeneral(s, rnd, opts.temperature(), opts.topK());
            if (w == Vocabulary.EOS) {
                break;
            }
            out.add(m.vocab.word(w));
            if (exact && s.hitOrder > 0) {
                advanceFrom(s, s.hitEntry, s.hitOrder);
            } else {
                fill(s);
                m.advance(s, w);
            }
        }
        return out;
    }

    /**
     * New state after a draw whose child n-gram (order {@code k}) is the new state's longest context, as
     * {@link #drawExact} reports it: {@code next} is that context (the child, or at the model's order its suffix;
     * {@link #wordNext}). No longer suffix of the history exists, so this saves the hash lookups of
     * {@link KneserNeyModel#advance}. The shorter contexts (the suffix chain) are left to {@link #context}, which most
     * draws never need.
     */
    void advanceFrom(KneserNeyModel.State s, int next, int k) {
        int len = Math.min(k, order - 1);
        s.ctx[len - 1] = next;
        s.len = len;
        s.filled = len - 1;
    }

    /** Context j of state s (order j+1), computing it from the suffix chain when {@link #advanceFrom} left it out. */
    private int context(KneserNeyModel.State s, int j) {
        int[] ctx = s.ctx;
        for (int f = s.filled; f > j; f--) {
            ctx[f - 1] = m.suffix[f + 1][ctx[f]];
        }
        if (j < s.filled) {
            s.filled = j;
        }
        return ctx[j];
    }

    /** Completes the state's suffix chain, for the code that reads every context. */
    void fill(KneserNeyModel.State s) {
        if (s.filled > 0) {
            context(s, 0);
        }
    }

    /**
     * One exact draw after state s. Sets {@code s.hitOrder}/{@code s.hitEntry} to the drawn child's order and the
     * longest context after it ({@link #advanceFrom}) when that child is the new state's longest context (drawn from
     * the longest context, or from the next one when the state has its full length), else {@code hitOrder = 0}.
     */
    int drawExact(KneserNeyModel.State s, RandomGenerator rnd) {
        while (true) {
            double r = rnd.nextDouble();
            int w = -1;
            s.hitOrder = 0;
            for (int j = s.len - 1; j >= 0; j--) {
                int k = j + 2;
                int c = context(s, j);
                int[] st = start[k];
                int a = st[c];
                int b = st[c + 1];
                if (a == b) {
                    continue;
                }
                double[] cu = cum[k];
                double tot = cu[b - 1];
                if (r < tot) {
                    int i = search(cu, a, b, r);
                    int[] wn = wordNext[k];
                    w = wn[2 * i];
                    if (j == s.len - 1 || k == order - 1) {
                        // the child is the new state's longest context: drawn from the longest context, or one level
                        // below it when that context already has the state's full length (order - 1)
                        s.hitOrder = k;
                        s.hitEntry = wn[2 * i + 1];
                    }
                    break;
                }
                r = (r - tot) / (1.0 - tot);
            }
            if (w < 0) {
                w = search(cum1, 0, cum1.length, r * cum1[cum1.length - 1]);
            }
            if (w != Vocabulary.UNK && w != Vocabulary.BOS) {
                return w;
            }
        }
    }

    /** First index i in [a, b) with cu[i] &gt; r, or b-1. */
    private static int search(double[] cu, int a, int b, double r) {
        int lo = a;
        int hi = b - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cu[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * Tempered / top-k draw. Rejection first: propose w from the exact model distribution p (w ≠ &lt;unk&gt;) and
     * accept with probability (p/c)^(1/T−1) (c = 1 for T &le; 1, c = the k-th largest probability τ for T &gt; 1),
     * rejecting p &lt; τ under top-k; accepted draws are ∝ p^(1/T) on the kept set. If that is not possible (T &gt; 1
     * without top-k) or too many proposals fail, the full distribution is computed instead.
     */
    int drawGeneral(KneserNeyModel.State s, RandomGenerator rnd, double temperature, int topK) {
        fill(s);
        double tau = topK > 0 ? threshold(s, topK) : 0.0;
        if (temperature <= 1.0 || topK > 0) {
            double expo = 1.0 / temperature - 1.0;
            double logC = temperature <= 1.0 ? 0.0 : Math.log10(tau);
            for (int attempt = 0; attempt < 200; attempt++) {
                int w = drawExact(s, rnd);
                double lp = m.peek(s, w);
                if (topK > 0 && Math.pow(10.0, lp) < tau) {
                    continue;
                }
                if (expo == 0.0 || rnd.nextDouble() < Math.pow(10.0, expo * (lp - logC))) {
                    return w;
                }
            }
        }
        return drawFull(s, rnd, temperature, topK);
    }

    private record ThresholdCache(int topK, java.util.concurrent.ConcurrentHashMap<Long, Double> map) {
    }

    private volatile ThresholdCache thresholds;

    /** The k-th largest p(w|h) over w ∉ {&lt;unk&gt;, &lt;s&gt;}, cached per state (its longest context). */
    private double threshold(KneserNeyModel.State s, int topK) {
        ThresholdCache tc = thresholds;
        if (tc == null || tc.topK() != topK || tc.map().size() > 1_000_000) {
            tc = new ThresholdCache(topK, new java.util.concurrent.ConcurrentHashMap<>());
            thresholds = tc;
        }
        long key = ((long) s.len << 32) | s.ctx[s.len - 1];
        Double cached = tc.map().get(key);
        if (cached != null) {
            return cached;
        }
        Scratch sc = scratch.get();
        double t;
        try {
            sparse(s, sc);
            addTopUnigrams(sc, topK);
            double[] p = new double[sc.n];
            int n = 0;
            for (int i = 0; i < sc.n; i++) {
                int w = sc.touched[i];
                if (w != Vocabulary.UNK && w != Vocabulary.BOS) {
                    // the same (float log10) value the rejection step compares against
                    p[n++] = Math.pow(10.0, m.peek(s, w));
                }
            }
            Arrays.sort(p, 0, n);
            t = n == 0 ? 0.0 : p[Math.max(0, n - topK)];
        } finally {
            sc.clear();
        }
        tc.map().put(key, t);
        return t;
    }

    /** Fills sc with S(w) (the context-specific part of p(w|h)) and returns Γ(h), the weight of p₁. */
    private double sparse(KneserNeyModel.State s, Scratch sc) {
        double g = 1.0;
        for (int j = s.len - 1; j >= 0; j--) {
            int k = j + 2;
            int c = s.ctx[j];
            int a = start[k][c];
            int b = start[k][c + 1];
            if (a == b) {
                continue;
            }
            double[] cu = cum[k];
            int[] wn = wordNext[k];
            for (int i = a; i < b; i++) {
                int w = wn[2 * i];
                sc.touch(w);
                sc.sp[w] += g * (cu[i] - (i > a ? cu[i - 1] : 0.0));
            }
            g *= Math.max(0.0, 1.0 - cu[b - 1]);
        }
        return g;
    }

    private void addTopUnigrams(Scratch sc, int topK) {
        int added = 0;
        for (int i = 0; i < byP1.length && added < topK; i++) {
            int w = byP1[i];
            if (w != Vocabulary.UNK && w != Vocabulary.BOS) {
                sc.touch(w);
                added++;
            }
        }
    }

    int drawFull(KneserNeyModel.State s, RandomGenerator rnd, double temperature, int topK) {
        Scratch sc = scratch.get();
        try {
            double g = sparse(s, sc);
            return topK > 0 ? drawTopK(sc, g, rnd, temperature, topK) : drawTempered(sc, g, rnd, temperature);
        } finally {
            sc.clear();
        }
    }

    private int drawTopK(Scratch sc, double g, RandomGenerator rnd, double temperature, int topK) {
        addTopUnigrams(sc, topK);
        int n = 0;
        int[] cand = new int[sc.n];
        double[] p = new double[sc.n];
        for (int i = 0; i < sc.n; i++) {
            int w = sc.touched[i];
            if (w == Vocabulary.UNK || w == Vocabulary.BOS) {
                continue;
            }
            cand[n] = w;
            p[n] = sc.sp[w] + g * p1[w];
            n++;
        }
        double[] sorted = Arrays.copyOf(p, n);
        Arrays.sort(sorted);
        double tau = sorted[Math.max(0, n - topK)];
        double[] q = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (p[i] >= tau) {
                total += Math.pow(p[i], 1.0 / temperature);
            }
            q[i] = total;
        }
        return cand[search(q, 0, n, rnd.nextDouble() * total)];
    }

    private int drawTempered(Scratch sc, double g, RandomGenerator rnd, double temperature) {
        TemperatureTable tt = table(temperature);
        double inv = 1.0 / temperature;
        double sparse = 0;
        double coveredRest = 0;
        for (int i = 0; i < sc.n; i++) {
            int w = sc.touched[i];
            if (w == Vocabulary.UNK || w == Vocabulary.BOS) {
                continue;
            }
            sparse += Math.pow(sc.sp[w] + g * p1[w], inv);
            coveredRest += tt.pow[w];
        }
        double restTotal = tt.cum[tt.cum.length - 1];
        double rest = Math.pow(g, inv) * Math.max(0.0, restTotal - coveredRest);
        double r = rnd.nextDouble() * (sparse + rest);
        if (r < sparse || rest <= 0) {
            double acc = 0;
            int lastOk = -1;
            for (int i = 0; i < sc.n; i++) {
                int w = sc.touched[i];
                if (w == Vocabulary.UNK || w == Vocabulary.BOS) {
                    continue;
                }
                lastOk = w;
                acc += Math.pow(sc.sp[w] + g * p1[w], inv);
                if (r < acc) {
                    return w;
                }
            }
            if (lastOk >= 0) {
                return lastOk;
            }
        }
        // Words outside the sparse set are proportional to p1(w)^(1/T): rejection-sample, then fall back to a scan.
        for (int attempt = 0; attempt < 64; attempt++) {
            int w = search(tt.cum, 0, tt.cum.length, rnd.nextDouble() * restTotal);
            if (!sc.mark[w] && tt.pow[w] > 0) {
                return w;
            }
        }
        double target = rnd.nextDouble() * Math.max(0.0, restTotal - coveredRest);
        double acc = 0;
        int lastOk = Vocabulary.EOS;
        for (int w = 0; w < tt.pow.length; w++) {
            if (sc.mark[w] || tt.pow[w] <= 0) {
                continue;
            }
            lastOk = w;
            acc += tt.pow[w];
            if (target < acc) {
                return w;
            }
        }
        return lastOk;
    }

    private TemperatureTable table(double temperature) {
        TemperatureTable tt = tempTable;
        if (tt != null && tt.t() == temperature) {
            return tt;
        }
        double[] pow = new double[p1.length];
        double[] cu = new double[p1.length];
        double acc = 0;
        for (int w = 0; w < p1.length; w++) {
            pow[w] = (w == Vocabulary.UNK || w == Vocabulary.BOS) ? 0.0 : Math.pow(p1[w], 1.0 / temperature);
            acc += pow[w];
            cu[w] = acc;
        }
        tt = new TemperatureTable(temperature, pow, cu);
        tempTable = tt;
        return tt;
    }
}
