package dev.tailguard.core.gate;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailguard.core.stats.Interval;

/**
 * The decision of one gate bound, as listed in {@code report.json} {@code gates}.
 *
 * @param stage     the stage that evaluated it
 * @param name      {@code <metric>.min} or {@code <metric>.max}
 * @param value     the measured value (point estimate)
 * @param threshold the bound
 * @param passed    whether the gate passed (see {@code test} for what was decided)
 * @param onFail    the configured policy ({@code quarantine} or {@code stop})
 * @param ci        95% interval of the value (null when the gate has no sample behind it)
 * @param n         sample size the decision rests on (synthetic documents; null for computed values)
 * @param test      how it was decided: {@code clopper-pearson-95} (a rate: max fails only when the interval's lower
 *                  bound exceeds it, min only when its upper bound is below it), {@code permutation-tv} (drift:
 *                  fails when the permutation p-value is at most {@link Gate#ALPHA} and the TV minus its null median exceeds the max) or
 *                  {@code point} (the value itself against the bound)
 * @param pValue    the test's p-value (permutation tests), else null
 */
public record GateResult(String stage, String name, double value, double threshold, boolean passed,
                         @JsonProperty("on_fail") String onFail, Interval ci, Long n, String test,
                         @JsonProperty("p_value") Double pValue) {

    /** A point-estimate decision (no sample behind the value). */
    public GateResult(String stage, String name, double value, double threshold, boolean passed, String onFail) {
        this(stage, name, value, threshold, passed, onFail, null, null, Gate.POINT, null);
    }

    /** One-line description, e.g. {@code score.pii_rate.max: 0.4 > 0.05 (95% CI [0.21, 0.61], n=20, clopper-pearson-95)}. */
    public String describe() {
        boolean within = name.endsWith(".min") ? value >= threshold : value <= threshold;
        String op = name.endsWith(".min") ? (within ? ">=" : "<") : (within ? "<=" : ">");
        String base = stage + "." + name + ": " + value + " " + op + " " + threshold;
        if (Gate.POINT.equals(test)) {
            return base;
        }
        StringBuilder sb = new StringBuilder(base).append(" (");
        if (ci != null) {
            sb.append("95% CI [").append(round(ci.lo())).append(", ").append(round(ci.hi())).append("], ");
        }
        if (pValue != null) {
            sb.append("p=").append(round(pValue)).append(", ");
        }
        return sb.append("n=").append(n).append(", ").append(test).append(passed ? ", passed" : ", failed").append(')').toString();
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
