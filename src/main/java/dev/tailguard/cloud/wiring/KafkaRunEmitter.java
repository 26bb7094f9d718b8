package dev.tailguard.cloud.wiring;

import java.util.Objects;

import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.messaging.KafkaPublisher;

/** Publishes {@code dev.tailguard.run.requested} on the Kafka backbone ({@code tailguard.events=kafka}). */
public final class KafkaRunEmitter implements RunEmitter {

    private final KafkaPublisher publisher;

    public KafkaRunEmitter(KafkaPublisher publisher) {
        this.publisher = Objects.requireNonNull(publisher);
    }

    @Override
    public void emit(RunRequested request) {
        publisher.publish(Events.RUN_REQUESTED, request.runId(), HttpRunEmitter.SOURCE, request.runId(), request);
    }

    @Override
    public String describe() {
        return "Kafka topic tailguard.run.requested";
    }
}
