package dev.tailguard.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailguard.cli.tools.AdversarialReplay.Outcome;
import dev.tailguard.cli.tools.ReplayHttp.Answer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.tailguard.cli.tools.AdversarialReplay.safeIf;
import static dev.tailguard.cli.tools.AdversarialReplay.skipped;

/**
 * Issue 13's stage-event cases (W1–W3): a scored event that switches off review and gates, inputs and manifests
 * outside the store or the run, a failing event for a succeeded run, and event configurations that lower the
 * deployment's bounds. The events carry the 89058ef shapes ({@code RunRequested(runId, inputs, config)} and the stage
 * events as the previous stage answered them), which the current build still parses.
 */
final class ReplayEventCases {

    static final String RUN_REQUESTED = "dev.tailguard.run.requested";
    static final String GENERATED = "dev.tailguard.synthetic.generated";
    static final String SCORED = "dev.tailguard.synthetic.scored";
    static final String BLENDED = "dev.tailguard.dataset.blended";
    /** Documents of the replay corpus. */
    static final int DOCUMENTS = 40;
    /** How long the replay waits for an approved run to reach its report. */
    private static final long REPORT_WAIT_MS = 120_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReplayHttp http;
    private final ReplayStore store;
    private final String nonce;
    private final AdversarialReplay.Settings settings;
    private final String input;
    private String w1Run;
    private JsonNode w1Generated;
    private JsonNode w1Blended;

    ReplayEventCases(ReplayHttp http, ReplayStore store, String nonce, AdversarialReplay.Settings settings) {
        this.http = http;
        this.store = store;
        this.nonce = nonce;
        this.settings = settings;
        this.input = store.writeInput("incoming/adv-" + nonce + ".jsonl", DOCUMENTS);
    }

    List<Outcome> run() {
        List<Outcome> out = new ArrayList<>();
        out.add(w1ScoredEventSwitchesOffReview());
        out.add(refusedRequest("W2a", "run.requested inputs=[/etc/passwd]", "/etc/passwd"));
        Path outside = ReplayStore.write(tempDir().resolve("outside.jsonl"), DOCUMENTS);
        out.add(refusedRequest("W2b", "run.requested inputs=[a " + DOCUMENTS + "-doc JSONL outside the store]",
                outside.toString()));
        out.add(w2cManifestOfAnotherRun());
        out.add(w2dFailureAfterSuccess());
        out.add(loweredBound("W3a", "run.requested config.shardSize=1 (" + DOCUMENTS + " docs)", "shardSize", 1));
        out.add(loweredBound("W3b", "run.requested config.maxLineBytes=4e9", "maxLineBytes", 4_000_000_000L));
        return out;
    }

    /** W1: the honest scored event is held for review; the same event with review and gates switched off. */
    private Outcome w1ScoredEventSwitchesOffReview() {
        String sent = "synthetic.scored with config.reviewRequired=false, gates=[] (run under review)";
        w1Run = "adv-w1-" + nonce;
        Answer gen = http.event(RUN_REQUESTED, "{\"runId\":\"" + w1Run + "\",\"inputs\":[\"" + input + "\"]}");
        if (!gen.ok()) {
            return skipped("W1", sent, "setup: run.requested answered " + gen.brief());
        }
        w1Generated = tree(gen.body());
        Answer scored = http.event(GENERATED, gen.body());
        if (!scored.ok()) {
            return skipped("W1", sent, "setup: synthetic.generated answered " + scored.brief());
        }
        String blendedMarker = "runs/" + w1Run + "/blended/_SUCCESS.json";
        Answer honest = http.event(SCORED, scored.body());
        if (store.exists(blendedMarker)) {
            return skipped("W1", sent, "the server does not require review (honest scored event blended: "
                    + honest.brief() + "); start it with TAILGUARD_REVIEW_REQUIRED=true");
        }
        ObjectNode forged = (ObjectNode) tree(scored.body());
        ObjectNode cfg = forged.with("config");
        cfg.put("reviewRequired", false);
        cfg.putArray("gates");
        Answer a = http.event(SCORED, forged.toString());
        boolean blended = store.exists(blendedMarker);
        if (blended && a.ok() && !a.body().isBlank()) {
            w1Blended = tree(a.body());
        }
        long docs = store.linesUnder(w1Run, "blended");
        return safeIf(!blended, "W1", sent, a.brief() + "; blended/_SUCCESS.json "
                + (blended ? "written, " + docs + " docs blended without review" : "absent (batch still held)"));
    }

    /** W2a/W2b: an input outside the store must be refused with a 4xx before anything is written. */
    private Outcome refusedRequest(String id, String sent, String path) {
        String run = "adv-" + id.toLowerCase(java.util.Locale.ROOT) + "-" + nonce;
        Answer a = http.event(RUN_REQUESTED, "{\"runId\":\"" + run + "\",\"inputs\":[" + JSON.valueToTree(path) + "]}");
        long files = store.filesOf(run);
        long quarantined = store.linesUnder(run, "quarantine");
        long ingested = store.linesUnder(run, "input");
        return safeIf(a.refused() && files == 0, id, sent, a.brief() + "; runs/" + run + "/: " + files + " files, "
                + ingested + " input lines, " + quarantined + " quarantine lines");
    }

