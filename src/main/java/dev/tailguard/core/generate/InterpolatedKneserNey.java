package dev.tailguard.core.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Interpolated Kneser-Ney n-gram model (Chen &amp; Goodman 1998; one absolute discount per order estimated as
 * D = n1 / (n1 + 2 n2), collapse-anchors §10) over sentences of tokens, orders 1..3, with exact sampling from the
 * interpolated distribution and log10 sentence probabilities. Lower orders use continuation counts; the base
 * distribution is uniform over the vocabulary plus {@code <unk>}. Pure Java, deterministic.
 */
public final class InterpolatedKneserNey {

    static final int BOS = 0;
    static final int EOS = 1;
    static final int UNK = 2;
    private static final int BITS = 21;

    private final int order;
    private final List<String> vocab;
    private final Map<String, Integer> ids;
    /** contexts[n] holds the contexts (length n) of order n+1 n-grams. */
    private final Map<Long, Ctx>[] contexts;
    private final double[] discount;

    private record Ctx(int[] words, double[] cum, double total, int types) {
    }

    @SuppressWarnings("unchecked")
    private InterpolatedKneserNey(int order, List<String> vocab, Map<String, Integer> ids, Map<Long, Ctx>[] contexts,
                                  double[] discount) {
        this.order = order;
        this.vocab = vocab;
        this.ids = ids;
        this.contexts = contexts;
        this.discount = discount;
    }

    /** Model order. */
    public int order() {
        return order;
    }

    /** Vocabulary size including {@code <s>}, {@code </s>} and {@code <unk>}. */
    public int vocabularySize() {
        return vocab.size();
    }

    /** Discounts per order (index 0 = unigrams). */
    public double[] discounts() {
        return discount.clone();
    }

    /** Accumulates n-gram counts from tokenised sentences; {@link #build()} makes the model. */
    public static final class Trainer {
        private final int order;
        private final List<String> vocab = new ArrayList<>(List.of("<s>", "</s>", "<unk>"));
        private final Map<String, Integer> ids = new HashMap<>();
        @SuppressWarnings("unchecked")
        private final Map<Long, int[]>[] counts;

        /** A trainer for the order (1..3). */
        @SuppressWarnings("unchecked")
        public Trainer(int order) {
            if (order < 1 || order > 3) {
                throw new IllegalArgumentException("order must be 1..3, got " + order);
            }
            this.order = order;
            counts = new Map[order + 1];
            for (int n = 1; n <= order; n++) {
                counts[n] = new HashMap<>();
            }
            for (int i = 0; i < vocab.size(); i++) {
                ids.put(vocab.get(i), i);
            }
        }

        /** Adds one sentence (without boundary markers). */
        public Trainer add(List<String> tokens) {
            if (tokens.isEmpty()) {
                return this;
            }
            int[] seq = new int[tokens.size() + 2];
            seq[0] = BOS;
            for (int i = 0; i < tokens.size(); i++) {
                Integer id = ids.get(tokens.get(i));
                if (id == null) {
                    id = vocab.size();
                    if (id >= (1 << BITS)) {
                        throw new IllegalStateException("vocabulary exceeds " + (1 << BITS) + " types");
                    }
                    vocab.add(tokens.get(i));
                    ids.put(tokens.get(i), id);
                }
                seq[i + 1] = id;
            }
            seq[seq.length - 1] = EOS;
            for (int i = 1; i < seq.length; i++) {
                for (int n = 1; n <= order && i - n + 1 >= 0; n++) {
                    long key = code(seq, i - n + 1, n);
                    counts[n].computeIfAbsent(key, k -> new int[1])[0]++;
                }
            }
            return this;
        }

        /** Estimates the model. */
        @SuppressWarnings("unchecked")
        public InterpolatedKneserNey build() {
            Map<Long, int[]>[] adjusted = new Map[order + 1];
            adjusted[order] = counts[order];
            for (int n = order - 1; n >= 1; n--) {
                Map<Long, int[]> cont = new HashMap<>();
                long mask = (1L << (BITS * n)) - 1;
                for (Long k : counts[n + 1].keySet()) {
                    cont.computeIfAbsent(k & mask, x -> new int[1])[0]++;
                }
                Map<Long, int[]> adj = new HashMap<>();
                for (Map.Entry<Long, int[]> e : counts[n].entrySet()) {
                    long first = e.getKey() >>> (BITS * (n - 1));
                    int[] c = cont.get(e.getKey());
                    adj.put(e.getKey(), new int[]{first == BOS || c == null ? e.getValue()[0] : c[0]});
                }
                adjusted[n] = adj;
            }
            double[] d = new double[order];
            Map<Long, Ctx>[] ctx = new Map[order];
            for (int n = 1; n <= order; n++) {
                long n1 = 0;
                long n2 = 0;
                for (int[] c : adjusted[n].values()) {
                    if (c[0] == 1) {
                        n1++;
                    } else if (c[0] == 2) {
                        n2++;
                    }
                }
                double disc = n1 > 0 && n2 > 0 ? (double) n1 / (n1 + 2.0 * n2) : 0.5;
                d[n - 1] = Math.min(Math.max(disc, 0.05), 0.95);
                ctx[n - 1] = group(adjusted[n], n, d[n - 1]);
            }
            return new InterpolatedKneserNey(order, List.copyOf(vocab), Map.copyOf(ids), ctx, d);
        }

