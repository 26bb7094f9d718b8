package dev.tailguard.core.quality;

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

    /** The ISO codes of {@link #FUNCTION_WORDS}, in its order (bit {@code i} of a mask is {@code CODES[i]}). */
    private static final String[] CODES = FUNCTION_WORDS.keySet().toArray(new String[0]);
    /** Lower-case function word to the bitmask of the languages listing it: one lookup per token. */
    private static final Map<String, Integer> LANGUAGES_OF_WORD = languagesOfWord();
    private static final Character.UnicodeScript[] SCRIPTS = Character.UnicodeScript.values();

    private DocumentLanguage() {
    }

    private static Map<String, Integer> languagesOfWord() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < CODES.length; i++) {
            int bit = 1 << i;
            for (String w : FUNCTION_WORDS.get(CODES[i])) {
                m.merge(w, bit, (a, b) -> a | b);
            }
        }
        return Map.copyOf(m);
    }

    /** Bitmask of the languages whose function words include {@code word} (any case); 0 when none. */
    private static int languages(String word) {
        Integer mask = LANGUAGES_OF_WORD.get(word.toLowerCase(Locale.ROOT));
        return mask == null ? 0 : mask;
    }

    /** Adds the function-word hits of one word (any case) to {@code hits}. */
    public static void count(String word, Map<String, Long> hits) {
        int mask = languages(word);
        for (int i = 0; mask != 0; i++, mask >>>= 1) {
            if ((mask & 1) != 0) {
                hits.merge(CODES[i], 1L, Long::sum);
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
        return clear(best, second, words) ? Optional.of(ranked.get(0).getKey()) : Optional.empty();
    }

    private static boolean clear(long best, long second, long words) {
        return best >= MIN_SHARE * words && best >= MIN_LEAD * second;
    }

    /**
     * {@link #clear(Map, long)} on hits per language index (0 = no hit): the most hits, ties to the
     * alphabetically first code, against the runner-up's hits.
     */
    private static Optional<String> clear(long[] hits, long words) {
        int top = -1;
        for (int i = 0; i < hits.length; i++) {
            if (hits[i] > 0 && (top < 0 || hits[i] > hits[top]
                    || (hits[i] == hits[top] && CODES[i].compareTo(CODES[top]) < 0))) {
                top = i;
            }
        }
        if (words == 0 || top < 0) {
            return Optional.empty();
        }
        long second = 0;
        for (int i = 0; i < hits.length; i++) {
            if (i != top) {
                second = Math.max(second, hits[i]);
            }
        }
        return clear(hits[top], second, words) ? Optional.of(CODES[top]) : Optional.empty();
    }

    /** The clear language of a document's word tokens ({@code Tokenizer.words}), or empty. */
    public static Optional<String> of(List<String> tokens) {
        long[] hits = new long[CODES.length];
        long words = 0;
        for (String t : tokens) {
            if (hasLetter(t)) {
                words++;
                addHits(languages(t), hits);
            }
        }
        return clear(hits, words);
    }

    private static void addHits(int mask, long[] hits) {
        for (int i = 0; mask != 0; i++, mask >>>= 1) {
            hits[i] += mask & 1;
        }
    }

    /**
     * Why an English-only rule does not apply to the document: {@code language xx} when it is clearly another known
     * language, {@code script xxx} when most of its letters are not Latin script; empty when it is English or
     * undetermined (the rule then applies).
     */
    public static Optional<String> nonEnglish(List<String> tokens) {
        // one pass: letters by script (code points) and, for tokens with a letter (chars), function-word hits
        long[] scripts = null;
        long letters = 0;
        long latin = 0;
        long[] hits = new long[CODES.length];
        long words = 0;
        for (String t : tokens) {
            boolean hasLetter = false;
            for (int i = 0, n = t.length(); i < n; ) {
                char c = t.charAt(i);
                if (c < 128) { // ASCII: the letters are a-z and A-Z, all Latin script
                    i++;
                    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                        letters++;
                        latin++;
                        hasLetter = true;
                    }
                    continue;
                }
                int cp = t.codePointAt(i);
                int chars = Character.charCount(cp);
                i += chars;
                if (Character.isLetter(cp)) {
                    letters++;
                    hasLetter |= chars == 1; // a surrogate char is not a letter (as {@link #hasLetter})
                    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                    if (script == Character.UnicodeScript.LATIN) {
                        latin++;
                    } else {
                        if (scripts == null) {
                            scripts = new long[SCRIPTS.length];
                        }
                        scripts[script.ordinal()]++;
                    }
                }
            }
            if (hasLetter) {
                words++;
                addHits(languages(t), hits);
            }
        }
        Optional<String> script = dominantNonLatin(scripts, letters, latin);
        if (script.isPresent()) {
            return script.map(s -> "script " + s);
        }
        return clear(hits, words).filter(l -> !l.equals("en")).map(l -> "language " + l);
    }

    /**
     * The most frequent non-Latin script of the letters (code points) when Latin letters are fewer than
     * {@value #MIN_LATIN_LETTERS} of them; ties go to the script declared first in {@link Character.UnicodeScript}.
     */
    private static Optional<String> dominantNonLatin(long[] scripts, long letters, long latin) {
        if (letters == 0 || latin >= MIN_LATIN_LETTERS * letters || scripts == null) {
            return Optional.empty();
        }
        int best = 0;
        for (int s = 1; s < scripts.length; s++) {
            if (scripts[s] > scripts[best]) {
                best = s;
            }
        }
        return Optional.of(SCRIPTS[best].name().toLowerCase(Locale.ROOT));
    }

    private static boolean hasLetter(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 128 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : Character.isLetter(c)) {
                return true;
            }
        }
        return false;
    }
}
