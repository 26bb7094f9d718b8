package dev.tailguard.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;

import dev.tailguard.function.Dispatcher;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.review.AuditEntry;
import dev.tailguard.function.PipelineFunctions;
import dev.tailguard.core.review.ReviewFixture;
import dev.tailguard.core.review.ReviewQueue;
import dev.tailguard.core.store.ObjectStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ReviewTestProfile.class)
class ReviewResourceTest {

    @org.junit.jupiter.api.BeforeEach
    void sameOrigin() {
        Login.sendOrigin();
    }

    @org.junit.jupiter.api.AfterEach
    void noOrigin() {
        Login.reset();
    }

    @Inject
    ReviewQueue queue;
    @Inject
    ObjectStore store;
    @Inject
    Dispatcher dispatcher;
    @Inject
    PipelineFunctions functions;

    private String batch() throws Exception {
        String run = "api-" + UUID.randomUUID().toString().substring(0, 8);
        queue.enqueue(ReviewFixture.write(store, run, run + "-b", 8, 11));
        return run + "-b";
    }

    /** A real paused run of the pipeline on the sample corpus; returns its review batch id. */
    private String pausedRun() {
        String run = "api-run-" + UUID.randomUUID().toString().substring(0, 8);
        RunRequested req = functions.complete(new RunRequested(run, List.of("samples/sotu-sample.jsonl"), null));
        assertThat(dispatcher.run(Events.RUN_REQUESTED, req, System.err)).isNull();
        return ReviewGate.batchId(run);
    }

    private RequestSpecification alice() {
        String cookie = Login.as("alice", "alice-review-demo");
        String token = given().cookie(Login.COOKIE, cookie).get("/review/session").then().statusCode(200)
                .extract().path("csrf_token");
        return given().cookie(Login.COOKIE, cookie).header(CsrfTokens.HEADER, token);
    }

