package dev.tailguard.function;

import dev.tailguard.core.pipeline.DatasetBlended;
import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.SyntheticGenerated;
import dev.tailguard.core.pipeline.SyntheticScored;
import dev.tailguard.observability.CloudEventTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The four stage functions as Funqy exports them over HTTP ({@code POST /}, binary or structured mode; routing by
 * CloudEvent type in application.properties): each runs the {@link PipelineFunctions} stage of the same name in a
 * consumer span that continues the W3C trace context the incoming event carries (CloudEvents distributed-tracing
 * extension: {@code traceparent}/{@code tracestate}, read by Funqy from {@code ce-traceparent} headers in binary mode
 * and from the JSON envelope in structured mode; a new trace when it carries none) and answers with an event carrying
 * the stage span's context in the same extension attributes (headers in binary mode, envelope attributes in structured
 * mode), so the broker delivers the next stage's event in the same trace.
 */
@ApplicationScoped
public class TracedStageFunctions {

    private final PipelineFunctions functions;
    private final Tracer tracer;

    public TracedStageFunctions(PipelineFunctions functions, Tracer tracer) {
        this.functions = functions;
        this.tracer = tracer;
    }

    /** {@code dev.tailguard.run.requested} → {@code dev.tailguard.synthetic.generated} ({@link PipelineFunctions#generate}). */
    @Funq("generate")
    public CloudEvent<SyntheticGenerated> generate(RunRequested req, @Context CloudEvent<?> event) {
        return traced(event, "generate", req == null ? null : req.runId(), () -> functions.generate(req));
    }

    /** {@code dev.tailguard.synthetic.generated} → {@code dev.tailguard.synthetic.scored} ({@link PipelineFunctions#score}). */
    @Funq("score")
    public CloudEvent<SyntheticScored> score(SyntheticGenerated ev, @Context CloudEvent<?> event) {
        return traced(event, "score", ev == null ? null : ev.runId(), () -> functions.score(ev));
    }

    /**
     * {@code dev.tailguard.synthetic.scored} → {@code dev.tailguard.dataset.blended} ({@link PipelineFunctions#blend}); the
     * answer's data is null while the run waits for human review.
     */
    @Funq("blend")
    public CloudEvent<DatasetBlended> blend(SyntheticScored ev, @Context CloudEvent<?> event) {
        return traced(event, "blend", ev == null ? null : ev.runId(), () -> functions.blend(ev));
    }

    /** {@code dev.tailguard.dataset.blended} → {@code dev.tailguard.run.reported} ({@link PipelineFunctions#report}). */
    @Funq("report")
    public CloudEvent<RunReported> report(DatasetBlended ev, @Context CloudEvent<?> event) {
        return traced(event, "report", ev == null ? null : ev.runId(), () -> functions.report(ev));
    }

    /**
     * Runs {@code body} in a stage span whose parent is the event's trace context, and wraps its result in a response
     * event whose extensions carry the span's context. Type and source of the response come from the Funqy mapping.
     */
    <T> CloudEvent<T> traced(CloudEvent<?> event, String stage, String runId, Supplier<T> body) {
        Map<String, String> ext = event == null ? Map.of() : event.extensions();
        io.opentelemetry.context.Context parent = CloudEventTracing.continueOrStart(tracer, CloudEventTracing.extract(ext),
                runId);
        return CloudEventTracing.inStageSpan(tracer, stage, runId, parent, outgoing -> {
            if (event != null) {
                Span.current().setAttribute("cloudevents.event_type", String.valueOf(event.type()))
                        .setAttribute("cloudevents.event_id", String.valueOf(event.id()));
            }
            T out = body.get();
            return CloudEventBuilder.create().extensions(outgoing).build(out);
        });
    }
}
