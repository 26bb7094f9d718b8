package dev.tailguard.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.gate.GateSpec;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Pipeline;
import dev.tailguard.core.pipeline.PipelineFailure;
import dev.tailguard.core.pipeline.ReportStage;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.TestCorpus;
import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.function.StageFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stop gate of the report stage (by default {@code report.collapse-risk-level.max=1}: a high collapse verdict stops
 * the run) fails the run after everything was measured: the whole report is written with status failed, so the page
 * leads with the verdict and its measured reasons, and the command line ends with the verdict and the page's path.
 */
class ReportStopGateTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void theWholeReportIsWrittenWithTheVerdictAndTheRunFails() throws IOException {
        Path input = TestCorpus.write(dir, 10);
        // a ratio of distinct-2 shares is never below 0, so a max of -1 fails whatever the corpus
        RunConfig c = new RunConfig(7, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 4, TestCorpus.MAX_LINE_BYTES, "none", 400,
                List.of(new GateSpec("report", "distinct_2_ratio", null, -1.0, "stop")));
        LocalObjectStore store = new LocalObjectStore(dir.resolve("out"));
        assertThatThrownBy(() -> Pipeline.run(new RunRequested("r-stop-report", List.of(input.toString()), c), store))
                .isInstanceOf(PipelineFailure.class).hasMessageContaining("report.distinct_2_ratio.max");

        Path run = dir.resolve("out/runs/r-stop-report");
        Map<String, Object> r = Json.MAPPER.readValue(run.resolve("report/report.json").toFile(), new TypeReference<>() {
        });
        assertThat(r).containsEntry("status", "failed").containsEntry("failed_stage", "report");
        assertThat((String) r.get("reason")).contains("report.distinct_2_ratio.max");
        assertThat(r).containsKeys("collapse_risk", "gates", "lineage", "counts", "verdict");
        assertThat(List.copyOf(r.keySet()).subList(0, 4)).containsExactly("run_id", "status", "failed_stage", "reason");
        Map<String, Object> verdict = (Map<String, Object>) r.get("verdict");
        assertThat(verdict.get("decision")).isIn("review", "do_not_train");
        assertThat((List<Map<String, Object>>) verdict.get("reasons"))
                .anySatisfy(x -> assertThat((String) x.get("message")).contains("report.distinct_2_ratio.max"));

        String page = Files.readString(run.resolve("report/index.html"));
        assertThat(page).contains("id=\"verdict\"", "id=\"examples\"", "id=\"gates\"", "id=\"lineage\"")
                .contains("distinct_2_ratio.max");
        assertThat(run.resolve("README.md")).exists();

        // a redelivered failure (the stage runner's, the function's) leaves the whole report in place
        ReportStage.writeFailure(store, "r-stop-report", 7, "report", "gate failed: again");
        assertThat(Files.readString(run.resolve("report/report.json"))).contains("\"verdict\"").doesNotContain("again");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RunApplication.finish(store, "r-stop-report", () -> {
            throw new StageFailedException("report", (String) r.get("reason"), new PipelineFailure("report", "x"));
        }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        String[] lines = err.toString(StandardCharsets.UTF_8).strip().split("\\R");
        assertThat(lines[0]).startsWith("tailguard run failed in stage report: gate failed: report.distinct_2_ratio.max");
        assertThat(lines[lines.length - 2]).startsWith("verdict: ");
        assertThat(lines[lines.length - 1]).startsWith("open: ").endsWith("runs/r-stop-report/report/index.html");
    }
}
