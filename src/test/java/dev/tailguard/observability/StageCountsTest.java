package dev.tailguard.observability;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageCountsTest {

    static Map<String, Object> gate(String stage, String name, boolean passed) {
        return Map.of("stage", stage, "name", name, "value", 0.4, "threshold", 0.1, "passed", passed, "on_fail", "quarantine");
    }

    @Test
    void generateCountsLinesInAndKeptDocumentsOut() {
        Map<String, Object> m = Map.of("counts", Map.of("lines_read", 20, "malformed", 3, "real", 17,
                        "synthetic_generated", 7, "synthetic_quarantined", 0, "generation_rejected", 1),
                "gates", List.of(gate("generate", "duplicate_rate.max", true)));
        assertThat(StageCounts.from("generate", m)).isEqualTo(new StageCounts(20, 24, 4, List.of()));
    }

    @Test
    void generateGateQuarantineMovesTheBatchFromOutToQuarantined() {
        Map<String, Object> m = Map.of("counts", Map.of("lines_read", 10, "malformed", 0, "real", 10,
                        "synthetic_generated", 4, "synthetic_quarantined", 4, "generation_rejected", 0),
                "gates", List.of(gate("generate", "duplicate_rate.max", false), gate("generate", "distinct_2.min", true)));
        assertThat(StageCounts.from("generate", m)).isEqualTo(new StageCounts(10, 10, 4, List.of("duplicate_rate.max")));
    }

    @Test
    void scoreBlendAndReport() {
        assertThat(StageCounts.from("score", Map.of("counts", Map.of("real_scored", 10, "real_passed", 8,
                "real_quarantined", 2, "synthetic_scored", 4, "synthetic_passed", 1, "synthetic_quarantined", 3),
                "gates", List.of(gate("score", "synthetic_pass_rate.min", false)))))
                .isEqualTo(new StageCounts(14, 9, 5, List.of("synthetic_pass_rate.min")));
        assertThat(StageCounts.from("blend", Map.of("counts", Map.of("real_blended", 7, "real_unused", 1,
                "synthetic_blended", 1, "synthetic_quarantined", 0, "blended", 8))))
                .isEqualTo(new StageCounts(9, 8, 0, List.of()));
        // report.json lists the gates of all stages: only the report's own count for the report stage
        assertThat(StageCounts.from("report", Map.of("counts", Map.of("blended", 8),
                "gates", List.of(gate("score", "synthetic_pass_rate.min", false), gate("report", "distinct_2_ratio.min", false)))))
                .isEqualTo(new StageCounts(8, 0, 0, List.of("distinct_2_ratio.min")));
    }

    @Test
    void stopGateNameFromTheFailureMessage() {
        assertThat(StageCounts.stopGate("blend", "gate failed: blend.real_fraction.min: 0.6 < 0.7")).isEqualTo("real_fraction.min");
        assertThat(StageCounts.stopGate("blend", "no real document passed scoring")).isNull();
        assertThat(StageCounts.stopGate("score", "gate failed: blend.real_fraction.min: 0.6 < 0.7")).isNull();
    }

    @Test
    void unknownStageIsAnError() {
        assertThatThrownBy(() -> StageCounts.from("publish", Map.of())).hasMessageContaining("unknown stage 'publish'");
    }
}
