package dev.tailguard.function;

import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.pipeline.BlendStage;
import dev.tailguard.core.pipeline.DatasetBlended;
import dev.tailguard.core.pipeline.GenerateStage;
import dev.tailguard.core.pipeline.PipelineFailure;
import dev.tailguard.core.pipeline.ReportStage;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.ScoreStage;
import dev.tailguard.core.pipeline.SyntheticGenerated;
import dev.tailguard.core.pipeline.SyntheticScored;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.review.ReviewGate;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The four stage functions. Each takes one event's data and returns the next event's data; routing by CloudEvent
 * type lives in application.properties. A stage failure writes {@code report/report.json} with status failed
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
     * {@code dev.tailguard.run.requested} → {@code dev.tailguard.synthetic.generated}. Freezes the run's configuration
     * in the store; every later stage reads it from there.
     */
    @Funq
    public SyntheticGenerated generate(RunRequested req) {
        RunRequested r = complete(req);
        return guard(r.runId(), r.config(), "generate", () -> {
            FrozenRun run = workers.freeze(r);
            workers.runStage(run.runId(), GenerateStage.STAGE);
            return GenerateStage.event(run, store);
        });
    }

    /** {@code dev.tailguard.synthetic.generated} → {@code dev.tailguard.synthetic.scored}. Only the run id is used. */
    @Funq
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
    @Funq
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
    @Funq
    public RunReported report(DatasetBlended ev) {
        FrozenRun run = frozen(ev.runId(), ReportStage.STAGE);
        return guard(run.runId(), run.config(), ReportStage.STAGE, () -> {
            workers.runStage(run.runId(), ReportStage.STAGE);
            return ReportStage.event(run, store);
        });
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
        List<String> synthetic = req.synthetic().isEmpty()
                ? config.getOptionalValues(SYNTHETIC_INPUTS, String.class).orElse(List.of())
                : storeKeys("synthetic", req.synthetic());
        String anchor = req.anchor() == null ? config.getOptionalValue(ANCHOR, String.class).orElse(null)
                : storeKeys("anchor", List.of(req.anchor())).get(0);
        List<String> identity = new ArrayList<>(req.inputs() == null ? List.of() : req.inputs());
        if (!synthetic.isEmpty() || anchor != null) {
            identity.add("--synthetic--");
            identity.addAll(synthetic);
            identity.add("--anchor--" + anchor);
        }
        String id = req.runId() == null || req.runId().isBlank() ? Runs.runId(cfg, identity) : req.runId();
        new dev.tailguard.core.pipeline.RunLayout(id);
        return new RunRequested(id, req.inputs(), cfg, synthetic, anchor);
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
            if (key.isBlank() || key.startsWith("/") || key.contains("\\") || key.contains(":")
                    || List.of(key.split("/")).contains("..")) {
                throw new IllegalArgumentException("event field " + field + ": '" + l + "' is not an object-store key"
                        + " (events may name store keys only; local files only through " + SYNTHETIC_INPUTS + " / "
                        + ANCHOR + ")");
            }
            out.add("store:" + key);
        }
        return out;
    }

    private <T> T guard(String runId, RunConfig cfg, String stage, Supplier<T> body) {
        try {
            return metrics.observe(stage, runId, body);
        } catch (PipelineFailure e) {
            ReportStage.writeFailure(store, runId, cfg.seed(), e.stage(), e.getMessage());
            throw new StageFailedException(e.stage(), e.getMessage(), e);
        } catch (RuntimeException e) {
            String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.errorf(e, "stage %s of run %s failed", stage, runId);
            try {
                ReportStage.writeFailure(store, runId, cfg.seed(), stage, msg);
            } catch (RuntimeException ignored) {
                // the original failure is what matters
            }
            throw new StageFailedException(stage, msg, e);
        }
    }
}
