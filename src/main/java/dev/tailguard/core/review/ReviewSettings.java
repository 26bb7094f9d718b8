package dev.tailguard.core.review;

/**
 * Review gate settings.
 *
 * @param sampleSize documents sampled per batch for the reviewer ({@code tailguard.review.sample-size})
 * @param minSpanTokens shortest shared token run highlighted as memorised ({@code tailguard.review.min-span-tokens});
 *                      a display threshold, not a gate
 */
public record ReviewSettings(int sampleSize, int minSpanTokens) {

    /** 20 sampled documents, spans of 8 tokens or more. */
    public static final ReviewSettings DEFAULTS = new ReviewSettings(20, 8);

    public ReviewSettings {
        if (sampleSize < 1) {
            throw new IllegalArgumentException("tailguard.review.sample-size must be >= 1, got " + sampleSize);
        }
        if (minSpanTokens < 1) {
            throw new IllegalArgumentException("tailguard.review.min-span-tokens must be >= 1, got " + minSpanTokens);
        }
    }
}
