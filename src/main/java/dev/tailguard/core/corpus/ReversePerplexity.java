package dev.tailguard.core.corpus;

import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.PerplexityResult;
import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reverse perplexity: the perplexity of held-out real text under a modified Kneser-Ney model trained on the
 * synthetic text (KenLM conventions of {@link KneserNeyModel#evaluate}: {@code </s>} scored, OOVs as {@code <unk>}).
 * It rises when the synthetic corpus stops covering the real distribution. Sentences come from
 * {@code Tokenizer.sentences}, tokens from {@code Tokenizer.words}. Also provides drift perplexity of one document
 * under a reference model (collapse-anchors §7: exp(−mean ln p) = 10^(−Σ log10 p / tokens)).
 */
public final class ReversePerplexity {

    private ReversePerplexity() {
    }

    /** Sentences (token lists) of a text. */
    public static List<List<String>> sentences(String text) {
        List<List<String>> out = new ArrayList<>();
        for (String s : Tokenizer.sentences(text)) {
            List<String> t = Tokenizer.words(s);
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Sentences of all texts. */
    public static List<List<String>> sentences(Iterable<String> texts) {
        List<List<String>> out = new ArrayList<>();
        for (String t : texts) {
            out.addAll(sentences(t));
        }
        return out;
    }

    /** Trains an order-{@code order} model on the synthetic texts and evaluates the held-out real texts. */
    public static PerplexityResult compute(Iterable<String> synthetic, Iterable<String> heldOutReal, int order) {
        List<List<String>> train = sentences(synthetic);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("synthetic text has no sentences to train on");
        }
        return KneserNeyModel.train(train, order).evaluate(sentences(heldOutReal));
    }

    /** Perplexity of one document under a reference model; NaN for a text without tokens. */
    public static double documentPerplexity(KneserNeyModel model, String text) {
        double log10 = 0;
        long tokens = 0;
        for (List<String> s : sentences(text)) {
            log10 += model.log10Sentence(s);
            tokens += s.size() + 1;
        }
        return tokens == 0 ? Double.NaN : Math.pow(10, -log10 / tokens);
    }
}
