package dev.tailguard.core.gate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One configured gate bound: {@code tailguard.gates.<stage>.<metric>.min|max} with {@code on-fail}.
 *
 * @param stage  generate, score, blend or report
 * @param metric metric name (underscores), e.g. {@code duplicate_rate}
 * @param min    lower bound (inclusive) or null
 * @param max    upper bound (inclusive) or null
 * @param onFail {@code quarantine} (the stage's batch is quarantined with the failing gate) or {@code stop} (the run fails)
 */
public record GateSpec(String stage, String metric, Double min, Double max, @JsonProperty("on_fail") String onFail) {

    public GateSpec {
        metric = metric.replace('-', '_');
        if (!"quarantine".equals(onFail) && !"stop".equals(onFail)) {
            throw new IllegalArgumentException("gate " + stage + "." + metric + ": on-fail must be quarantine or stop, got " + onFail);
        }
        if (min == null && max == null) {
            throw new IllegalArgumentException("gate " + stage + "." + metric + ": needs min or max");
        }
    }
}
