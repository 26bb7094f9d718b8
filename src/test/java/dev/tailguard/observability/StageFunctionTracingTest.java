package dev.tailguard.observability;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.TestCorpus;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * W3C trace context through every Funqy stage function over HTTP, in both CloudEvents modes: the stage span recorded
 * by a real OpenTelemetry SDK tracer ({@link InMemoryTracer}) has the caller's trace id and the caller's span as its
 * parent, and the answer carries the stage span's context (binary: {@code ce-traceparent} header; structured:
 * {@code traceparent} attribute of the JSON envelope).
 */
@QuarkusTest
@TestProfile(StageFunctionTracingTest.RecordSpans.class)
class StageFunctionTracingTest {

    /** Selects the in-memory tracer. */
    public static class RecordSpans implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(InMemoryTracer.class);
        }
    }

    static final List<String> CHAIN = TracingStatusMetricsTest.CHAIN;
    static final List<String> STAGES = List.of("generate", "score", "blend", "report");
    static final String TRACE = "5bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void structuredModeContinuesTheCallersTraceInEveryStage() throws IOException {
        runChain("structured", true);
    }

    @Test
    void binaryModeContinuesTheCallersTraceInEveryStage() throws IOException {
        runChain("binary", false);
    }

    @Test
    void structuredEventWithoutTraceparentStartsANewTrace() throws IOException {
        Path in = TestCorpus.write(Files.createDirectories(Path.of("target/test-input-trace-fresh")), 6);
        Map<String, Object> data = Map.of("runId", "run-trace-fresh", "inputs", List.of(in.toAbsolutePath().toString()));
        Response r = structured(CHAIN.get(0), data, null);
        r.then().statusCode(200);
        String next = (String) Json.MAPPER.readValue(r.asString(), Map.class).get("traceparent");
        String trace = CloudEventTracing.traceId(Map.of("traceparent", next));
        assertThat(trace).isNotNull().isNotEqualTo(TRACE);
        assertThat(stageSpan("generate", "run-trace-fresh").getTraceId()).isEqualTo(trace);
    }

    private void runChain(String mode, boolean structuredMode) throws IOException {
        String runId = "run-trace-" + mode;
        Path in = TestCorpus.write(Files.createDirectories(Path.of("target/test-input-trace-" + mode)), 6);
        Object data = Map.of("runId", runId, "inputs", List.of(in.toAbsolutePath().toString()));
        for (int i = 0; i < 4; i++) {
            String callerSpan = String.format("%015x%d", 0xa1L + i, structuredMode ? 1 : 2);
            String traceparent = "00-" + TRACE + "-" + callerSpan + "-01";
            Response r = structuredMode ? structured(CHAIN.get(i), data, traceparent) : binary(CHAIN.get(i), data, traceparent);
            r.then().statusCode(200);
            String answered;
            if (structuredMode) {
                Map<?, ?> envelope = Json.MAPPER.readValue(r.asString(), Map.class);
                assertThat(r.contentType()).startsWith("application/cloudevents+json");
                assertThat(envelope.get("type")).isEqualTo(CHAIN.get(i + 1));
                answered = (String) envelope.get("traceparent");
                data = envelope.get("data");
            } else {
                assertThat(r.header("ce-type")).isEqualTo(CHAIN.get(i + 1));
                answered = r.header("ce-traceparent");
                data = Json.MAPPER.readValue(r.asString(), Map.class);
            }
            SpanData span = stageSpan(STAGES.get(i), runId);
            assertThat(span.getTraceId()).as(mode + " " + STAGES.get(i)).isEqualTo(TRACE);
            assertThat(span.getParentSpanId()).as(mode + " " + STAGES.get(i)).isEqualTo(callerSpan);
            assertThat(span.getAttributes().asMap().toString()).contains("cloudevents.event_type=" + CHAIN.get(i));
            assertThat(answered).as(mode + " answer of " + STAGES.get(i))
                    .isEqualTo("00-" + TRACE + "-" + span.getSpanId() + "-01");
        }
        assertThat(((Map<?, ?>) data).get("status")).isEqualTo("succeeded");
    }

    private static SpanData stageSpan(String stage, String runId) {
        List<SpanData> spans = InMemoryTracer.ENDED.stream()
                .filter(s -> s.getName().equals("tailguard " + stage))
                .filter(s -> s.getAttributes().asMap().toString().contains("tailguard.run_id=" + runId))
                .toList();
        assertThat(spans).as("spans of " + stage + " in " + runId).hasSize(1);
        return spans.get(0);
    }

    private static Response structured(String type, Object data, String traceparent) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", "structured-" + type);
        envelope.put("source", "test");
        envelope.put("type", type);
        envelope.put("datacontenttype", "application/json");
        if (traceparent != null) {
            envelope.put("traceparent", traceparent);
        }
        envelope.put("data", data);
        return given().contentType("application/cloudevents+json").body(Json.write(envelope)).post("/");
    }

    private static Response binary(String type, Object data, String traceparent) {
        return given().contentType(ContentType.JSON).header("ce-id", "binary-" + type).header("ce-specversion", "1.0")
                .header("ce-type", type).header("ce-source", "test").header("ce-traceparent", traceparent)
                .body(Json.write(data)).post("/");
    }
}
