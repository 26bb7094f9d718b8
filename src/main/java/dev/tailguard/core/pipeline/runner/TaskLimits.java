package dev.tailguard.core.pipeline.runner;

/**
 * Bounds on one task, set by the deployment ({@code tailguard.tasks.max-records}, {@code tailguard.tasks.max-bytes})
 * and frozen with the run, so the split (and therefore every output byte) is the same for any worker count.
 *
 * @param maxRecords records per task (&gt; 0)
 * @param maxBytes   UTF-8 text bytes per task (&gt; 0); a task closes at the first record that reaches it
 */
public record TaskLimits(int maxRecords, long maxBytes) {

    /** Defaults: 2,000 records or 1 MiB of text per task. */
    public static final TaskLimits DEFAULTS = new TaskLimits(2000, 1L << 20);

    public TaskLimits {
        if (maxRecords <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("task limits must be > 0, got records " + maxRecords + ", bytes " + maxBytes);
        }
    }
}
