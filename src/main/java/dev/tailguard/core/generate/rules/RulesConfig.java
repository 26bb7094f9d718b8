package dev.tailguard.core.generate.rules;

/**
 * Settings of the rule-based rephraser.
 *
 * @param seed            seed of the per-document random streams (same seed, same output)
 * @param synonymRate     probability that an eligible content word is replaced by a WordNet synonym
 * @param clauseRate      probability that a sentence with a fronted or trailing subordinate clause is reordered
 * @param sentenceRate    probability that a paragraph gets one pair of adjacent sentences swapped
 * @param qaFraction      fraction of documents rendered in the question/answer style
 */
public record RulesConfig(long seed, double synonymRate, double clauseRate, double sentenceRate, double qaFraction) {

    public RulesConfig {
        check("synonym-rate", synonymRate);
        check("clause-rate", clauseRate);
        check("sentence-rate", sentenceRate);
        check("qa-fraction", qaFraction);
    }

    /** Defaults: seed 42, synonym rate 0.25, clause rate 0.5, sentence rate 0.3, Q/A fraction 0.25. */
    public static RulesConfig defaults() {
        return new RulesConfig(42L, 0.25, 0.5, 0.3, 0.25);
    }

    public RulesConfig withSeed(long s) {
        return new RulesConfig(s, synonymRate, clauseRate, sentenceRate, qaFraction);
    }

    private static void check(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("tailguard.generate.rules." + name + " must be in [0,1], got " + p);
        }
    }
}