    /** W2c: a stage event whose manifest climbs out of its own run into W1's run. */
    private Outcome w2cManifestOfAnotherRun() {
        String evil = "adv-w2c-" + nonce;
        String sent = "synthetic.generated runId=" + evil + " manifest=runs/" + evil + "/../<W1 run>/synthetic/_SUCCESS.json";
        if (w1Generated == null) {
            return skipped("W2c", sent, "needs W1's run");
        }
        ObjectNode ev = w1Generated.deepCopy();
        ev.put("runId", evil);
        ev.put("manifest", "runs/" + evil + "/../" + w1Run + "/synthetic/_SUCCESS.json");
        Answer a = http.event(GENERATED, ev.toString());
        long files = store.filesOf(evil);
        return safeIf(a.refused() && files == 0, "W2c", sent, a.brief() + "; runs/" + evil + "/: " + files
                + " files (" + store.linesUnder(evil, "scores") + " score lines read from W1's run)");
    }

    /**
     * W2d: failing events for a succeeded run (a missing input, missing manifests for each stage) must leave its
     * report untouched and name no absolute server path.
     */
    private Outcome w2dFailureAfterSuccess() {
        String sent = "4 failing events (missing input, missing manifests) for a succeeded run";
        Optional<String> run = succeededRun();
        if (run.isEmpty()) {
            return skipped("W2d", sent, "no succeeded run: W1 did not blend and no reviewer account (--user) to"
                    + " approve it");
        }
        String id = run.get();
        String key = "runs/" + id + "/report/report.json";
        String before = store.read(key).orElse("");
        String missing = "runs/" + id + "/adversarial-missing-" + nonce + ".json";
        String cfg = w1Generated.get("config").toString();
        List<Answer> answers = List.of(
                http.event(RUN_REQUESTED, "{\"runId\":\"" + id + "\",\"inputs\":[\"incoming/missing-" + nonce + ".jsonl\"]}"),
                http.event(GENERATED, "{\"runId\":\"" + id + "\",\"config\":" + cfg + ",\"manifest\":\"" + missing
                        + "\",\"real\":1,\"malformed\":0,\"syntheticGenerated\":1}"),
                http.event(SCORED, "{\"runId\":\"" + id + "\",\"config\":" + cfg + ",\"manifest\":\"" + missing
                        + "\",\"realPassed\":1,\"syntheticPassed\":1,\"realQuarantined\":0,\"syntheticQuarantined\":0}"),
                http.event(BLENDED, "{\"runId\":\"" + id + "\",\"config\":" + cfg + ",\"manifest\":\"" + missing
                        + "\",\"blended\":1,\"realBlended\":1,\"syntheticBlended\":0}"));
        String after = store.read(key).orElse("");
        String root = store.root().toString();
        boolean leaked = after.contains(root) || answers.stream().anyMatch(x -> x.body() != null && x.body().contains(root));
        StringBuilder statuses = new StringBuilder();
        answers.forEach(x -> statuses.append(statuses.isEmpty() ? "" : ",").append(x.status()));
        return safeIf(before.equals(after) && !leaked, "W2d", sent, "answers " + statuses + "; report.json "
                + (before.equals(after) ? "unchanged" : "rewritten, status " + status(after))
                + (leaked ? "; the store's absolute path was shown" : ""));
    }

    /** W3a/W3b: a run.requested whose (complete, 89058ef-shaped) config lowers one bound. */
    private Outcome loweredBound(String id, String sent, String field, long value) {
        if (w1Generated == null) {
            return skipped(id, sent, "needs W1's config");
        }
        String run = "adv-" + id.toLowerCase(java.util.Locale.ROOT) + "-" + nonce;
        ObjectNode cfg = w1Generated.get("config").deepCopy();
        cfg.put(field, value);
        Answer a = http.event(RUN_REQUESTED, "{\"runId\":\"" + run + "\",\"inputs\":[\"" + input + "\"],\"config\":"
                + cfg + "}");
        long files = store.filesOf(run);
        return safeIf(a.refused() && files == 0, id, sent, a.brief() + "; runs/" + run + "/: " + files + " files");
    }

    /** A succeeded run: W1's if its forged blend went through (then reported here), else W1 approved by a reviewer. */
    private Optional<String> succeededRun() {
        if (w1Run == null) {
            return Optional.empty();
        }
        String key = "runs/" + w1Run + "/report/report.json";
        if (w1Blended != null) {
            http.event(BLENDED, w1Blended.toString());
        } else if (settings.user() != null && w1Generated != null) {
            approve(w1Run);
            long deadline = System.currentTimeMillis() + REPORT_WAIT_MS;
            while (System.currentTimeMillis() < deadline && !"succeeded".equals(status(store.read(key).orElse("")))) {
                sleep(500);
            }
        }
        return "succeeded".equals(status(store.read(key).orElse(""))) ? Optional.of(w1Run) : Optional.empty();
    }

    private void approve(String run) {
        Answer login = http.login(settings.user(), settings.password());
        if (login.sessionCookie().isEmpty()) {
            return;
        }
        String cookie = login.sessionCookie().get();
        String csrf = tree(http.get("/review/session", cookie).body()).path("csrf_token").asText();
        JsonNode batches = tree(http.get("/review/batches", cookie).body());
        for (JsonNode b : batches.isArray() ? batches : batches.path("batches")) {
            String id = b.path("id").asText(b.path("batch_id").asText());
            if (id.contains(run)) {
                http.reviewPost("/review/batches/" + id + "/approve", "{\"reason\":\"adversarial replay: setup\"}",
                        cookie, csrf, http.origin());
            }
        }
    }

    private static String status(String reportJson) {
        if (reportJson.isBlank()) {
            return "absent";
        }
        return tree(reportJson).path("status").asText("?");
    }

    private static JsonNode tree(String json) {
        try {
            return json == null || json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tailguard-adversarial");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
