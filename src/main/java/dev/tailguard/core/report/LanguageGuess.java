package dev.tailguard.core.report;

import dev.tailguard.core.quality.DocumentLanguage;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
    static final double MIN_SHARE = DocumentLanguage.MIN_SHARE;
    /** Minimum lead over the runner-up language (ours). */
    static final double MIN_LEAD = DocumentLanguage.MIN_LEAD;

    private LanguageGuess() {
    }

    /** The ISO 639-1 code of the texts' language, when one is clear ({@link DocumentLanguage#clear}). */
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
                DocumentLanguage.count(w, hits);
            }
        }
        return DocumentLanguage.clear(hits, Math.min(words, MAX_WORDS));
    }
}
