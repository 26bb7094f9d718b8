package dev.tailguard.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.PerplexityResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReversePerplexityTest {

    static final List<String> SYN = List.of("The cat sat on the mat. The dog sat on the rug.",
            "A cat and a dog sat. The cat ran to the dog.");
    static final List<String> REAL = List.of("The cat sat on the rug. The dog ran.");

    @Test
    void sentenceSplitting() {
        // "The cat sat on the rug." -> the cat sat on the rug . (7 tokens); "The dog ran." -> 4
        assertThat(ReversePerplexity.sentences(REAL.get(0))).extracting(List::size).containsExactly(7, 4);
    }

    @Test
    void reversePerplexityIsHeldOutPerplexityUnderSyntheticModel() {
        PerplexityResult r = ReversePerplexity.compute(SYN, REAL, 3);
        KneserNeyModel m = KneserNeyModel.train(ReversePerplexity.sentences(SYN), 3);
        PerplexityResult direct = m.evaluate(ReversePerplexity.sentences(REAL));
        assertThat(r).isEqualTo(direct);
        // 7 + 4 tokens plus one </s> per sentence
        assertThat(r.tokens()).isEqualTo(13);
        // 10^(-log10Sum / tokens) by definition
        assertThat(r.perplexityIncludingOovs()).isCloseTo(Math.pow(10, -r.log10Sum() / 13), within(1e-9));
        assertThat(ReversePerplexity.documentPerplexity(m, REAL.get(0)))
                .isCloseTo(r.perplexityIncludingOovs(), within(1e-9));
    }

    @Test
    void unrelatedSyntheticTextScoresWorse() {
        double related = ReversePerplexity.compute(SYN, REAL, 3).perplexityIncludingOovs();
        double unrelated = ReversePerplexity.compute(List.of("Stocks fell sharply. Bonds rallied late."), REAL, 3)
                .perplexityIncludingOovs();
        assertThat(unrelated).isGreaterThan(related);
    }
}
