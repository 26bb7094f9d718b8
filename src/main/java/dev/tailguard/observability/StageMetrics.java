package dev.tailguard.observability;

import dev.tailguard.core.io.Shards;
import dev.tailguard.core.pipeline.Manifest;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.store.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Per-stage Prometheus metrics (on {@code /q/metrics}), recorded around every stage invocation whichever path
 * delivered the event (Funqy HTTP, the embedded dispatcher, Kafka), since all of them call the stage through
 * {@code PipelineFunctions}:
 * <ul>
 *   <li>{@code tailguard_stage_documents_in_total{stage}}, {@code tailguard_stage_documents_out_total{stage}},
 *       {@code tailguard_stage_documents_quarantined_total{stage}} (see {@link StageCounts})</li>
 *   <li>{@code tailguard_stage_gate_failures_total{stage,gate}} (quarantine gates from the manifest, stop gates from
 *       the failure)</li>
 *   <li>through {@link PipelineMetrics}: each finished stage's gate decisions and quarantined records by reason, and
 *       the stop decision of a stage a gate stopped</li>
 *   <li>{@code tailguard_stage_duration_seconds{stage,outcome}}: a timer with a percentile histogram whose buckets
 *       run from {@link #MIN_DURATION} to {@link #MAX_DURATION} (long LLM generations take hours); outcome is
 *       {@code succeeded}, {@code skipped} (output already present: a redelivered or duplicated event, nothing is
 *       counted twice) or {@code failed}</li>
 * </ul>
 */
@ApplicationScoped
public class StageMetrics {

    private static final Logger LOG = Logger.getLogger(StageMetrics.class);
    static final String PREFIX = "tailguard.stage.";
    /** Smallest stage-duration histogram bucket. */
    public static final Duration MIN_DURATION = Duration.ofMillis(10);
    /** Largest stage-duration histogram bucket. */
    public static final Duration MAX_DURATION = Duration.ofHours(12);

    private final MeterRegistry registry;
    private final ObjectStore store;
    private final PipelineMetrics pipeline;

    public StageMetrics(MeterRegistry registry, ObjectStore store, PipelineMetrics pipeline) {
        this.registry = registry;
        this.store = store;
        this.pipeline = pipeline;
    }

    /** Runs one stage invocation and records its metrics; exceptions of the body propagate unchanged. */
    public <T> T observe(String stage, String runId, Supplier<T> body) {
        boolean done = alreadyDone(stage, runId);
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            T result = body.get();
            outcome = done ? "skipped" : "succeeded";
            if (!done) {
                recordCounts(stage, runId);
            }
            return result;
        } catch (RuntimeException e) {
            recordFailure(stage, runId, e.getMessage());
            throw e;
        } finally {
            sample.stop(Timer.builder(PREFIX + "duration").description("Stage latency")
                    .tag("stage", stage).tag("outcome", outcome)
                    .publishPercentileHistogram().minimumExpectedValue(MIN_DURATION)
                    .maximumExpectedValue(MAX_DURATION).register(registry));
        }
    }

    private void recordCounts(String stage, String runId) {
        try {
            Map<String, Object> manifest = Manifest.read(store, manifestKey(stage, new RunLayout(runId)));
            StageCounts c = StageCounts.from(stage, manifest);
            pipeline.recordGates(stage, manifest);
            if (!"report".equals(stage)) {
                pipeline.recordQuarantine(quarantineReasons(manifest));
            }
            counter("documents.in", "Documents consumed by the stage", stage).increment(c.in());
            if (!"report".equals(stage)) {
                counter("documents.out", "Documents written to the stage's output", stage).increment(c.out());
                counter("documents.quarantined", "Records quarantined by the stage", stage).increment(c.quarantined());
            }
            c.failedGates().forEach(g -> gateFailure(stage, g));
        } catch (RuntimeException e) {
            LOG.warnf("stage %s of run %s: metrics not recorded: %s", stage, runId, e.getMessage());
        }
    }

    /**
     * A failed stage: a stop gate's failure counts as a gate failure and a failed {@code stop} decision; a report the
     * report's own stop gate stopped (written whole, {@code status: failed}) counts all its gate decisions instead.
     */
    private void recordFailure(String stage, String runId, String message) {
        String gate = StageCounts.stopGate(stage, message);
        if (gate != null) {
            gateFailure(stage, gate);
        }
        try {
            String report = new RunLayout(runId).reportJson();
            if (gate != null && "report".equals(stage) && store.exists(report)) {
                Map<String, Object> r = Manifest.read(store, report);
                if (r.get("gates") != null) {
                    pipeline.recordGates(stage, r);
                    return;
                }
            }
        } catch (RuntimeException | java.io.IOException e) {
            LOG.warnf("stage %s of run %s: gate decisions not recorded: %s", stage, runId, e.getMessage());
        }
        if (gate != null) {
            pipeline.gateDecision(stage, gate, false, "stop");
        }
    }

    /** Quarantined records of one finished stage per {@code stage/reason}, read from its {@code quarantine*} shards. */
    @SuppressWarnings("unchecked")
    private Map<String, Long> quarantineReasons(Map<String, Object> manifest) {
        List<String> keys = new ArrayList<>();
        if (manifest.get("keys") instanceof Map<?, ?> all) {
            ((Map<String, Object>) all).forEach((name, v) -> {
                if (name.startsWith("quarantine") && v instanceof List<?> l) {
                    l.forEach(k -> keys.add(String.valueOf(k)));
                }
            });
        }
        Map<String, Long> reasons = new TreeMap<>();
        Shards.forEachObject(store, keys, q -> reasons.merge(q.get("stage") + "/" + q.get("reason"), 1L, Long::sum));
        return reasons;
    }

    private boolean alreadyDone(String stage, String runId) {
        try {
            RunLayout layout = new RunLayout(runId);
            String key = manifestKey(stage, layout);
            if (!store.exists(key)) {
                return false;
            }
            if ("report".equals(stage)) {
                Map<String, Object> r = Manifest.read(store, key);
                return "succeeded".equals(r.get("status"));
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static String manifestKey(String stage, RunLayout layout) {
        return switch (stage) {
            case "generate" -> layout.manifest("synthetic");
            case "score" -> layout.manifest("scores");
            case "blend" -> layout.manifest("blended");
            case "report" -> layout.reportJson();
            default -> throw new IllegalArgumentException("unknown stage '" + stage + "'");
        };
    }

    private Counter counter(String name, String description, String stage) {
        return Counter.builder(PREFIX + name).description(description).tag("stage", stage).register(registry);
    }

    private void gateFailure(String stage, String gate) {
        Counter.builder(PREFIX + "gate.failures").description("Failed gate evaluations")
                .tag("stage", stage).tag("gate", gate).register(registry).increment();
    }
}
