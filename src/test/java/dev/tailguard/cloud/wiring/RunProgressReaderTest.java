package dev.tailguard.cloud.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tailguard.cloud.crd.RunLauncher.RunProgress;
import dev.tailguard.cloud.crd.SyntheticDataRunStatus.Counts;
import dev.tailguard.core.pipeline.Manifest;
import dev.tailguard.core.pipeline.ReportStage;
import dev.tailguard.core.store.LocalObjectStore;

/** Phase and counts from what a run has written so far (hand-built manifests, hand-checked sums). */
class RunProgressReaderTest {

    @TempDir
    Path dir;

    @Test
    void nothingWrittenIsUnknownThenManifestsGiveThePhase() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir);
        RunProgressReader reader = new RunProgressReader(store);
        assertThat(reader.read("r1")).isEmpty();

        store.put("runs/r1/input/part-00000.jsonl", "{}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(reader.read("r1")).get().extracting(RunProgress::phase, RunProgress::message)
                .containsExactly("Running", "generating");

        Manifest.write(store, "runs/r1/synthetic/_SUCCESS.json", Map.of("counts", Map.of("real", 10, "malformed", 2,
                "synthetic_generated", 5, "synthetic_quarantined", 1)));
        RunProgress generated = reader.read("r1").orElseThrow();
        assertThat(generated.message()).isEqualTo("generated, scoring pending");
        assertThat(generated.counts()).isEqualTo(new Counts(10L, 5L, null, 3L, null));

        Manifest.write(store, "runs/r1/scores/_SUCCESS.json", Map.of("counts", Map.of("real_passed", 9,
                "real_quarantined", 1, "synthetic_passed", 3, "synthetic_quarantined", 1)));
        Manifest.write(store, "runs/r1/blended/_SUCCESS.json", Map.of("counts", Map.of("blended", 12)));
        RunProgress blended = reader.read("r1").orElseThrow();
        assertThat(blended.phase()).isEqualTo("Running");
        assertThat(blended.message()).isEqualTo("blended, report pending");
        // quarantined: 2 malformed + 1 synthetic at generation + 1 real + 1 synthetic at scoring
        assertThat(blended.counts()).isEqualTo(new Counts(10L, 5L, 12L, 5L, 12L));
        // no runner bookkeeping under work/: every stage shows as pending
        assertThat(blended.stages()).isEqualTo(pending());
    }

    @Test
    void theGeneratePlanReachesTheCrdProgressWithItsPhaseAndAnUnknownTotal() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir);
        String run = "r-plan-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        store.put("runs/" + run + "/input/part-00000.jsonl", "{}\n".getBytes(StandardCharsets.UTF_8));
        try (var s = dev.tailguard.core.pipeline.runner.LiveDocuments.process()
                .enter(run, dev.tailguard.core.pipeline.GenerateStage.INGEST_PROGRESS)) {
            for (int i = 0; i < 42; i++) {
                dev.tailguard.core.pipeline.runner.LiveDocuments.tick();
            }
        }
        var generate = new RunProgressReader(store).read(run).orElseThrow().stages().get(0);
        assertThat(generate).isEqualTo(new dev.tailguard.cloud.crd.SyntheticDataRunStatus.StageProgress("generate",
                "running", 0, 0, 42L, null, "plan"));
    }

    private static java.util.List<dev.tailguard.cloud.crd.SyntheticDataRunStatus.StageProgress> pending() {
        return java.util.List.of("generate", "score", "blend", "report").stream()
                .map(s -> new dev.tailguard.cloud.crd.SyntheticDataRunStatus.StageProgress(s, "pending", 0, 0, 0L, 0L))
                .toList();
    }

    @Test
    void reportDecidesSucceededOrFailed() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir);
        RunProgressReader reader = new RunProgressReader(store);
        Manifest.write(store, "runs/ok/scores/_SUCCESS.json", Map.of("counts", Map.of("real_passed", 9,
                "synthetic_passed", 3)));
        Manifest.write(store, "runs/ok/report/report.json", Map.of("status", "succeeded", "synthetic_ratio", 0.25,
                "collapse_risk", Map.of("level", "medium", "reasons", java.util.List.of(Map.of("signal", "c2st_auc"))),
                "counts", Map.of("real", 10, "synthetic_generated", 5, "malformed", 2,
                        "real_quarantined", 1, "synthetic_quarantined", 2, "blended", 12)));
        RunProgress ok = reader.read("ok").orElseThrow();
        assertThat(ok).isEqualTo(new RunProgress("Succeeded", new Counts(10L, 5L, 12L, 5L, 12L), 0.25, "medium",
                store.describe("runs/ok/report/report.json"), "report written", pending()));

        ReportStage.writeFailure(store, "bad", 1, "generate", "no valid document in incoming/x.jsonl");
        RunProgress bad = reader.read("bad").orElseThrow();
        assertThat(bad.phase()).isEqualTo("Failed");
        assertThat(bad.message()).isEqualTo("stage generate failed: no valid document in incoming/x.jsonl");
        assertThat(bad.reportLocation()).isEqualTo(store.describe("runs/bad/report/report.json"));
    }

    @Test
    void riskColumnGetsTheLevelOfTheVerdictObject() {
        assertThat(RunProgressReader.riskLevel(Map.of("level", "high", "reasons", java.util.List.of()))).isEqualTo("high");
        assertThat(RunProgressReader.riskLevel("low")).isEqualTo("low");
        assertThat(RunProgressReader.riskLevel(null)).isNull();
        assertThat(RunProgressReader.riskLevel(Map.of("reasons", java.util.List.of()))).isNull();
    }
}
