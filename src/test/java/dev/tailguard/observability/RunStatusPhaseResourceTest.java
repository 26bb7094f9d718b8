package dev.tailguard.observability;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.GenerateStage;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.pipeline.runner.LiveDocuments;
import dev.tailguard.core.pipeline.runner.StagePlan;
import dev.tailguard.core.pipeline.runner.TaskSpec;
import dev.tailguard.core.pipeline.runner.WorkLayout;
import dev.tailguard.core.store.ObjectStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code GET /runs/{id}} shows the two phases without tasks from this process's live counts: the generate plan's
 * ingest ({@code phase: plan}, input lines read, total -1 = unknown) and the report's merge ({@code phase: merge},
 * blended documents read against blend's blended count).
 */
@QuarkusTest
class RunStatusPhaseResourceTest {

    @Inject
    ObjectStore store;

    private static void tick(String runId, String key, int n) {
        try (LiveDocuments.Scope s = LiveDocuments.process().enter(runId, key)) {
            for (int i = 0; i < n; i++) {
                LiveDocuments.tick();
            }
        }
    }

    @Test
    void generatePlanShowsTheIngestedLines() throws IOException {
        String run = "run-plan-" + UUID.randomUUID().toString().substring(0, 8);
        store.put(new WorkLayout(run).config(), "{}".getBytes(StandardCharsets.UTF_8));
        tick(run, GenerateStage.INGEST_PROGRESS, 321);

        given().get("/runs/" + run).then().statusCode(200).contentType(ContentType.JSON)
                .body("status", equalTo("running")).body("stage", equalTo("generate")).body("phase", equalTo("plan"))
                .body("stages[0].state", equalTo("running")).body("stages[0].phase", equalTo("plan"))
                .body("stages[0].documents_done", equalTo(321)).body("stages[0].documents_total", equalTo(-1))
                .body("stages[1].state", equalTo("pending")).body("stages[1].phase", nullValue());
    }

    @Test
    void reportMergeShowsTheBlendedDocumentsRead() throws IOException {
        String run = "run-merge-" + UUID.randomUUID().toString().substring(0, 8);
        WorkLayout w = new WorkLayout(run);
        store.put(w.config(), "{}".getBytes(StandardCharsets.UTF_8));
        for (String s : List.of("generate", "score", "blend")) {
            store.put(w.plan(s), Json.pretty(new StagePlan(1, run, s, List.of(
                    new TaskSpec(0, "real", List.of("a"), 0, 10, 0)))));
            store.put(w.done(s, 0), "{}".getBytes(StandardCharsets.UTF_8));
            store.put(w.merged(s), "{}".getBytes(StandardCharsets.UTF_8));
        }
        store.put(new RunLayout(run).manifest("blended"), Json.pretty(Map.of("counts", Map.of("blended", 90))));
        store.put(w.plan("report"), Json.pretty(new StagePlan(1, run, "report", List.of())));
        tick(run, "report", 60);

        given().get("/runs/" + run).then().statusCode(200).contentType(ContentType.JSON)
                .body("stage", equalTo("report")).body("phase", equalTo("merge"))
                .body("stages[3].state", equalTo("running")).body("stages[3].phase", equalTo("merge"))
                .body("stages[3].documents_done", equalTo(60)).body("stages[3].documents_total", equalTo(90))
                .body("stages[0].phase", nullValue());
    }
}
