package dev.tailguard.core.gate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GateTest {

    @Test
    void evaluatesMinAndMaxBoundsOfTheStage() {
        List<GateSpec> specs = List.of(
                new GateSpec("generate", "distinct-2", 0.3, 0.9, "quarantine"),
                new GateSpec("generate", "duplicate_rate", null, 0.1, "stop"),
                new GateSpec("blend", "synthetic_ratio", null, 0.5, "stop"));
        List<GateResult> r = Gate.evaluate("generate", Map.of("distinct_2", 0.25, "duplicate_rate", 0.1), specs);
        assertThat(r).containsExactly(
                new GateResult("generate", "distinct_2.min", 0.25, 0.3, false, "quarantine"),
                new GateResult("generate", "distinct_2.max", 0.25, 0.9, true, "quarantine"),
                new GateResult("generate", "duplicate_rate.max", 0.1, 0.1, true, "stop"));
        assertThat(Gate.failed(r, "quarantine")).hasSize(1);
        assertThat(Gate.failed(r, "stop")).isEmpty();
        assertThat(r.get(0).describe()).isEqualTo("generate.distinct_2.min: 0.25 < 0.3");
        assertThat(r.get(0).test()).isEqualTo(Gate.POINT);
    }

    @Test
    void aRateWithEvidenceIsDecidedOnItsInterval() {
        List<GateSpec> specs = List.of(new GateSpec("generate", "duplicate_rate", null, 0.1, "quarantine"));
        // 3 of 20 = 0.15 > 0.1, but the 95% interval [0.032, 0.379] does not exclude 0.1
        List<GateResult> r = Gate.evaluate("generate", Map.of("duplicate_rate", 0.15),
                Map.of("duplicate_rate", new Evidence.Proportion(3, 20)), specs);
        assertThat(r).singleElement().satisfies(g -> {
            assertThat(g.passed()).isTrue();
            assertThat(g.n()).isEqualTo(20);
            assertThat(g.ci().lo()).isLessThan(0.1);
            assertThat(g.describe()).contains("0.15 > 0.1", "n=20", "passed");
        });
        List<GateResult> bad = Gate.evaluate("generate", Map.of("duplicate_rate", 0.5),
                Map.of("duplicate_rate", new Evidence.Proportion(50, 100)), specs);
        assertThat(bad.get(0).passed()).isFalse();
    }

    @Test
    void unmeasuredMetricsAreSkippedAndUnknownOnesRejected() {
        List<GateSpec> specs = List.of(new GateSpec("score", "perplexity_ratio", null, 3.0, "stop"));
        assertThat(Gate.evaluate("score", Map.of(), specs)).isEmpty();
        assertThatThrownBy(() -> Gate.validate(List.of(new GateSpec("score", "bogus", 1.0, null, "stop"))))
                .hasMessageContaining("unknown gate metric 'score.bogus'");
        assertThatThrownBy(() -> new GateSpec("score", "x", 1.0, null, "drop")).hasMessageContaining("on-fail");
    }

    @Test
    void blendAcceptsPerFieldDriftGatesOnly() {
        Gate.validate(List.of(new GateSpec("blend", "drift-tv-president", null, 0.2, "quarantine")));
        assertThatThrownBy(() -> Gate.validate(List.of(new GateSpec("blend", "drift_tv_", null, 0.2, "stop"))))
                .hasMessageContaining("blend.drift_tv_");
        assertThatThrownBy(() -> Gate.validate(List.of(new GateSpec("score", "drift_tv_party", null, 0.2, "stop"))))
                .hasMessageContaining("score.drift_tv_party");
    }
}
