package dev.tailguard.core.quality;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cheap per-document language guess, the "short words" method (Grefenstette 1995, "Comparing two language
 * identification schemes", JADT): the share of running words that are one language's most frequent function words.
 * It answers only when one language is clear: at least {@value #MIN_SHARE} of the words are its function words and at
 * least {@value #MIN_LEAD} times as many as the runner-up's. Seven Latin-script languages are known. The dataset
 * card's corpus-level guess ({@code report.LanguageGuess}) uses the same table and thresholds.
 *
 * <p>Used to gate English-only quality rules ({@link GopherQualityRules}, the stop-word rule): such a rule is not
 * applied when {@link #nonEnglish} gives a reason, i.e. when the document is clearly another known language or its
 * letters are mostly not Latin script. An undetermined document keeps the rule (nothing is loosened for English).
 */
public final class DocumentLanguage {

    /** Minimum share of running words that are the language's function words (ours: a conservative floor). */
    public static final double MIN_SHARE = 0.15;
    /** Minimum lead over the runner-up language (ours). */
    public static final double MIN_LEAD = 2.0;
    /** Share of letters below which a text counts as not Latin script (ours: a simple majority). */
    public static final double MIN_LATIN_LETTERS = 0.5;

    /** ISO 639-1 code to its most frequent function words (twenty each, lower case). */
    public static final Map<String, Set<String>> FUNCTION_WORDS;

    static {
        Map<String, Set<String>> w = new LinkedHashMap<>();
        w.put("en", Set.of("the", "of", "and", "to", "in", "is", "that", "it", "was", "for", "with", "as", "on",
                "be", "by", "this", "which", "are", "have", "not"));
        w.put("de", Set.of("der", "die", "und", "den", "das", "nicht", "ist", "des", "sich", "mit", "dem", "ein",
                "eine", "auf", "auch", "es", "zu", "im", "wir", "ich"));
        w.put("fr", Set.of("le", "la", "les", "et", "des", "est", "un", "une", "du", "que", "qui", "dans", "pour",
                "pas", "au", "il", "sur", "ne", "nous", "ce"));
        w.put("es", Set.of("el", "la", "los", "las", "y", "que", "del", "en", "un", "una", "por", "con", "para",
                "es", "se", "no", "al", "lo", "como", "su"));
        w.put("it", Set.of("il", "di", "che", "e", "la", "per", "un", "non", "sono", "del", "della", "gli", "le",
                "con", "una", "si", "da", "anche", "nel", "alla"));
        w.put("nl", Set.of("de", "het", "een", "en", "van", "ik", "te", "dat", "die", "niet", "is", "zijn", "op",
                "voor", "met", "ook", "als", "maar", "er", "wij"));
        w.put("pt", Set.of("o", "os", "as", "e", "do", "da", "dos", "das", "que", "em", "um", "uma", "para", "com",
                "não", "por", "se", "no", "na", "ao"));
        FUNCTION_WORDS = java.util.Collections.unmodifiableMap(w);
    }

    private DocumentLanguage() {
    }

    /** Adds the function-word hits of one word (any case) to {@code hits}. */
    public static void count(String word, Map<String, Long> hits) {
        String lw = word.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Set<String>> e : FUNCTION_WORDS.entrySet()) {
            if (e.getValue().contains(lw)) {
                hits.merge(e.getKey(), 1L, Long::sum);
            }
        }
    }

    /**
     * The clear language of a text with {@code words} running words and the given per-language hits, or empty.
     *
     * @param hits  function-word hits per ISO code ({@link #count})
     * @param words running words read
     */
    public static Optional<String> clear(Map<String, Long> hits, long words) {
        if (words == 0 || hits.isEmpty()) {
            return Optional.empty();
        }
        List<Map.Entry<String, Long>> ranked = hits.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        long best = ranked.get(0).getValue();
        long second = ranked.size() > 1 ? ranked.get(1).getValue() : 0;
        boolean clear = best >= MIN_SHARE * words && best >= MIN_LEAD * second;
        return clear ? Optional.of(ranked.get(0).getKey()) : Optional.empty();
    }

    /** The clear language of a document's word tokens ({@code Tokenizer.words}), or empty. */
    public static Optional<String> of(List<String> tokens) {
        Map<String, Long> hits = new HashMap<>();
        long words = 0;
        for (String t : tokens) {
            if (hasLetter(t)) {
                words++;
                count(t, hits);
            }
        }
        return clear(hits, words);
    }

    /**
     * Why an English-only rule does not apply to the document: {@code language xx} when it is clearly another known
     * language, {@code script xxx} when most of its letters are not Latin script; empty when it is English or
     * undetermined (the rule then applies).
     */
    public static Optional<String> nonEnglish(List<String> tokens) {
        Optional<String> script = dominantNonLatinScript(tokens);
        if (script.isPresent()) {
            return script.map(s -> "script " + s);
        }
        return of(tokens).filter(l -> !l.equals("en")).map(l -> "language " + l);
    }

    private static Optional<String> dominantNonLatinScript(List<String> tokens) {
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
        if (letters == 0 || latin >= MIN_LATIN_LETTERS * letters) {
            return Optional.empty();
        }
        return scripts.entrySet().stream().filter(e -> e.getKey() != Character.UnicodeScript.LATIN)
                .max(Map.Entry.comparingByValue()).map(e -> e.getKey().name().toLowerCase(Locale.ROOT));
    }

    private static boolean hasLetter(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isLetter(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
