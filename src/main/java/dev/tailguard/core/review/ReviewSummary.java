package dev.tailguard.core.review;

import dev.tailguard.core.store.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code review} section of {@code report.json} and of the dataset card: one entry per review batch of a run,
 * read straight from the object store (pure data, no queue needed).
 *
 * @param runId   the run
 * @param batches the run's batches, oldest first
 */
public record ReviewSummary(String runId, List<Entry> batches) {

    /**
     * One batch's review outcome.
     *
     * @param batchId       batch id
     * @param status        pending, approved, rejected or consumed
     * @param verdict       approved/rejected, or null while pending
     * @param principal     the reviewer, or null while pending
     * @param decidedAt     when, or null
     * @param reason        the reviewer's reason, or null
     * @param contentSha256 content hash of the batch reviewed
     * @param documents     documents in the batch
     * @param sampleSize    documents the reviewer was shown
     * @param flags         per-document flags
     */
    public record Entry(String batchId, BatchStatus status, Verdict verdict, String principal, String decidedAt,
                        String reason, String contentSha256, long documents, int sampleSize, List<DocumentFlag> flags) {
    }

    /** Reads the review state of every batch of {@code runId}; an empty summary when the run was not reviewed. */
    public static ReviewSummary forRun(ObjectStore store, String runId) throws IOException {
        ReviewStore rs = new ReviewStore(store);
        List<Entry> entries = new ArrayList<>();
        for (String key : store.list(ReviewKeys.runPrefix(runId))) {
            if (!key.endsWith("/batch.json")) {
                continue;
            }
            ReviewBatch b = ReviewJson.read(rs.read(key).orElseThrow(), ReviewBatch.class, key);
            String decisionKey = ReviewKeys.decision(runId, b.batchId());
            Decision d = rs.read(decisionKey).map(bytes -> ReviewJson.read(bytes, Decision.class, decisionKey)).orElse(null);
            BatchStatus status = d == null ? BatchStatus.PENDING
                    : store.exists(ReviewKeys.consumed(runId, b.batchId())) ? BatchStatus.CONSUMED
                    : d.verdict() == Verdict.APPROVED ? BatchStatus.APPROVED : BatchStatus.REJECTED;
            entries.add(new Entry(b.batchId(), status, d == null ? null : d.verdict(), d == null ? null : d.principal(),
                    d == null ? null : d.decidedAt(), d == null ? null : d.reason(), b.contentSha256(), b.documents(),
                    b.sample().size(), d == null ? List.of() : d.flags()));
        }
        entries.sort(java.util.Comparator.comparing(Entry::batchId));
        return new ReviewSummary(runId, List.copyOf(entries));
    }

    /** The report.json value: a list of decisions with snake_case fields. */
    public List<Map<String, Object>> toReport() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entry e : batches) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batch_id", e.batchId());
            m.put("status", e.status().name().toLowerCase());
            m.put("decision", e.verdict() == null ? null : e.verdict().name().toLowerCase());
            m.put("principal", e.principal());
            m.put("decided_at", e.decidedAt());
            m.put("reason", e.reason());
            m.put("content_sha256", e.contentSha256());
            m.put("documents", e.documents());
            m.put("sample_size", e.sampleSize());
            List<Map<String, Object>> flags = new ArrayList<>();
            for (DocumentFlag f : e.flags()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("document_id", f.documentId());
                fm.put("flag", f.flag());
                fm.put("note", f.note());
                flags.add(fm);
            }
            m.put("flags", flags);
            out.add(m);
        }
        return out;
    }

    /** A Markdown section for the dataset card ("Human review"). */
    public String toMarkdown() {
        return markdown(toReport());
    }

    /** The dataset card's "Human review" section from report.json's {@code review} list. */
    public static String markdown(List<Map<String, Object>> review) {
        StringBuilder sb = new StringBuilder("## Human review\n\n");
        if (review == null || review.isEmpty()) {
            return sb.append("No human review was required for this run.\n").toString();
        }
        sb.append("| batch | status | reviewer | decided at | sampled / documents | flags | reason |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> e : review) {
            Object flags = e.get("flags");
            sb.append("| ").append(dash(e.get("batch_id"))).append(" | ").append(dash(e.get("status")))
                    .append(" | ").append(dash(e.get("principal"))).append(" | ").append(dash(e.get("decided_at")))
                    .append(" | ").append(dash(e.get("sample_size"))).append(" / ").append(dash(e.get("documents")))
                    .append(" | ").append(flags instanceof List<?> l ? l.size() : 0)
                    .append(" | ").append(dash(e.get("reason")).replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    private static String dash(Object s) {
        return s == null ? "-" : String.valueOf(s).replace('\n', ' ');
    }
}
