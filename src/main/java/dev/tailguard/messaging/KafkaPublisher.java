package dev.tailguard.messaging;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.observability.CloudEventTracing;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Publishes pipeline events on their topics as binary-mode CloudEvents ({@code ce_specversion}, {@code ce_id},
 * {@code ce_type}, {@code ce_source}, {@code ce_subject} = run id, {@code content-type: application/json}), keyed
 * by run id so a run's events stay in order on one partition; the current span's W3C context rides along as
 * {@code ce_traceparent}/{@code ce_tracestate} (CloudEvents distributed-tracing extension). {@link #publish} returns once the broker has
 * acknowledged the record (the producer's {@code acks=all}).
 */
@ApplicationScoped
public class KafkaPublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    @Channel(KafkaBackbone.OUT_RUN_REQUESTED)
    MutinyEmitter<String> runRequested;
    @Inject
    @Channel(KafkaBackbone.OUT_SYNTHETIC_GENERATED)
    MutinyEmitter<String> syntheticGenerated;
    @Inject
    @Channel(KafkaBackbone.OUT_SYNTHETIC_SCORED)
    MutinyEmitter<String> syntheticScored;
    @Inject
    @Channel(KafkaBackbone.OUT_DATASET_BLENDED)
    MutinyEmitter<String> datasetBlended;
    @Inject
    @Channel(KafkaBackbone.OUT_RUN_REPORTED)
    MutinyEmitter<String> runReported;

    /**
     * Sends one event and waits for the broker's acknowledgement.
     *
     * @param type   event type (selects the topic)
     * @param id     CloudEvent id
     * @param source CloudEvent source, e.g. {@code dev.tailguard/generate}
     * @param runId  record key and {@code ce_subject}
     * @param data   event data, serialized as JSON
     */
    public void publish(String type, String id, String source, String runId, Object data) {
        var ce = OutgoingCloudEventMetadata.builder().withId(id).withType(type)
                .withSource(URI.create(source)).withSubject(runId).withDataContentType("application/json");
        CloudEventTracing.inject(Context.current()).forEach(ce::withExtension);
        Message<String> m = Message.of(Json.write(data))
                .addMetadata(ce.build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(runId).build());
        emitter(type).sendMessage(m).await().atMost(SEND_TIMEOUT);
    }

    private MutinyEmitter<String> emitter(String type) {
        Map<String, MutinyEmitter<String>> byType = Map.of(
                Events.RUN_REQUESTED, runRequested,
                Events.SYNTHETIC_GENERATED, syntheticGenerated,
                Events.SYNTHETIC_SCORED, syntheticScored,
                Events.DATASET_BLENDED, datasetBlended,
                Events.RUN_REPORTED, runReported);
        MutinyEmitter<String> e = byType.get(type);
        if (e == null) {
            throw new IllegalArgumentException("no topic for event type " + type);
        }
        return e;
    }
}
