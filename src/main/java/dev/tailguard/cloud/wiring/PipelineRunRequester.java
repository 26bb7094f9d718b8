package dev.tailguard.cloud.wiring;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.trigger.ObjectCreated;
import dev.tailguard.core.trigger.RunRequester;
import dev.tailguard.function.Runs;
import io.quarkus.arc.lookup.LookupUnlessProperty;

/**
 * Starts a run for an accepted incoming object (the {@code /notifications/object-storage} endpoint): sends
 * {@code dev.tailguard.run.requested} with the object key as input and the app's default {@code RunConfig}, through
 * the {@link RunEmitter} (HTTP to {@code K_SINK}, or in-process). With {@code tailguard.events=kafka} the messaging
 * module's {@code KafkaRunRequester} takes over. Idempotent per run id: the stages skip work whose manifest exists.
 */
@ApplicationScoped
@LookupUnlessProperty(name = "tailguard.events", stringValue = "kafka")
public class PipelineRunRequester implements RunRequester {

    @Inject
    RunEmitter emitter;

    @Inject
    Runs runs;

    @Override
    public void requestRun(String runId, ObjectCreated input) throws IOException {
        emitter.emit(new RunRequested(runId, List.of(input.key()), runs.defaultConfig()));
    }
}
