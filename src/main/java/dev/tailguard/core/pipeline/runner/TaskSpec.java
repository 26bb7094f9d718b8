package dev.tailguard.core.pipeline.runner;

import java.util.List;

/**
 * One bounded unit of a stage: a range of records of a list of shards. The records taken are {@code count} records
 * starting after skipping {@code skip} records of the concatenation of {@code keys}; {@code offset} is the global
 * ordinal of the first one in its side's stream (for per-record plans such as seed multiplicities).
 *
 * @param index  task index (outputs are ordered by it, never by completion order)
 * @param side   which stream the task reads, e.g. {@code real} or {@code synthetic}
 * @param keys   shard keys the range touches, in order
 * @param skip   records of {@code keys} to skip before the range
 * @param count  records in the range
 * @param offset global ordinal of the range's first record
 */
public record TaskSpec(int index, String side, List<String> keys, long skip, long count, long offset) {

    public TaskSpec {
        keys = List.copyOf(keys);
        if (index < 0 || skip < 0 || count < 0 || offset < 0) {
            throw new IllegalArgumentException("task index, skip, count and offset must be >= 0");
        }
    }

    /** The task's index as five digits, used in output shard names. */
    public String tag() {
        return String.format("%05d", index);
    }
}
