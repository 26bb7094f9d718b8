package dev.tailguard.core.gate;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CollapseRiskTest {

    @Test
    void healthyMetricsAreLowWithNoReasons() {
        CollapseRisk.Verdict v = CollapseRisk.assess(Map.of("synthetic_share", 0.3, "distinct_2_ratio", 0.95,
                "tail_coverage", 0.4, "near_duplicate_rate", 0.0, "memorised_13gram_share", 0.01, "max_generation", 1.0));
        assertThat(v.level()).isEqualTo("low");
        assertThat(v.reasons()).isEmpty();
        assertThat(v.levelValue()).isZero();
    }

    @Test
    void oneMediumSignalGivesMediumWithItsReason() {
        CollapseRisk.Verdict v = CollapseRisk.assess(Map.of("synthetic_share", 0.2, "distinct_2_ratio", 0.8));
        assertThat(v.level()).isEqualTo("medium");
        assertThat(v.reasons()).containsExactly("medium: distinct_2_ratio 0.8 < 0.9");
        assertThat(v.levelValue()).isEqualTo(1.0);
    }

    @Test
    void theWorstSignalDecidesAndEveryReasonIsListed() {
        CollapseRisk.Verdict v = CollapseRisk.assess(Map.of("synthetic_share", 0.6, "tail_coverage", 0.2,
                "max_generation", 3.0));
        assertThat(v.level()).isEqualTo("high");
        assertThat(v.reasons()).containsExactly("high: synthetic_share 0.6 > 0.5", "medium: tail_coverage 0.2 < 0.3",
                "high: max_generation 3 >= 3");
    }

    @Test
    void absentMetricsAreNotJudged() {
        assertThat(CollapseRisk.assess(Map.of()).level()).isEqualTo("low");
    }
}
