package dev.tailguard.function;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.DatasetBlended;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.SyntheticGenerated;
import dev.tailguard.core.pipeline.SyntheticScored;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
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

    private final Map<String, Route> routes = new LinkedHashMap<>();

    public Dispatcher(PipelineFunctions f) {
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
        int step = 1;
        while (routes.containsKey(type)) {
            Route r = routes.get(type);
            Object in = Json.MAPPER.convertValue(Json.MAPPER.valueToTree(data), r.input());
            progress.printf("[%d/4] %-8s <- %s%n", step, r.function(), type);
            long t0 = System.nanoTime();
            Object out = r.fn().apply(in);
            if (out == null) {
                progress.printf("[%d/4] %-8s paused: %s waits for human review (/review/)%n", step, r.function(), type);
                return null;
            }
            progress.printf("[%d/4] %-8s done in %d ms -> %s %s%n", step, r.function(), (System.nanoTime() - t0) / 1_000_000,
                    r.responseType(), summary(out));
            type = r.responseType();
            data = out;
            step++;
        }
        return (RunReported) data;
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