    @Test
    void anonymousGets401AndUserWithoutRoleGets403() throws Exception {
        String id = batch();
        given().get("/review/batches").then().statusCode(401);
        given().get("/review/batches/" + id).then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/review/batches/" + id + "/approve").then().statusCode(401);

        String bob = Login.as("bob", "bob-viewer-demo");
        given().cookie(Login.COOKIE, bob).get("/review/batches").then().statusCode(403);
        String bobToken = given().cookie(Login.COOKIE, bob).get("/review/session").then().statusCode(200)
                .body("reviewer", equalTo(false)).extract().path("csrf_token");
        given().cookie(Login.COOKIE, bob).header(CsrfTokens.HEADER, bobToken).contentType(ContentType.JSON).body("{}")
                .post("/review/batches/" + id + "/approve").then().statusCode(403);
        given().contentType(ContentType.URLENC).formParam("username", "alice")
                .formParam("password", "wrong").post("/review/login")
                .then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.nullValue());
        assertThat(queue.get(id).decision()).isNull();
    }

    @Test
    void reviewerListsApprovesIdempotentlyAndConflictingRejectGets409() throws Exception {
        String id = pausedRun();
        RequestSpecification alice = alice();
        given().spec(alice).get("/review/batches").then().statusCode(200).body("batches.batch_id", hasItem(id));
        given().spec(alice).get("/review/batches/" + id).then().statusCode(200)
                .body("status", equalTo("PENDING")).body("batch.sample.size()", equalTo(4))
                .body("batch.sample[0].seed_text", containsString(" ")).body("run_report", equalTo(null));

        String scored = dev.tailguard.core.io.Json.write(queue.get(id).batch().resumeEvent());
        given().contentType(ContentType.JSON).header("ce-id", "redelivery-1").header("ce-specversion", "1.0")
                .header("ce-source", "test").header("ce-type", Events.SYNTHETIC_SCORED).body(scored)
                .post("/").then().statusCode(org.hamcrest.Matchers.lessThan(300));
        assertThat(store.exists(new dev.tailguard.core.pipeline.RunLayout(queue.get(id).batch().runId()).manifest("blended")))
                .as("a held batch is not blended when its scored event arrives over HTTP").isFalse();
        assertThat(queue.get(id).status()).isEqualTo(dev.tailguard.core.review.BatchStatus.PENDING);

        given().spec(alice).contentType(ContentType.JSON).body("{\"reason\":\"sample reads well\"}")
                .post("/review/batches/" + id + "/approve")
                .then().statusCode(200).body("created", equalTo(true)).body("decision.principal", equalTo("alice"))
                .body("status", equalTo("CONSUMED")).body("run_report.status", equalTo("succeeded"))
                .body("run_report.review[0].principal", equalTo("alice"));
        given().spec(alice).contentType(ContentType.JSON).body("{}").post("/review/batches/" + id + "/approve")
                .then().statusCode(200).body("created", equalTo(false));
        given().spec(alice).contentType(ContentType.JSON).body("{\"reason\":\"changed my mind\"}")
                .post("/review/batches/" + id + "/reject")
                .then().statusCode(409).body("error", equalTo("conflict")).body("message", containsString("already consumed"));

        List<AuditEntry> audit = queue.get(id).audit();
        assertThat(audit).extracting(AuditEntry::action).containsExactly("queued", "approved", "consumed", "resumed", "conflict");
        assertThat(audit.get(1).principal()).isEqualTo("alice");
    }

    @Test
    void rejectionQuarantinesTheBatchAndEndsTheRunWithTheReviewersReason() throws Exception {
        String id = pausedRun();
        String run = queue.get(id).batch().runId();
        RequestSpecification alice = alice();
        given().spec(alice).contentType(ContentType.JSON).body("{\"reason\":\"copies whole paragraphs\"}")
                .post("/review/batches/" + id + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("decision.verdict", equalTo("REJECTED"))
                .body("run_report.status", equalTo("failed")).body("run_report.failed_stage", equalTo("review"))
                .body("run_report.reason", containsString("rejected by reviewer alice: copies whole paragraphs"));
        given().spec(alice).contentType(ContentType.JSON).body("{}").post("/review/batches/" + id + "/approve")
                .then().statusCode(409);

        String quarantine = new String(store.open("runs/" + run + "/quarantine/review-" + id + ".jsonl").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        long documents = queue.get(id).batch().documents();
        assertThat(quarantine.lines()).hasSize((int) documents)
                .allSatisfy(l -> assertThat(l).contains("review rejected by alice: copies whole paragraphs"));
        RunLayout layout = new RunLayout(run);
        assertThat(store.exists(layout.manifest("blended"))).isFalse();
    }

    @Test
    void concurrentApproveAndRejectOverHttpYieldOneDecisionAndOne409() throws Exception {
        String id = pausedRun();
        RequestSpecification alice = alice();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
            for (String verdict : List.of("approve", "reject")) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return given().spec(alice).contentType(ContentType.JSON).body("{\"reason\":\"race\"}")
                            .post("/review/batches/" + id + "/" + verdict).statusCode();
                }));
            }
            go.countDown();
            List<Integer> codes = new java.util.ArrayList<>();
            for (var c : calls) {
                codes.add(c.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(codes).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        List<AuditEntry> audit = queue.get(id).audit();
        assertThat(audit).filteredOn(a -> a.action().equals("approved") || a.action().equals("rejected")).hasSize(1);
    }

    @Test
    void badRequestsGetClearErrors() throws Exception {
        String id = batch();
        RequestSpecification alice = alice();
        given().spec(alice).get("/review/batches/no-such-batch").then().statusCode(404)
                .body("error", equalTo("not_found")).body("message", containsString("no-such-batch"));
        given().spec(alice).contentType(ContentType.JSON).body("{}").post("/review/batches/no-such-batch/approve")
                .then().statusCode(404);
        given().spec(alice).contentType(ContentType.JSON).body("{\"reason\":\" \"}").post("/review/batches/" + id + "/reject")
                .then().statusCode(400).body("message", containsString("needs a reason"));
        given().spec(alice).contentType(ContentType.JSON).body("{\"reason\":\"x\",\"principal\":\"mallory\"}")
                .post("/review/batches/" + id + "/reject")
                .then().statusCode(400).body("message", containsString("principal"));
        given().spec(alice).contentType(ContentType.JSON).body("{\"flags\":[{\"document_id\":\"nope\",\"flag\":\"x\"}]}")
                .post("/review/batches/" + id + "/approve").then().statusCode(400);
        assertThat(queue.get(id).decision()).isNull();
    }

    @Test
    void postsWithoutTheCsrfTokenOrAsPlainFormsAreRefused() throws Exception {
        String id = batch();
        String cookie = Login.as("alice", "alice-review-demo");
        given().cookie(Login.COOKIE, cookie).contentType(ContentType.JSON).body("{}")
                .post("/review/batches/" + id + "/approve").then().statusCode(403).body("error", equalTo("csrf"));
        given().cookie(Login.COOKIE, cookie).header(CsrfTokens.HEADER, "forged").contentType(ContentType.JSON).body("{}")
                .post("/review/batches/" + id + "/approve").then().statusCode(403).body("error", equalTo("csrf"));
        String bobToken = given().cookie(Login.COOKIE, Login.as("bob", "bob-viewer-demo")).get("/review/session")
                .then().statusCode(200).extract().path("csrf_token");
        given().cookie(Login.COOKIE, cookie).header(CsrfTokens.HEADER, bobToken).contentType(ContentType.JSON).body("{}")
                .post("/review/batches/" + id + "/approve").then().statusCode(403);
        given().spec(alice()).contentType(ContentType.URLENC).formParam("reason", "x")
                .post("/review/batches/" + id + "/approve").then().statusCode(415);
        assertThat(queue.get(id).decision()).isNull();
    }

    @Test
    void aRunsOwnConfigOverridesTheDeploymentsReviewSetting() {
        String run = "api-optout-" + UUID.randomUUID().toString().substring(0, 8);
        RunRequested dflt = functions.complete(new RunRequested(run, List.of("samples/sotu-sample.jsonl"), null));
        dev.tailguard.core.pipeline.RunConfig c = dflt.config();
        dev.tailguard.core.pipeline.RunConfig noReview = new dev.tailguard.core.pipeline.RunConfig(c.seed(),
                c.syntheticRatio(), c.generator(), c.order(), c.temperature(), c.topK(), c.blendStrategy(),
                c.minRealFraction(), c.shardSize(), c.maxLineBytes(), c.compression(), c.maxSyntheticTokens(),
                c.gates(), false);
        Object reported = dispatcher.run(Events.RUN_REQUESTED, new RunRequested(run, dflt.inputs(), noReview), System.err);
        assertThat(reported).as("review is required by the deployment, but this run opted out").isNotNull();
        given().cookie(Login.COOKIE, Login.as("alice", "alice-review-demo"))
                .get("/review/batches/" + ReviewGate.batchId(run)).then().statusCode(404);
    }

    @Test
    void functionRoutesAndHealthStillServeNextToTheReviewApi() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/review/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Tailguard review")).header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        given().contentType(ContentType.JSON).header("ce-id", "1").header("ce-specversion", "1.0")
                .header("ce-source", "test").header("ce-type", "dev.tailguard.no.such.type").body("{}")
                .post("/").then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
    }
}
