package dev.tailguard.function;

import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.pipeline.BlendStage;
import dev.tailguard.core.pipeline.DatasetBlended;
import dev.tailguard.core.pipeline.GenerateStage;
import dev.tailguard.core.pipeline.PipelineFailure;
import dev.tailguard.core.pipeline.ReportStage;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.FailureReasons;
import dev.tailguard.core.pipeline.RunRequestPolicy;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.io.AllowedRoots;
import dev.tailguard.core.io.InputSources;
import dev.tailguard.core.store.StoreKeyException;
import dev.tailguard.core.pipeline.ScoreStage;
import dev.tailguard.core.pipeline.SyntheticGenerated;
import dev.tailguard.core.pipeline.SyntheticScored;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.store.StoreKeys;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.review.ReviewGate;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The four stage functions. Each takes one event's data and returns the next event's data; Funqy exports them over
 * HTTP through {@link TracedStageFunctions} (trace context in and out), the embedded {@link Dispatcher} and the Kafka
 * stages call them directly; routing by CloudEvent type lives in application.properties. A stage failure writes {@code report/report.json} with status failed
 * and is rethrown as a {@link StageFailedException}.
 */
@ApplicationScoped
@RegisterForReflection(targets = {RunRequested.class, SyntheticGenerated.class, SyntheticScored.class,
        DatasetBlended.class, RunReported.class, RunConfig.class, dev.tailguard.core.gate.GateSpec.class})
public class PipelineFunctions {

    /** Config key: synthetic batch brought by the user instead of generating (comma-separated locations). */
    public static final String SYNTHETIC_INPUTS = "tailguard.synthetic.inputs";
    /** Config key: the collapse anchor to measure against (object key or local anchor file). */
    public static final String ANCHOR = "tailguard.collapse.anchor";

    private static final Logger LOG = Logger.getLogger(PipelineFunctions.class);

    private final ObjectStore store;
    private final Runs runs;
    private final GeneratorSelector generators;
    private final ReviewGate reviewGate;
    @jakarta.inject.Inject
    StageWorkers workers;
    @jakarta.inject.Inject
    dev.tailguard.observability.StageMetrics metrics;

    public PipelineFunctions(ObjectStore store, Runs runs, GeneratorSelector generators, ReviewGate reviewGate) {
        this.store = store;
        this.runs = runs;
        this.generators = generators;
        this.reviewGate = reviewGate;
    }

    /**
     * {@code dev.tailguard.run.requested} → {@code dev.tailguard.synthetic.generated}, for an event from outside the
     * process (HTTP, Kafka): the event is untrusted. Its configuration comes from the deployment through
     * {@link dev.tailguard.core.pipeline.RunRequestPolicy} (the event may only name a run profile), and its inputs
     * must be store keys of this run (normalised by {@link dev.tailguard.core.store.StoreKeys}) or lie under
     * {@code tailguard.input.allowed-roots}. A refused event is a permanent failure (422) and writes nothing.
     */
    public SyntheticGenerated generate(RunRequested req) {
        return start(admit(req));
    }

    /**
     * Starts a run requested inside the process (the embedded CLI, the in-process launcher), whose configuration
     * was built from the deployment: freezes it in the store; every later stage reads it from there.
     */
    public SyntheticGenerated start(RunRequested req) {
        RunRequested r = complete(req);
        return guard(r.runId(), r.config(), "generate", () -> {
            FrozenRun run = workers.freeze(r);
            workers.runStage(run.runId(), GenerateStage.STAGE);
            return GenerateStage.event(run, store);
        });
    }

