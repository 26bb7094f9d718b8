package dev.tailguard.cloud.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends binary-mode CloudEvents (HTTP binding 1.0) to a sink URL, typically {@code $K_SINK} injected by a Knative
 * SinkBinding (the Broker ingress). A non-2xx answer is an {@link IOException} naming the status and body, so the
 * caller can retry; the event {@code id} should be deterministic so that retries deduplicate downstream.
 */
public final class CloudEventSink {

    private final URI sink;
    private final HttpClient http;
    private final Duration timeout;

    public CloudEventSink(URI sink, HttpClient http, Duration timeout) {
        this.sink = Objects.requireNonNull(sink);
        this.http = Objects.requireNonNull(http);
        this.timeout = Objects.requireNonNull(timeout);
    }

    /** A sink for {@code K_SINK} from the environment, if set. */
    public static Optional<CloudEventSink> fromEnvironment(Map<String, String> env) {
        String k = env.get("K_SINK");
        if (k == null || k.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new CloudEventSink(URI.create(k.trim()),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(30)));
    }

    /** The sink URL. */
    public URI uri() {
        return sink;
    }

    /**
     * Posts one event.
     *
     * @param id      event id (deterministic per logical event, e.g. the run id)
     * @param type    e.g. {@code dev.tailguard.run.requested}
     * @param source  e.g. {@code /tailguard/ingest}
     * @param subject optional subject (e.g. the object key), may be null
     * @param json    the JSON data
     */
    public void send(String id, String type, String source, String subject, byte[] json) throws IOException {
        HttpRequest.Builder req = HttpRequest.newBuilder(sink).timeout(timeout)
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-type", type)
                .header("ce-source", source)
                .header("ce-time", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        if (subject != null) {
            req.header("ce-subject", subject);
        }
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending " + type + " " + id + " to " + sink, e);
        }
        if (res.statusCode() / 100 != 2) {
            String body = res.body() == null ? "" : res.body();
            throw new IOException("sink " + sink + " answered " + res.statusCode() + " to " + type + " " + id
                    + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
        }
    }
}
