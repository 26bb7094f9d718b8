package dev.tailguard.core.pipeline.runner;

/**
 * Bounds on one task, set by the deployment ({@code tailguard.tasks.max-records}, {@code tailguard.tasks.max-bytes},
 * {@code tailguard.reference.max-training-tokens}) and frozen with the run, so the split (and therefore every output
 * byte) is the same for any worker count.
 *
 * @param maxRecords records per task (&gt; 0)
 * @param maxBytes   UTF-8 text bytes per task (&gt; 0); a task closes at the first record that reaches it
 * @param maxReferenceTokens training tokens per reference language model (each of the two cross-fitted folds;
 *                   0 in a run frozen before the key existed = {@link #DEFAULT_REFERENCE_TOKENS}); bounds the models
 *                   every score task loads, whatever the corpus size
 */
public record TaskLimits(int maxRecords, long maxBytes, long maxReferenceTokens) {

    /** Default cap per reference model: 2 M tokens (see the README's {@code bench lm-cap} table for the perplexity effect). */
    public static final long DEFAULT_REFERENCE_TOKENS = 2_000_000L;

    /** Defaults: 2,000 records or 1 MiB of text per task, 2 M reference tokens per model. */
    public static final TaskLimits DEFAULTS = new TaskLimits(2000, 1L << 20, DEFAULT_REFERENCE_TOKENS);

    public TaskLimits {
        if (maxRecords <= 0 || maxBytes <= 0 || maxReferenceTokens < 0) {
            throw new IllegalArgumentException("task limits must be > 0, got records " + maxRecords + ", bytes " + maxBytes
                    + ", reference tokens " + maxReferenceTokens);
        }
        maxReferenceTokens = maxReferenceTokens == 0 ? DEFAULT_REFERENCE_TOKENS : maxReferenceTokens;
    }

    /** Task bounds with the default reference-model cap. */
    public TaskLimits(int maxRecords, long maxBytes) {
        this(maxRecords, maxBytes, DEFAULT_REFERENCE_TOKENS);
    }
}
