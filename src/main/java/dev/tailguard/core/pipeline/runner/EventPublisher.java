package dev.tailguard.core.pipeline.runner;

/**
 * The one event-publishing port of the pipeline: hands a {@link StageEvent} to whichever worker takes it (an
 * in-process thread pool, a broker over HTTP, a Kafka topic). Delivery may repeat an event; the steps are idempotent.
 */
public interface EventPublisher {

    /** Publishes the event; returns once it is handed over. */
    void publish(StageEvent event);
}
