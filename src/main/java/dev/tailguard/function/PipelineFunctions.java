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
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * The four stage functions. Each takes one event's data and returns the next event's data; routing by CloudEvent
 * type lives in application.properties. A stage failure writes {@code report/report.json} with status failed
 * and is rethrown as a {@link StageFailedException}.
 */
@ApplicationScoped
@RegisterForReflection(targets = {RunRequested.class, SyntheticGenerated.class, SyntheticScored.class,
        DatasetBlended.class, RunReported.class, RunConfig.class, dev.tailguard.core.gate.GateSpec.class})
public class PipelineFunctions {

    private static final Logger LOG = Logger.getLogger(PipelineFunctions.class);

    private final ObjectStore store;
    private final Runs runs;
    private final GeneratorSelector generators;
    @jakarta.inject.Inject
    dev.tailguard.observability.StageMetrics metrics;

    public PipelineFunctions(ObjectStore store, Runs runs, GeneratorSelector generators) {
        this.store = store;
        this.runs = runs;
        this.generators = generators;
    }

    /** {@code dev.tailguard.run.requested} → {@code dev.tailguard.synthetic.generated}. */
    @Funq
    public SyntheticGenerated generate(RunRequested req) {
        RunRequested r = complete(req);
        return guard(r.runId(), r.config(), "generate", () -> GenerateStage.run(r, store, generators));
    }

    /** {@code dev.tailguard.synthetic.generated} → {@code dev.tailguard.synthetic.scored}. */
    @Funq
    public SyntheticScored score(SyntheticGenerated ev) {
        return guard(ev.runId(), ev.config(), "score", () -> ScoreStage.run(ev, store));
    }

    /** {@code dev.tailguard.synthetic.scored} → {@code dev.tailguard.dataset.blended}. */
    @Funq
    public DatasetBlended blend(SyntheticScored ev) {
        return guard(ev.runId(), ev.config(), "blend", () -> BlendStage.run(ev, store));
    }

    /** {@code dev.tailguard.dataset.blended} → {@code dev.tailguard.run.reported}. */
    @Funq
    public RunReported report(DatasetBlended ev) {
        return guard(ev.runId(), ev.config(), "report", () -> ReportStage.run(ev, store));
    }

    /**
     * Fills a missing config (from {@code tailguard.*}) and run id (derived from config and inputs).
     *
     * @throws IllegalArgumentException when the configuration or the run id is invalid
     */
    public RunRequested complete(RunRequested req) {
        RunConfig cfg = req.config() == null ? runs.defaultConfig() : req.config();
        String id = req.runId() == null || req.runId().isBlank() ? Runs.runId(cfg, req.inputs()) : req.runId();
        new dev.tailguard.core.pipeline.RunLayout(id);
        return new RunRequested(id, req.inputs(), cfg);
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
