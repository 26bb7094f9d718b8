package dev.tailguard.core.pipeline.runner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's mergeable partial state, stored as its completion marker: the output keys it wrote by kind, its counts,
 * and generator-specific details (usage, refinement report) kept as the generator reported them.
 *
 * @param schema  version ({@link #SCHEMA})
 * @param stage   stage name
 * @param index   task index
 * @param keys    output keys by kind (e.g. {@code synthetic}, {@code quarantine_rejected}), in write order
 * @param counts  counts by name
 * @param details extra reports keyed by name (may be empty)
 */
public record TaskResult(int schema, String stage, int index, Map<String, List<String>> keys, Map<String, Long> counts,
                         Map<String, Object> details) {

    /** Current schema version. */
    public static final int SCHEMA = 1;

    public TaskResult {
        keys = keys == null ? Map.of() : new LinkedHashMap<>(keys);
        counts = counts == null ? Map.of() : new LinkedHashMap<>(counts);
        details = details == null ? Map.of() : new LinkedHashMap<>(details);
    }

    /** Keys of a kind ({@code []} when none). */
    public List<String> keys(String kind) {
        return keys.getOrDefault(kind, List.of());
    }

    /** A count (0 when absent). */
    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }
}
