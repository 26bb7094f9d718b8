package dev.tailguard.core.report;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cheap language guess for the dataset card's {@code language} when {@code tailguard.card.language} is not set: the
 * share of running words that are one language's most frequent function words (the "short words" method, Grefenstette
 * 1995, "Comparing two language identification schemes", JADT). It answers only when one language is clear:
 * at least {@value #MIN_SHARE} of the words are its function words and at least {@value #MIN_LEAD} times as many as
 * the runner-up's; otherwise it answers nothing and the card asks for the key. Seven Latin-script languages are
 * known; anything else is left to configuration.
 */
final class LanguageGuess {

    /** Documents sampled (the first ones of the blended output, in shard order). */
    static final int SAMPLE_DOCUMENTS = 200;
    /** Words read at most. */
    static final int MAX_WORDS = 200_000;
    /** Minimum share of running words that are the language's function words (ours: a conservative floor). */
    static final double MIN_SHARE = 0.15;
    /** Minimum lead over the runner-up language (ours). */
    static final double MIN_LEAD = 2.0;

    /** ISO 639-1 code to its most frequent function words. */
    private static final Map<String, Set<String>> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put("en", Set.of("the", "of", "and", "to", "in", "is", "that", "it", "was", "for", "with", "as", "on",
                "be", "by", "this", "which", "are", "have", "not"));
        WORDS.put("de", Set.of("der", "die", "und", "den", "das", "nicht", "ist", "des", "sich", "mit", "dem", "ein",
                "eine", "auf", "auch", "es", "zu", "im", "wir", "ich"));
        WORDS.put("fr", Set.of("le", "la", "les", "et", "des", "est", "un", "une", "du", "que", "qui", "dans", "pour",
                "pas", "au", "il", "sur", "ne", "nous", "ce"));
        WORDS.put("es", Set.of("el", "la", "los", "las", "y", "que", "del", "en", "un", "una", "por", "con", "para",
                "es", "se", "no", "al", "lo", "como", "su"));
        WORDS.put("it", Set.of("il", "di", "che", "e", "la", "per", "un", "non", "sono", "del", "della", "gli", "le",
                "con", "una", "si", "da", "anche", "nel", "alla"));
        WORDS.put("nl", Set.of("de", "het", "een", "en", "van", "ik", "te", "dat", "die", "niet", "is", "zijn", "op",
                "voor", "met", "ook", "als", "maar", "er", "wij"));
        WORDS.put("pt", Set.of("o", "os", "as", "e", "do", "da", "dos", "das", "que", "em", "um", "uma", "para", "com",
                "não", "por", "se", "no", "na", "ao"));
    }

    private LanguageGuess() {
    }

    /** The ISO 639-1 code of the texts' language, when one is clear. */
    static Optional<String> of(List<String> texts) {
        Map<String, Long> hits = new HashMap<>();
        long words = 0;
        for (String t : texts) {
            for (String w : t.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
                if (w.isEmpty()) {
                    continue;
                }
                if (++words > MAX_WORDS) {
                    break;
                }
                for (Map.Entry<String, Set<String>> e : WORDS.entrySet()) {
                    if (e.getValue().contains(w)) {
                        hits.merge(e.getKey(), 1L, Long::sum);
                    }
                }
            }
        }
        if (words == 0 || hits.isEmpty()) {
            return Optional.empty();
        }
        List<Map.Entry<String, Long>> ranked = hits.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        long best = ranked.get(0).getValue();
        long second = ranked.size() > 1 ? ranked.get(1).getValue() : 0;
        boolean clear = best >= MIN_SHARE * Math.min(words, MAX_WORDS) && best >= MIN_LEAD * second;
        return clear ? Optional.of(ranked.get(0).getKey()) : Optional.empty();
    }
}
