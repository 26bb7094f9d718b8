package dev.tailguard.core.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streaming trainer for an interpolated modified Kneser-Ney language model, estimated exactly as KenLM's
 * {@code lmplz} does by default (no pruning, unigrams interpolated with the uniform distribution);
 * see collapse-anchors §10 and KenLM {@code lm/builder/adjust_counts.cc}, {@code initial_probabilities.cc},
 * {@code interpolate.cc}.
 */
public final class KneserNeyTrainer {
    /** KenLM's {@code --discount_fallback} default discounts for adjusted counts 1, 2, 3+. */
    static final float[] FALLBACK = {0.5f, 1.0f, 1.5f};

    private final int order;
    private final Vocabulary vocab = new Vocabulary();
    /** Per order k (index k, 2..order): n-gram identified by (index of its suffix at order k-1, first word). */
    private final LongIntHashMap[] tables;
    private final int[][] suffix;
    private final int[][] first;
    private final long[][] raw;
    private final int[] sizes;
    private long sentences;
    private long tokens;
    private int[] seq = new int[64];
    private boolean built;
    private final long maxTokens;
    private boolean capped;

    /**
     * @param order n-gram order, 2..6
     */
    public KneserNeyTrainer(int order) {
        this(order, Long.MAX_VALUE);
    }

    /**
     * A trainer that holds at most {@code maxTrainingTokens} training tokens (the cap of
     * {@code tailguard.reference-lm.max-training-tokens}): once a sentence would exceed it, that sentence and all
     * later ones are refused ({@link #add} returns false, {@link #capped()} turns true). The model's size then stays
     * bounded whatever the corpus size; choose which documents reach the trainer with {@link TrainingSample} so the
     * kept sample is a deterministic, order-independent sample of the corpus rather than its head.
     *
     * @param order n-gram order, 2..6
     * @param maxTrainingTokens at least 1; {@link Long#MAX_VALUE} for no cap
     */
    public KneserNeyTrainer(int order, long maxTrainingTokens) {
        if (order < 2 || order > 6) {
            throw new IllegalArgumentException("order must be between 2 and 6, got " + order);
        }
        if (maxTrainingTokens < 1) {
            throw new IllegalArgumentException("max training tokens must be >= 1, got " + maxTrainingTokens);
        }
        this.maxTokens = maxTrainingTokens;
        this.order = order;
        tables = new LongIntHashMap[order + 1];
        suffix = new int[order + 1][];
        first = new int[order + 1][];
        raw = new long[order + 1][];
        sizes = new int[order + 1];
        for (int k = 2; k <= order; k++) {
            tables[k] = new LongIntHashMap(1024);
            suffix[k] = new int[1024];
            first[k] = new int[1024];
            raw[k] = new long[1024];
        }
    }

    public int order() {
        return order;
    }

    /**
     * Adds one sentence (tokens without {@code <s>}/{@code </s>}).
     *
     * @return true if added, false if the sentence would exceed the training-token cap (it is then not added, and
     *     neither is any later sentence)
     * @throws IllegalArgumentException if a token is empty, contains a delimiter (space, tab, CR, LF, NUL) or is one
     *     of {@code <s>}, {@code </s>}, {@code <unk>}
     */
    public boolean add(List<String> sentenceTokens) {
        if (built) {
            throw new IllegalStateException("build() was already called; use a new trainer");
        }
        int n = sentenceTokens.size();
        if (capped || n > maxTokens - tokens) {
            capped = true;
            return false;
        }
        if (seq.length < n + 2) {
            seq = new int[Math.max(n + 2, seq.length * 2)];
        }
        seq[0] = Vocabulary.BOS;
        for (int i = 0; i < n; i++) {
            String t = sentenceTokens.get(i);
            if (t == null || t.isEmpty() || t.equals(Vocabulary.BOS_WORD) || t.equals(Vocabulary.EOS_WORD)
                    || t.equals(Vocabulary.UNK_WORD)) {
                throw new IllegalArgumentException("sentence " + (sentences + 1) + ", token " + (i + 1)
                        + ": reserved or empty token '" + t + "' is not allowed in training text");
            }
            if (!vocab.contains(t)) {
                for (int c = 0; c < t.length(); c++) {
                    if (SentenceFile.isDelimiter(t.charAt(c))) {
                        throw new IllegalArgumentException("sentence " + (sentences + 1) + ", token " + (i + 1)
                                + ": token contains a space, tab, CR, LF or NUL");
                    }
                }
            }
            seq[i + 1] = vocab.add(t);
        }
        seq[n + 1] = Vocabulary.EOS;
        for (int i = 1; i <= n + 1; i++) {
            int cur = seq[i];
            int maxK = Math.min(i + 1, order);
            for (int k = 2; k <= maxK; k++) {
                cur = entry(k, cur, seq[i - k + 1]);
            }
            // The maximal n-gram at this position (order n-grams, or shorter ones starting with <s>) keeps raw counts.
            raw[maxK][cur]++;
        }
        sentences++;
        tokens += n;
        return true;
    }

