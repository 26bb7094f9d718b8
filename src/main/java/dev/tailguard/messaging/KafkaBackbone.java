package dev.tailguard.messaging;

import dev.tailguard.core.pipeline.Events;

import java.util.List;

/**
 * Names of the Kafka backbone ({@code tailguard.events=kafka}): one topic per CloudEvent type, named after the type
 * without its {@code dev.} prefix ({@code dev.tailguard.run.requested} → {@code tailguard.run.requested}), and the
 * SmallRye channels bound to them (configured in {@code application.properties}).
 */
public final class KafkaBackbone {

    /** Incoming channels, one per consuming stage. */
    public static final String IN_RUN_REQUESTED = "tg-run-requested";
    public static final String IN_SYNTHETIC_GENERATED = "tg-synthetic-generated";
    public static final String IN_SYNTHETIC_SCORED = "tg-synthetic-scored";
    public static final String IN_DATASET_BLENDED = "tg-dataset-blended";

    /** Outgoing channels, one per event type. */
    public static final String OUT_RUN_REQUESTED = "tg-run-requested-out";
    public static final String OUT_SYNTHETIC_GENERATED = "tg-synthetic-generated-out";
    public static final String OUT_SYNTHETIC_SCORED = "tg-synthetic-scored-out";
    public static final String OUT_DATASET_BLENDED = "tg-dataset-blended-out";
    public static final String OUT_RUN_REPORTED = "tg-run-reported-out";

    /** Topic that receives events a stage could not process after its retries (the dead-letter queue). */
    public static final String DEAD_LETTER_TOPIC = "tailguard.dead-letter";

    /** All event types, in pipeline order. */
    public static final List<String> TYPES = List.of(Events.RUN_REQUESTED, Events.SYNTHETIC_GENERATED,
            Events.SYNTHETIC_SCORED, Events.DATASET_BLENDED, Events.RUN_REPORTED);

    private KafkaBackbone() {
    }

    /** The topic of an event type: the type without {@code dev.}. */
    public static String topic(String type) {
        if (!type.startsWith("dev.tailguard.")) {
            throw new IllegalArgumentException("not a Tailguard event type: " + type);
        }
        return type.substring("dev.".length());
    }

    /**
     * The deterministic CloudEvent id of a stage's output: {@code <runId>/<type>}. A redelivered input makes the
     * (idempotent) stage emit the same event again under the same id, so consumers can deduplicate by id.
     */
    public static String eventId(String runId, String type) {
        return runId + "/" + type;
    }
}
