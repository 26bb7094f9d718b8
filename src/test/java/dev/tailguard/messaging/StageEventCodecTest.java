package dev.tailguard.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import dev.tailguard.core.pipeline.runner.StageEvent;

/** Stage events through the CloudEvents SDK: HTTP binary and structured mode, Kafka binary mode, and refusals. */
class StageEventCodecTest {

    private static final StageEvent TASK = StageEvent.task("run-abc", "score", 3);

    @Test
    void httpBinaryModeRoundTripsWithDataref() {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = StageEventCodec.toHttp(TASK, headers);
        assertThat(headers).containsEntry("ce-id", "run-abc/score/task/3")
                .containsEntry("ce-type", StageEvent.TYPE)
                .containsEntry("ce-source", "/tailguard/score")
                .containsEntry("ce-subject", "run-abc")
                .containsEntry("ce-dataref", "runs/run-abc/work/score/plan.json")
                .containsEntry("Content-Type", "application/json");
        Map<String, String> upper = new LinkedHashMap<>();
        headers.forEach((k, v) -> upper.put(k.toUpperCase(java.util.Locale.ROOT), v));
        assertThat(StageEventCodec.fromHttp(upper, body)).isEqualTo(TASK);
    }

    @Test
    void planEventsReferenceTheFrozenConfiguration() {
        StageEvent plan = StageEvent.plan("run-abc", "generate");
        assertThat(StageEventCodec.encode(plan).getExtension("dataref").toString()).isEqualTo("runs/run-abc/config.json");
    }

    @Test
    void httpStructuredModeIsReadToo() {
        String ce = "{\"specversion\":\"1.0\",\"id\":\"run-abc/score/task/3\",\"type\":\"" + StageEvent.TYPE + "\","
                + "\"source\":\"/tailguard/score\",\"subject\":\"run-abc\",\"datacontenttype\":\"application/json\","
                + "\"dataref\":\"runs/run-abc/work/score/plan.json\","
                + "\"data\":{\"schema\":1,\"runId\":\"run-abc\",\"stage\":\"score\",\"step\":\"TASK\",\"task\":3}}";
        assertThat(StageEventCodec.fromHttp(Map.of("Content-Type", "application/cloudevents+json"),
                ce.getBytes(StandardCharsets.UTF_8))).isEqualTo(TASK);
    }

    @Test
    void kafkaBinaryModeRoundTrips() {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = StageEventCodec.toKafka(TASK, headers);
        assertThat(new String(headers.lastHeader("ce_id").value(), StandardCharsets.UTF_8)).isEqualTo(TASK.id());
        assertThat(new String(headers.lastHeader("ce_dataref").value(), StandardCharsets.UTF_8))
                .isEqualTo(TASK.dataref());
        assertThat(StageEventCodec.fromKafka(headers, value)).isEqualTo(TASK);
    }

    @Test
    void refusalsNameTheAttributeAtFault() {
        Map<String, String> h = new LinkedHashMap<>();
        byte[] body = StageEventCodec.toHttp(TASK, h);

        Map<String, String> text = new LinkedHashMap<>(h);
        text.put("Content-Type", "text/plain");
        assertThatThrownBy(() -> StageEventCodec.fromHttp(text, body))
                .isInstanceOfSatisfying(StageEventCodec.InvalidStageEvent.class,
                        e -> assertThat(e.field()).isEqualTo("datacontenttype"));

        Map<String, String> otherId = new LinkedHashMap<>(h);
        otherId.put("ce-id", "run-abc/score/task/4");
        assertThatThrownBy(() -> StageEventCodec.fromHttp(otherId, body)).hasMessageContaining("ce-id");

        Map<String, String> noRef = new LinkedHashMap<>(h);
        noRef.remove("ce-dataref");
        assertThatThrownBy(() -> StageEventCodec.fromHttp(noRef, body)).hasMessageContaining("ce-dataref");

        Map<String, String> otherType = new LinkedHashMap<>(h);
        otherType.put("ce-type", "dev.tailguard.run.requested");
        assertThatThrownBy(() -> StageEventCodec.fromHttp(otherType, body)).hasMessageContaining("ce-type");

        assertThatThrownBy(() -> StageEventCodec.fromHttp(h, "{\"schema\":9}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(StageEventCodec.InvalidStageEvent.class,
                        e -> assertThat(e.field()).isEqualTo("data"));

        assertThatThrownBy(() -> StageEventCodec.fromHttp(Map.of("content-type", "application/json"), body))
                .isInstanceOf(StageEventCodec.InvalidStageEvent.class).hasMessageContaining("not a CloudEvent");
    }

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

    private static io.opentelemetry.context.Context parent() {
        return dev.tailguard.observability.CloudEventTracing.extract(Map.of("traceparent", TRACEPARENT));
    }

    @Test
    void currentTraceContextRidesInEveryModeAndIsReadBack() {
        Map<String, String> http = new LinkedHashMap<>();
        RecordHeaders kafka = new RecordHeaders();
        byte[] body;
        byte[] value;
        io.cloudevents.CloudEvent ce;
        try (var ignored = parent().makeCurrent()) {
            body = StageEventCodec.toHttp(TASK, http);
            value = StageEventCodec.toKafka(TASK, kafka);
            ce = StageEventCodec.encode(TASK);
        }
        assertThat(http).containsEntry("ce-traceparent", TRACEPARENT);
        assertThat(new String(kafka.lastHeader("ce_traceparent").value(), StandardCharsets.UTF_8)).isEqualTo(TRACEPARENT);
        assertThat(traceIdOf(StageEventCodec.readHttp(http, body))).isEqualTo(TRACE);
        assertThat(traceIdOf(StageEventCodec.readKafka(kafka, value))).isEqualTo(TRACE);

        byte[] structured = io.cloudevents.core.provider.EventFormatProvider.getInstance()
                .resolveFormat(io.cloudevents.jackson.JsonFormat.CONTENT_TYPE).serialize(ce);
        assertThat(new String(structured, StandardCharsets.UTF_8)).contains("\"traceparent\":\"" + TRACEPARENT + "\"");
        StageEventCodec.Received r = StageEventCodec.readHttp(
                Map.of("content-type", "application/cloudevents+json"), structured);
        assertThat(r.event()).isEqualTo(TASK);
        assertThat(traceIdOf(r)).isEqualTo(TRACE);
    }

    @Test
    void withoutCurrentContextNoTraceparentIsSentAndNoneIsRead() {
        Map<String, String> http = new LinkedHashMap<>();
        byte[] body = StageEventCodec.toHttp(TASK, http);
        assertThat(http).doesNotContainKey("ce-traceparent");
        StageEventCodec.Received r = StageEventCodec.readHttp(http, body);
        assertThat(io.opentelemetry.api.trace.Span.fromContext(r.trace()).getSpanContext().isValid()).isFalse();

        Map<String, String> bad = new LinkedHashMap<>(http);
        bad.put("ce-traceparent", "00-not-a-trace-01");
        assertThat(io.opentelemetry.api.trace.Span.fromContext(StageEventCodec.readHttp(bad, body).trace())
                .getSpanContext().isValid()).as("malformed traceparent: a new trace").isFalse();
    }

    private static String traceIdOf(StageEventCodec.Received r) {
        return io.opentelemetry.api.trace.Span.fromContext(r.trace()).getSpanContext().getTraceId();
    }
}
