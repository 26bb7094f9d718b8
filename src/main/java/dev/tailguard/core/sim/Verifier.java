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
    private final double[] calibrationSorted;
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
        calibrationSorted = ppl;
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
        return new Batch(true);
    }

    /**
     * A stratified selection over this verifier's reference perplexity (quality and dedup gates as in {@link Batch},
     * no band): see {@link Stratified}.
     *
     * @param strata      number of equal-probability strata of the real held-out documents' perplexity
     * @param budget      tokens to select
     * @param realTail    real-training tail types (count ≤ the tail threshold) that earn admission beyond a full stratum
     */
    Stratified stratified(int strata, long budget, java.util.Set<String> realTail) {
        return new Stratified(strata, budget, realTail);
    }

    /**
     * Selection that does not favour the head: a candidate document that passes the quality and dedup gates is
     * placed in the stratum of its reference perplexity, with strata cut at the i/S quantiles of the real held-out
     * documents' perplexity, and each stratum may fill 1/S of the token budget, so the kept text has the real
     * perplexity profile instead of the sampler's (which over-produces head, low-perplexity text: the median band
     * kept the better half and lost the tail faster than replace). A document beyond its stratum's quota is still
     * admitted when it contains a real tail type not yet in the selection. When the draws run out before the
     * budget, the remainder is filled from the over-quota documents, highest-perplexity stratum first, so the
     * selection always reaches the same size as replace's training text when enough candidates pass.
     */
    final class Stratified {
        private final Batch gates = new Batch(false);
        private final double[] edges;
        private final long quota;
        private final long budget;
        private final long[] filled;
        private final java.util.Set<String> realTail;
        private final java.util.Set<String> tailSeen = new java.util.HashSet<>();
        private final List<List<List<List<String>>>> overflow = new ArrayList<>();
        private final List<List<String>> selected = new ArrayList<>();
        private long accepted;
        private long tailAdmitted;

        private Stratified(int strata, long budget, java.util.Set<String> realTail) {
            if (strata < 1) {
                throw new IllegalArgumentException("strata must be >= 1, got " + strata);
            }
            this.edges = new double[strata - 1];
            for (int i = 1; i < strata; i++) {
                edges[i - 1] = quantile(calibrationSorted, (double) i / strata);
            }
            this.budget = budget;
            this.quota = (budget + strata - 1) / strata;
            this.filled = new long[strata];
            this.realTail = realTail;
            for (int i = 0; i < strata; i++) {
                overflow.add(new ArrayList<>());
            }
        }

        /** Stratum of a perplexity value. */
        int stratum(double ppl) {
            int i = 0;
            while (i < edges.length && ppl > edges[i]) {
                i++;
            }
            return i;
        }

        /** Offers one candidate document; returns null when it was selected, else why not (yet). */
        String offer(List<List<String>> document) {
            String reason = gates.offer(document);
            if (reason != null) {
                return reason;
            }
            int st = stratum(perplexity(document));
            if (filled[st] < quota) {
                take(document, st);
                return null;
            }
            if (addsTail(document)) {
                tailAdmitted++;
                take(document, st);
                return null;
            }
            overflow.get(st).add(document);
            return "stratum_full";
        }

        /** Fills the remaining budget from over-quota documents, highest-perplexity stratum first. */
        void finish() {
            for (int st = overflow.size() - 1; st >= 0 && accepted < budget; st--) {
                for (List<List<String>> d : overflow.get(st)) {
                    if (accepted >= budget) {
                        break;
                    }
                    take(d, st);
                }
            }
        }

        private boolean addsTail(List<List<String>> document) {
            for (List<String> s : document) {
                for (String t : s) {
                    if (realTail.contains(t) && !tailSeen.contains(t)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private void take(List<List<String>> document, int st) {
            for (List<String> s : document) {
                selected.add(s);
                accepted += s.size();
                filled[st] += s.size();
                for (String t : s) {
                    if (realTail.contains(t)) {
                        tailSeen.add(t);
                    }
                }
            }
        }

        boolean full() {
            return accepted >= budget;
        }

        long accepted() {
            return accepted;
        }

        List<List<String>> selected() {
            return selected;
        }

        long tailAdmitted() {
            return tailAdmitted;
        }

        /** Share of offered documents that passed the quality and dedup gates. */
        double gateAcceptance() {
            return gates.acceptanceRate();
        }

        Map<String, Long> rejections() {
            return gates.rejections();
        }

        long offered() {
            return gates.offered();
        }
    }

    /** One generation's verification: dedup state and counts. Not thread-safe. */
    final class Batch {
        private final boolean band;
        private final ExactDedup exact = new ExactDedup();
        private final LshIndex near = new LshIndex(MinHashParams.FINEWEB);
        private final Map<String, Long> rejections = new TreeMap<>();
        private long offered;
        private long accepted;

        private Batch(boolean band) {
            this.band = band;
        }

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
            if (band) {
                double ppl = perplexity(document);
                if (ppl < lo) {
                    return "reference_perplexity:below_band";
                }
                if (ppl > hi) {
                    return "reference_perplexity:above_band";
                }
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
