package dev.tailguard.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.runner.StageEvent;
import dev.tailguard.observability.CloudEventTracing;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.extensions.DatarefExtension;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import io.opentelemetry.context.Context;
import org.apache.kafka.common.header.Headers;

/**
 * The one wire form of a {@link StageEvent}, through the CloudEvents SDK ({@code io.cloudevents}): type
 * {@value StageEvent#TYPE}, id {@link StageEvent#id()} (deterministic, so redeliveries carry the same id), source
 * {@code /tailguard/<stage>}, subject the run id, JSON data (the record), and the {@code dataref} extension naming
 * the store object the step reads first ({@link StageEvent#dataref()}): the event carries references, never data.
 * Binary content mode over HTTP ({@code ce-*} headers) and Kafka ({@code ce_*} headers); HTTP structured mode
 * ({@code application/cloudevents+json}) is read too.
 * <p>
 * Trace context (CloudEvents distributed-tracing extension): {@link #encode} puts the W3C {@code traceparent} (and
 * {@code tracestate}) of the current OpenTelemetry context on the event (headers {@code ce-traceparent} over HTTP,
 * {@code ce_traceparent} over Kafka, a top-level attribute in structured mode); {@link #readHttp}/{@link #readKafka}
 * return the context an event carries ({@link Context#root()} when none), so a worker continues it.
 */
public final class StageEventCodec {

    /** The data content type of stage events. */
    public static final String CONTENT_TYPE = "application/json";

    private StageEventCodec() {
    }

    /**
     * A stage event as received, with the trace context it carried.
     *
     * @param event the stage event
     * @param trace the W3C context of its {@code traceparent} extension, {@link Context#root()} when it carries none
     */
    public record Received(StageEvent event, Context trace) {
    }

    /** The CloudEvent of a stage event, carrying the current span's {@code traceparent} when there is one. */
    public static CloudEvent encode(StageEvent ev) {
        DatarefExtension dataref = new DatarefExtension();
        dataref.setDataref(URI.create(ev.dataref()));
        CloudEventBuilder b = CloudEventBuilder.v1();
        CloudEventTracing.inject(Context.current()).forEach(b::withExtension);
        return b
                .withId(ev.id())
                .withType(StageEvent.TYPE)
                .withSource(URI.create("/tailguard/" + ev.stage()))
                .withSubject(ev.runId())
                .withDataContentType(CONTENT_TYPE)
                .withExtension(dataref)
                .withData(Json.write(ev).getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /**
     * The stage event a CloudEvent carries, checked: type, JSON content type, data present and a valid
     * {@link StageEvent}, and id, subject and {@code dataref} consistent with it.
     *
     * @throws InvalidStageEvent naming the attribute or field at fault
     */
    public static StageEvent decode(CloudEvent ce) {
        if (!StageEvent.TYPE.equals(ce.getType())) {
            throw new InvalidStageEvent("ce-type", "expected " + StageEvent.TYPE + ", got " + ce.getType());
        }
        String ct = ce.getDataContentType();
        if (ct == null || !ct.toLowerCase(Locale.ROOT).startsWith(CONTENT_TYPE)) {
            throw new InvalidStageEvent("datacontenttype", "expected " + CONTENT_TYPE + ", got " + ct);
        }
        if (ce.getData() == null) {
            throw new InvalidStageEvent("data", "missing");
        }
        StageEvent ev;
        try {
            ev = Json.MAPPER.readValue(ce.getData().toBytes(), StageEvent.class);
        } catch (java.io.IOException | RuntimeException e) {
            throw new InvalidStageEvent("data", "not a stage event: " + firstLine(e.getMessage()));
        }
        if (!ev.id().equals(ce.getId())) {
            throw new InvalidStageEvent("ce-id", "expected " + ev.id() + " for this data, got " + ce.getId());
        }
        if (!Objects.equals(ev.runId(), ce.getSubject())) {
            throw new InvalidStageEvent("ce-subject", "expected run id " + ev.runId() + ", got " + ce.getSubject());
        }
        Object dataref = ce.getExtension(DatarefExtension.DATAREF);
        if (dataref == null || !ev.dataref().equals(dataref.toString())) {
            throw new InvalidStageEvent("ce-dataref", "expected " + ev.dataref() + ", got " + dataref);
        }
        return ev;
    }

    /**
     * Binary-mode HTTP form: the headers ({@code ce-*}, {@code content-type}) and the body.
     *
     * @param headers filled with the headers to send
     * @return the body
     */
    public static byte[] toHttp(StageEvent ev, Map<String, String> headers) {
        byte[][] body = {new byte[0]};
        HttpMessageFactory.createWriter(headers::put, b -> body[0] = b == null ? new byte[0] : b)
                .writeBinary(encode(ev));
        return body[0];
    }

    /**
     * The stage event of an HTTP request (binary or structured mode); header names in any case.
     *
     * @throws InvalidStageEvent when it is not a valid stage event
     */
    public static StageEvent fromHttp(Map<String, String> headers, byte[] body) {
        return readHttp(headers, body).event();
    }

    /**
     * The stage event of an HTTP request (binary or structured mode) with the trace context it carries.
     *
     * @throws InvalidStageEvent when it is not a valid stage event
     */
    public static Received readHttp(Map<String, String> headers, byte[] body) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        CloudEvent ce;
        try {
            ce = HttpMessageFactory.createReader(lower, body).toEvent();
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new InvalidStageEvent("ce-*", "not a CloudEvent: " + firstLine(e.getMessage()));
        }
        return new Received(decode(ce), traceOf(ce));
    }

    /**
     * Binary-mode Kafka form: fills the record headers ({@code ce_*}, {@code content-type}) and returns the value.
     */
    public static byte[] toKafka(StageEvent ev, Headers headers) {
        var record = KafkaMessageFactory.<String>createWriter("unused", ev.runId()).writeBinary(encode(ev));
        record.headers().forEach(headers::add);
        return record.value();
    }

    /**
     * The stage event of a Kafka record's headers and value.
     *
     * @throws InvalidStageEvent when it is not a valid stage event
     */
    public static StageEvent fromKafka(Headers headers, byte[] value) {
        return readKafka(headers, value).event();
    }

    /**
     * The stage event of a Kafka record's headers and value, with the trace context it carries.
     *
     * @throws InvalidStageEvent when it is not a valid stage event
     */
    public static Received readKafka(Headers headers, byte[] value) {
        CloudEvent ce;
        try {
            ce = KafkaMessageFactory.createReader(headers, value).toEvent();
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new InvalidStageEvent("ce_*", "not a CloudEvent: " + firstLine(e.getMessage()));
        }
        return new Received(decode(ce), traceOf(ce));
    }

    /** The trace context of a CloudEvent's {@code traceparent}/{@code tracestate} extensions (root when absent). */
    public static Context traceOf(CloudEvent ce) {
        Map<String, Object> ext = new LinkedHashMap<>();
        for (String name : new String[] {CloudEventTracing.TRACEPARENT, CloudEventTracing.TRACESTATE}) {
            Object v = ce.getExtension(name);
            if (v != null) {
                ext.put(name, v.toString());
            }
        }
        return CloudEventTracing.extract(ext);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A message that is not a valid stage event: permanent (a redelivery cannot fix it). */
    public static final class InvalidStageEvent extends IllegalArgumentException {

        private final String field;

        InvalidStageEvent(String field, String problem) {
            super("invalid stage event: " + field + ": " + problem);
            this.field = field;
        }

        /** The attribute or field at fault, e.g. {@code ce-type}, {@code data}. */
        public String field() {
            return field;
        }
    }
}
