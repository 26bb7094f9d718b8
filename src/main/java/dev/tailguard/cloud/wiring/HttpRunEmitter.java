package dev.tailguard.cloud.wiring;

import java.io.IOException;
import java.util.Objects;

import dev.tailguard.cloud.events.CloudEventSink;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunRequested;

/** Sends {@code dev.tailguard.run.requested} as a binary CloudEvent to a sink (the Knative Broker via {@code K_SINK}). */
public final class HttpRunEmitter implements RunEmitter {

    /** CloudEvent source of run requests. */
    public static final String SOURCE = "/tailguard/ingest";

    private final CloudEventSink sink;

    public HttpRunEmitter(CloudEventSink sink) {
        this.sink = Objects.requireNonNull(sink);
    }

    @Override
    public void emit(RunRequested request) throws IOException {
        String subject = request.inputs() == null || request.inputs().isEmpty() ? null : request.inputs().get(0);
        sink.send(request.runId(), Events.RUN_REQUESTED, SOURCE, subject, Json.MAPPER.writeValueAsBytes(request));
    }

    @Override
    public String describe() {
        return "CloudEvents over HTTP to " + sink.uri();
    }
}
