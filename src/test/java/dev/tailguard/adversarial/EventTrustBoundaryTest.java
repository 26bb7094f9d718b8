package dev.tailguard.adversarial;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.pipeline.SyntheticGenerated;
import dev.tailguard.core.pipeline.TestCorpus;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.function.Runs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Issue 13 item 1, over HTTP against the real functions and the real local store: the data of an event is
 * untrusted. Each test fails on main (where the event's config, local paths and {@code ..} keys were honoured and a
 * failure replaced a succeeded report) and passes here.
 */
@QuarkusTest
class EventTrustBoundaryTest {

    @Inject
    ObjectStore store;
    @Inject
    Runs runs;

    private static Response post(String type, Object data) {
        return given().contentType(ContentType.JSON).header("ce-id", UUID.randomUUID().toString())
                .header("ce-specversion", "1.0").header("ce-type", type).header("ce-source", "attacker")
                .body(Json.write(data)).post("/");
    }

    private static String runId(String p) {
        return p + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A small valid corpus uploaded to the store under {@code incoming/}; returns its key. */
    private String upload() throws IOException {
        Path dir = Files.createDirectories(Path.of("target/adversarial-corpus"));
        Path f = TestCorpus.write(Files.createTempDirectory(dir, "c"), 8);
        String key = "incoming/adv-" + UUID.randomUUID().toString().substring(0, 8) + ".jsonl";
        store.put(key, Files.readAllBytes(f));
        return key;
    }

    private static Map<String, Object> request(String runId, List<String> inputs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", runId);
        m.put("inputs", inputs);
        return m;
    }

    @Test
    void anEventConfigThatLowersPolicyOrBoundsIsRefusedAndWritesNothing() throws IOException {
        String run = runId("lower");
        RunConfig d = runs.defaultConfig();
        assertThat(d.gates()).as("the deployment has gates").isNotEmpty();
        RunConfig forged = new RunConfig(d.seed(), d.syntheticRatio(), d.generator(), d.order(), d.temperature(), d.topK(),
                d.blendStrategy(), d.minRealFraction(), 1, 4_000_000_000L, d.compression(), d.maxSyntheticTokens(),
                List.of(), false);
        Map<String, Object> req = request(run, List.of(upload()));
        req.put("config", forged);
        post(Events.RUN_REQUESTED, req).then().statusCode(422)
                .body("reason", containsString("CONFIG_NOT_ALLOWED"))
                .body("reason", containsString("shardSize"))
                .body("reason", containsString("maxLineBytes"))
                .body("reason", containsString("gates"))
                .body("reason", containsString("reviewRequired"));
        assertThat(store.list("runs/" + run + "/")).as("nothing written").isEmpty();
    }

    @Test
    void anEventMayNameOnlyAConfiguredProfileWhichCannotLowerBounds() throws IOException {
        String unknown = runId("noprof");
        Map<String, Object> req = request(unknown, List.of(upload()));
        req.put("profile", "lenient");
        post(Events.RUN_REQUESTED, req).then().statusCode(422).body("reason", containsString("UNKNOWN_PROFILE"));
        assertThat(store.list("runs/" + unknown + "/")).isEmpty();

        String run = runId("strict");
        Map<String, Object> ok = request(run, List.of(upload()));
        ok.put("profile", "strict");
        String first = post(Events.RUN_REQUESTED, ok).then().statusCode(200).extract().asString();
        FrozenRun frozen = FrozenRun.load(store, run);
        RunConfig d = runs.defaultConfig();
        assertThat(frozen.config().reviewRequired()).as("the profile raised strictness").isTrue();
        assertThat(frozen.config().seed()).isEqualTo(7L);
        assertThat(frozen.config().shardSize()).as("bounds from the deployment").isEqualTo(d.shardSize());
        assertThat(frozen.config().maxLineBytes()).isEqualTo(d.maxLineBytes());
        assertThat(frozen.config().gates()).isEqualTo(d.gates());
        String again = post(Events.RUN_REQUESTED, ok).then().statusCode(200).extract().asString();
        assertThat(again).as("a redelivered request is answered idempotently").isEqualTo(first);
    }

    @Test
    void localPathsOutsideTheAllowedRootsAreRefusedAndWriteNothing() throws IOException {
        for (String in : List.of("/etc/passwd", "file:/etc/passwd", "file:/etc")) {
            String run = runId("passwd");
            post(Events.RUN_REQUESTED, request(run, List.of(in))).then().statusCode(422)
                    .body("reason", containsString("input refused"))
                    .body("reason", containsString("not under an allowed root"));
            assertThat(store.list("runs/" + run + "/")).as(in).isEmpty();
        }
    }

    @Test
    void storeKeysWithDotDotOrAnotherRunsPrefixAreRefusedAndWriteNothing() throws IOException {
        String victim = runId("victim");
        store.put("runs/" + victim + "/input/part-00000.jsonl", "{\"id\":\"a\",\"text\":\"secret\"}\n".getBytes(StandardCharsets.UTF_8));
        for (String in : List.of("runs/" + victim + "/input/part-00000.jsonl",
                "runs/evil/../" + victim + "/input/part-00000.jsonl", "incoming/../../x.jsonl", "store:../x.jsonl")) {
            String run = runId("reader");
            post(Events.RUN_REQUESTED, request(run, List.of(in))).then().statusCode(422)
                    .body("reason", containsString("input refused"));
            assertThat(store.list("runs/" + run + "/")).as(in).isEmpty();
        }
    }

    @Test
    void aManifestKeyWithDotDotIsRefusedWith4xxAndWritesNothing() throws IOException {
        String victim = runId("r1");
        SyntheticGenerated ev = new SyntheticGenerated("evil", RunConfig.defaults(1),
                "runs/evil/../" + victim + "/synthetic/_SUCCESS.json", 1, 0, 0);
        Response r = post(Events.SYNTHETIC_GENERATED, ev);
        assertThat(r.statusCode()).isBetween(400, 499);
        assertThat(store.list("runs/evil/")).isEmpty();
        assertThat(store.list("runs/" + victim + "/")).isEmpty();
    }

    @Test
    void aFailureNeverOverwritesASucceededReportAndNamesNoServerPath() throws IOException {
        String run = runId("done");
        String report = new RunLayout(run).reportJson();
        byte[] succeeded = "{\"run_id\":\"x\",\"status\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);
        store.put(report, succeeded);
        Path dir = Files.createDirectories(Path.of("target/adversarial-empty-" + run)).toAbsolutePath();
        String reason = post(Events.RUN_REQUESTED, request(run, List.of(dir.toString())))
                .then().statusCode(422).extract().path("reason");
        assertThat(reason).doesNotContain(dir.getParent().toString()).contains(dir.getFileName().toString());
        assertThat(store.open(report).readAllBytes()).as("the succeeded report is untouched").isEqualTo(succeeded);

        String other = runId("fails");
        String r2 = post(Events.RUN_REQUESTED, request(other, List.of(dir.toString())))
                .then().statusCode(422).extract().path("reason");
        String written = new String(store.open(new RunLayout(other).reportJson()).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(written).contains("\"failed\"").doesNotContain(dir.getParent().toString());
        assertThat(r2).doesNotContain(dir.getParent().toString());
    }
}
