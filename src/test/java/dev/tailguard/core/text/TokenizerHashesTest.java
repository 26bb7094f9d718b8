package dev.tailguard.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.collections.NgramHash;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Tokenizer#tokenHashes} is {@code NgramHash.tokens(Tokenizer.words(text))}, without making the tokens. */
class TokenizerHashesTest {

    @Test
    void hashesAreThoseOfTheWordsTokens() {
        List<String> texts = new ArrayList<>(IdentityInputs.standard(29L, 7L));
        texts.add("Don't stop: 3.5 m\u00e9tres \uD83D\uDE00! \u2014 \u201cquoted\u201d \uD800x \t\u00a0end");
        StringBuilder everyChar = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            everyChar.append(c).append(c % 7 == 0 ? " " : "");
        }
        texts.add(everyChar.toString());
        long tokens = 0;
        for (String t : texts) {
            long[] expected = NgramHash.tokens(Tokenizer.words(t));
            assertThat(Tokenizer.tokenHashes(t)).as(t.length() > 60 ? t.substring(0, 60) : t).containsExactly(expected);
            tokens += expected.length;
        }
        assertThat(tokens).isGreaterThan(10_000);
        assertThat(Tokenizer.tokenHashes("")).isEmpty();
    }

    @Test
    void charHashEqualsStringHash() {
        char[] chars = "whale\u00e9\uD83D\uDE00".toCharArray();
        for (int len = 0; len <= chars.length; len++) {
            assertThat(NgramHash.token(chars, len)).isEqualTo(NgramHash.token(new String(chars, 0, len)));
        }
    }
}
