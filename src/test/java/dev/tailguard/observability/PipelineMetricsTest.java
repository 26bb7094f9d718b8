package dev.tailguard.observability;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineMetricsTest {

    @Test
    void countsTokensRetriesGatesAndQuarantineFromTheReport() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        Map<String, Object> report = Map.of(
                "usage", Map.of("total", Map.of("prompt_tokens", 1200, "completion_tokens", 300, "requests", 12,
                        "retries", 3, "failures", 1)),
                "gates", List.of(Map.of("stage", "blend", "name", "drift_tv.max", "passed", false, "on_fail", "quarantine"),
                        Map.of("stage", "score", "name", "pii_rate.max", "passed", true, "on_fail", "quarantine")),
                "quarantine_reasons", Map.of("blend/gate_failed", 17, "generate/not_json", 2));
        new PipelineMetrics(r).recordReport(report);
        assertThat(r.get("tailguard.llm.tokens").tag("type", "prompt").counter().count()).isEqualTo(1200);
        assertThat(r.get("tailguard.llm.tokens").tag("type", "completion").counter().count()).isEqualTo(300);
        assertThat(r.get("tailguard.llm.retries").counter().count()).isEqualTo(3);
        assertThat(r.get("tailguard.llm.requests").counter().count()).isEqualTo(12);
        assertThat(r.get("tailguard.gate.decisions").tags("stage", "blend", "gate", "drift_tv.max", "decision", "failed")
                .counter().count()).isEqualTo(1);
        assertThat(r.get("tailguard.gate.decisions").tags("stage", "score", "decision", "passed").counter().count()).isEqualTo(1);
        assertThat(r.get("tailguard.quarantined.records").tags("stage", "blend", "reason", "gate_failed").counter().count())
                .isEqualTo(17);
        assertThat(r.get("tailguard.quarantined.records").tags("stage", "generate", "reason", "not_json").counter().count())
                .isEqualTo(2);
    }

    @Test
    void aReportWithoutUsageCountsNoTokens() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        new PipelineMetrics(r).recordReport(Map.of("gates", List.of(), "quarantine_reasons", Map.of()));
        // the LLM series are registered at zero at startup (visible before the first LLM run); nothing is added
        assertThat(r.find("tailguard.llm.tokens").counters()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.count()).isZero());
    }
}
