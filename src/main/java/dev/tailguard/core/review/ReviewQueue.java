package dev.tailguard.core.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailguard.core.review.ReviewException.Kind;
import dev.tailguard.core.store.ObjectStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The review queue: batches wait here, sampled, until one reviewer decision lets them into the blend stage
 * (approve: the {@link ResumeEmitter} is called once) or quarantines them (reject).
 *
 * <p>Decisions are idempotent and race-safe. Per batch, a JVM lock serialises callers and the decision object is
 * created by compare-and-set ({@link ReviewStore#putIfAbsent}), so across replicas exactly one decision wins:
 * repeating the winning verdict returns it again ({@link DecisionResult#created()} false, nothing re-emitted), the
 * other verdict gets {@link Kind#CONFLICT}; so does any other decision once the blend stage consumed the batch, or
 * a first decision when the synthetic shards no longer hash to the content the reviewer was shown.
 */
public final class ReviewQueue {

    /** Principal recorded for actions the pipeline takes itself. */
    public static final String SYSTEM = "system";

    private final ReviewStore store;
    private final ReviewSettings settings;
    private final ResumeEmitter emitter;
    private final Clock clock;

    public ReviewQueue(ObjectStore objects, ReviewSettings settings, ResumeEmitter emitter) {
        this(new ReviewStore(objects), settings, emitter, Clock.systemUTC());
    }

    public ReviewQueue(ReviewStore store, ReviewSettings settings, ResumeEmitter emitter, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.emitter = emitter;
        this.clock = clock;
    }

    /** The settings in force. */
    public ReviewSettings settings() {
        return settings;
    }

    /**
     * Queues a scored batch: hashes its shards, draws the sample and records it, pending. Enqueueing the same batch
     * again (a redelivered event) returns the stored batch unchanged.
     */
    public ReviewBatch enqueue(BatchRequest req) {
        return locked(req.batchId(), () -> {
            Optional<JsonNode> index = readIndex(req.batchId());
            if (index.isPresent()) {
                String run = index.get().path("run_id").asText();
                if (!run.equals(req.runId())) {
                    throw new ReviewException(Kind.CONFLICT, "batch id " + req.batchId() + " already belongs to run " + run);
                }
                return loadBatch(run, req.batchId());
            }
            ObjectStore objects = store.objects();
            String hash = Shards.sha256(objects, req.syntheticKeys());
            BatchSampler.Drawn drawn = BatchSampler.draw(objects, req, settings);
            ReviewBatch batch = new ReviewBatch(req.batchId(), req.runId(), now(), hash, drawn.documents(), drawn.candidates(),
                    req.syntheticKeys(), drawn.sampleSeed(), drawn.sample(), req.gates(), req.resumeEvent());
            byte[] stored = ReviewJson.bytes(batch);
            store.put(ReviewKeys.batch(req.runId(), req.batchId()), stored);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("batch_id", req.batchId());
            entry.put("run_id", req.runId());
            entry.put("created_at", batch.createdAt());
            store.putIfAbsent(ReviewKeys.index(req.batchId()), ReviewJson.bytes(entry));
            append(batch, "queued", SYSTEM, drawn.documents() + " documents, " + drawn.candidates() + " kept by scoring, sample of " + drawn.sample().size(), null);
            return ReviewJson.read(stored, ReviewBatch.class, ReviewKeys.batch(req.runId(), req.batchId()));
        });
    }

    /** Every batch, pending and decided, oldest first. */
    public List<BatchView> list() {
        try {
            List<BatchView> out = new ArrayList<>();
            for (String key : store.list(ReviewKeys.INDEX_PREFIX)) {
                if (!key.endsWith(".json")) {
                    continue;
                }
                String batchId = key.substring(ReviewKeys.INDEX_PREFIX.length(), key.length() - ".json".length());
                Optional<JsonNode> index = readIndex(batchId);
                if (index.isEmpty()) {
                    continue;
                }
                ReviewBatch b = loadBatch(index.get().path("run_id").asText(), batchId);
                Decision d = decision(b).orElse(null);
                out.add(new BatchView(b.batchId(), b.runId(), b.createdAt(), b.documents(), b.sample().size(),
                        b.contentSha256(), status(b, d), d));
            }
            out.sort(java.util.Comparator.comparing(BatchView::createdAt).thenComparing(BatchView::batchId));
            return out;
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /** One batch with its sample, status, decision and audit log; {@link Kind#NOT_FOUND} when unknown. */
    public BatchDetail get(String batchId) {
        try {
            ReviewBatch b = find(batchId);
            Decision d = decision(b).orElse(null);
            return new BatchDetail(b, status(b, d), d, audit(b.runId(), batchId));
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /** Approves the batch as {@code principal} and emits the resume event once. */
    public DecisionResult approve(String batchId, String principal, String reason, List<DocumentFlag> flags) {
        return decide(batchId, Verdict.APPROVED, principal, reason, flags);
    }

    /** Rejects the batch as {@code principal}; the reason is required. The batch is quarantined with it. */
    public DecisionResult reject(String batchId, String principal, String reason, List<DocumentFlag> flags) {
        return decide(batchId, Verdict.REJECTED, principal, reason, flags);
    }

    /** Records that the blend stage consumed the approved batch; later decisions get {@link Kind#CONFLICT}. */
    public void markConsumed(String batchId) {
        locked(batchId, () -> {
            ReviewBatch b = find(batchId);
            Decision d = decision(b).orElse(null);
            if (d == null || d.verdict() != Verdict.APPROVED) {
                throw new ReviewException(Kind.CONFLICT, "batch " + batchId + " is not approved; it cannot be consumed");
            }
            Map<String, Object> marker = Map.of("batch_id", batchId, "consumed_at", now());
            if (store.putIfAbsent(ReviewKeys.consumed(b.runId(), batchId), ReviewJson.bytes(marker))) {
                append(b, "consumed", SYSTEM, "consumed by the blend stage", null);
            }
            return null;
        });
    }

    /** The batch's audit log, oldest first. */
    public List<AuditEntry> audit(String runId, String batchId) throws IOException {
        List<AuditEntry> out = new ArrayList<>();
        for (String key : store.list(ReviewKeys.auditPrefix(runId, batchId))) {
            store.read(key).ifPresent(bytes -> out.add(ReviewJson.read(bytes, AuditEntry.class, key)));
        }
        return out;
    }

    private DecisionResult decide(String batchId, Verdict verdict, String principal, String reason,
                                  List<DocumentFlag> flags) {
        if (principal == null || principal.isBlank()) {
            throw new ReviewException(Kind.INVALID, "a decision needs an authenticated principal");
        }
        String why = reason == null ? null : reason.strip();
        if (verdict == Verdict.REJECTED && (why == null || why.isEmpty())) {
            throw new ReviewException(Kind.INVALID, "a rejection needs a reason");
        }
        List<DocumentFlag> docFlags = flags == null ? List.of() : List.copyOf(flags);
        return locked(batchId, () -> {
            ReviewBatch b = find(batchId);
            checkFlags(b, docFlags);
            Optional<Decision> existing = decision(b);
            boolean consumed = store.exists(ReviewKeys.consumed(b.runId(), batchId));
            if (consumed && (existing.isEmpty() || existing.get().verdict() != verdict)) {
                append(b, "conflict", principal, "attempted " + verdict.name().toLowerCase() + " after consumption", docFlags);
                throw new ReviewException(Kind.CONFLICT, "batch " + batchId + " was already consumed by the blend stage"
                        + existing.map(d -> " after approval by " + d.principal() + " at " + d.decidedAt()).orElse(""));
            }
            boolean created = false;
            Decision d;
            if (existing.isEmpty()) {
                String hash = Shards.sha256(store.objects(), b.syntheticKeys());
                if (!hash.equals(b.contentSha256())) {
                    append(b, "conflict", principal, "content changed since queued: sha256 " + hash, docFlags);
                    throw new ReviewException(Kind.CONFLICT, "batch " + batchId
                            + " changed since it was queued (content sha256 differs); it needs a new review batch");
                }
                Decision mine = new Decision(batchId, b.runId(), verdict, principal, now(), empty(why), hash, docFlags);
                created = store.putIfAbsent(ReviewKeys.decision(b.runId(), batchId), ReviewJson.bytes(mine));
                d = created ? mine : decision(b).orElseThrow(() -> new ReviewException(Kind.UNAVAILABLE,
                        "decision of batch " + batchId + " vanished"));
                if (created) {
                    append(b, verdict == Verdict.APPROVED ? "approved" : "rejected", principal, empty(why), docFlags);
                }
            } else {
                d = existing.get();
            }
            if (d.verdict() != verdict) {
                append(b, "conflict", principal, "attempted " + verdict.name().toLowerCase() + " after "
                        + d.verdict().name().toLowerCase(), docFlags);
                throw new ReviewException(Kind.CONFLICT, "batch " + batchId + " was already "
                        + d.verdict().name().toLowerCase() + " by " + d.principal() + " at " + d.decidedAt());
            }
            if (verdict == Verdict.APPROVED) {
                resumeOnce(b, d);
            } else {
                quarantineOnce(b, d);
            }
            return new DecisionResult(d, created, status(b, d));
        });
    }

    private void resumeOnce(ReviewBatch b, Decision d) throws IOException {
        String claim = ReviewKeys.resumed(b.runId(), b.batchId());
        if (!store.putIfAbsent(claim, ReviewJson.bytes(Map.of("batch_id", b.batchId(), "resumed_at", now())))) {
            return;
        }
        try {
            if (d.verdict() == Verdict.APPROVED) {
                emitter.approved(b, d);
            } else {
                emitter.rejected(b, d);
            }
        } catch (Exception e) {
            store.delete(claim);
            append(b, "resume_failed", SYSTEM, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
            throw new ReviewException(Kind.UNAVAILABLE, "decision on batch " + b.batchId()
                    + " is recorded but resuming the run failed (" + e.getMessage() + "); repeat the decision to retry", e);
        }
        append(b, "resumed", SYSTEM, d.verdict() == Verdict.APPROVED ? "resume event emitted" : "run continued without batch", null);
    }

    private void quarantineOnce(ReviewBatch b, Decision d) throws IOException {
        String key = ReviewKeys.quarantine(b.runId(), b.batchId());
        if (!store.exists(key)) {
            String why = "review rejected by " + d.principal() + ": " + d.reason();
            Path tmp = Files.createTempFile("tailguard-review-quarantine", ".jsonl");
            long[] n = {0};
            try {
                try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp),
                        StandardCharsets.UTF_8))) {
                    Shards.forEach(store.objects(), b.syntheticKeys(), (node, shard, lineNo) -> {
                        ObjectNode rec = ReviewJson.MAPPER.createObjectNode();
                        rec.put("stage", "review");
                        rec.put("reason", why);
                        rec.put("file", shard);
                        rec.put("line", lineNo);
                        rec.put("batch_id", b.batchId());
                        rec.set("record", node);
                        w.write(ReviewJson.MAPPER.writeValueAsString(rec));
                        w.write('\n');
                        n[0]++;
                    });
                }
                store.objects().put(key, tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
            append(b, "quarantined", SYSTEM, n[0] + " records to " + key, null);
        }
        resumeOnce(b, d);
    }

    private static void checkFlags(ReviewBatch b, List<DocumentFlag> flags) {
        Set<String> sampled = new HashSet<>();
        b.sample().forEach(s -> sampled.add(s.id()));
        for (DocumentFlag f : flags) {
            if (f == null || f.documentId() == null || !sampled.contains(f.documentId())) {
                throw new ReviewException(Kind.INVALID, "flag names document "
                        + (f == null ? null : f.documentId()) + ", which is not in the sample of batch " + b.batchId());
            }
            if (f.flag() == null || f.flag().isBlank() || f.flag().length() > 64) {
                throw new ReviewException(Kind.INVALID, "flag on document " + f.documentId() + " needs a label of 1-64 characters");
            }
        }
    }

    private BatchStatus status(ReviewBatch b, Decision d) throws IOException {
        if (d == null) {
            return BatchStatus.PENDING;
        }
        if (store.exists(ReviewKeys.consumed(b.runId(), b.batchId()))) {
            return BatchStatus.CONSUMED;
        }
        return d.verdict() == Verdict.APPROVED ? BatchStatus.APPROVED : BatchStatus.REJECTED;
    }

    private Optional<Decision> decision(ReviewBatch b) throws IOException {
        String key = ReviewKeys.decision(b.runId(), b.batchId());
        return store.read(key).map(bytes -> ReviewJson.read(bytes, Decision.class, key));
    }

    private ReviewBatch find(String batchId) throws IOException {
        try {
            BatchRequest.requireId("batch id", batchId);
        } catch (ReviewException e) {
            throw new ReviewException(Kind.NOT_FOUND, "no review batch " + batchId);
        }
        JsonNode index = readIndex(batchId).orElseThrow(() -> new ReviewException(Kind.NOT_FOUND,
                "no review batch " + batchId));
        return loadBatch(index.path("run_id").asText(), batchId);
    }

    private Optional<JsonNode> readIndex(String batchId) throws IOException {
        String key = ReviewKeys.index(batchId);
        return store.read(key).map(bytes -> ReviewJson.read(bytes, JsonNode.class, key));
    }

    private ReviewBatch loadBatch(String runId, String batchId) throws IOException {
        String key = ReviewKeys.batch(runId, batchId);
        return ReviewJson.read(store.read(key).orElseThrow(() -> new ReviewException(Kind.UNAVAILABLE,
                "batch " + batchId + " is indexed but " + key + " is missing")), ReviewBatch.class, key);
    }

    private void append(ReviewBatch b, String action, String principal, String reason, List<DocumentFlag> flags)
            throws IOException {
        long seq = store.list(ReviewKeys.auditPrefix(b.runId(), b.batchId())).size() + 1;
        while (true) {
            AuditEntry e = new AuditEntry(seq, now(), b.batchId(), b.runId(), action, principal, reason,
                    b.contentSha256(), flags == null || flags.isEmpty() ? null : flags);
            if (store.putIfAbsent(ReviewKeys.audit(b.runId(), b.batchId(), seq), ReviewJson.bytes(e))) {
                return;
            }
            seq++;
        }
    }

    private <T> T locked(String batchId, ReviewStore.IoSupplier<T> action) {
        try {
            return store.withLock("batch:" + batchId, action);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static ReviewException unavailable(IOException e) {
        return new ReviewException(Kind.UNAVAILABLE, "review store failed: " + e.getMessage(), e);
    }

    private String now() {
        return Instant.now(clock).toString();
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
