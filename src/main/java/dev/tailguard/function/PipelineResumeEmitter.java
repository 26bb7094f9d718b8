package dev.tailguard.function;

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
import jakarta.inject.Named;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * Resumes a paused run in-process: an approval re-dispatches the stored {@code dev.tailguard.synthetic.scored}
 * event through the pipeline's {@link Dispatcher} (blend, then report), exactly as the embedded run routes events;
 * a rejection ends the run with a failure report naming the reviewer's reason (the batch is already quarantined).
 * Lives beside the functions (not in {@code review}) so that {@code review} never depends on {@code function}; the
 * review adapter receives it as a core {@link ResumeEmitter} named {@value #NAME}.
 */
@ApplicationScoped
@Named(PipelineResumeEmitter.NAME)
public class PipelineResumeEmitter implements ResumeEmitter {

    /** The CDI name under which {@code tailguard.review.resume=dispatcher} finds this emitter. */
    public static final String NAME = "tailguard-dispatcher-resume";

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
