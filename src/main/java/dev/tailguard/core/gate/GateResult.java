package dev.tailguard.core.gate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The decision of one gate bound, as listed in {@code report.json} {@code gates}.
 *
 * @param stage     the stage that evaluated it
 * @param name      {@code <metric>.min} or {@code <metric>.max}
 * @param value     the measured value
 * @param threshold the bound
 * @param passed    whether the value is within the bound
 * @param onFail    the configured policy ({@code quarantine} or {@code stop})
 */
public record GateResult(String stage, String name, double value, double threshold, boolean passed,
                         @JsonProperty("on_fail") String onFail) {

    /** One-line description, e.g. {@code generate.duplicate_rate.max: 0.4 > 0.1}. */
    public String describe() {
        String op = name.endsWith(".min") ? (passed ? ">=" : "<") : (passed ? "<=" : ">");
        return stage + "." + name + ": " + value + " " + op + " " + threshold;
    }
}
