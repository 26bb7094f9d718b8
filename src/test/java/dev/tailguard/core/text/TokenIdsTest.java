package dev.tailguard.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenIds} gives the tokens of {@link Tokenizer} (issue 12's interning of the anchor feed): {@code words} the
 * tokens of {@code Tokenizer.words}, {@code sentenceTokens} those of each of {@code Tokenizer.sentences}, and one id
 * per distinct token.
 */
class TokenIdsTest {

    private static List<String> strings(TokenIds ids, int[] tokens) {
        List<String> out = new ArrayList<>(tokens.length);
        for (int t : tokens) {
            out.add(ids.token(t));
        }
        return out;
    }

    private static List<String> sentenceWords(String text) {
        List<String> out = new ArrayList<>();
        for (String s : Tokenizer.sentences(text)) {
            out.addAll(Tokenizer.words(s));
        }
        return out;
    }

    @Test
    void wordsAndSentenceTokensAreTheTokenizersTokens() {
        TokenIds ids = new TokenIds();
        List<String> texts = new ArrayList<>(IdentityInputs.texts(3000, 17L));
        texts.add(String.join("\n\n", IdentityInputs.texts(0, 0L))); // above the tokenizer's kept buffer
        Set<String> distinct = new HashSet<>();
        for (String text : texts) {
            String label = text.length() > 60 ? text.substring(0, 60) : text;
            List<String> words = Tokenizer.words(text);
            assertThat(strings(ids, ids.words(text))).as(label).isEqualTo(words);
            assertThat(strings(ids, ids.sentenceTokens(text))).as(label).isEqualTo(sentenceWords(text));
            assertThat(strings(ids, ids.words(new StringBuilder(text)))).as("a CharSequence").isEqualTo(words);
            distinct.addAll(words);
            distinct.addAll(sentenceWords(text));
        }
        for (String t : distinct) {
            assertThat(ids.token(ids.id(t))).isEqualTo(t);
        }
        assertThat(ids.size()).as("one id per distinct token, plus the whole-text tokens of lone surrogates")
                .isGreaterThanOrEqualTo(distinct.size()).isLessThan(distinct.size() + 200);
    }

    @Test
    void aLoneHighSurrogateBeforeASentenceBoundaryIsSplitAsTheSentencesSplitIt() {
        String text = "first part \uD800\n\nsecond part. x\uD800 y";
        TokenIds ids = new TokenIds();
        assertThat(strings(ids, ids.words(text))).contains("\uD800\n");
        assertThat(strings(ids, ids.sentenceTokens(text))).isEqualTo(sentenceWords(text))
                .containsExactly("first", "part", "\uD800", "second", "part", ".", "x", "\uD800 ", "y");
    }

    @Test
    void idsAreDenseInFirstSeenOrderAndSurviveGrowth() {
        TokenIds ids = new TokenIds();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            assertThat(ids.id("w" + i)).isEqualTo(i);
        }
        for (int i = 0; i < n; i += 997) {
            assertThat(ids.id("w" + i)).isEqualTo(i);
            assertThat(ids.token(i)).isEqualTo("w" + i);
        }
        assertThat(ids.size()).isEqualTo(n);
        assertThat(ids.words("w3 w3 . new")).containsExactly(3, 3, n, n + 1);
        assertThatThrownBy(() -> ids.token(n + 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aLongTextThenAShortOneGiveTheirOwnTokens() {
        TokenIds ids = new TokenIds();
        String longText = "alpha beta. ".repeat(40_000);
        int[] many = ids.sentenceTokens(longText);
        assertThat(many).hasSize(120_000);
        assertThat(ids.token(many[119_999])).isEqualTo(".");
        assertThat(strings(ids, ids.sentenceTokens("beta gamma"))).containsExactly("beta", "gamma");
        assertThat(strings(ids, ids.words(longText))).isEqualTo(Tokenizer.words(longText));
    }

    @Test
    void shortTokensWithTheSameLeadingCharactersOrAZeroCharacterStayDistinct() {
        TokenIds ids = new TokenIds();
        List<String> tokens = List.of("a", "a\0", "\0a", "ab", "aba", "abab", "\0", "\0\0", "b", "\uffff\uffff\uffff",
                "\uffff\uffff", "", "abc", "abcd");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < tokens.size(); i++) {
                assertThat(ids.id(tokens.get(i))).as(tokens.get(i)).isEqualTo(i);
            }
        }
        assertThat(ids.size()).isEqualTo(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            assertThat(ids.token(i)).isEqualTo(tokens.get(i));
        }
    }
}