    /** True once a sentence was refused because of the training-token cap. */
    public boolean capped() {
        return capped;
    }

    private int entry(int k, int suf, int firstWord) {
        int idx = sizes[k];
        int found = tables[k].putIfAbsent(LongIntHashMap.pack(suf, firstWord), idx);
        if (found >= 0) {
            return found;
        }
        if (idx == suffix[k].length) {
            int cap = idx * 2;
            suffix[k] = Arrays.copyOf(suffix[k], cap);
            first[k] = Arrays.copyOf(first[k], cap);
            raw[k] = Arrays.copyOf(raw[k], cap);
        }
        suffix[k][idx] = suf;
        first[k][idx] = firstWord;
        sizes[k] = idx + 1;
        return idx;
    }

    /** Number of training tokens added so far (without sentence markers). */
    public long tokens() {
        return tokens;
    }

    /** Number of sentences added so far. */
    public long sentences() {
        return sentences;
    }

    /**
     * Estimates the model. Can be called once; the trainer frees its tables (the model builds its own).
     *
     * @throws IllegalStateException if no sentence was added or build() was already called
     */
    public KneserNeyModel build() {
        if (built) {
            throw new IllegalStateException("build() was already called; use a new trainer");
        }
        if (sentences == 0) {
            throw new IllegalStateException("cannot build a language model from zero sentences");
        }
        int v = vocab.size();
        int[] size = sizes.clone();
        size[1] = v;
        long[][] adj = new long[order + 1][];
        int[][] suf = new int[order + 1][];
        int[][] fst = new int[order + 1][];
        for (int k = 2; k <= order; k++) {
            suf[k] = Arrays.copyOf(suffix[k], size[k]);
            fst[k] = Arrays.copyOf(first[k], size[k]);
            // The growable arrays are no longer needed: free them before the estimate's arrays are allocated.
            suffix[k] = null;
            first[k] = null;
        }
        // Adjusted counts: raw for the highest order and for n-grams starting with <s>, else N1+(• g).
        adj[order] = Arrays.copyOf(raw[order], size[order]);
        for (int k = order - 1; k >= 1; k--) {
            long[] a = new long[size[k]];
            int[] s = suf[k + 1];
            for (int e = 0; e < size[k + 1]; e++) {
                a[s[e]]++;
            }
            if (k >= 2) {
                for (int e = 0; e < size[k]; e++) {
                    if (fst[k][e] == Vocabulary.BOS) {
                        a[e] = raw[k][e];
                    }
                }
            }
            adj[k] = a;
        }
        for (int k = 2; k <= order; k++) {
            raw[k] = null;
        }
        // Counts of counts and discounts (Chen & Goodman eq. 26, in float as KenLM).
        List<OrderStats> stats = new ArrayList<>();
        float[][] disc = new float[order + 1][];
        for (int k = 1; k <= order; k++) {
            long[] n = new long[5];
            for (long c : adj[k]) {
                if (c < 5) {
                    n[(int) c]++;
                }
            }
            float[] d = new float[4];
            boolean fallback = n[1] == 0 || n[2] == 0 || n[3] == 0;
            if (!fallback) {
                float y = (float) ((float) n[1] / (float) (n[1] + 2.0 * n[2]));
                for (int j = 1; j <= 3; j++) {
                    d[j] = (float) j - (float) (j + 1) * y * (float) n[j + 1] / (float) n[j];
                    if (d[j] < 0 || d[j] > j) {
                        fallback = true;
                    }
                }
            }
            if (fallback) {
                d[1] = FALLBACK[0];
                d[2] = FALLBACK[1];
                d[3] = FALLBACK[2];
            }
            disc[k] = d;
            stats.add(new OrderStats(k, size[k], d[1], d[2], d[3], fallback, new long[] {n[1], n[2], n[3], n[4]}));
        }
        // prefix[k][e] = index at order k-1 of the first k-1 words.
        int[][] prefix = new int[order + 1][];
        prefix[2] = fst[2];
        for (int k = 3; k <= order; k++) {
            int[] p = new int[size[k]];
            for (int e = 0; e < size[k]; e++) {
                int idx = tables[k - 1].get(LongIntHashMap.pack(prefix[k - 1][suf[k][e]], fst[k][e]));
                if (idx < 0) {
                    throw new IllegalStateException("internal error: missing prefix of a " + k + "-gram");
                }
                p[e] = idx;
            }
            prefix[k] = p;
        }
        for (int k = 2; k <= order; k++) {
            tables[k] = null; // the model gets tables keyed by word hashes (NgramTables)
        }
        // Denominators and gammas per context; context order k-1 for n-grams of order k.
        double[][] gamma = new double[order][];
        double[][] denom = new double[order][];
        double denom0 = 0;
        double gammaNum0 = 0;
        for (int w = 0; w < v; w++) {
            long c = adj[1][w];
            denom0 += c;
            if (c > 0) {
                gammaNum0 += disc[1][(int) Math.min(c, 3)];
            }
        }
        for (int k = 2; k <= order; k++) {
            double[] den = new double[size[k - 1]];
            double[] gn = new double[size[k - 1]];
            for (int e = 0; e < size[k]; e++) {
                long c = adj[k][e];
                int p = prefix[k][e];
                den[p] += c;
                if (c > 0) {
                    gn[p] += disc[k][(int) Math.min(c, 3)];
                }
            }
            for (int p = 0; p < gn.length; p++) {
                gn[p] = den[p] > 0 ? gn[p] / den[p] : 1.0;
            }
            denom[k - 1] = den;
            gamma[k - 1] = gn;
        }
        double gamma0 = gammaNum0 / denom0;
        // Uniform over the vocabulary including <unk> but excluding <s> (KenLM interpolate.cc).
        double uniform = 1.0 / (v - 1);
        double[][] prob = new double[order + 1][];
        double[][] weight = new double[order + 1][];
        double[] p1 = new double[v];
        for (int w = 0; w < v; w++) {
            long c = adj[1][w];
            p1[w] = (c - disc[1][(int) Math.min(c, 3)]) / denom0 + gamma0 * uniform;
        }
        p1[Vocabulary.BOS] = 0;
        prob[1] = p1;
        for (int k = 2; k <= order; k++) {
            double[] pk = new double[size[k]];
            double[] uk = new double[size[k]];
            double[] den = denom[k - 1];
            double[] gm = gamma[k - 1];
            double[] lower = prob[k - 1];
            for (int e = 0; e < size[k]; e++) {
                long c = adj[k][e];
                int p = prefix[k][e];
                uk[e] = (c - disc[k][(int) Math.min(c, 3)]) / den[p];
                pk[e] = uk[e] + gm[p] * lower[suf[k][e]];
            }
            prob[k] = pk;
            weight[k] = uk;
        }
        float[][] logProb = new float[order + 1][];
        float[][] logBackoff = new float[order + 1][];
        for (int k = 1; k <= order; k++) {
            float[] lp = new float[size[k]];
            for (int e = 0; e < size[k]; e++) {
                lp[e] = (float) Math.min(0.0, Math.log10(prob[k][e]));
            }
            logProb[k] = lp;
            if (k < order) {
                float[] lb = new float[size[k]];
                for (int e = 0; e < size[k]; e++) {
                    lb[e] = denom[k][e] > 0 ? (float) Math.log10(gamma[k][e]) : 0f;
                }
                logBackoff[k] = lb;
            }
        }
        // KenLM writes p(<s>) = 1 so that <s> can be scored explicitly without effect.
        logProb[1][Vocabulary.BOS] = 0f;
        built = true;
        prob = null;
        adj = null;
        denom = null;
        gamma = null;
        NgramTables tabs = NgramTables.build(order, prefix, suf, fst, logProb, logBackoff);
        return new KneserNeyModel(order, vocab, tabs, suf, fst, logProb, logBackoff, weight, p1, stats);
    }
}
