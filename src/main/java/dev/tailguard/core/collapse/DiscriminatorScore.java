package dev.tailguard.core.collapse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One synthetic document's score from the classifier two-sample test ({@link C2st}): the mean, over the document's
 * windows in the test, of the out-of-fold probability the classifier gives to "not anchor". Near 0.5 or below the
 * document reads like the real anchor; near 1 the classifier recognises it as synthetic. Scores come from held-out
 * folds only, so a document is never scored by a classifier trained on it.
 *
 * @param id      the document id
 * @param score   mean out-of-fold probability of "synthetic", in [0, 1]
 * @param windows windows of the document behind the mean
 */
public record DiscriminatorScore(String id, double score, int windows) {

    public DiscriminatorScore {
        Objects.requireNonNull(id, "id");
        if (!(score >= 0 && score <= 1) || windows <= 0) {
            throw new IllegalArgumentException("discriminator score of " + id + ": score " + score
                    + " must be in [0, 1] over > 0 windows, got " + windows);
        }
    }

    /** Per-document means of the scored windows, ordered from most to least real-looking (ties by id). */
    static List<DiscriminatorScore> of(C2st.Scored scored) {
        if (scored == null) {
            return List.of();
        }
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (int i = 0; i < scored.scored().size(); i++) {
            double[] a = acc.computeIfAbsent(scored.scored().get(i).doc(), k -> new double[2]);
            a[0] += probability(scored.scores()[i]);
            a[1]++;
        }
        List<DiscriminatorScore> out = new ArrayList<>();
        acc.forEach((id, a) -> out.add(new DiscriminatorScore(id, a[0] / a[1], (int) a[1])));
        out.sort(java.util.Comparator.comparingDouble(DiscriminatorScore::score).thenComparing(DiscriminatorScore::id));
        return out;
    }

    /** The logistic function of a classifier logit. */
    static double probability(double logit) {
        return logit >= 0 ? 1 / (1 + Math.exp(-logit)) : Math.exp(logit) / (1 + Math.exp(logit));
    }
}
