package dev.tailguard.function;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.TestCorpus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Each function over HTTP, in binary and structured CloudEvent mode, plus malformed events. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunctionsTest {

    static final Path STORE = Path.of("target/test-store");
    static Map<String, Object> generated;
    static Map<String, Object> scored;
    static Map<String, Object> blended;

    private static Response binary(String type, Object data) {
        return given().contentType(ContentType.JSON)
                .header("ce-id", "t-" + type).header("ce-specversion", "1.0").header("ce-type", type)
                .header("ce-source", "test").body(Json.write(data)).post("/");
    }

    private static Response structured(String type, Object data) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("specversion", "1.0");
        ev.put("id", "s-" + type);
        ev.put("source", "test");
        ev.put("type", type);
        ev.put("datacontenttype", "application/json");
        ev.put("data", data);
        return given().contentType("application/cloudevents+json").body(Json.write(ev)).post("/");
    }

    private static Map<String, Object> json(String s) throws IOException {
        return Json.MAPPER.readValue(s, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structuredData(Response r) throws IOException {
        return (Map<String, Object>) json(r.asString()).get("data");
    }

    @jakarta.inject.Inject
    dev.tailguard.function.Dispatcher dispatcher;

    /** Documents the run held out as its frozen anchor (generate manifest {@code counts.anchor_held_out}). */
    @SuppressWarnings("unchecked")
    private static int anchorHeldOut(String runId) throws IOException {
        Map<String, Object> m = Json.MAPPER.readValue(STORE.resolve("runs/" + runId + "/synthetic/_SUCCESS.json").toFile(),
                new TypeReference<LinkedHashMap<String, Object>>() {
                });
        return ((Number) ((Map<String, Object>) m.get("counts")).getOrDefault("anchor_held_out", 0)).intValue();
    }

    @org.junit.jupiter.api.BeforeAll
    static void cleanStore() throws IOException {
        Path runs = STORE.resolve("runs");
        if (Files.exists(runs)) {
            try (Stream<Path> s = Files.walk(runs)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(7)
    void embeddedDispatcherRunsTheChainThroughTheSameFunctions() throws IOException {
        Path in = TestCorpus.write(Files.createDirectories(Path.of("target/test-input-embedded")), 6);
        java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
        dev.tailguard.core.pipeline.RunReported done = dispatcher.run("dev.tailguard.run.requested",
                new dev.tailguard.core.pipeline.RunRequested("run-embedded", List.of(in.toString()), null),
                new java.io.PrintStream(progress, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(progress.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("[1/4] generate", "[2/4] score", "[3/4] blend", "[4/4] report", "dev.tailguard.run.reported");
        Map<String, Object> report = Json.MAPPER.readValue(STORE.resolve(done.report()).toFile(),
                new TypeReference<LinkedHashMap<String, Object>>() {
                });
        @SuppressWarnings("unchecked")
        Map<String, Number> c = (Map<String, Number>) report.get("counts");
        assertThat(c.get("malformed").intValue()).isEqualTo(TestCorpus.BAD_LINES);
        assertThat(c.get("lines_read").intValue()).isEqualTo(c.get("malformed").intValue()
                + c.get("anchor_held_out").intValue() + c.get("real").intValue());
        assertThat(c.get("blended").intValue()).isEqualTo(c.get("real_blended").intValue() + c.get("synthetic_blended").intValue());
        assertThat(report.get("seed")).isEqualTo(42);
    }

    @Test
    @Order(1)
    void generateInBinaryThenStructuredModeGivesTheSameEvent() throws IOException {
        Path in = TestCorpus.write(Files.createDirectories(Path.of("target/test-input")), 8);
        Map<String, Object> req = Map.of("runId", "run-http", "inputs", List.of(in.toAbsolutePath().toString()));
        Response b = binary("dev.tailguard.run.requested", req);
        b.then().statusCode(200).header("ce-type", "dev.tailguard.synthetic.generated").header("ce-source", "dev.tailguard/generate");
        generated = json(b.asString());
        // the anchor (10% of documents by id hash, issue 11) is held out of the real input
        int held = anchorHeldOut("run-http");
        assertThat(generated).containsEntry("runId", "run-http").containsEntry("real", 8 - held)
                .containsEntry("malformed", TestCorpus.BAD_LINES);
        assertThat(generated.get("manifest")).isEqualTo("runs/run-http/synthetic/_SUCCESS.json");

        Response s = structured("dev.tailguard.run.requested", req);
        s.then().statusCode(200).body("type", equalTo("dev.tailguard.synthetic.generated"));
        assertThat(structuredData(s)).isEqualTo(generated);
    }

    @Test
    @Order(2)
    void scoreInBothModes() throws IOException {
        Response s = structured("dev.tailguard.synthetic.generated", generated);
        s.then().statusCode(200).body("type", equalTo("dev.tailguard.synthetic.scored"));
        scored = structuredData(s);
        assertThat(((Number) scored.get("realPassed")).intValue() + ((Number) scored.get("realQuarantined")).intValue())
                .isEqualTo(8 - anchorHeldOut("run-http"));
        Response b = binary("dev.tailguard.synthetic.generated", generated);
        b.then().statusCode(200).header("ce-type", "dev.tailguard.synthetic.scored");
        assertThat(json(b.asString())).isEqualTo(scored);
    }

    @Test
    @Order(3)
    void blendInBothModes() throws IOException {
        Response b = binary("dev.tailguard.synthetic.scored", scored);
        b.then().statusCode(200).header("ce-type", "dev.tailguard.dataset.blended");
        blended = json(b.asString());
        assertThat(((Number) blended.get("blended")).intValue()).isEqualTo(
                ((Number) blended.get("realBlended")).intValue() + ((Number) blended.get("syntheticBlended")).intValue());
        Response s = structured("dev.tailguard.synthetic.scored", scored);
        s.then().statusCode(200).body("type", equalTo("dev.tailguard.dataset.blended"));
        assertThat(structuredData(s)).isEqualTo(blended);
    }

    @Test
    @Order(4)
    void reportInBothModes() throws IOException {
        Response s = structured("dev.tailguard.dataset.blended", blended);
        s.then().statusCode(200).body("type", equalTo("dev.tailguard.run.reported")).body("data.status", equalTo("succeeded"));
        Response b = binary("dev.tailguard.dataset.blended", blended);
        b.then().statusCode(200).header("ce-type", "dev.tailguard.run.reported").header("ce-source", "dev.tailguard/report");
        Map<String, Object> reported = json(b.asString());
        assertThat(reported).isEqualTo(structuredData(s));
        assertThat(reported.get("report")).isEqualTo("runs/run-http/report/report.json");
        Map<String, Object> report = Json.MAPPER.readValue(STORE.resolve("runs/run-http/report/report.json").toFile(),
                new TypeReference<LinkedHashMap<String, Object>>() {
                });
        assertThat(report).containsEntry("status", "succeeded").containsKeys("counts", "metrics", "gates", "timings_ms");
    }

    @Test
    @Order(5)
    void malformedEventsGet400WithAReasonAndWriteNothing() throws IOException {
        long before = fileCount();
        given().contentType(ContentType.JSON).body("{\"inputs\":[\"x\"]}").post("/")
                .then().statusCode(400).body("reason", containsString("not a CloudEvent"));
        binary("dev.tailguard.unknown", Map.of("a", 1)).then().statusCode(400).body("reason", containsString("unknown event type"));
        binary("dev.tailguard.run.requested", Map.of("runId", "r1")).then().statusCode(400).body("reason", containsString("inputs"));
        binary("dev.tailguard.run.requested", Map.of("runId", "../../etc", "inputs", List.of("a"))).then().statusCode(400)
                .body("reason", containsString("invalid run id"));
        binary("dev.tailguard.synthetic.generated", Map.of("runId", "r1", "bogus", 1)).then().statusCode(400)
                .body("reason", containsString("invalid data"));
        given().contentType(ContentType.JSON).header("ce-id", "1").header("ce-specversion", "1.0").header("ce-source", "t")
                .header("ce-type", "dev.tailguard.run.requested").body("{not json").post("/")
                .then().statusCode(400).body("reason", containsString("not JSON"));
        given().contentType("application/cloudevents+json").body("{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"t\",\"type\":\"dev.tailguard.run.requested\",\"data\":{}}")
                .post("/").then().statusCode(400).body("reason", containsString("specversion"));
        structured("dev.tailguard.run.requested", null).then().statusCode(400).body("reason", containsString("data must be a JSON object"));
        given().contentType(ContentType.TEXT).header("ce-id", "1").header("ce-specversion", "1.0").header("ce-source", "t")
                .header("ce-type", "dev.tailguard.synthetic.generated").body("{\"runId\":\"r1\"}").post("/")
                .then().statusCode(400).body("reason", containsString("is not JSON"));
        assertThat(fileCount()).isEqualTo(before);
    }

    @Test
    @Order(7)
    void missingInputIsAPermanent422NamingTheStage() {
        String missing = Path.of("target", "no-such-input-" + System.nanoTime() + ".jsonl").toAbsolutePath().toString();
        binary("dev.tailguard.run.requested", Map.of("inputs", List.of(missing))).then().statusCode(422)
                .body("stage", equalTo("generate")).body("reason", containsString("not found"));
    }

    @Test
    @Order(6)
    void healthIsUp() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static long fileCount() throws IOException {
        if (!Files.exists(STORE)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(STORE)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
