package dev.tailguard.core.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.gate.GateSpec;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatesPipelineTest {

    @TempDir
    Path dir;

    private Map<String, Object> run(String runId, List<GateSpec> gates) throws IOException {
        Path input = TestCorpus.write(dir, 10);
        RunConfig c = new RunConfig(7, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 4, TestCorpus.MAX_LINE_BYTES, "none", 400, gates);
        Pipeline.run(new RunRequested(runId, List.of(input.toString()), c), new LocalObjectStore(dir.resolve("out")));
        return Json.MAPPER.readValue(dir.resolve("out/runs/" + runId + "/report/report.json").toFile(), new TypeReference<>() {
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailingScoreGateQuarantinesTheWholeBatchWithTheGateNames() throws IOException {
        // a share is never below 0, so a max of -1 fails whatever the corpus
        Map<String, Object> r = run("r-gate", List.of(new GateSpec("score", "memorised_13gram_share", null, -1.0, "quarantine")));
        Map<String, Number> counts = (Map<String, Number>) r.get("counts");
        assertThat(counts.get("synthetic_blended").longValue()).isZero();
        assertThat(counts.get("synthetic_generated").longValue()).isPositive();
        List<Map<String, Object>> gates = (List<Map<String, Object>>) r.get("gates");
        assertThat(gates).anySatisfy(g -> {
            assertThat(g.get("stage")).isEqualTo("score");
            assertThat(g.get("name")).isEqualTo("memorised_13gram_share.max");
            assertThat(g.get("passed")).isEqualTo(false);
            assertThat(g.get("on_fail")).isEqualTo("quarantine");
        });
        LocalObjectStore s = new LocalObjectStore(dir.resolve("out"));
        List<Map<String, Object>> q = new ArrayList<>();
        Shards.forEachObject(s, s.list("runs/r-gate/quarantine/synthetic-score-gate"), q::add);
        assertThat(q).isNotEmpty().allSatisfy(x -> {
            assertThat(x.get("reason")).isEqualTo("gate_failed");
            assertThat((String) x.get("detail")).contains("score.memorised_13gram_share.max");
        });
        assertThat(Files.readString(dir.resolve("out/runs/r-gate/README.md")))
                .contains("memorised_13gram_share.max").contains("Collapse risk");
        assertThat((Map<String, Object>) r.get("collapse_risk")).containsKeys("level", "reasons");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyStageRecordsItsGateMetrics() throws IOException {
        Map<String, Object> r = run("r-metrics", List.of());
        Map<String, Map<String, Object>> sm = (Map<String, Map<String, Object>>) r.get("stage_metrics");
        assertThat(sm.get("generate")).containsKeys("distinct_2", "near_duplicate_rate");
        assertThat(sm.get("score")).containsKeys("synthetic_pass_rate", "perplexity_ratio", "pii_rate", "memorised_13gram_share");
        assertThat(sm.get("blend")).containsKeys("synthetic_ratio", "tail_coverage");
        // The report gate has a value unless the verdict is unanchored or unmeasurable (too small a sample).
        String level = (String) ((Map<String, Object>) r.get("collapse_risk")).get("level");
        if (List.of("low", "medium", "high").contains(level)) {
            assertThat(sm.get("report")).containsKeys("collapse_risk_level");
        } else {
            assertThat(level).isIn("unmeasurable", "unanchored");
            assertThat(sm.get("report")).doesNotContainKey("collapse_risk_level");
        }
    }

    @Test
    void aFailingStopGateFailsTheRunWithAFailureReportNamingTheGate() throws IOException {
        // the synthetic ratio is a share, never below 0, so a max of -1 fails whatever the corpus (tail coverage no
        // longer serves: its min is capped at half of what real-like text of the batch's size covers)
        assertThatThrownBy(() -> run("r-stop", List.of(new GateSpec("blend", "synthetic_ratio", null, -1.0, "stop"))))
                .isInstanceOf(PipelineFailure.class).hasMessageContaining("blend.synthetic_ratio.max");
        Map<String, Object> r = Json.MAPPER.readValue(dir.resolve("out/runs/r-stop/report/report.json").toFile(), new TypeReference<>() {
        });
        assertThat(r).containsEntry("status", "failed").containsEntry("failed_stage", "blend");
        assertThat((String) r.get("reason")).contains("blend.synthetic_ratio.max");
    }
}
