package dev.tailguard.messaging;

/**
 * Publishes a pipeline event ({@code dev.tailguard.synthetic.generated} … {@code dev.tailguard.run.reported}) to the
 * event backbone: the Broker over HTTP ({@link HttpSinkPublisher#emit}) or its Kafka topic ({@link KafkaPublisher}).
 * Returns once the backbone accepted it; throws otherwise.
 */
@FunctionalInterface
public interface RunEventEmitter {

    /**
     * @param type   CloudEvent type
     * @param id     CloudEvent id (deterministic: {@link KafkaBackbone#eventId})
     * @param source CloudEvent source, {@code dev.tailguard/<stage>}
     * @param runId  run id (subject, Kafka key)
     * @param data   event data, serialized as JSON
     */
    void emit(String type, String id, String source, String runId, Object data);
}
