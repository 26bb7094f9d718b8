package dev.tailguard.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Tokenizer#count} is the number of {@link Tokenizer#words} tokens, without making them. */
class TokenizerCountTest {

    @Test
    void countIsTheNumberOfWordsTokens() {
        List<String> texts = new ArrayList<>(IdentityInputs.standard(23L, 5L));
        long total = 0;
        for (String t : texts) {
            assertThat(Tokenizer.count(t)).as(t).isEqualTo(Tokenizer.words(t).size());
            total += Tokenizer.count(t);
        }
        assertThat(total).isPositive();
        assertThat(Tokenizer.count("")).isZero();
        assertThat(Tokenizer.count("Don't stop: 3.5 m\u00e9tres \uD83D\uDE00!")).isEqualTo(
                Tokenizer.words("Don't stop: 3.5 m\u00e9tres \uD83D\uDE00!").size());
    }
}
