package dev.tailguard.core.collapse;

import dev.tailguard.core.collections.CopyIndex;
import dev.tailguard.core.collections.NgramHash;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.text.TokenIds;
import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Per-document anchor log-probabilities and the paired bootstrap of the perplexity ratio. */
final class Perplexities {

    /**
     * @param log10  per document: total log10 probability (sentences scored with {@code </s>})
     * @param tokens per document: scored tokens (words + one {@code </s>} per sentence)
     */
    record Doc(double[] log10, long[] tokens) {
    }

    private Perplexities() {
    }

    /** Scores each anchor document, tokenised here one at a time (nothing per token is kept). */
    static Doc score(KneserNeyModel model, List<AnchorDocument> docs) {
        return score(model, docs, 1);
    }

    /**
     * As {@link #score(KneserNeyModel, List)}, the documents cut into {@code threads} contiguous chunks of about equal
     * text length, scored at once (the caller's thread and one {@link SideTask} per further chunk). Each document's
     * sum is computed by one thread exactly as the sequential pass computes it, so the result is identical.
     */
    static Doc score(KneserNeyModel model, List<AnchorDocument> docs, int threads) {
        double[] lp = new double[docs.size()];
        long[] tok = new long[docs.size()];
        int[] bounds = chunks(docs, threads);
        List<SideTask<Void>> sides = new ArrayList<>();
        for (int c = 1; c + 1 < bounds.length; c++) {
            int from = bounds[c];
            int to = bounds[c + 1];
            sides.add(SideTask.start("anchor-perplexity-" + c, () -> {
                scoreRange(model, docs, from, to, lp, tok);
                return null;
            }));
        }
        scoreRange(model, docs, bounds[0], bounds[1], lp, tok);
        for (SideTask<Void> side : sides) {
            side.join(); // join: the side's writes to lp and tok happen-before the return
        }
        return new Doc(lp, tok);
    }

    /** Start index of each chunk, then {@code docs.size()}: cut where the cumulative text length crosses k/threads. */
    static int[] chunks(List<AnchorDocument> docs, int threads) {
        int n = Math.max(1, Math.min(threads, docs.size()));
        long total = 0;
        for (AnchorDocument d : docs) {
            total += d.text().length();
        }
        int[] bounds = new int[n + 1];
        bounds[n] = docs.size();
        long seen = 0;
        int c = 1;
        for (int d = 0; d < docs.size() && c < n; d++) {
            seen += docs.get(d).text().length();
            while (c < n && seen * n >= total * c) {
                bounds[c++] = d + 1;
            }
        }
        for (; c < n; c++) {
            bounds[c] = docs.size();
        }
        return bounds;
    }

    /**
     * Scores documents {@code [from, to)} into {@code lp} and {@code tok} (each sentence with {@code </s>}). An exact
     * copy of a document scored before in the range (same characters, found by {@link NgramHash#textKey}) takes its
     * sums: the same computation would give the same numbers.
     */
    private static void scoreRange(KneserNeyModel model, List<AnchorDocument> docs, int from, int to, double[] lp,
                                   long[] tok) {
        TokenIds interned = new TokenIds();
        ModelIds modelIds = new ModelIds(model, interned);
        CopyIndex<Integer> scored = new CopyIndex<>(Long.MAX_VALUE); // a text -> the first document that holds it
        for (int d = from; d < to; d++) {
            long[] key = NgramHash.textKey(docs.get(d).text());
            Integer first = scored.get(key);
            if (first != null) {
                lp[d] = lp[first];
                tok[d] = tok[first];
                continue;
            }
            scored.put(key, d, 1);
            for (String sentence : Tokenizer.sentences(docs.get(d).text())) {
                int[] s = interned.words(sentence);
                if (s.length == 0) {
                    continue;
                }
                lp[d] += model.log10Sentence(modelIds.map(s));
                tok[d] += s.length + 1;
            }
        }
    }

    /** The model's word id of each interned token, looked up once per type rather than once per occurrence. */
    private static final class ModelIds {
        private final KneserNeyModel model;
        private final TokenIds interned;
        private int[] ids = new int[1024];
        private int filled;

        ModelIds(KneserNeyModel model, TokenIds interned) {
            this.model = model;
            this.interned = interned;
        }

        /** Replaces each interned id of {@code tokens} by the model's id; returns {@code tokens}. */
        int[] map(int[] tokens) {
            int size = interned.size();
            if (filled < size) {
                if (ids.length < size) {
                    ids = java.util.Arrays.copyOf(ids, Math.max(size, 2 * ids.length));
                }
                for (; filled < size; filled++) {
                    ids[filled] = model.wordId(interned.token(filled));
                }
            }
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = ids[tokens[i]];
            }
            return tokens;
        }
    }

    static double perplexity(double[] log10, long[] tokens) {
        double l = 0;
        long t = 0;
        for (int i = 0; i < log10.length; i++) {
            l += log10[i];
            t += tokens[i];
        }
        return Math.pow(10, -l / t);
    }

    /** Bootstrap (over anchor documents, fixed seed) of ppl(measured) / ppl(baseline) on the same documents. */
    static Interval ratioInterval(Doc measured, Doc baseline, int replicates, long seed) {
        int n = measured.log10().length;
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E7L);
        double[] reps = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            double diff = 0;
            long t = 0;
            for (int i = 0; i < n; i++) {
                int j = rnd.nextInt(n);
                diff += baseline.log10()[j] - measured.log10()[j];
                t += measured.tokens()[j];
            }
            reps[r] = Math.pow(10, diff / Math.max(1, t));
        }
        return Interval.percentile(reps);
    }
}
