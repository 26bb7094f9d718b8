package dev.tailguard.cli.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.SyntheticScored;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A bounded adversarial soak of the HTTP server (issue 13 item 7): a fixed number of hostile requests, at most
 * {@link Settings#maxTime()}, one after the other, cycling through the {@link Kind}s. Every kind must be answered
 * with a 4xx and write nothing; the soak records what the server answered and how fast, and asserts nothing (the
 * caller prints the {@link Result} next to its targets). Requests go to {@link Settings#base()} only, over HTTP/1.1.
 */
public final class AdversarialSoak {

    /** Route of the object-storage notification endpoint ({@code dev.tailguard.cloud.CloudRoutes}). */
    public static final String NOTIFICATIONS_PATH = "/notifications/object-storage";
    /** The notification endpoint's body limit is 1 MiB; an oversized body is a little more. */
    static final int OVERSIZED_BYTES = (1 << 20) + 4096;
    /** Records in an unauthenticated notification (one request asking for many runs). */
    static final int FLOOD_RECORDS = 200;
    /** The account whose password the soak guesses (the started server's only reviewer). */
    public static final String LOGIN_TARGET = "bob";
    /** Targets printed beside the measurements (not asserted). */
    public static final String TARGETS = "0 transport errors, 0 5xx, every kind answered 4xx, p99 < 500 ms,"
            + " heap after < 512 MiB";

    /** What a request tries. */
    public enum Kind {
        /** {@code run.requested} whose config lowers shard size, line limit, gates and review. */
        POLICY_EVENT,
        /** {@code run.requested} naming a local file, another run's objects or a {@code ..} key. */
        TRAVERSAL_EVENT,
        /** The same {@code synthetic.scored} event (same {@code ce-id}) again and again, for a run never started. */
        REDELIVERED_EVENT,
        /** A notification asking for {@value #FLOOD_RECORDS} runs without credentials. */
        UNAUTHENTICATED_NOTIFICATION,
        /** A notification whose key leaves the incoming prefix ({@code incoming/../../x.jsonl}). */
        TRAVERSAL_NOTIFICATION,
        /** A wrong password for the reviewer {@value #LOGIN_TARGET}, from one of four forwarded addresses. */
        LOGIN_GUESS,
        /** A notification body over the endpoint's 1 MiB limit. */
        OVERSIZED_BODY
    }

    /**
     * What to soak.
     *
     * @param base     server base URL (loopback)
     * @param requests number of requests (&gt; 0)
     * @param maxTime  wall-clock bound; the soak stops at whichever comes first
     * @param token    the notification bearer token, or null (traversal notifications are then sent with a wrong one)
     */
    public record Settings(URI base, int requests, Duration maxTime, String token) {
        public Settings {
            if (requests <= 0 || maxTime.isNegative() || maxTime.isZero()) {
                throw new IllegalArgumentException("requests and time must be > 0");
            }
        }
    }

    /**
     * What the soak measured.
     *
     * @param sent            requests sent (answered or not)
     * @param seconds         wall time
     * @param statuses        count by HTTP status (all kinds)
     * @param byKind          count by status for each kind
     * @param transportErrors requests that got no HTTP answer (connection reset, timeout)
     * @param latencyMillis   p50, p99 and max of the answered requests, in ms
     * @param heapAfterBytes  the server's used heap after the soak from {@code /q/metrics}, when it serves them
     */
    public record Result(int sent, double seconds, Map<Integer, Integer> statuses, Map<Kind, Map<Integer, Integer>> byKind,
                         int transportErrors, double[] latencyMillis, OptionalLong heapAfterBytes) {

        /** Answers with a 5xx status. */
        public int serverErrors() {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
        }

        /** The result as one JSON object (with the targets and the load average). */
        public ObjectNode toJson() {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode();
            o.put("bench", "soak");
            o.put("requests", sent);
            o.put("seconds", Math.round(seconds * 100) / 100.0);
            ObjectNode st = o.putObject("statuses");
            statuses.forEach((k, v) -> st.put(Integer.toString(k), v));
            ObjectNode bk = o.putObject("by_kind");
            byKind.forEach((k, v) -> {
                ObjectNode n = bk.putObject(k.name().toLowerCase(java.util.Locale.ROOT));
                v.forEach((s, c) -> n.put(Integer.toString(s), c));
            });
            o.put("transport_errors", transportErrors);
            o.put("server_errors_5xx", serverErrors());
            ObjectNode lat = o.putObject("latency_ms");
            lat.put("p50", latencyMillis[0]);
            lat.put("p99", latencyMillis[1]);
            lat.put("max", latencyMillis[2]);
            if (heapAfterBytes.isPresent()) {
                o.put("heap_after_bytes", heapAfterBytes.getAsLong());
            } else {
                o.putNull("heap_after_bytes");
            }
            o.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            o.put("targets", TARGETS);
            return o;
        }
    }

    private final Settings settings;
    private final HttpClient client;
    private final String redeliveredId = "soak-redelivered-" + UUID.randomUUID();
    private final String neverStartedRun = "soak-never-" + UUID.randomUUID().toString().substring(0, 8);

    private AdversarialSoak(Settings settings) {
        this.settings = settings;
        // HTTP/1.1 like object-store webhooks and Knative senders (the JDK client would otherwise try an h2c upgrade)
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Runs the soak. */
    public static Result run(Settings settings) {
        return new AdversarialSoak(settings).soak();
    }

    private Result soak() {
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<Kind, Map<Integer, Integer>> byKind = new EnumMap<>(Kind.class);
        List<Long> micros = new ArrayList<>();
        int errors = 0;
        int sent = 0;
        long start = System.nanoTime();
        long deadline = start + settings.maxTime().toNanos();
        Kind[] kinds = Kind.values();
        for (; sent < settings.requests() && System.nanoTime() < deadline; sent++) {
            Kind kind = kinds[sent % kinds.length];
            HttpRequest req = request(kind, sent);
            long t0 = System.nanoTime();
            try {
                int status = client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                micros.add((System.nanoTime() - t0) / 1000);
                statuses.merge(status, 1, Integer::sum);
                byKind.computeIfAbsent(kind, k -> new TreeMap<>()).merge(status, 1, Integer::sum);
            } catch (IOException e) {
                errors++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Collections.sort(micros);
        double[] latency = {pct(micros, 0.50), pct(micros, 0.99), micros.isEmpty() ? 0 : micros.get(micros.size() - 1) / 1000.0};
        return new Result(sent, seconds, statuses, byKind, errors, latency, heapAfter());
    }

    private static double pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1000.0;
    }

    private HttpRequest request(Kind kind, int i) {
        return switch (kind) {
            case POLICY_EVENT -> event("dev.tailguard.run.requested", UUID.randomUUID().toString(),
                    "{\"runId\":\"soak-policy-" + i + "\",\"inputs\":[\"incoming/soak.jsonl\"],\"config\":" + FORGED_CONFIG + "}");
            case TRAVERSAL_EVENT -> event("dev.tailguard.run.requested", UUID.randomUUID().toString(),
                    "{\"runId\":\"soak-traversal-" + i + "\",\"inputs\":[\"" + TRAVERSALS[i / Kind.values().length
                            % TRAVERSALS.length] + "\"]}");
            case REDELIVERED_EVENT -> event("dev.tailguard.synthetic.scored", redeliveredId,
                    Json.write(new SyntheticScored(neverStartedRun, RunConfig.defaults(1),
                            "runs/" + neverStartedRun + "/scores/_SUCCESS.json", 1, 1, 0, 0)));
            case UNAUTHENTICATED_NOTIFICATION -> post(NOTIFICATIONS_PATH, "application/json", flood(i), null);
            case TRAVERSAL_NOTIFICATION -> post(NOTIFICATIONS_PATH, "application/json",
                    "{\"Records\":[" + record("incoming/../../soak-" + i + ".jsonl") + "]}",
                    "Bearer " + (settings.token() == null ? "not-the-token" : settings.token()));
            case LOGIN_GUESS -> HttpRequest.newBuilder(settings.base().resolve("/review/login"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", origin())
                    .header("X-Forwarded-For", "10.66.0." + (i % 4 + 1))
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + LOGIN_TARGET
                            + "&password=" + URLEncoder.encode("guess-" + i, StandardCharsets.UTF_8))).build();
            case OVERSIZED_BODY -> post(NOTIFICATIONS_PATH, "application/json", "{\"Records\":[],\"pad\":\""
                    + "x".repeat(OVERSIZED_BYTES) + "\"}", settings.token() == null ? null : "Bearer " + settings.token());
        };
    }

    /**
     * A complete run configuration (so the event is parsed and reaches the policy) that lowers every bound an attacker
     * would: one document per shard, a 4 GB line limit, no gates, no review.
     */
    private static final String FORGED_CONFIG = forgedConfig();

    private static String forgedConfig() {
        RunConfig d = RunConfig.defaults(1);
        return Json.write(new RunConfig(d.seed(), d.syntheticRatio(), d.generator(), d.order(), d.temperature(), d.topK(),
                d.blendStrategy(), d.minRealFraction(), 1, 4_000_000_000L, d.compression(), d.maxSyntheticTokens(),
                List.of(), false));
    }

    /** Inputs an event may not name. */
    private static final String[] TRAVERSALS = {"/etc/passwd", "file:/etc/passwd", "runs/evil/../r1/input/part-00000.jsonl",
        "incoming/../../x.jsonl", "store:../x.jsonl", "file:/etc"};

    private HttpRequest event(String type, String id, String body) {
        return HttpRequest.newBuilder(settings.base().resolve("/")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("ce-id", id).header("ce-specversion", "1.0")
                .header("ce-type", type).header("ce-source", "tailguard-bench-soak")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest post(String path, String contentType, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(settings.base().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String flood(int i) {
        StringBuilder sb = new StringBuilder("{\"Records\":[");
        for (int r = 0; r < FLOOD_RECORDS; r++) {
            sb.append(r == 0 ? "" : ",").append(record("incoming/flood-" + i + "-" + r + ".jsonl"));
        }
        return sb.append("]}").toString();
    }

    private static String record(String key) {
        return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":"
                + "\"tailguard\"},\"object\":{\"key\":\"" + key + "\",\"size\":10,\"eTag\":\"e\"}}}";
    }

    private String origin() {
        URI b = settings.base();
        return b.getScheme() + "://" + b.getHost() + (b.getPort() < 0 ? "" : ":" + b.getPort());
    }

    /** Sum of the server's {@code jvm_memory_used_bytes{area="heap"}} series, when {@code /q/metrics} answers. */
    private OptionalLong heapAfter() {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(settings.base().resolve("/q/metrics"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return OptionalLong.empty();
            }
            return heapFromPrometheus(r.body());
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** Sums the {@code jvm_memory_used_bytes} samples with {@code area="heap"} of a Prometheus text exposition. */
    static OptionalLong heapFromPrometheus(String text) {
        double sum = 0;
        boolean any = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                String v = line.substring(line.lastIndexOf(' ') + 1).trim();
                try {
                    sum += Double.parseDouble(v);
                    any = true;
                } catch (NumberFormatException e) {
                    // not a sample line
                }
            }
        }
        return any ? OptionalLong.of((long) sum) : OptionalLong.empty();
    }
}
