package dev.tailguard.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's CPU cuts in {@link Tokenizer} keep its answers: {@code words} reading a per-thread copy of the text
 * through an ASCII table (also with several threads at once, and for a non-String {@code CharSequence}) and
 * {@code sentences} with index-based trimming give exactly the former outputs (the former {@code sentences} is kept here as the oracle; {@code words} against
 * {@link TokenizerWordsTest}'s reference).
 */
class TokenizerIdentityTest {

    @Test
    void wordsAreTheReferenceTokens() {
        for (String text : IdentityInputs.texts(2000, 7L)) {
            List<String> expected = TokenizerWordsTest.reference(text);
            assertThat(Tokenizer.words(text)).as(text.length() > 60 ? text.substring(0, 60) : text).isEqualTo(expected);
            assertThat(Tokenizer.words(new StringBuilder(text))).as("a CharSequence that is not a String")
                    .isEqualTo(expected);
        }
        String big = String.join("\n\n", IdentityInputs.texts(0, 0L));
        assertThat(big.length()).as("above the kept per-thread buffer").isGreaterThan(1 << 16);
        assertThat(Tokenizer.words(big)).isEqualTo(TokenizerWordsTest.reference(big));
        String longWord = "x".repeat(40);
        assertThat(Tokenizer.words(longWord + " " + longWord)).containsExactly(longWord, longWord);
    }

    @Test
    void threadsSharingTheTokenizerGetTheReferenceTokens() throws Exception {
        List<String> texts = IdentityInputs.texts(600, 99L);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    int checked = 0;
                    for (int k = 0; k < texts.size(); k++) {
                        String text = texts.get((k * 7 + offset * 131) % texts.size());
                        assertThat(Tokenizer.words(text)).isEqualTo(TokenizerWordsTest.reference(text));
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get()).isEqualTo(texts.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sentencesAreTheFormerSentences() {
        List<String> texts = new ArrayList<>(IdentityInputs.texts(2000, 3L));
        texts.addAll(List.of("  \t", "A.  B. ", " x \u2029 y.\u3000 Next one!\u00a0 ", "\u2003Em space.\u2003"));
        for (String text : texts) {
            assertThat(Tokenizer.sentences(text)).as(text.length() > 60 ? text.substring(0, 60) : text)
                    .isEqualTo(Oracle.sentences(text));
        }
    }

    /** {@code Tokenizer.sentences} before issue 12 (trimming through {@code String.strip}). */
    private static final class Oracle {

        private static final Set<String> ABBREVIATIONS = Set.of(
                "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "gen", "col", "capt", "gov", "sen", "rep",
                "hon", "no", "co", "inc", "ltd", "u.s", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                "sep", "sept", "oct", "nov", "dec");

        static List<String> sentences(CharSequence text) {
            List<String> out = new ArrayList<>();
            int n = text.length();
            int start = 0;
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                boolean boundary = false;
                int end = i + 1;
                if (c == '.' || c == '!' || c == '?') {
                    while (end < n && isCloser(text.charAt(end))) {
                        end++;
                    }
                    if (end >= n || Character.isWhitespace(text.charAt(end))) {
                        boundary = c != '.' || !abbreviationBefore(text, i);
                    }
                } else if (c == '\n' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    boundary = true;
                }
                if (boundary) {
                    addTrimmed(out, text, start, end);
                    start = end;
                    i = end - 1;
                }
            }
            addTrimmed(out, text, start, n);
            return out;
        }

        static boolean isCloser(char c) {
            return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201d' || c == '\u2019';
        }

        static boolean abbreviationBefore(CharSequence text, int dot) {
            int j = dot - 1;
            while (j >= 0 && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '.')) {
                j--;
            }
            String word = text.subSequence(j + 1, dot).toString().toLowerCase(Locale.ROOT);
            if (word.isEmpty()) {
                return false;
            }
            return (word.length() == 1 && Character.isUpperCase(text.charAt(dot - 1))) || ABBREVIATIONS.contains(word);
        }

        static void addTrimmed(List<String> out, CharSequence text, int from, int to) {
            String s = text.subSequence(from, to).toString().strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
    }
}
