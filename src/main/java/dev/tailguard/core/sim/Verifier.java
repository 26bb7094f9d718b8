package dev.tailguard.core.sim;

import dev.tailguard.core.dedup.ExactDedup;
import dev.tailguard.core.dedup.LshIndex;
import dev.tailguard.core.dedup.MinHashParams;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.quality.GopherQualityRules;
import dev.tailguard.core.quality.GopherRepetitionRules;
import dev.tailguard.core.quality.QualityPolicy;
import dev.tailguard.core.quality.RuleResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gates a sample must pass before {@code verified} reuses it (Feng et al., collapse-anchors §5). The unit is a
 * <em>document</em>: consecutive sampled sentences grouped until they hold at least Gopher's minimum of 50 words
 * ({@link GopherQualityRules#DEFAULTS}, §8), because the Gopher rules are defined on documents (on single sentences
 * the top-n-gram and stop-word rules reject about half of real text). A document must pass, in this order:
 * <ol>
 *   <li>quality: all Gopher quality and repetition rules (§8) with their defaults, one sentence per line;</li>
 *   <li>dedup: no exact (normalised text) or MinHash near-duplicate (FineWeb parameters, §9) of a document already
 *       accepted in this generation;</li>
 *   <li>reference-perplexity band: its perplexity under the generation-0 model (trained on real text; CCNet's
 *       10^(−Σlog10 p / Σ(words+1)), §8) lies between two quantiles of the same quantity over real documents
 *       built the same way from text the reference model has not seen (the held-out split: under the model that
 *       was trained on them, real training documents score far lower — a trigram model nearly memorises them —
 *       and a band calibrated there rejects every sample). Only these two numbers come from the held-out text.</li>
 * </ol>
 * One instance per simulation (immutable after construction); {@link Batch} holds one generation's dedup state.
 */
final class Verifier {

    private final KneserNeyModel reference;
    private final GopherQualityRules quality = new GopherQualityRules();
    private final GopherRepetitionRules repetition = new GopherRepetitionRules();
    private final QualityPolicy policy = new QualityPolicy();
    private final double lo;
    private final double hi;
    private final double[] quantiles;
    private final double realAcceptance;
    private final Map<String, Long> realRejections;

    Verifier(KneserNeyModel reference, List<List<String>> calibration, double[] quantiles) {
        this.reference = reference;
        this.quantiles = quantiles.clone();
        List<List<List<String>>> docs = documents(calibration);
        double[] ppl = new double[docs.size()];
        for (int i = 0; i < ppl.length; i++) {
            ppl[i] = perplexity(docs.get(i));
        }
        Arrays.sort(ppl);
        lo = quantile(ppl, quantiles[0]);
        hi = quantile(ppl, quantiles[1]);
        Batch b = batch();
        for (List<List<String>> d : docs) {
            b.offer(d);
        }
        realAcceptance = b.acceptanceRate();
        realRejections = b.rejections();
    }

    /** Minimum words (tokens with a letter or digit) of a verification document: Gopher's minimum. */
    static int minWords() {
        return GopherQualityRules.DEFAULTS.minWords();
    }

    /** Words of a sentence: tokens containing a letter or digit (Gopher's non-symbol words). */
    static int words(List<String> sentence) {
        int n = 0;
        for (String t : sentence) {
            for (int i = 0; i < t.length(); i++) {
                if (Character.isLetterOrDigit(t.charAt(i))) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /** Groups consecutive sentences into documents of at least {@link #minWords()} words; a short tail is dropped. */
    static List<List<List<String>>> documents(List<List<String>> sentences) {
        List<List<List<String>>> out = new ArrayList<>();
        List<List<String>> cur = new ArrayList<>();
        int words = 0;
        for (List<String> s : sentences) {
            cur.add(s);
            words += words(s);
            if (words >= minWords()) {
                out.add(cur);
                cur = new ArrayList<>();
                words = 0;
            }
        }
        return out;
    }

    /** Linear-interpolated quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    double perplexity(List<List<String>> document) {
        double lp = 0;
        long n = 0;
        for (List<String> s : document) {
            lp += reference.log10Sentence(s);
            n += s.size() + 1;
        }
        return Math.pow(10, -lp / n);
    }

    double bandLow() {
        return lo;
    }

    double bandHigh() {
        return hi;
    }

    double[] bandQuantiles() {
        return quantiles.clone();
    }

    /** Share of real (calibration) documents that pass all gates, run through one batch in corpus order. */
    double realAcceptance() {
        return realAcceptance;
    }

    Map<String, Long> realRejections() {
        return realRejections;
    }

    Batch batch() {
        return new Batch();
    }

    /** One generation's verification: dedup state and counts. Not thread-safe. */
    final class Batch {
        private final ExactDedup exact = new ExactDedup();
        private final LshIndex near = new LshIndex(MinHashParams.FINEWEB);
        private final Map<String, Long> rejections = new TreeMap<>();
        private long offered;
        private long accepted;

        /** Returns null when the document passes every gate, else the first failing gate's reason. */
        String offer(List<List<String>> document) {
            offered++;
            String reason = check(document);
            if (reason == null) {
                accepted++;
            } else {
                rejections.merge(reason, 1L, Long::sum);
            }
            return reason;
        }

        private String check(List<List<String>> document) {
            StringBuilder text = new StringBuilder();
            List<String> tokens = new ArrayList<>();
            for (List<String> s : document) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(String.join(" ", s));
                tokens.addAll(s);
            }
            String t = text.toString();
            List<RuleResult> results = new ArrayList<>(quality.apply(t, tokens));
            results.addAll(repetition.apply(t, tokens));
            QualityPolicy.Decision d = policy.decide(results);
            if (!d.keep()) {
                return "quality:" + d.reason();
            }
            if (exact.contains(t)) {
                return "dedup:exact";
            }
            long[] sig = near.minHash().signature(tokens);
            if (near.query(sig) >= 0) {
                return "dedup:near_duplicate";
            }
            double ppl = perplexity(document);
            if (ppl < lo) {
                return "reference_perplexity:below_band";
            }
            if (ppl > hi) {
                return "reference_perplexity:above_band";
            }
            exact.add(t);
            near.addSignature(Long.toString(accepted), sig);
            return null;
        }

        long offered() {
            return offered;
        }

        long accepted() {
            return accepted;
        }

        double acceptanceRate() {
            return offered == 0 ? 0 : (double) accepted / offered;
        }

        Map<String, Long> rejections() {
            return new TreeMap<>(rejections);
        }
    }
}
