package dev.tailguard.messaging;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.BlendStage;
import dev.tailguard.core.pipeline.DatasetBlended;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.GenerateStage;
import dev.tailguard.core.pipeline.ReportStage;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.ScoreStage;
import dev.tailguard.core.pipeline.SyntheticGenerated;
import dev.tailguard.core.pipeline.SyntheticScored;
import dev.tailguard.function.PipelineFunctions;
import dev.tailguard.function.StageFailedException;
import dev.tailguard.observability.CloudEventTracing;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The HTTP endpoints of {@code tailguard.tasks.transport=sink|kafka} (nothing changes with {@code local}):
 * <ul>
 *   <li>{@code POST /} with a stage event ({@code dev.tailguard.run.requested} … {@code dataset.blended}; binary or
 *       structured mode, after {@code CloudEventValidator} accepted it): the stage is admitted as by its function
 *       ({@link PipelineFunctions#begin}), planned, and its task events handed to the transport
 *       ({@link TaskTransport#plan}); the answer comes at once: {@code 202} with the plan reference
 *       ({@code run_id}, {@code stage}, {@code plan}, {@code events}) and no reply event — the stage's merge emits the
 *       next one. {@code 202 {"status":"held for review"}} when the review gate holds the batch.</li>
 *   <li>{@code POST /tasks} with a task event ({@value dev.tailguard.core.pipeline.runner.StageEvent#TYPE}, binary
 *       or structured mode; a Knative Trigger filtered on that type): one plan, task or merge step on this replica
 *       ({@link TaskWorker}); 200 with the events published.</li>
 * </ul>
 * Status mapping (Knative retries 404, 409, 429 and 5xx, not 400 or 422): 400/415 a malformed event, 422 a permanent
 * failure with its reason (refused request, missing input, stop gate, run never started), 500 a transient one.
 */
@ApplicationScoped
public class TaskRoutes {

    /** Path of task events. */
    public static final String TASKS_PATH = "/tasks";

    private static final Logger LOG = Logger.getLogger(TaskRoutes.class);

    /** Stage event types: their data record and the stage they start. */
    private record Consumed(Class<?> data, String stage) {
    }

    private static final Map<String, Consumed> STAGE_EVENTS = Map.of(
            Events.RUN_REQUESTED, new Consumed(RunRequested.class, GenerateStage.STAGE),
            Events.SYNTHETIC_GENERATED, new Consumed(SyntheticGenerated.class, ScoreStage.STAGE),
            Events.SYNTHETIC_SCORED, new Consumed(SyntheticScored.class, BlendStage.STAGE),
            Events.DATASET_BLENDED, new Consumed(DatasetBlended.class, ReportStage.STAGE));

    private final TaskTransport transport;
    private final PipelineFunctions functions;
    private final Tracer tracer;

    public TaskRoutes(TaskTransport transport, PipelineFunctions functions, Tracer tracer) {
        this.transport = transport;
        this.functions = functions;
        this.tracer = tracer;
    }

    void install(@Observes Router router) {
        router.post(TASKS_PATH).handler(BodyHandler.create().setBodyLimit(1 << 20));
        router.post(TASKS_PATH).blockingHandler(this::task, false);
        // after CloudEventValidator (-200 body, -199 checks), before Funqy
        router.route("/").order(-198).blockingHandler(this::stageEvent, false);
    }

    void task(RoutingContext ctx) {
        if (!transport.distributed()) {
            reply(ctx, 422, error("task events refused", null,
                    "tailguard.tasks.transport=local: this deployment runs stage tasks in-process"));
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.request().headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        TaskWorker.Reply r = transport.httpWorker().handle(headers, bytes(ctx));
        reply(ctx, r.status(), r.body());
    }

    void stageEvent(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST || !transport.distributed()) {
            ctx.next();
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.request().headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        CloudEvent ce;
        Object data;
        Consumed consumed;
        try {
            ce = HttpMessageFactory.createReader(headers, bytes(ctx)).toEvent();
            consumed = STAGE_EVENTS.get(ce.getType());
            if (consumed == null) {
                ctx.next(); // not a stage event: whatever else listens on / answers
                return;
            }
            data = Json.MAPPER.readValue(ce.getData() == null ? new byte[0] : ce.getData().toBytes(), consumed.data());
        } catch (CloudEventRWException | IllegalStateException | java.io.IOException e) {
            reply(ctx, 400, error("malformed CloudEvent", null, String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            return;
        }
        String stage = consumed.stage();
        String runId = Json.MAPPER.valueToTree(data).path("runId").asText(null);
        int[] status = {202};
        String body = CloudEventTracing.inStageSpan(tracer, stage, runId,
                CloudEventTracing.continueOrStart(tracer, StageEventCodec.traceOf(ce), runId), out -> {
                    try {
                        StageStarted s = functions.begin(ce.getType(), data, transport::plan);
                        return s == null ? Json.write(Map.of("run_id", String.valueOf(runId), "stage", stage,
                                "status", "held for review")) : Json.write(started(s));
                    } catch (StageFailedException e) {
                        status[0] = e.permanent() ? 422 : 500;
                        if (!e.permanent()) {
                            LOG.warnf(e, "stage %s of run %s failed (will be redelivered)", stage, runId);
                        }
                        return Json.write(error(e.permanent() ? "stage failed" : "transient failure", e.stage(),
                                e.getMessage()));
                    } catch (IllegalArgumentException e) {
                        status[0] = 422;
                        return Json.write(error("event refused", stage, e.getMessage()));
                    } catch (RuntimeException e) {
                        status[0] = 500;
                        LOG.warnf(e, "stage %s of run %s failed (will be redelivered)", stage, runId);
                        return Json.write(error("transient failure", stage,
                                e.getClass().getSimpleName() + ": " + e.getMessage()));
                    }
                });
        reply(ctx, status[0], body);
    }

    private static Map<String, Object> started(StageStarted s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", s.runId());
        m.put("stage", s.stage());
        m.put("plan", s.plan());
        m.put("events", s.events());
        return m;
    }

    private static Map<String, Object> error(String error, String stage, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        if (stage != null) {
            m.put("stage", stage);
        }
        m.put("reason", reason);
        return m;
    }

    private static byte[] bytes(RoutingContext ctx) {
        Buffer b = ctx.body() == null ? null : ctx.body().buffer();
        return b == null ? new byte[0] : b.getBytes();
    }

    private static void reply(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body instanceof String s ? s : Json.write(body));
    }
}
