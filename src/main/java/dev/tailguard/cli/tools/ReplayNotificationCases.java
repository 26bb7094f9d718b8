package dev.tailguard.cli.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailguard.cli.tools.AdversarialReplay.Outcome;
import dev.tailguard.cli.tools.ReplayHttp.Answer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.tailguard.cli.tools.AdversarialReplay.safeIf;

/**
 * Issue 13's object-notification cases (W4): an unauthenticated notification asking for many runs, and a key that
 * climbs out of the store. Effects are observed as new folders under {@code runs/} (a started run writes its own).
 * The records name the bucket {@value #BUCKET}, the bucket the old build's trigger was started with.
 */
final class ReplayNotificationCases {

    /** Notification endpoint (89058ef and current). */
    static final String PATH = "/notifications/object-storage";
    /** Bucket named in the records. */
    static final String BUCKET = "tailguard";
    /** Records in the unauthenticated notification (the issue sent 2,000; bounded here). */
    static final int RECORDS = 20;
    /** How long started runs get to show up in the store. */
    private static final long SETTLE_MS = 2_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReplayHttp http;
    private final ReplayStore store;
    private final String nonce;
    private final String token;

    ReplayNotificationCases(ReplayHttp http, ReplayStore store, String nonce, String token) {
        this.http = http;
        this.store = store;
        this.nonce = nonce;
        this.token = token;
    }

    List<Outcome> run() {
        return List.of(unauthenticatedFlood(), traversingKey());
    }

    private Outcome unauthenticatedFlood() {
        for (int i = 0; i < RECORDS; i++) {
            store.writeInput("incoming/adv-w4a-" + nonce + "-" + i + ".jsonl", 3);
        }
        StringBuilder body = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < RECORDS; i++) {
            body.append(i == 0 ? "" : ",").append(record("incoming/adv-w4a-" + nonce + "-" + i + ".jsonl"));
        }
        Set<String> before = store.runs();
        Answer a = http.postJson(PATH, body.append("]}").toString(), null);
        int started = startedSince(before, "adv-w4a-" + nonce, a);
        return safeIf(!a.ok() && started == 0, "W4a", "notification with " + RECORDS + " records, no credentials",
                a.brief() + "; " + started + " runs started");
    }

    private Outcome traversingKey() {
        Path outside = store.root().getParent().resolve("adv-w4b-" + nonce + ".jsonl");
        ReplayStore.write(outside, 5);
        try {
            Set<String> before = store.runs();
            Answer a = http.postJson(PATH, "{\"Records\":[" + record("incoming/../../" + outside.getFileName()) + "]}",
                    token == null ? null : "Bearer " + token);
            int started = startedSince(before, "adv-w4b-" + nonce, a);
            return safeIf(!a.ok() && started == 0, "W4b", "notification key incoming/../../<file next to the store>"
                    + (token == null ? " (no token)" : " (with the token)"), a.brief() + "; " + started + " runs started");
        } finally {
            try {
                Files.deleteIfExists(outside);
            } catch (IOException e) {
                // a leftover file in a temporary folder
            }
        }
    }

    /**
     * Runs this case started: the larger of the runs the answer lists as {@code started} and the new run folders
     * whose name carries {@code tag} (runs start asynchronously; other cases' runs may still be appearing).
     */
    private int startedSince(Set<String> before, String tag, Answer a) {
        try {
            Thread.sleep(SETTLE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Set<String> now = new HashSet<>(store.runs());
        now.removeAll(before);
        long folders = now.stream().filter(r -> r.contains(tag)).count();
        int listed = 0;
        try {
            listed = a.body() == null || a.body().isBlank() ? 0 : JSON.readTree(a.body()).path("started").size();
        } catch (IOException e) {
            // not JSON: nothing listed
        }
        return (int) Math.max(folders, listed);
    }

    private static String record(String key) {
        return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\""
                + BUCKET + "\"},\"object\":{\"key\":\"" + key + "\",\"size\":10,\"eTag\":\"e\"}}}";
    }
}
