package dev.tailguard.observability;

import dev.tailguard.function.Dispatcher;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.TestCorpus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * One application boot for the wired observability: W3C trace context through every stage event (embedded run and
 * HTTP binary mode), {@code GET /runs/{id}} and the pipeline counters on {@code /q/metrics}.
 */
@QuarkusTest
class TracingStatusMetricsTest {

    static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final List<String> CHAIN = List.of("dev.tailguard.run.requested", "dev.tailguard.synthetic.generated",
            "dev.tailguard.synthetic.scored", "dev.tailguard.dataset.blended", "dev.tailguard.run.reported");

    @Inject
    Dispatcher dispatcher;

    @Test
    void embeddedRunCarriesOneTraceIdThroughEveryStageEventAndReportsStatus() throws IOException {
        Path in = TestCorpus.write(Files.createDirectories(Path.of("target/test-input-trace-embedded")), 6);
        List<Dispatcher.Hop> hops = new ArrayList<>();
        RunReported done = dispatcher.run(CHAIN.get(0), new RunRequested("run-trace-embedded", List.of(in.toString()), null),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), hops::add);
        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(hops).extracting(Dispatcher.Hop::type).containsExactlyElementsOf(CHAIN);
        String trace = CloudEventTracing.traceId(hops.get(0).extensions());
        assertThat(trace).isNotNull().hasSize(32);
        for (Dispatcher.Hop h : hops) {
            assertThat(h.extensions()).as(h.type()).containsKey(CloudEventTracing.TRACEPARENT);
            assertThat(CloudEventTracing.traceId(h.extensions())).as(h.type()).isEqualTo(trace);
        }

        given().get("/runs/run-trace-embedded").then().statusCode(200).contentType(ContentType.JSON)
                .body("run_id", equalTo("run-trace-embedded")).body("status", equalTo("succeeded"))
                .body("stage", equalTo("report")).body("stages.size()", equalTo(4))
                .body("stages[0].stage", equalTo("generate")).body("stages[0].state", equalTo("done"))
                .body("verdict.collapse_risk", org.hamcrest.Matchers.oneOf("low", "medium", "high", "unmeasurable"));
        given().get("/runs/run-never-started").then().statusCode(404).body("error", containsString("run-never-started"));
        given().get("/runs/.hidden").then().statusCode(400).body("error", containsString("invalid run id"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("tailguard_llm_tokens_total{type=\"prompt\"}", "tailguard_llm_tokens_total{type=\"completion\"}",
                "tailguard_llm_retries_total", "tailguard_llm_requests_total");
        assertThat(metrics).containsPattern("tailguard_gate_decisions_total\\{decision=\"(passed|failed)\",gate=\"[^\"]+\",on_fail=\"[a-z]+\",stage=\"blend\"} [1-9]");
        assertThat(metrics).containsPattern("tailguard_quarantined_records_total\\{reason=\"[a-z_]+\",stage=\"[a-z]+\"} [1-9]");
        assertThat(metrics).containsPattern("tailguard_stage_duration_seconds_bucket\\{outcome=\"succeeded\",stage=\"report\",le=\"(3\\d{3,}|[4-9]\\d{3,}|\\d{5,})\\.\\d+\"}");
    }

    private static Response post(String type, Object data, String traceparent) {
        var req = given().contentType(ContentType.JSON).header("ce-id", "trace-" + type).header("ce-specversion", "1.0")
                .header("ce-type", type).header("ce-source", "test");
        if (traceparent != null) {
            req = req.header("ce-traceparent", traceparent);
        }
        return req.body(Json.write(data)).post("/");
    }

    @Test
    void httpBinaryModeAnswersEveryStageWithTheCallersTraceId() throws IOException {
        Path in = TestCorpus.write(Files.createDirectories(Path.of("target/test-input-trace-http")), 6);
        Object data = Map.of("runId", "run-trace-http", "inputs", List.of(in.toAbsolutePath().toString()));
        String traceparent = PARENT;
        Object blended = null;
        for (int i = 0; i < 4; i++) {
            if (i == 3) {
                blended = data;
            }
            Response r = post(CHAIN.get(i), data, traceparent);
            r.then().statusCode(200).header("ce-type", CHAIN.get(i + 1));
            String next = r.header("ce-traceparent");
            assertThat(next).as(CHAIN.get(i + 1)).isNotNull();
            assertThat(CloudEventTracing.traceId(Map.of("traceparent", next))).as(CHAIN.get(i + 1))
                    .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            traceparent = next;
            data = Json.MAPPER.readValue(r.asString(), Map.class);
        }
        // without a traceparent a new, valid trace starts
        Response fresh = post(CHAIN.get(3), blended, null);
        fresh.then().statusCode(200);
        assertThat(CloudEventTracing.traceId(Map.of("traceparent", fresh.header("ce-traceparent")))).isNotNull()
                .isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }
}
