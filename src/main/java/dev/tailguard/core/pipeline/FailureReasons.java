package dev.tailguard.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failure reasons as they leave the server (in {@code report.json} and 422 bodies): absolute server paths are cut
 * to their last segment, so a reason never discloses the store root or other local layout; and the check that a
 * failure never replaces a succeeded run's report.
 */
public final class FailureReasons {

    /** An absolute path: starts at a word boundary with {@code /} and has at least two segments. */
    private static final Pattern ABSOLUTE = Pattern.compile("(?<![\\w.:/-])/(?:[^\\s/'\"(),;]+/)+([^\\s/'\"(),;:]*)");

    private FailureReasons() {
    }

    /** The reason with every absolute path replaced by {@code …/<last segment>}. */
    public static String redact(String reason) {
        if (reason == null) {
            return null;
        }
        Matcher m = ABSOLUTE.matcher(reason);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("…/" + m.group(1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Whether the run's {@code report/report.json} is a whole report (with its {@code verdict}) that a stop gate of
     * the report stage failed: it says more than a failure report would, so it stays.
     */
    public static boolean stoppedByReportGate(ObjectStore store, String runId) {
        String key = new RunLayout(runId).reportJson();
        try {
            if (!store.exists(key)) {
                return false;
            }
            try (InputStream in = store.open(key)) {
                JsonNode n = Json.MAPPER.readTree(in);
                return n != null && "failed".equals(n.path("status").asText(null))
                        && ReportStage.STAGE.equals(n.path("failed_stage").asText(null)) && n.has("verdict");
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the run's {@code report/report.json} exists with status {@code succeeded}. */
    public static boolean succeeded(ObjectStore store, String runId) {
        String key = new RunLayout(runId).reportJson();
        try {
            if (!store.exists(key)) {
                return false;
            }
            try (InputStream in = store.open(key)) {
                JsonNode n = Json.MAPPER.readTree(in);
                return n != null && "succeeded".equals(n.path("status").asText(null));
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