    /**
     * The request an untrusted {@code run.requested} event stands for: the deployment's configuration for the
     * named profile, a checked run id and checked inputs.
     *
     * @throws StageFailedException (permanent, 422) when the policy or an input is refused; nothing is written
     */
    RunRequested admit(RunRequested req) {
        if (req == null || req.inputs() == null || req.inputs().isEmpty()) {
            throw refused("run.requested needs a non-empty list of inputs");
        }
        RunRequestPolicy.Decision d = runs.requestPolicy().decide(req.profile(), req.config());
        if (d instanceof RunRequestPolicy.Refused r) {
            throw refused(r.reason() + ": " + r.message());
        }
        RunConfig cfg = ((RunRequestPolicy.Accepted) d).config();
        AllowedRoots roots = runs.allowedRoots();
        for (String in : req.inputs()) {
            if (looksLocal(in)) {
                checkInput(in, "pending", roots);
            }
        }
        RunRequested r;
        try {
            r = complete(new RunRequested(req.runId(), req.inputs(), cfg, req.profile()));
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
        for (String in : r.inputs()) {
            checkInput(in, r.runId(), roots);
        }
        return r;
    }

    private static boolean looksLocal(String spec) {
        return spec != null && (spec.startsWith("file:") || spec.startsWith("/"));
    }

    private void checkInput(String spec, String runId, AllowedRoots roots) {
        try {
            InputSources.resolve(spec, store, roots, runId);
        } catch (StoreKeyException e) {
            throw refused("input refused: " + e.getMessage());
        } catch (java.io.IOException | RuntimeException e) {
            // a missing or unreadable input is the generate stage's failure to report
        }
    }

    private static StageFailedException refused(String reason) {
        String r = FailureReasons.redact(reason);
        return new StageFailedException(GenerateStage.STAGE, r, new IllegalArgumentException(r));
    }

    /** {@code dev.tailguard.synthetic.generated} → {@code dev.tailguard.synthetic.scored}. Only the run id is used. */
    public SyntheticScored score(SyntheticGenerated ev) {
        FrozenRun run = frozen(ev.runId(), ScoreStage.STAGE);
        return guard(run.runId(), run.config(), ScoreStage.STAGE, () -> {
            workers.runStage(run.runId(), ScoreStage.STAGE);
            return ScoreStage.event(run, store);
        });
    }

    /**
     * {@code dev.tailguard.synthetic.scored} → {@code dev.tailguard.dataset.blended}. Returns null (no event: the run
     * pauses) while the {@link ReviewGate} holds the batch for human review. Only the run id of the event is used:
     * the review gate sees the event rebuilt from the store and the frozen configuration, so an event cannot switch
     * off review or gates.
     */
    public DatasetBlended blend(SyntheticScored ev) {
        FrozenRun run = frozen(ev.runId(), BlendStage.STAGE);
        return guard(run.runId(), run.config(), BlendStage.STAGE, () -> {
            if (reviewGate.holds(ScoreStage.event(run, store))) {
                return null;
            }
            workers.runStage(run.runId(), BlendStage.STAGE);
            return BlendStage.event(run, store);
        });
    }

    /** {@code dev.tailguard.dataset.blended} → {@code dev.tailguard.run.reported}. Only the run id is used. */
    public RunReported report(DatasetBlended ev) {
        FrozenRun run = frozen(ev.runId(), ReportStage.STAGE);
        return guard(run.runId(), run.config(), ReportStage.STAGE, () -> {
            workers.runStage(run.runId(), ReportStage.STAGE);
            return ReportStage.event(run, store);
        });
    }

    /**
     * The stage a stage event starts when tasks run on a transport ({@code tailguard.tasks.transport} {@code sink}
     * or {@code kafka}): the event is admitted exactly as by the stage functions above (trust boundary, frozen
     * configuration, review gate, failure report), then {@code planner} plans the stage and publishes its task
     * events instead of the stage running here; the stage's merge emits the next event.
     *
     * @param type    CloudEvent type of the stage event ({@code dev.tailguard.run.requested} … {@code dataset.blended})
     * @param data    its data, parsed into the type's record
     * @param planner plans one stage of a frozen run ({@code (run, stage) -> answer})
     * @return the planner's answer, or null when the review gate holds the batch (the run pauses)
     * @throws StageFailedException as the stage functions do (permanent: 422; otherwise transient)
     */
    public <T> T begin(String type, Object data, java.util.function.BiFunction<FrozenRun, String, T> planner) {
        switch (type) {
            case dev.tailguard.core.pipeline.Events.RUN_REQUESTED -> {
                RunRequested r = admit((RunRequested) data);
                return guard(r.runId(), r.config(), GenerateStage.STAGE, false,
                        () -> planner.apply(workers.freeze(r), GenerateStage.STAGE));
            }
            case dev.tailguard.core.pipeline.Events.SYNTHETIC_GENERATED -> {
                return planned(((SyntheticGenerated) data).runId(), ScoreStage.STAGE, planner);
            }
            case dev.tailguard.core.pipeline.Events.SYNTHETIC_SCORED -> {
                FrozenRun run = frozen(((SyntheticScored) data).runId(), BlendStage.STAGE);
                return guard(run.runId(), run.config(), BlendStage.STAGE, false, () ->
                        reviewGate.holds(ScoreStage.event(run, store)) ? null : planner.apply(run, BlendStage.STAGE));
            }
            case dev.tailguard.core.pipeline.Events.DATASET_BLENDED -> {
                return planned(((DatasetBlended) data).runId(), ReportStage.STAGE, planner);
            }
            default -> throw new IllegalArgumentException("no stage consumes events of type " + type);
        }
    }

    private <T> T planned(String runId, String stage, java.util.function.BiFunction<FrozenRun, String, T> planner) {
        FrozenRun run = frozen(runId, stage);
        return guard(run.runId(), run.config(), stage, false, () -> planner.apply(run, stage));
    }

    private FrozenRun frozen(String runId, String stage) {
        if (runId == null) {
            throw new IllegalArgumentException("event data has no runId");
        }
        new dev.tailguard.core.pipeline.RunLayout(runId);
        try {
            return workers.frozen(runId, stage);
        } catch (PipelineFailure e) {
            throw new StageFailedException(stage, e.getMessage(), e);
        }
    }

    /**
     * Fills a missing config (from {@code tailguard.*}) and run id (derived from config and inputs).
     *
     * @throws IllegalArgumentException when the configuration or the run id is invalid
     */
    public RunRequested complete(RunRequested req) {
        RunConfig cfg = req.config() == null ? runs.defaultConfig() : req.config();
        Config config = ConfigProvider.getConfig();
        List<String> configured = config.getOptionalValues(SYNTHETIC_INPUTS, String.class).orElse(List.of());
        String configuredAnchor = config.getOptionalValue(ANCHOR, String.class).orElse(null);
        // the deployment's own locations (the CLI's --synthetic / --anchor) come back unchanged when the completed
        // request is dispatched to the generate function; anything else an event names must be a store key
        List<String> synthetic = req.synthetic().isEmpty() ? configured
                : req.synthetic().equals(configured) ? configured : storeKeys("synthetic", req.synthetic());
        String anchor = req.anchor() == null ? configuredAnchor
                : req.anchor().equals(configuredAnchor) ? configuredAnchor : storeKeys("anchor", List.of(req.anchor())).get(0);
        List<String> identity = new ArrayList<>(req.inputs() == null ? List.of() : req.inputs());
        if (!synthetic.isEmpty() || anchor != null) {
            identity.add("--synthetic--");
            identity.addAll(synthetic);
            identity.add("--anchor--" + anchor);
        }
        String id = req.runId() == null || req.runId().isBlank() ? Runs.runId(cfg, identity) : req.runId();
        new dev.tailguard.core.pipeline.RunLayout(id);
        return new RunRequested(id, req.inputs(), cfg, synthetic, anchor, req.profile());
    }

    /**
     * Locations named inside an event ({@code synthetic}, {@code anchor}) must be object-store keys ({@code store:}
     * optional): relative, without {@code ..} segments. Local files can only be named by the deployment's own
     * configuration ({@value #SYNTHETIC_INPUTS}, {@value #ANCHOR}; the CLI's {@code --synthetic}, {@code --anchor}).
     */
    static List<String> storeKeys(String field, List<String> locations) {
        List<String> out = new ArrayList<>();
        for (String l : locations) {
            String key = l == null ? "" : l.startsWith("store:") ? l.substring("store:".length()) : l;
            try {
                out.add("store:" + StoreKeys.normalize(key));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("event field " + field + ": '" + l + "' is not an object-store key ("
                        + e.getMessage() + "; events may name store keys only; local files only through "
                        + SYNTHETIC_INPUTS + " / " + ANCHOR + ")", e);
            }
        }
        return out;
    }

    private <T> T guard(String runId, RunConfig cfg, String stage, Supplier<T> body) {
        return guard(runId, cfg, stage, true, body);
    }

    /** As {@link #guard(String, RunConfig, String, Supplier)}; {@code observed}: record the stage's metrics. */
    private <T> T guard(String runId, RunConfig cfg, String stage, boolean observed, Supplier<T> body) {
        try {
            return observed ? metrics.observe(stage, runId, body) : body.get();
        } catch (PipelineFailure e) {
            String msg = FailureReasons.redact(e.getMessage());
            writeFailure(runId, cfg, e.stage(), msg);
            throw new StageFailedException(e.stage(), msg, e);
        } catch (RuntimeException e) {
            String msg = FailureReasons.redact(e.getClass().getSimpleName() + ": " + e.getMessage());
            LOG.errorf(e, "stage %s of run %s failed", stage, runId);
            try {
                writeFailure(runId, cfg, stage, msg);
            } catch (RuntimeException ignored) {
                // the original failure is what matters
            }
            throw new StageFailedException(stage, msg, e);
        }
    }

    /** Writes the failure report, unless the run already succeeded: a failure never overwrites a succeeded report. */
    private void writeFailure(String runId, RunConfig cfg, String stage, String reason) {
        if (FailureReasons.succeeded(store, runId)) {
            LOG.warnf("run %s already succeeded; not overwriting its report with the failure of %s: %s", runId, stage, reason);
            return;
        }
        ReportStage.writeFailure(store, runId, cfg.seed(), stage, reason);
    }
}
