package dev.tailguard.review;

import dev.tailguard.cli.Dispatcher;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.ReportStage;
import dev.tailguard.core.pipeline.SyntheticScored;
import dev.tailguard.core.review.Decision;
import dev.tailguard.core.review.ResumeEmitter;
import dev.tailguard.core.review.ReviewBatch;
import dev.tailguard.core.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * Resumes a paused run in-process: an approval re-dispatches the stored {@code dev.tailguard.synthetic.scored}
 * event through the pipeline's {@link Dispatcher} (blend, then report), exactly as the embedded run routes events;
 * a rejection ends the run with a failure report naming the reviewer's reason (the batch is already quarantined).
 */
@ApplicationScoped
public class PipelineResumeEmitter implements ResumeEmitter {

    private static final Logger LOG = Logger.getLogger(PipelineResumeEmitter.class);

    @Inject
    Instance<Dispatcher> dispatcher;
    @Inject
    ObjectStore store;

    @Override
    public void approved(ReviewBatch batch, Decision decision) {
        SyntheticScored ev = Json.MAPPER.convertValue(batch.resumeEvent(), SyntheticScored.class);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
            dispatcher.get().run(Events.SYNTHETIC_SCORED, ev, ps);
        } finally {
            progress.toString(StandardCharsets.UTF_8).lines()
                    .forEach(l -> LOG.infof("run %s resumed after review: %s", batch.runId(), l));
        }
    }

    @Override
    public void rejected(ReviewBatch batch, Decision decision) {
        SyntheticScored ev = Json.MAPPER.convertValue(batch.resumeEvent(), SyntheticScored.class);
        ReportStage.writeFailure(store, batch.runId(), ev.config().seed(), "review",
                "synthetic batch " + batch.batchId() + " rejected by reviewer " + decision.principal() + ": "
                        + decision.reason() + " (quarantined)");
    }
}
