package dev.tailguard.observability;

import dev.tailguard.core.generate.Usage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineMetricsTest {

    @Test
    void countsEveryLlmCallAsTheGeneratorRecordsIt() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        PipelineMetrics metrics = new PipelineMetrics(r);
        Usage usage = new Usage();
        usage.addListener((style, call) -> metrics.llmCall(call));
        usage.recordCall("paraphrase", 1000, 250, false, 2, false, 0.1);
        usage.recordCall("qa", 200, 50, false, 1, true, 0.0);
        usage.recordSkipped("qa");
        // a merge is not a call: merging another usage in counts nothing twice
        Usage other = new Usage();
        other.recordCall("qa", 999, 999, false, 9, false, 0);
        usage.merge(other);
        assertThat(r.get("tailguard.llm.tokens").tag("type", "prompt").counter().count()).isEqualTo(1200);
        assertThat(r.get("tailguard.llm.tokens").tag("type", "completion").counter().count()).isEqualTo(300);
        assertThat(r.get("tailguard.llm.retries").counter().count()).isEqualTo(3);
        assertThat(r.get("tailguard.llm.requests").counter().count()).isEqualTo(2);
        assertThat(r.get("tailguard.llm.failures").counter().count()).isEqualTo(1);
    }

    @Test
    void countsOnlyTheGatesOfTheStageAndQuarantineByReason() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        PipelineMetrics metrics = new PipelineMetrics(r);
        Map<String, Object> report = Map.of(
                "gates", List.of(Map.of("stage", "blend", "name", "drift_tv.max", "passed", false, "on_fail", "quarantine"),
                        Map.of("stage", "report", "name", "collapse_risk_level.max", "passed", false, "on_fail", "stop"),
                        Map.of("stage", "score", "name", "pii_rate.max", "passed", true, "on_fail", "quarantine")));
        metrics.recordGates("report", report);
        metrics.recordGates("blend", report);
        metrics.recordQuarantine(Map.of("blend/gate_failed", 17L, "generate/not_json", 2L));
        assertThat(r.get("tailguard.gate.decisions").tags("stage", "blend", "gate", "drift_tv.max", "decision", "failed")
                .counter().count()).isEqualTo(1);
        assertThat(r.get("tailguard.gate.decisions").tags("stage", "report", "gate", "collapse_risk_level.max",
                "decision", "failed", "on_fail", "stop").counter().count()).isEqualTo(1);
        assertThat(r.find("tailguard.gate.decisions").tags("stage", "score").counters()).as("score's gates: not asked")
                .isEmpty();
        assertThat(r.get("tailguard.quarantined.records").tags("stage", "blend", "reason", "gate_failed").counter().count())
                .isEqualTo(17);
        assertThat(r.get("tailguard.quarantined.records").tags("stage", "generate", "reason", "not_json").counter().count())
                .isEqualTo(2);
    }

    @Test
    void theLlmSeriesExistAtZeroBeforeAnyCall() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        new PipelineMetrics(r);
        // the LLM series are registered at zero at startup (visible before the first LLM run)
        assertThat(r.find("tailguard.llm.tokens").counters()).hasSize(2)
                .allSatisfy(c -> assertThat(c.count()).isZero());
        assertThat(r.get("tailguard.llm.requests").counter().count()).isZero();
    }
}
