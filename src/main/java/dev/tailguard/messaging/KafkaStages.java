package dev.tailguard.messaging;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.DatasetBlended;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.PipelineFailure;
import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.SyntheticGenerated;
import dev.tailguard.core.pipeline.SyntheticScored;
import dev.tailguard.function.PipelineFunctions;
import dev.tailguard.function.StageFailedException;
import dev.tailguard.observability.CloudEventTracing;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The four stages on the Kafka backbone ({@code tailguard.events=kafka}). Each consumer reads its input topic,
 * runs the stage through the same {@link PipelineFunctions} as the HTTP and embedded paths, publishes the output
 * event and waits for the broker's acknowledgement, and only then acknowledges the input (post-processing
 * acknowledgement with the throttled commit strategy): at-least-once. A redelivered or duplicated input is harmless
 * because every stage is idempotent (it returns its recorded output when its manifest, or the succeeded report,
 * already exists); the re-emitted output carries the same deterministic id ({@link KafkaBackbone#eventId}) and data.
 * <p>
 * A failed attempt is retried up to {@code tailguard.kafka.max-attempts} times with exponential backoff from
 * {@code tailguard.kafka.retry-backoff}; a pipeline failure (bad input, a stop gate: deterministic, retrying cannot
 * help, the failure report is already written) or an exhausted retry budget nacks the record, which the
 * {@code dead-letter-queue} failure strategy sends to {@value KafkaBackbone#DEAD_LETTER_TOPIC}.
 * <p>
 * With {@code tailguard.tasks.transport=sink|kafka} ({@link TaskTransport}) a consumer does not run its stage: it
 * admits the event ({@link PipelineFunctions#begin}), plans the stage and hands the task events to the transport; the
 * stage's merge publishes the output event ({@link StageBoundary}), so the input is acknowledged once planned.
 * <p>
 * Tracing: a stage runs in a span continuing the input record's {@code ce_traceparent} (a new trace when it carries
 * none), and its output event carries that span's {@code ce_traceparent} ({@link KafkaPublisher}).
 */
@ApplicationScoped
public class KafkaStages {

    private static final Logger LOG = Logger.getLogger(KafkaStages.class);

    @Inject
    PipelineFunctions functions;
    @Inject
    KafkaPublisher publisher;
    @Inject
    StageFaults faults;
    @Inject
    Tracer tracer;
    @Inject
    TaskTransport tasks;
    @ConfigProperty(name = "tailguard.kafka.max-attempts", defaultValue = "3")
    int maxAttempts;
    @ConfigProperty(name = "tailguard.kafka.retry-backoff", defaultValue = "PT1S")
    Duration backoff;

    /** {@code tailguard.run.requested} → generate → {@code tailguard.synthetic.generated}. */
    @Incoming(KafkaBackbone.IN_RUN_REQUESTED)
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    public void generate(ConsumerRecord<String, String> record) {
        handle(record, "generate", Events.RUN_REQUESTED, RunRequested.class, Events.SYNTHETIC_GENERATED,
                (RunRequested r) -> functions.generate(r), SyntheticGenerated::runId);
    }

    /** {@code tailguard.synthetic.generated} → score → {@code tailguard.synthetic.scored}. */
    @Incoming(KafkaBackbone.IN_SYNTHETIC_GENERATED)
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    public void score(ConsumerRecord<String, String> record) {
        handle(record, "score", Events.SYNTHETIC_GENERATED, SyntheticGenerated.class, Events.SYNTHETIC_SCORED,
                (SyntheticGenerated e) -> functions.score(e), SyntheticScored::runId);
    }

    /** {@code tailguard.synthetic.scored} → blend → {@code tailguard.dataset.blended}. */
    @Incoming(KafkaBackbone.IN_SYNTHETIC_SCORED)
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    public void blend(ConsumerRecord<String, String> record) {
        handle(record, "blend", Events.SYNTHETIC_SCORED, SyntheticScored.class, Events.DATASET_BLENDED,
                (SyntheticScored e) -> functions.blend(e), DatasetBlended::runId);
    }

    /** {@code tailguard.dataset.blended} → report → {@code tailguard.run.reported}. */
    @Incoming(KafkaBackbone.IN_DATASET_BLENDED)
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    public void report(ConsumerRecord<String, String> record) {
        handle(record, "report", Events.DATASET_BLENDED, DatasetBlended.class, Events.RUN_REPORTED,
                (DatasetBlended e) -> functions.report(e), RunReported::runId);
    }

    private <I, O> void handle(ConsumerRecord<String, String> record, String stage, String inType, Class<I> inClass,
                               String outType, Function<I, O> fn, Function<O, String> runIdOf) {
        KafkaCloudEvent ev = KafkaCloudEvent.read(record, inType);
        I in;
        try {
            in = Json.MAPPER.readValue(ev.data(), inClass);
        } catch (Exception e) {
            throw new IllegalArgumentException("event " + ev.id() + " (" + inType + "): invalid data: " + e.getMessage(), e);
        }
        var parent = CloudEventTracing.continueOrStart(tracer, CloudEventTracing.extract(traceHeaders(record)), null);
        CloudEventTracing.inStageSpan(tracer, stage, record.key(), parent, ext -> {
            if (tasks.distributed()) {
                // tailguard.tasks.transport=sink|kafka: plan the stage and hand its tasks over; its merge publishes
                // the output event (StageBoundary)
                return withRetry(stage, ev.id(), () -> functions.begin(inType, in, tasks::plan));
            }
            O out = withRetry(stage, ev.id(), () -> fn.apply(in));
            String runId = runIdOf.apply(out);
            publisher.publish(outType, KafkaBackbone.eventId(runId, outType), Events.SOURCE + stage, runId, out);
            return out;
        });
        LOG.debugf("%s: %s %s -> %s", stage, inType, ev.id(), outType);
    }

    private static Map<String, String> traceHeaders(ConsumerRecord<?, ?> record) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : new String[] {"ce_" + CloudEventTracing.TRACEPARENT, "ce_" + CloudEventTracing.TRACESTATE}) {
            var h = record.headers().lastHeader(name);
            if (h != null && h.value() != null) {
                m.put(name, new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private <O> O withRetry(String stage, String eventId, java.util.function.Supplier<O> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                faults.beforeAttempt(stage, eventId, attempt);
                O out = call.get();
                faults.afterStage(stage, eventId, attempt);
                return out;
            } catch (RuntimeException e) {
                boolean permanent = e instanceof StageFailedException && e.getCause() instanceof PipelineFailure;
                if (permanent || attempt >= maxAttempts) {
                    LOG.errorf("stage %s gave up on event %s after %d attempt(s): %s", stage, eventId, attempt, e.getMessage());
                    throw e;
                }
                long wait = backoff.toMillis() << Math.min(attempt - 1, 10);
                LOG.warnf("stage %s attempt %d on event %s failed (%s); retrying in %d ms", stage, attempt, eventId,
                        e.getMessage(), wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
