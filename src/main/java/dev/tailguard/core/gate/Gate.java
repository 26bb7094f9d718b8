package dev.tailguard.core.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Evaluates the configured gates of a stage against the metrics the stage measured. */
public final class Gate {

    /** Metrics each stage measures and can gate on. */
    public static final Map<String, Set<String>> METRICS = Map.of(
            "generate", Set.of("distinct_2", "duplicate_rate", "near_duplicate_rate"),
            "score", Set.of("synthetic_pass_rate", "real_pass_rate", "perplexity_ratio", "pii_rate",
                    "memorised_13gram_share"),
            "blend", Set.of("synthetic_ratio", "real_fraction", "tail_coverage", "drift_tv"),
            "report", Set.of("distinct_2_ratio", "compression_ratio_delta", "collapse_risk_level"));

    /** Prefix of per-field drift metrics ({@code drift_tv_<metadata field>}, blend stage). */
    public static final String DRIFT_PREFIX = "drift_tv_";

    private Gate() {
    }

    /** Throws when a spec names an unknown stage or metric. */
    public static void validate(List<GateSpec> specs) {
        for (GateSpec s : specs) {
            Set<String> known = METRICS.get(s.stage());
            if (known == null) {
                throw new IllegalArgumentException("unknown gate stage '" + s.stage() + "' (known: " + METRICS.keySet() + ")");
            }
            if (!known.contains(s.metric()) && !("blend".equals(s.stage()) && s.metric().startsWith(DRIFT_PREFIX)
                    && s.metric().length() > DRIFT_PREFIX.length())) {
                throw new IllegalArgumentException("unknown gate metric '" + s.stage() + "." + s.metric() + "' (known: " + known + ")");
            }
        }
    }

    /** Evaluates every spec of the stage; a metric absent from {@code values} (not measurable, e.g. no synthetic) is skipped. */
    public static List<GateResult> evaluate(String stage, Map<String, Double> values, List<GateSpec> specs) {
        List<GateResult> out = new ArrayList<>();
        for (GateSpec s : specs) {
            if (!s.stage().equals(stage) || !values.containsKey(s.metric())) {
                continue;
            }
            double v = values.get(s.metric());
            if (s.min() != null) {
                out.add(new GateResult(stage, s.metric() + ".min", v, s.min(), v >= s.min(), s.onFail()));
            }
            if (s.max() != null) {
                out.add(new GateResult(stage, s.metric() + ".max", v, s.max(), v <= s.max(), s.onFail()));
            }
        }
        return out;
    }

    /** The failed results with the given policy. */
    public static List<GateResult> failed(List<GateResult> results, String onFail) {
        return results.stream().filter(r -> !r.passed() && r.onFail().equals(onFail)).toList();
    }
}
