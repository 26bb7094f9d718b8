package dev.tailguard.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.runner.EventPublisher;
import dev.tailguard.observability.CloudEventTracing;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import dev.tailguard.core.pipeline.runner.StageEvent;

/**
 * The HTTP/Knative {@link EventPublisher}: POSTs each stage event as a binary-mode CloudEvent to the sink (the
 * Knative Broker's ingress, injected as {@code K_SINK} by a SinkBinding). Returns once the sink accepted it (2xx);
 * any other answer or an I/O error throws, so the step that produced the event fails with a retryable 5xx and is
 * redelivered (the steps are idempotent and re-publish what they produced).
 */
public final class HttpSinkPublisher implements EventPublisher, RunEventEmitter {

    private final URI sink;
    private final Duration timeout;

    /**
     * @param sink    where events go, e.g. the value of {@code K_SINK}
     * @param timeout connect and read timeout per POST
     */
    public HttpSinkPublisher(URI sink, Duration timeout) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (!"http".equals(sink.getScheme()) && !"https".equals(sink.getScheme())) {
            throw new IllegalArgumentException("K_SINK must be an http(s) URL, got " + sink);
        }
    }

    /** The sink. */
    public URI sink() {
        return sink;
    }

    @Override
    public void publish(StageEvent event) {
        post(StageEventCodec.encode(event));
    }

    /**
     * Posts a pipeline event ({@code dev.tailguard.synthetic.generated} … {@code run.reported}) as a binary-mode
     * CloudEvent with JSON data, carrying the current span's {@code traceparent}: the {@link RunEventEmitter} of the
     * HTTP backbone.
     */
    @Override
    public void emit(String type, String id, String source, String runId, Object data) {
        CloudEventBuilder b = CloudEventBuilder.v1();
        CloudEventTracing.inject(Context.current()).forEach(b::withExtension);
        post(b.withId(id).withType(type).withSource(URI.create(source)).withSubject(runId)
                .withDataContentType(StageEventCodec.CONTENT_TYPE)
                .withData(Json.write(data).getBytes(StandardCharsets.UTF_8)).build());
    }

    /** Posts one CloudEvent in binary mode; returns once the sink answered 2xx, throws otherwise. */
    public void post(CloudEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] holder = {new byte[0]};
        HttpMessageFactory.createWriter(headers::put, b -> holder[0] = b == null ? new byte[0] : b).writeBinary(event);
        byte[] body = holder[0];
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) sink.toURL().openConnection();
            c.setRequestMethod("POST");
            c.setConnectTimeout((int) timeout.toMillis());
            c.setReadTimeout((int) timeout.toMillis());
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            headers.forEach(c::setRequestProperty);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int code = c.getResponseCode();
            try (InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            if (code / 100 != 2) {
                throw new IllegalStateException("sink " + sink + " answered " + code + " to event " + event.getId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot post event " + event.getId() + " to sink " + sink, e);
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }
}
