package dev.tailguard.core.collapse;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.SamplingOptions;
import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chains whose truth is known, built from a real corpus with the core n-gram LM ({@code core.lm}, the same
 * Kneser–Ney model and exact sampler as {@code core.sim}): each chain point is a blended output plus the synthetic
 * batch that entered it. Generation 0 is the real input R (the corpus minus the anchor and minus the fresh pool).
 */
final class CalibrationChains {

    /** Tokens per synthetic document (sampled sentences are grouped into documents of about this size). */
    static final int SYNTHETIC_DOC_TOKENS = 400;

    /**
     * One chain point.
     *
     * @param chain      chain label
     * @param seed       seed
     * @param generation generation (1-based)
     * @param blended    blended output
     * @param synthetic  synthetic batch of this generation
     * @param collapsing the known truth: whether this point is degraded
     */
    record Point(String chain, long seed, int generation, List<Document> blended, List<Document> synthetic,
                 boolean collapsing) {
    }

    private final List<Document> real;
    private final List<Document> fresh;
    private final long realTokens;
    private final int order;

    CalibrationChains(List<Document> real, List<Document> fresh, int order) {
        this.real = real;
        this.fresh = fresh;
        this.order = order;
        long t = 0;
        for (Document d : real) {
            t += Tokenizer.count(d.text());
        }
        this.realTokens = t;
    }

    /** Replace at synthetic ratio {@code ratio}: each generation trains on the previous blend only. */
    List<Point> replace(double ratio, int generations, long seed) {
        List<Point> out = new ArrayList<>();
        List<Document> input = real;
        for (int g = 1; g <= generations; g++) {
            KneserNeyModel m = KneserNeyModel.train(sentences(input), order);
            List<Document> syn = sample(m, Math.round(ratio * realTokens), "replace-s" + seed + "-g" + g, seed * 31 + g);
            List<Document> blended = new ArrayList<>(syn);
            blended.addAll(subset(real, Math.round((1 - ratio) * realTokens), new SplittableRandom(seed * 17 + g)));
            out.add(new Point("replace:" + ratio, seed, g, blended, syn, true));
            input = blended;
        }
        return out;
    }

    /** Accumulate (Gerstgrasser et al. 2024): all real data plus every generation's synthetic batch. */
    List<Point> accumulate(int generations, long seed) {
        List<Point> out = new ArrayList<>();
        List<Document> input = new ArrayList<>(real);
        for (int g = 1; g <= generations; g++) {
            KneserNeyModel m = KneserNeyModel.train(sentences(input), order);
            List<Document> syn = sample(m, realTokens, "accumulate-s" + seed + "-g" + g, seed * 37 + g);
            List<Document> blended = new ArrayList<>(input);
            blended.addAll(syn);
            out.add(new Point("accumulate", seed, g, blended, syn, true));
            input = blended;
        }
        return out;
    }

    /** Fresh-real control: a 30% share of held-out real documents brought as the "synthetic" batch. */
    Point control(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 41 + 7);
        List<Document> syn = subset(fresh, Math.round(0.3 * realTokens), rnd);
        List<Document> blended = new ArrayList<>(subset(real, Math.round(0.7 * realTokens), rnd));
        blended.addAll(syn);
        return new Point("fresh-real", seed, 1, blended, syn, false);
    }

    /** A generator of the given order trained on the real input, blended at a 30% synthetic share. */
    Point generator(int generatorOrder, String label, long seed) {
        KneserNeyModel m = KneserNeyModel.train(sentences(real), generatorOrder);
        List<Document> syn = sample(m, Math.round(0.3 * realTokens), label + "-s" + seed, seed * 43 + generatorOrder);
        List<Document> blended = new ArrayList<>(subset(real, Math.round(0.7 * realTokens),
                new SplittableRandom(seed * 47)));
        blended.addAll(syn);
        return new Point(label, seed, 1, blended, syn, true);
    }

    long realTokens() {
        return realTokens;
    }

    static List<List<String>> sentences(List<Document> docs) {
        List<List<String>> out = new ArrayList<>();
        for (Document d : docs) {
            for (String s : Tokenizer.sentences(d.text())) {
                List<String> w = Tokenizer.words(s);
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    private static List<Document> sample(KneserNeyModel m, long tokens, String idPrefix, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        SamplingOptions opts = new SamplingOptions(1.0, 0, 400);
        List<Document> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        long n = 0;
        int inDoc = 0;
        while (n < tokens) {
            List<String> s = m.sample(rnd, opts);
            if (s.isEmpty()) {
                continue;
            }
            text.append(text.length() == 0 ? "" : " ").append(String.join(" ", s));
            n += s.size();
            inDoc += s.size();
            if (inDoc >= SYNTHETIC_DOC_TOKENS || n >= tokens) {
                out.add(new Document(idPrefix + "-" + out.size(), text.toString(), "calibration",
                        Map.of("generation", 1)));
                text.setLength(0);
                inDoc = 0;
            }
        }
        return out;
    }

    private static List<Document> subset(List<Document> docs, long tokens, SplittableRandom rnd) {
        List<Document> shuffled = new ArrayList<>(docs);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Document t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        List<Document> out = new ArrayList<>();
        long n = 0;
        for (Document d : shuffled) {
            if (n >= tokens) {
                break;
            }
            out.add(d);
            n += Tokenizer.count(d.text());
        }
        return out;
    }
}
