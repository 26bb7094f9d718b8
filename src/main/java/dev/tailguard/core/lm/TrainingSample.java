package dev.tailguard.core.lm;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic document sampling for a bounded reference LM: a document is admitted when a seeded 64-bit hash of its
 * id, read as a uniform number in [0, 1), is below {@code rate}. The decision depends on the id alone, so any worker,
 * shard order or worker count admits the same documents; with {@link #of(long, long)} the expected number of admitted
 * tokens is the cap, and {@link KneserNeyTrainer#KneserNeyTrainer(int, long)} enforces the cap exactly.
 *
 * @param rate admission probability in [0, 1]
 * @param seed hash seed (change it to draw another sample)
 */
public record TrainingSample(double rate, long seed) {
    /** Admits every document. */
    public static final TrainingSample ALL = new TrainingSample(1.0, 0L);

    public TrainingSample {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("sampling rate must be in [0, 1], got " + rate);
        }
    }

    /**
     * The sample whose expected size is {@code maxTrainingTokens} of a corpus of {@code corpusTokens} tokens (all
     * documents when the corpus is within the cap).
     */
    public static TrainingSample of(long corpusTokens, long maxTrainingTokens) {
        if (corpusTokens < 0 || maxTrainingTokens < 1) {
            throw new IllegalArgumentException("need corpus tokens >= 0 and a cap >= 1, got " + corpusTokens + ", "
                    + maxTrainingTokens);
        }
        if (corpusTokens <= maxTrainingTokens) {
            return ALL;
        }
        return new TrainingSample((double) maxTrainingTokens / corpusTokens, 0L);
    }

    /** True if the document with this id belongs to the sample. */
    public boolean admits(String documentId) {
        if (rate >= 1.0) {
            return true;
        }
        byte[] b = documentId.getBytes(StandardCharsets.UTF_8);
        long h = ByteVocabulary.hash(b, 0, b.length) ^ seed;
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 32;
        return (h >>> 11) * 0x1.0p-53 < rate;
    }
}
