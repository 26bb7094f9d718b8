package dev.tailguard.messaging;

import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.trigger.ObjectCreated;
import dev.tailguard.core.trigger.RunRequester;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * With {@code tailguard.events=kafka}, object-storage notifications (the cloud ingest endpoint) start runs by
 * publishing {@code dev.tailguard.run.requested} on {@code tailguard.run.requested}; the event id is the run id, so
 * a redelivered notification re-publishes an identical event that the idempotent stages absorb.
 */
@ApplicationScoped
@LookupIfProperty(name = "tailguard.events", stringValue = "kafka")
public class KafkaRunRequester implements RunRequester {

    @Inject
    KafkaPublisher publisher;

    @Override
    public void requestRun(String runId, ObjectCreated input) {
        publisher.publish(Events.RUN_REQUESTED, runId, "/tailguard/ingest", runId,
                new RunRequested(runId, List.of(input.key()), null));
    }
}
