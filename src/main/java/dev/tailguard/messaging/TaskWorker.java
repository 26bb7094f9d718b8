package dev.tailguard.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.PipelineFailure;
import dev.tailguard.core.pipeline.runner.EventPublisher;
import dev.tailguard.core.pipeline.runner.StageEvent;
import dev.tailguard.core.pipeline.runner.StageRunner;
import dev.tailguard.core.pipeline.runner.WorkLayout;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.observability.CloudEventTracing;
import io.opentelemetry.api.trace.Tracer;

/**
 * Handles one task event delivered over HTTP (a Knative Trigger, or any round-robin sender): decodes the
 * CloudEvent ({@link StageEventCodec}), runs the step on the {@link StageRunner}, publishes every event that follows
 * to the sink, and says which status to answer. Any replica may handle any event; redelivery is harmless.
 * <ul>
 *   <li>200: the step ran (or was already done) and its follow-up events were accepted by the sink;</li>
 *   <li>415: the body is not JSON ({@code datacontenttype}); 400: not a valid stage event (missing or
 *       inconsistent attribute, bad data) — permanent, Knative does not retry 400 or 415;</li>
 *   <li>422: the run failed permanently (a {@link PipelineFailure}: missing input, a stop gate; or an event naming
 *       an unknown stage, a run never started, a task beyond the plan) — the failure report is written;</li>
 *   <li>500: anything else (I/O, the store, the sink unreachable, a worker error) — transient, redelivered.</li>
 * </ul>
 * The step runs in a span continuing the event's {@code traceparent} (a new trace when it carries none), and every
 * follow-up event carries that span's {@code traceparent} ({@link StageEventCodec#encode}).
 * Framework-free; the HTTP server around it is an adapter.
 */
public final class TaskWorker {

    private static final System.Logger LOG = System.getLogger(TaskWorker.class.getName());

    private final ObjectStore store;
    private final StageRunner runner;
    private final FollowUps followUps;
    private final Tracer tracer;

    /**
     * A worker whose spans are not recorded (the trace context still flows from each event to its follow-ups).
     *
     * @param store  the store the runner works on
     * @param runner the stage runner over this worker's store
     * @param sink   where follow-up events go (the broker)
     */
    public TaskWorker(ObjectStore store, StageRunner runner, EventPublisher sink) {
        this(store, runner, sink, CloudEventTracing.noopTracer());
    }

    /**
     * @param store  the store the runner works on
     * @param runner the stage runner over this worker's store
     * @param sink   where follow-up events go (the broker)
     * @param tracer the tracer of the step spans
     */
    public TaskWorker(ObjectStore store, StageRunner runner, EventPublisher sink, Tracer tracer) {
        this(store, runner, FollowUps.of(Objects.requireNonNull(sink)), tracer);
    }

    /**
     * A worker whose follow-up events are published by {@code followUps} (the deployed app: {@link StageBoundary}).
     *
     * @param store     the store the runner works on
     * @param runner    the stage runner over this worker's store
     * @param followUps publishes what follows each step
     * @param tracer    the tracer of the step spans
     */
    public TaskWorker(ObjectStore store, StageRunner runner, FollowUps followUps, Tracer tracer) {
        this.store = Objects.requireNonNull(store);
        this.runner = Objects.requireNonNull(runner);
        this.followUps = Objects.requireNonNull(followUps);
        this.tracer = Objects.requireNonNull(tracer);
    }

    /**
     * The answer to an HTTP delivery.
     *
     * @param status HTTP status
     * @param body   JSON body
     */
    public record Reply(int status, String body) {
    }

    /** Handles one delivery: request headers (any case) and body. */
    public Reply handle(Map<String, String> headers, byte[] body) {
        StageEventCodec.Received in;
        try {
            in = StageEventCodec.readHttp(headers, body);
        } catch (StageEventCodec.InvalidStageEvent e) {
            return reply("datacontenttype".equals(e.field()) ? 415 : 400, "invalid event", null, e.getMessage());
        }
        StageEvent ev = in.event();
        return CloudEventTracing.inStageSpan(tracer, ev.stage(), ev.runId(),
                CloudEventTracing.continueOrStart(tracer, in.trace(), ev.runId()), out -> step(ev));
    }

    private Reply step(StageEvent ev) {
        try {
            if (!store.exists(new WorkLayout(ev.runId()).config())) {
                return reply(422, "event refused", ev.stage(), "run " + ev.runId() + " was never started (no "
                        + store.describe(new WorkLayout(ev.runId()).config()) + ")");
            }
            StageRunner.Handled h = runner.handle(ev);
            java.util.List<String> published = followUps.publish(ev, h);
            Map<String, Object> ok = new LinkedHashMap<>();
            ok.put("event", ev.id());
            ok.put("published", published);
            if (h.finished() != null) {
                ok.put("run_status", h.finished().status());
            }
            return new Reply(200, Json.write(ok));
        } catch (PipelineFailure e) {
            return reply(422, "stage failed", e.stage(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return reply(422, "event refused", ev.stage(), e.getMessage());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event " + ev.id() + " failed (will be redelivered)", e);
            return reply(500, "transient failure", ev.stage(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Reply reply(int status, String error, String stage, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (stage != null) {
            body.put("stage", stage);
        }
        body.put("reason", reason);
        return new Reply(status, Json.write(body));
    }
}
