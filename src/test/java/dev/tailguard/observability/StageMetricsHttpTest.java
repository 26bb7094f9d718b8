package dev.tailguard.observability;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.TestCorpus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP (Funqy) path records the stage metrics: one generate call over a binary-mode CloudEvent. */
@QuarkusTest
class StageMetricsHttpTest {

    @Test
    void generateOverHttpShowsUpOnQMetrics() throws Exception {
        Path in = TestCorpus.write(Files.createDirectories(Path.of("target/wire-metrics-input")), 5);
        String runId = "run-metrics-" + System.nanoTime();
        given().contentType(ContentType.JSON).header("ce-id", "m-1").header("ce-specversion", "1.0")
                .header("ce-type", "dev.tailguard.run.requested").header("ce-source", "test")
                .body(Json.write(Map.of("runId", runId, "inputs", List.of(in.toAbsolutePath().toString()))))
                .post("/").then().statusCode(200);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        // 5 real lines + the corpus' malformed lines are read; the malformed ones are quarantined
        assertThat(metrics).contains("tailguard_stage_documents_in_total{stage=\"generate\"}");
        double in5 = value(metrics, "tailguard_stage_documents_in_total{stage=\"generate\"}");
        double q = value(metrics, "tailguard_stage_documents_quarantined_total{stage=\"generate\"}");
        assertThat(in5).isGreaterThanOrEqualTo(5 + TestCorpus.BAD_LINES);
        assertThat(q).isGreaterThanOrEqualTo(TestCorpus.BAD_LINES);
        assertThat(metrics).contains("tailguard_stage_documents_out_total{stage=\"generate\"}")
                .contains("tailguard_stage_duration_seconds_bucket{outcome=\"succeeded\",stage=\"generate\",le=")
                .contains("tailguard_stage_duration_seconds_count{outcome=\"succeeded\",stage=\"generate\"}");
    }

    /** The sample value of a series; an OpenMetrics exemplar after it ({@code # {trace_id=...} v t}) is ignored. */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).split(" ")[0]))
                .findFirst().orElseThrow(() -> new AssertionError(series + " missing"));
    }
}
