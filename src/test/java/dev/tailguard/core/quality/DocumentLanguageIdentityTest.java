package dev.tailguard.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.text.IdentityInputs;
import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link DocumentLanguage} with one word-to-language-bitmask lookup per token and an ASCII fast path in the script
 * count (issue 12) gives exactly the answers of the former per-language {@code Set.contains} and boxed-map version,
 * kept here as the oracle.
 */
class DocumentLanguageIdentityTest {

    @Test
    void sameAnswersAsTheFormerVersion() {
        List<String> texts = IdentityInputs.texts(3000, 12L);
        int nonEnglish = 0;
        for (String text : texts) {
            List<String> tokens = Tokenizer.words(text);
            String as = text.length() > 60 ? text.substring(0, 60) : text;
            assertThat(DocumentLanguage.of(tokens)).as(as).isEqualTo(Oracle.of(tokens));
            Optional<String> why = DocumentLanguage.nonEnglish(tokens);
            assertThat(why).as(as).isEqualTo(Oracle.nonEnglish(tokens));
            // whitespace tokens keep upper case and punctuation: the any-case path
            List<String> raw = Tokenizer.whitespace(text);
            assertThat(DocumentLanguage.of(raw)).as(as).isEqualTo(Oracle.of(raw));
            assertThat(DocumentLanguage.nonEnglish(raw)).as(as).isEqualTo(Oracle.nonEnglish(raw));
            nonEnglish += why.isPresent() ? 1 : 0;
        }
        assertThat(nonEnglish).as("inputs exercise both answers").isBetween(1, texts.size() - 1);
    }

    @Test
    void countMatchesTheFormerVersionForEveryFunctionWordInAnyCase() {
        List<String> words = new ArrayList<>(List.of("", "x", "The", "DIE", "Não", "nao", "İl", "ıl", "Ｔｈｅ"));
        DocumentLanguage.FUNCTION_WORDS.values().forEach(s -> s.forEach(w -> {
            words.add(w);
            words.add(w.toUpperCase(Locale.ROOT));
            words.add(w + "s");
        }));
        Map<String, Long> now = new HashMap<>();
        Map<String, Long> before = new HashMap<>();
        for (String w : words) {
            DocumentLanguage.count(w, now);
            Oracle.count(w, before);
            assertThat(now).as(w).isEqualTo(before);
        }
        assertThat(now).containsKeys("en", "de", "fr", "es", "it", "nl", "pt");
    }

    @Test
    void scriptTiesGoToTheFirstDeclaredScriptAsBefore() {
        for (String text : List.of("αβ аб", "аб αβ", "ab αβγ абв", "a 一二 αβ", "日本 αβ", "\uD835\uDC00 α")) {
            List<String> tokens = Tokenizer.words(text);
            assertThat(DocumentLanguage.nonEnglish(tokens)).as(text).isEqualTo(Oracle.nonEnglish(tokens));
        }
    }

    /** The implementation before issue 12's rewrite. */
    private static final class Oracle {

        static void count(String word, Map<String, Long> hits) {
            String lw = word.toLowerCase(Locale.ROOT);
            for (Map.Entry<String, Set<String>> e : DocumentLanguage.FUNCTION_WORDS.entrySet()) {
                if (e.getValue().contains(lw)) {
                    hits.merge(e.getKey(), 1L, Long::sum);
                }
            }
        }

        static Optional<String> of(List<String> tokens) {
            Map<String, Long> hits = new HashMap<>();
            long words = 0;
            for (String t : tokens) {
                if (hasLetter(t)) {
                    words++;
                    count(t, hits);
                }
            }
            return DocumentLanguage.clear(hits, words);
        }

        static Optional<String> nonEnglish(List<String> tokens) {
            Optional<String> script = dominantNonLatinScript(tokens);
            if (script.isPresent()) {
                return script.map(s -> "script " + s);
            }
            return of(tokens).filter(l -> !l.equals("en")).map(l -> "language " + l);
        }

        static Optional<String> dominantNonLatinScript(List<String> tokens) {
            Map<Character.UnicodeScript, Long> scripts = new EnumMap<>(Character.UnicodeScript.class);
            long letters = 0;
            for (String t : tokens) {
                for (int i = 0; i < t.length(); ) {
                    int cp = t.codePointAt(i);
                    i += Character.charCount(cp);
                    if (Character.isLetter(cp)) {
                        letters++;
                        scripts.merge(Character.UnicodeScript.of(cp), 1L, Long::sum);
                    }
                }
            }
            long latin = scripts.getOrDefault(Character.UnicodeScript.LATIN, 0L);
            if (letters == 0 || latin >= DocumentLanguage.MIN_LATIN_LETTERS * letters) {
                return Optional.empty();
            }
            return scripts.entrySet().stream().filter(e -> e.getKey() != Character.UnicodeScript.LATIN)
                    .max(Map.Entry.comparingByValue()).map(e -> e.getKey().name().toLowerCase(Locale.ROOT));
        }

        static boolean hasLetter(String t) {
            for (int i = 0; i < t.length(); i++) {
                if (Character.isLetter(t.charAt(i))) {
                    return true;
                }
            }
            return false;
        }
    }
}
