package dev.tailguard.cloud.wiring;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.tailguard.function.Dispatcher;
import dev.tailguard.cloud.events.CloudEventSink;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.messaging.KafkaPublisher;

/**
 * Chooses how run requests reach the pipeline: {@code tailguard.events=kafka} → the Kafka backbone;
 * else {@code K_SINK} set (Knative SinkBinding) → CloudEvents over HTTP; else in this process through the embedded
 * {@link Dispatcher} on one worker thread ({@link InProcessRuns}).
 */
@ApplicationScoped
public class RunEmitterProducer {

    private static final Logger LOG = Logger.getLogger(RunEmitterProducer.class);

    @ConfigProperty(name = "tailguard.events", defaultValue = "http")
    String events;

    @ConfigProperty(name = "K_SINK")
    Optional<String> kSink;

    @Inject
    Instance<KafkaPublisher> kafka;

    @Inject
    Instance<Dispatcher> dispatcher;

    private ExecutorService executor;

    /** The emitter for this deployment. */
    @Produces
    @Singleton
    RunEmitter emitter() {
        RunEmitter e;
        Optional<CloudEventSink> sink = kSink.isPresent()
                ? CloudEventSink.fromEnvironment(Map.of("K_SINK", kSink.get()))
                : CloudEventSink.fromEnvironment(System.getenv());
        if ("kafka".equals(events)) {
            e = new KafkaRunEmitter(kafka.get());
        } else if (sink.isPresent()) {
            e = new HttpRunEmitter(sink.get());
        } else {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "tailguard-inprocess-run");
                t.setDaemon(true);
                return t;
            });
            Dispatcher d = dispatcher.get();
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            e = new InProcessRuns(req -> {
                LOG.infof("run %s: starting in-process on %s", req.runId(), req.inputs());
                var reported = d.run(Events.RUN_REQUESTED, req, quiet);
                LOG.infof("run %s: %s, report %s", req.runId(), reported.status(), reported.report());
                return reported;
            }, executor);
        }
        LOG.infof("run requests go to: %s", e.describe());
        return e;
    }

    void close(@Disposes RunEmitter emitter) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
