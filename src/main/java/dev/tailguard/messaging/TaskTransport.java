package dev.tailguard.messaging;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import dev.tailguard.core.pipeline.runner.EventPublisher;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.StageEvent;
import dev.tailguard.core.pipeline.runner.StageRunner;
import dev.tailguard.core.pipeline.runner.WorkLayout;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.function.StageWorkers;
import dev.tailguard.function.TailguardConfig;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The deployed application's task transport ({@code tailguard.tasks.transport}, {@link TailguardConfig.Tasks}):
 * <ul>
 *   <li>{@code local}: nothing here; the stage functions run their tasks on the in-process workers;</li>
 *   <li>{@code sink}: {@link #plan} posts each task event to the sink ({@code tailguard.tasks.sink}, default
 *       {@code K_SINK}) through {@link HttpSinkPublisher}; {@code POST /tasks} ({@link TaskRoutes}) handles task and
 *       merge events with {@link #httpWorker()};</li>
 *   <li>{@code kafka}: {@link #plan} publishes each task event on {@code tailguard.tasks.kafka.topic};
 *       {@link KafkaTaskWorkers} ({@code tailguard.tasks.kafka.consumers} instances) consume it in every replica.</li>
 * </ul>
 * In both distributed modes the follow-ups of a step go through {@link StageBoundary}: tasks and merges to the task
 * transport, a merged stage's output event to the event backbone ({@code tailguard.events}: the sink over HTTP, or
 * the stage topics of {@link KafkaPublisher}).
 */
@ApplicationScoped
public class TaskTransport {

    private static final Logger LOG = Logger.getLogger(TaskTransport.class);

    private final TailguardConfig.Tasks config;
    private final StageWorkers workers;
    private final ObjectStore store;
    private final EventsMode events;
    private final Instance<KafkaPublisher> kafkaPublisher;
    private final Tracer tracer;
    private final String bootstrapServers;

    private volatile StageBoundary boundary;
    private volatile TaskWorker httpWorker;
    private KafkaTaskWorkers.Publisher kafkaTasks;
    private KafkaTaskWorkers kafkaWorkers;

    public TaskTransport(TailguardConfig config, StageWorkers workers, ObjectStore store, EventsMode events,
                         Instance<KafkaPublisher> kafkaPublisher, Tracer tracer,
                         @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
                         String bootstrapServers) {
        this.config = config.tasks();
        this.workers = workers;
        this.store = store;
        this.events = events;
        this.kafkaPublisher = kafkaPublisher;
        this.tracer = tracer;
        this.bootstrapServers = bootstrapServers;
    }

    /** The configured transport. */
    public TailguardConfig.TaskTransport mode() {
        return config.transport();
    }

    /** Whether a stage function hands its tasks to a transport instead of running them in-process. */
    public boolean distributed() {
        return mode() != TailguardConfig.TaskTransport.LOCAL;
    }

    void start(@Observes StartupEvent ev) {
        // never throws: a misconfiguration is logged here and answered per event (5xx), the process keeps running
        try {
            if (mode() == TailguardConfig.TaskTransport.SINK && sinkUri().isEmpty()) {
                LOG.error("tailguard.tasks.transport=sink needs tailguard.tasks.sink or K_SINK; stage events will fail");
            }
            if (mode() == TailguardConfig.TaskTransport.KAFKA) {
                startKafka();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot start the %s task transport", mode());
        }
    }

    private synchronized void startKafka() {
        if (kafkaWorkers != null) {
            return;
        }
        TailguardConfig.TasksKafka k = config.kafka();
        kafkaTasks = new KafkaTaskWorkers.Publisher(bootstrapServers, k.topic());
        kafkaWorkers = new KafkaTaskWorkers(new KafkaTaskWorkers.Settings(bootstrapServers, k.topic(),
                k.deadLetterTopic(), k.group(), k.consumers(), k.maxTaskDuration(), k.retryBackoff()),
                workers.runner(), kafkaTasks, boundary(), tracer);
        kafkaWorkers.start();
        LOG.infof("task transport kafka: %d consumer(s) of %s in group %s", k.consumers(), k.topic(), k.group());
    }

    /**
     * Plans one stage of a frozen run (create-once plan; a redelivered stage event reads the stored one) and hands
     * its task events to the transport; the answer of the stage function.
     *
     * @throws dev.tailguard.core.pipeline.PipelineFailure when planning fails permanently (failure report written)
     */
    public StageStarted plan(FrozenRun run, String stage) {
        StageEvent ev = StageEvent.plan(run.runId(), stage);
        StageRunner.Handled h = workers.runner().handle(ev);
        List<String> published = boundary().publish(ev, h);
        return new StageStarted(run.runId(), stage, new WorkLayout(run.runId()).plan(stage), published);
    }

    /** The handler of task events delivered over HTTP ({@code POST /tasks}). */
    public TaskWorker httpWorker() {
        TaskWorker w = httpWorker;
        if (w == null) {
            synchronized (this) {
                if (httpWorker == null) {
                    httpWorker = new TaskWorker(store, workers.runner(), boundary(), tracer);
                }
                w = httpWorker;
            }
        }
        return w;
    }

    /** This process's Kafka task consumers, when {@code transport=kafka} (tests, health). */
    public Optional<KafkaTaskWorkers> kafkaWorkers() {
        return Optional.ofNullable(kafkaWorkers);
    }

    private StageBoundary boundary() {
        StageBoundary b = boundary;
        if (b == null) {
            synchronized (this) {
                if (boundary == null) {
                    boundary = new StageBoundary(store, taskPublisher(), backbone());
                }
                b = boundary;
            }
        }
        return b;
    }

    private EventPublisher taskPublisher() {
        return switch (mode()) {
            case SINK -> sinkPublisher();
            case KAFKA -> event -> kafkaTasks().publish(event);
            case LOCAL -> throw new IllegalStateException(
                    "tailguard.tasks.transport=local: this deployment runs stage tasks in-process, not on a transport");
        };
    }

    private synchronized KafkaTaskWorkers.Publisher kafkaTasks() {
        if (kafkaTasks == null) {
            kafkaTasks = new KafkaTaskWorkers.Publisher(bootstrapServers, config.kafka().topic());
        }
        return kafkaTasks;
    }

    private RunEventEmitter backbone() {
        if (events.kafka()) {
            KafkaPublisher p = kafkaPublisher.get();
            return p::publish;
        }
        return sinkPublisher();
    }

    private HttpSinkPublisher sinkPublisher() {
        URI sink = sinkUri().orElseThrow(() -> new IllegalStateException(
                "tailguard.tasks.transport=" + mode().name().toLowerCase(java.util.Locale.ROOT)
                        + " with tailguard.events=http needs tailguard.tasks.sink or K_SINK (the broker URL)"));
        return new HttpSinkPublisher(sink, config.sinkTimeout());
    }

    /** {@code tailguard.tasks.sink}, else {@code K_SINK}. */
    Optional<URI> sinkUri() {
        return config.sink().filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv("K_SINK")).filter(s -> !s.isBlank()))
                .map(s -> URI.create(s.trim()));
    }

    @PreDestroy
    synchronized void stop() {
        if (kafkaWorkers != null) {
            kafkaWorkers.close();
        }
        if (kafkaTasks != null) {
            kafkaTasks.close();
        }
    }
}
