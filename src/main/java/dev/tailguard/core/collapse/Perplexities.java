package dev.tailguard.core.collapse;

import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.text.Tokenizer;
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
        double[] lp = new double[docs.size()];
        long[] tok = new long[docs.size()];
        for (int d = 0; d < docs.size(); d++) {
            for (String sentence : Tokenizer.sentences(docs.get(d).text())) {
                List<String> s = Tokenizer.words(sentence);
                if (s.isEmpty()) {
                    continue;
                }
                lp[d] += model.log10Sentence(s);
                tok[d] += s.size() + 1;
            }
        }
        return new Doc(lp, tok);
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