        private static Map<Long, Ctx> group(Map<Long, int[]> grams, int n, double d) {
            Long[] keys = grams.keySet().toArray(new Long[0]);
            Arrays.sort(keys);
            Map<Long, Ctx> out = new HashMap<>();
            long mask = (1L << BITS) - 1;
            int i = 0;
            while (i < keys.length) {
                long c = keys[i] >>> BITS;
                int j = i;
                while (j < keys.length && (keys[j] >>> BITS) == c) {
                    j++;
                }
                int[] words = new int[j - i];
                double[] cum = new double[j - i];
                double total = 0;
                double acc = 0;
                for (int k = i; k < j; k++) {
                    words[k - i] = (int) (keys[k] & mask);
                    int cnt = grams.get(keys[k])[0];
                    total += cnt;
                    acc += Math.max(cnt - d, 0);
                    cum[k - i] = acc;
                }
                out.put(n == 1 ? 0L : c, new Ctx(words, cum, total, j - i));
                i = j;
            }
            return out;
        }
    }

    private static long code(int[] seq, int from, int len) {
        long k = 0;
        for (int i = from; i < from + len; i++) {
            k = (k << BITS) | seq[i];
        }
        return k;
    }

    private int id(String token) {
        Integer i = ids.get(token);
        return i == null ? UNK : i;
    }

    private double prob(int[] hist, int histLen, int w, int n) {
        double lower = n == 1 ? 1.0 / (vocab.size() - 1) : prob(hist, histLen, w, n - 1);
        Ctx c = contexts[n - 1].get(n == 1 ? 0L : code(hist, histLen - (n - 1), n - 1));
        if (c == null) {
            return lower;
        }
        double d = discount[n - 1];
        int pos = Arrays.binarySearch(c.words, w);
        double own = 0;
        if (pos >= 0) {
            own = c.cum[pos] - (pos == 0 ? 0 : c.cum[pos - 1]);
        }
        return own / c.total + d * c.types / c.total * lower;
    }

    /** log10 probability of the sentence (with {@code <s>} and {@code </s>}; unknown tokens score as {@code <unk>}). */
    public double log10Sentence(List<String> tokens) {
        int[] seq = new int[tokens.size() + 2];
        seq[0] = BOS;
        for (int i = 0; i < tokens.size(); i++) {
            seq[i + 1] = id(tokens.get(i));
        }
        seq[seq.length - 1] = EOS;
        double lp = 0;
        for (int i = 1; i < seq.length; i++) {
            int n = Math.min(order, i + 1);
            lp += Math.log10(prob(seq, i, seq[i], n));
        }
        return lp;
    }

    /**
     * Samples one sentence (tokens without markers), at most {@code maxTokens} long. {@code <unk>} is never sampled.
     */
    public List<String> sample(SplittableRandom rnd, int maxTokens) {
        int[] hist = new int[maxTokens + 2];
        hist[0] = BOS;
        int len = 1;
        List<String> out = new ArrayList<>();
        while (out.size() < maxTokens) {
            int w = draw(rnd, hist, len, Math.min(order, len + 1));
            if (w == EOS) {
                break;
            }
            hist[len++] = w;
            out.add(vocab.get(w));
        }
        return out;
    }

    private int draw(SplittableRandom rnd, int[] hist, int len, int n) {
        while (true) {
            int w = drawOnce(rnd, hist, len, n);
            if (w != UNK && w != BOS) {
                return w;
            }
        }
    }

    private int drawOnce(SplittableRandom rnd, int[] hist, int len, int n) {
        for (int m = n; m >= 1; m--) {
            Ctx c = contexts[m - 1].get(m == 1 ? 0L : code(hist, len - (m - 1), m - 1));
            if (c == null) {
                continue;
            }
            double u = rnd.nextDouble() * c.total;
            double own = c.cum[c.cum.length - 1];
            if (u < own) {
                int pos = Arrays.binarySearch(c.cum, u);
                pos = pos >= 0 ? pos + 1 : -pos - 1;
                return c.words[Math.min(pos, c.words.length - 1)];
            }
        }
        return 1 + rnd.nextInt(vocab.size() - 1);
    }
}
