package dev.tailguard.core.pipeline;

import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.store.ObjectStore;

/**
 * The four stages chained in-process on one store, without CloudEvents (for tests and library use; the embedded
 * {@code run} command goes through the Funqy functions instead). A {@link PipelineFailure} writes the failure
 * report before it is rethrown.
 */
public final class Pipeline {

    private Pipeline() {
    }

    /** Runs generate → score → blend → report. */
    public static RunReported run(RunRequested req, ObjectStore store) {
        return run(req, store, GeneratorSelector.NGRAM_ONLY);
    }

    /** Runs generate → score → blend → report with the generators the selector provides. */
    public static RunReported run(RunRequested req, ObjectStore store, GeneratorSelector selector) {
        String stage = GenerateStage.STAGE;
        try {
            SyntheticGenerated g = GenerateStage.run(req, store, selector);
            stage = ScoreStage.STAGE;
            SyntheticScored s = ScoreStage.run(g, store);
            stage = BlendStage.STAGE;
            DatasetBlended b = BlendStage.run(s, store);
            stage = ReportStage.STAGE;
            return ReportStage.run(b, store);
        } catch (PipelineFailure e) {
            ReportStage.writeFailure(store, req.runId(), req.config().seed(), e.stage(), e.getMessage());
            throw e;
        }
    }
}
