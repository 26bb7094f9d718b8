package dev.tailguard.function;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.DatasetBlended;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.SyntheticGenerated;
import dev.tailguard.core.pipeline.SyntheticScored;
import dev.tailguard.observability.CloudEventTracing;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * In-process event bus of the embedded run: routes each event by CloudEvent type to the same function bean the
 * HTTP binding uses (type → function → next type), round-tripping the data through JSON as on the wire, until
 * {@code dev.tailguard.run.reported}.
 */
@ApplicationScoped
public class Dispatcher {

    /** One route: the function name, its input data class, the function, and the response type. */
    record Route(String function, Class<?> input, Function<Object, Object> fn, String responseType) {
    }

    /**
     * One event of the chain as it would travel on the wire: its CloudEvent type and its extension attributes
     * ({@code traceparent}, {@code tracestate}: the distributed-tracing extension).
     */
    public record Hop(String type, Map<String, String> extensions) {
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Tracer tracer;

    public Dispatcher(PipelineFunctions f, Tracer tracer) {
        this.tracer = tracer;
        routes.put(Events.RUN_REQUESTED, new Route("generate", RunRequested.class, d -> f.start((RunRequested) d), Events.SYNTHETIC_GENERATED));
        routes.put(Events.SYNTHETIC_GENERATED, new Route("score", SyntheticGenerated.class, d -> f.score((SyntheticGenerated) d), Events.SYNTHETIC_SCORED));
        routes.put(Events.SYNTHETIC_SCORED, new Route("blend", SyntheticScored.class, d -> f.blend((SyntheticScored) d), Events.DATASET_BLENDED));
        routes.put(Events.DATASET_BLENDED, new Route("report", DatasetBlended.class, d -> f.report((DatasetBlended) d), Events.RUN_REPORTED));
    }

    /**
     * Dispatches the event and every event it causes; returns the final {@code run.reported} data, or null when a
     * function emitted no event (the run paused for human review).
     */
    public RunReported run(String type, Object data, PrintStream progress) {
        return run(type, data, progress, hop -> {
        });
    }

    /**
     * As {@link #run(String, Object, PrintStream)}, starting a new trace for the run: each stage runs in a span
     * ({@link CloudEventTracing#inStageSpan}) continuing the trace context of the event it received, and each event
     * (the first one included) is reported to {@code onEvent} with the extensions it carries.
     */
    @SuppressWarnings("unchecked")
    public RunReported run(String type, Object data, PrintStream progress, Consumer<Hop> onEvent) {
        Map<String, String> extensions = CloudEventTracing.inject(CloudEventTracing.newTrace(tracer, runId(data)));
        onEvent.accept(new Hop(type, extensions));
        int step = 1;
        while (routes.containsKey(type)) {
            Route r = routes.get(type);
            Object in = Json.MAPPER.convertValue(Json.MAPPER.valueToTree(data), r.input());
            progress.printf("[%d/4] %-8s <- %s%n", step, r.function(), type);
            long t0 = System.nanoTime();
            Map<String, String>[] next = new Map[1];
            Object out = CloudEventTracing.inStageSpan(tracer, r.function(), runId(in), CloudEventTracing.extract(extensions),
                    outgoing -> {
                        next[0] = outgoing;
                        return r.fn().apply(in);
                    });
            if (out == null) {
                progress.printf("[%d/4] %-8s paused: %s waits for human review (/review/)%n", step, r.function(), type);
                return null;
            }
            progress.printf("[%d/4] %-8s done in %d ms -> %s %s%n", step, r.function(), (System.nanoTime() - t0) / 1_000_000,
                    r.responseType(), summary(out));
            type = r.responseType();
            data = out;
            extensions = next[0];
            onEvent.accept(new Hop(type, extensions));
            step++;
        }
        return (RunReported) data;
    }

    private static String runId(Object data) {
        Object id = data == null ? null : Json.MAPPER.valueToTree(data).path("runId").asText(null);
        return id == null ? null : id.toString();
    }

    private static String summary(Object o) {
        if (o instanceof SyntheticGenerated e) {
            return "(real " + e.real() + ", malformed " + e.malformed() + ", synthetic " + e.syntheticGenerated() + ")";
        }
        if (o instanceof SyntheticScored e) {
            return "(real passed " + e.realPassed() + ", synthetic passed " + e.syntheticPassed() + ", quarantined "
                    + (e.realQuarantined() + e.syntheticQuarantined()) + ")";
        }
        if (o instanceof DatasetBlended e) {
            return "(blended " + e.blended() + ": real " + e.realBlended() + ", synthetic " + e.syntheticBlended() + ")";
        }
        if (o instanceof RunReported e) {
            return "(" + e.status() + ", synthetic ratio " + e.syntheticRatio() + ")";
        }
        return "";
    }
}
