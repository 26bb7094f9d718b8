package dev.tailguard.review;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Manifest;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.pipeline.SyntheticScored;
import dev.tailguard.core.review.BatchDetail;
import dev.tailguard.core.review.BatchRequest;
import dev.tailguard.core.review.ReviewException;
import dev.tailguard.core.review.ReviewQueue;
import dev.tailguard.core.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The hook the blend function calls first: with {@code tailguard.review.required=true} a scored synthetic batch is
 * queued for review and held; the approval re-emits the same {@code dev.tailguard.synthetic.scored} event, and
 * this gate then lets it through because the object store holds an approved decision for it. The approval marker
 * is the stored decision (written once by compare-and-set), never a field of the event, so an event sender cannot
 * skip the review.
 */
@ApplicationScoped
public class ReviewGate {

    private static final Logger LOG = Logger.getLogger(ReviewGate.class);

    @Inject
    ReviewConfig config;
    @Inject
    ObjectStore store;
    @Inject
    ReviewQueue queue;

    /** The review batch id of a run's scored synthetic batch. */
    public static String batchId(String runId) {
        return runId + "-scored";
    }

    /**
     * Whether blend must not consume this scored event now. Queues the batch on first sight; returns false (and
     * marks the batch consumed) once it is approved; true while pending or after a rejection.
     */
    public boolean holds(SyntheticScored ev) {
        Boolean perRun = ev.config() == null ? null : ev.config().reviewRequired();
        if (!(perRun != null ? perRun : config.required())) {
            return false;
        }
        Map<String, Object> scored = Manifest.read(store, ev.manifest());
        if (Boolean.TRUE.equals(scored.get("synthetic_batch_quarantined")) || ev.syntheticPassed() == 0) {
            return false;
        }
        String batchId = batchId(ev.runId());
        BatchDetail detail;
        try {
            detail = queue.get(batchId);
        } catch (ReviewException e) {
            if (e.kind() != ReviewException.Kind.NOT_FOUND) {
                throw e;
            }
            queue.enqueue(request(ev, scored, batchId));
            LOG.infof("run %s: synthetic batch %s waits for human review", ev.runId(), batchId);
            return true;
        }
        return switch (detail.status()) {
            case PENDING, REJECTED -> true;
            case APPROVED -> {
                queue.markConsumed(batchId);
                yield false;
            }
            case CONSUMED -> false;
        };
    }

    @SuppressWarnings("unchecked")
    private BatchRequest request(SyntheticScored ev, Map<String, Object> scored, String batchId) {
        RunLayout layout = new RunLayout(ev.runId());
        Map<String, Object> generated = Manifest.read(store, layout.manifest("synthetic"));
        List<Map<String, Object>> gates = Json.MAPPER.convertValue(scored.getOrDefault("gates", List.of()), List.class);
        Map<String, Object> resume = Json.MAPPER.convertValue(ev, Map.class);
        return new BatchRequest(ev.runId(), batchId, ev.config().seed(), Manifest.keys(generated, "synthetic"),
                Manifest.keys(scored, "scores_synthetic"), Manifest.keys(generated, "input"), gates, resume);
    }
}
