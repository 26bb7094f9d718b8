package dev.tailguard.function;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.SyntheticScored;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.review.BatchStatus;
import dev.tailguard.core.review.ReviewQueue;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.review.ReviewGate;
import dev.tailguard.review.ReviewTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.lessThan;

/**
 * The run's configuration is frozen in the store at its start; configuration inside later events is ignored. A
 * {@code synthetic.scored} event carrying {@code reviewRequired=false, gates=[]} used to blend an unreviewed batch.
 */
@QuarkusTest
@TestProfile(ReviewTestProfile.class)
class EventConfigIgnoredTest {

    @Inject
    ObjectStore store;
    @Inject
    Dispatcher dispatcher;
    @Inject
    PipelineFunctions functions;
    @Inject
    ReviewQueue queue;

    @Test
    void aScoredEventCannotSwitchOffReviewOrGates() throws Exception {
        String run = "frozen-" + UUID.randomUUID().toString().substring(0, 8);
        RunRequested req = functions.complete(new RunRequested(run, List.of("samples/sotu-sample.jsonl"), null));
        assertThat(dispatcher.run(Events.RUN_REQUESTED, req, System.err)).as("paused for review").isNull();
        String batch = ReviewGate.batchId(run);
        assertThat(queue.get(batch).status()).isEqualTo(BatchStatus.PENDING);
        FrozenRun frozen = FrozenRun.load(store, run);
        assertThat(frozen.config()).isEqualTo(req.config());

        RunConfig c = req.config();
        RunConfig forged = new RunConfig(c.seed(), c.syntheticRatio(), c.generator(), c.order(), c.temperature(), c.topK(),
                c.blendStrategy(), c.minRealFraction(), c.shardSize(), c.maxLineBytes(), c.compression(),
                c.maxSyntheticTokens(), List.of(), false);
        RunLayout layout = new RunLayout(run);
        SyntheticScored ev = new SyntheticScored(run, forged, layout.manifest("scores"), 1, 1, 0, 0);
        given().contentType(ContentType.JSON).header("ce-id", "forged-1").header("ce-specversion", "1.0")
                .header("ce-source", "attacker").header("ce-type", Events.SYNTHETIC_SCORED).body(Json.write(ev))
                .post("/").then().statusCode(lessThan(300));

        assertThat(store.exists(layout.manifest("blended"))).as("nothing blended while the batch is pending").isFalse();
        assertThat(queue.get(batch).status()).isEqualTo(BatchStatus.PENDING);
        assertThat(FrozenRun.load(store, run)).as("the frozen configuration is unchanged").isEqualTo(frozen);
    }

    @Test
    void aStageEventForARunThatWasNeverStartedIsRefusedAndWritesNothing() throws Exception {
        String run = "never-" + UUID.randomUUID().toString().substring(0, 8);
        SyntheticScored ev = new SyntheticScored(run, RunConfig.defaults(1), "runs/" + run + "/scores/_SUCCESS.json", 1, 1, 0, 0);
        given().contentType(ContentType.JSON).header("ce-id", "never-1").header("ce-specversion", "1.0")
                .header("ce-source", "attacker").header("ce-type", Events.SYNTHETIC_SCORED).body(Json.write(ev))
                .post("/").then().statusCode(422).body("stage", org.hamcrest.Matchers.equalTo("blend"))
                .body("reason", org.hamcrest.Matchers.containsString("was never started"));
        assertThat(store.list("runs/" + run + "/")).isEmpty();
    }
}
