package dev.tailguard.core.review;

/** Object keys of the review gate (see the package documentation for the layout). */
public final class ReviewKeys {

    /** Prefix of the batch index: one object per batch. */
    public static final String INDEX_PREFIX = "review/index/";

    private ReviewKeys() {
    }

    public static String index(String batchId) {
        return INDEX_PREFIX + batchId + ".json";
    }

    public static String runPrefix(String runId) {
        return "runs/" + runId + "/review/";
    }

    public static String batchPrefix(String runId, String batchId) {
        return runPrefix(runId) + batchId + "/";
    }

    public static String batch(String runId, String batchId) {
        return batchPrefix(runId, batchId) + "batch.json";
    }

    public static String decision(String runId, String batchId) {
        return batchPrefix(runId, batchId) + "decision.json";
    }

    public static String resumed(String runId, String batchId) {
        return batchPrefix(runId, batchId) + "resumed.json";
    }

    public static String consumed(String runId, String batchId) {
        return batchPrefix(runId, batchId) + "consumed.json";
    }

    public static String auditPrefix(String runId, String batchId) {
        return batchPrefix(runId, batchId) + "audit/";
    }

    public static String audit(String runId, String batchId, long seq) {
        return auditPrefix(runId, batchId) + String.format("%08d.json", seq);
    }

    public static String quarantine(String runId, String batchId) {
        return "runs/" + runId + "/quarantine/review-" + batchId + ".jsonl";
    }
}
