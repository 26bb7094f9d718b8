package dev.tailguard.core.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-checked order-2 model on "a b" / "a c" / "b a b". Adjusted counts: bigrams are raw (highest order):
 * &lt;s&gt; a=2, a b=2, b &lt;/s&gt;=2, a c=1, c &lt;/s&gt;=1, &lt;s&gt; b=1, b a=1; unigrams are continuation counts:
 * a=2, b=2, c=1, &lt;/s&gt;=2, &lt;s&gt;=0, &lt;unk&gt;=0. Both orders lack a count-of-count 3, so the fallback
 * discounts 0.5, 1, 1.5 apply. Unigram: Σa=7, γ=(0.5·1+1·3)/7=0.5, uniform 1/5 (6 types minus &lt;s&gt;).
 */
public class KneserNeyTinyCorpusTest {
    static final List<List<String>> CORPUS = List.of(List.of("a", "b"), List.of("a", "c"), List.of("b", "a", "b"));

    public static KneserNeyModel model() {
        return KneserNeyModel.train(CORPUS, 2);
    }

    @Test
    void statsAndFallback() {
        KneserNeyModel m = model();
        assertThat(m.vocabSize()).isEqualTo(6);
        assertThat(m.orderStats()).hasSize(2);
        OrderStats u = m.orderStats().get(0);
        OrderStats b = m.orderStats().get(1);
        assertThat(u.ngrams()).isEqualTo(6);
        assertThat(u.countsOfCounts()).containsExactly(1, 3, 0, 0);
        assertThat(b.ngrams()).isEqualTo(7);
        assertThat(b.countsOfCounts()).containsExactly(4, 3, 0, 0);
        assertThat(u.discountFallback()).isTrue();
        assertThat(b.discountFallback()).isTrue();
        assertThat(b.d1()).isEqualTo(0.5);
        assertThat(b.d2()).isEqualTo(1.0);
        assertThat(b.d3plus()).isEqualTo(1.5);
        assertThat(m.discountFallbackUsed()).isTrue();
    }

    @Test
    void handComputedProbabilities() {
        KneserNeyModel m = model();
        double p1a = 1.0 / 7 + 0.1;
        double p1c = 0.5 / 7 + 0.1;
        // unigrams: (a - D)/7 + 0.5 * 1/5
        assertThat(m.log10Prob(List.of(), "a")).isCloseTo(Math.log10(p1a), within(1e-6));
        assertThat(m.log10Prob(List.of(), "c")).isCloseTo(Math.log10(p1c), within(1e-6));
        assertThat(m.log10Prob(List.of(), "zzz")).isCloseTo(Math.log10(0.1), within(1e-6));
        // context a: children b(2), c(1); Σ=3, γ(a)=(1·1 + 0.5·1)/3 = 0.5
        assertThat(m.log10Prob(List.of("a"), "b")).isCloseTo(Math.log10(1.0 / 3 + 0.5 * p1a), within(1e-6));
        assertThat(m.log10Prob(List.of("a"), "c")).isCloseTo(Math.log10(0.5 / 3 + 0.5 * p1c), within(1e-6));
        // context c: only </s>(1); γ(c) = 0.5; unseen "c a" backs off
        assertThat(m.log10Prob(List.of("c"), "a")).isCloseTo(Math.log10(0.5 * p1a), within(1e-6));
        // sentence "a c": p(a|<s>) p(c|a) p(</s>|c)
        double s = Math.log10(1.0 / 3 + 0.5 * p1a) + Math.log10(0.5 / 3 + 0.5 * p1c)
                + Math.log10(0.5 + 0.5 * p1a);
        assertThat(m.log10Sentence(List.of("a", "c"))).isCloseTo(s, within(1e-6));
        assertThat(m.log10Prob(List.of("<s>"), "a")).isCloseTo(Math.log10(1.0 / 3 + 0.5 * p1a), within(1e-6));
        // the context is truncated to order-1 words
        assertThat(m.log10Prob(List.of("b", "b", "a"), "b")).isEqualTo(m.log10Prob(List.of("a"), "b"));
    }

    @Test
    void perplexityCountsEndOfSentenceAndOovs() {
        KneserNeyModel m = model();
        PerplexityResult r = m.evaluate(List.of(List.of("a", "zzz"), List.of("c")));
        assertThat(r.tokens()).isEqualTo(5);
        assertThat(r.oovs()).isEqualTo(1);
        double sum = m.log10Sentence(List.of("a", "zzz")) + m.log10Sentence(List.of("c"));
        assertThat(r.log10Sum()).isCloseTo(sum, within(1e-9));
        assertThat(r.perplexityIncludingOovs()).isCloseTo(Math.pow(10, -sum / 5), within(1e-9));
        double oov = m.log10Prob(List.of("<s>", "a"), "zzz");
        assertThat(r.perplexityExcludingOovs()).isCloseTo(Math.pow(10, -(sum - oov) / 4), within(1e-9));
        assertThat(m.contains("a")).isTrue();
        assertThat(m.contains("</s>")).isTrue();
        assertThat(m.contains("zzz")).isFalse();
    }

    @Test
    void collapsedCorpusUsesFallbackInsteadOfFailing() {
        List<List<String>> same = List.of(List.of("x", "y", "z"), List.of("x", "y", "z"), List.of("x", "y", "z"));
        KneserNeyModel m = KneserNeyModel.train(same, 3);
        assertThat(m.discountFallbackUsed()).isTrue();
        assertThat(m.orderStats()).allSatisfy(s -> assertThat(s.discountFallback()).isTrue());
        assertThat(m.log10Sentence(List.of("x", "y", "z"))).isFinite().isNegative();
        KneserNeyModel one = KneserNeyModel.train(List.of(List.of("w")), 4);
        assertThat(one.evaluate(List.of(List.of("w"), List.of())).perplexityIncludingOovs()).isFinite();
        KneserNeyModel empty = KneserNeyModel.train(List.of(List.of()), 2);
        assertThat(empty.vocabSize()).isEqualTo(3);
        assertThat(empty.log10Sentence(List.of())).isFinite();
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> new KneserNeyTrainer(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KneserNeyTrainer(7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KneserNeyTrainer(3).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("zero sentences");
        KneserNeyTrainer t = new KneserNeyTrainer(3);
        assertThatThrownBy(() -> t.add(List.of("a", "<s>"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token 2");
        assertThatThrownBy(() -> t.add(List.of("a b"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token 1");
        assertThat(SentenceFile.tokens(" a\tb  c\r")).containsExactly("a", "b", "c");
    }
}
