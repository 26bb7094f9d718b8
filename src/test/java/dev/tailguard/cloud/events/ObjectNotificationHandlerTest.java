package dev.tailguard.cloud.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.tailguard.cloud.test.S3ProxyServer;
import dev.tailguard.storage.S3ObjectStore;
import dev.tailguard.core.trigger.IncomingObjectPolicy;
import dev.tailguard.core.trigger.NotificationAuth;
import dev.tailguard.core.trigger.RecentRunIds;
import dev.tailguard.core.trigger.RunRequester;
import software.amazon.awssdk.services.s3.S3Client;

class ObjectNotificationHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "handler-test-token";
    private static final Map<String, String> AUTH = Map.of("authorization", "Bearer " + TOKEN);
    private final ObjectNotificationHandler.Limits LIMITS = new ObjectNotificationHandler.Limits(
            new NotificationAuth(Optional.of(TOKEN), Optional.empty()), 100, new RecentRunIds(1000));

    @TempDir
    Path tmp;

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = ObjectNotificationHandlerTest.class.getResourceAsStream("/notifications/" + name)) {
            return in.readAllBytes();
        }
    }

    private static Map<String, String> authed(String name, String value) {
        return Map.of(name, value, "authorization", "Bearer " + TOKEN);
    }

    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final ObjectNotificationHandler handler = new ObjectNotificationHandler(
            IncomingObjectPolicy.forBucket("corpora"), Optional.of((runId, in) -> requested.add(runId)), LIMITS);

    @Test
    void rawMinioWebhookStartsARun() throws IOException {
        ObjectNotificationHandler.Reply r = handler.handle(authed("content-type", "application/json"),
                sample("minio-put.json"));
        assertThat(r.status()).isEqualTo(202);
        JsonNode body = JSON.readTree(r.json());
        assertThat(body.path("started").get(0).path("key").asText()).isEqualTo("incoming/moby dick+v2.jsonl");
        assertThat(body.path("started").get(0).path("runId").asText()).startsWith("moby-dick-v2-");
        assertThat(requested).containsExactly(body.path("started").get(0).path("runId").asText());
    }

    @Test
    void deletedObjectIs422AndStartsNothing() throws IOException {
        ObjectNotificationHandler.Reply r = handler.handle(AUTH, sample("minio-delete.json"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(JSON.readTree(r.json()).path("rejected").get(0).asText())
                .isEqualTo("object s3://corpora/incoming/sotu.jsonl was deleted (s3:ObjectRemoved:Delete); "
                        + "only created objects start runs");
        assertThat(requested).isEmpty();
    }

    @Test
    void unknownBucketAndNonJsonlAre422() throws IOException {
        ObjectNotificationHandler.Reply bucket = handler.handle(AUTH, sample("aws-s3-put.json"));
        assertThat(bucket.status()).isEqualTo(422);
        assertThat(bucket.json()).contains("unknown bucket 'tailguard-corpora'");
        ObjectNotificationHandler.Reply txt = new ObjectNotificationHandler(
                IncomingObjectPolicy.forBucket("tailguard-corpora"), Optional.of((id, in) -> requested.add(id)), LIMITS)
                .handle(authed("ce-type", "com.amazonaws.s3.ObjectCreated:Copy"), sample("cloudevent-aws-s3-record.json"));
        assertThat(txt.status()).isEqualTo(422);
        assertThat(txt.json()).contains("is not a JSONL corpus");
        assertThat(requested).isEmpty();
    }

    @Test
    void structuredCloudEventAndMalformedBodies() throws IOException {
        String record = "{\"s3\":{\"bucket\":{\"name\":\"corpora\"},\"object\":{\"key\":\"incoming/a.jsonl.zst\",\"size\":9}}}";
        String structured = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"arn:aws:s3:::corpora\","
                + "\"type\":\"com.amazonaws.s3.ObjectCreated:Put\",\"data\":" + record + "}";
        ObjectNotificationHandler.Reply r = handler.handle(authed("content-type", "application/cloudevents+json"),
                structured.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(202);
        assertThat(requested).singleElement().asString().startsWith("a-");
        assertThat(handler.handle(AUTH, "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ObjectNotificationHandler.Reply(400,
                        "{\"error\":\"Records must be a non-empty array\",\"started\":[],\"rejected\":[],\"duplicates\":[]}"));
        assertThat(handler.handle(AUTH, "{oops".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
    }

    @Test
    void acceptedObjectWithoutRequesterIs503() throws IOException {
        ObjectNotificationHandler.Reply r = new ObjectNotificationHandler(IncomingObjectPolicy.forBucket("corpora"),
                Optional.empty(), LIMITS).handle(AUTH, sample("minio-put.json"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json()).contains("no RunRequester is wired");
    }

    /**
     * A corpus uploaded to a real S3 server, the MinIO-format notification for it, and a RunRequester that sends
     * dev.tailguard.run.requested through CloudEventSink to an HTTP "broker": the event arrives with the run id.
     */
    @Test
    void uploadedCorpusBecomesARunRequestedCloudEvent() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        s3.createBucket("ingest-test");
        Path corpus = tmp.resolve("sotu.jsonl");
        Files.writeString(corpus, "{\"id\":\"1\",\"text\":\"We the people.\",\"source\":\"sotu\",\"metadata\":{}}\n");
        String eTag;
        try (S3ObjectStore store = new S3ObjectStore(s3.settings("ingest-test")); S3Client c = s3.client()) {
            store.put("incoming/sotu.jsonl", corpus);
            eTag = c.headObject(r -> r.bucket("ingest-test").key("incoming/sotu.jsonl")).eTag();
        }
        String notification = new String(sample("minio-put.json"), StandardCharsets.UTF_8)
                .replace("\"name\":\"corpora\"", "\"name\":\"ingest-test\"")
                .replace("incoming%2Fmoby+dick%2Bv2.jsonl", "incoming%2Fsotu.jsonl")
                .replace("1f9ae70259a36b5c1b5692f91386bb75", eTag.replace("\"", ""))
                .replace("\"size\":1271830", "\"size\":" + Files.size(corpus));

        List<Map<String, String>> received = new CopyOnWriteArrayList<>();
        HttpServer broker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        broker.createContext("/", ex -> {
            received.add(Map.of("ce-type", ex.getRequestHeaders().getFirst("ce-type"),
                    "ce-id", ex.getRequestHeaders().getFirst("ce-id"),
                    "ce-subject", ex.getRequestHeaders().getFirst("ce-subject"),
                    "data", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(202, -1);
            ex.close();
        });
        broker.start();
        try {
            CloudEventSink sink = new CloudEventSink(URI.create("http://127.0.0.1:" + broker.getAddress().getPort() + "/"),
                    HttpClient.newHttpClient(), Duration.ofSeconds(5));
            RunRequester requester = (runId, in) -> sink.send(runId, "dev.tailguard.run.requested", "/tailguard/ingest",
                    in.key(), JSON.writeValueAsBytes(Map.of("runId", runId, "inputs", List.of(in.key()))));
            ObjectNotificationHandler.Reply r = new ObjectNotificationHandler(
                    IncomingObjectPolicy.forBucket("ingest-test"), Optional.of(requester), LIMITS)
                    .handle(AUTH, notification.getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(r.json()).isEqualTo(202);
            String runId = JSON.readTree(r.json()).path("started").get(0).path("runId").asText();
            assertThat(received).singleElement().satisfies(e -> {
                assertThat(e.get("ce-type")).isEqualTo("dev.tailguard.run.requested");
                assertThat(e.get("ce-id")).isEqualTo(runId);
                assertThat(e.get("ce-subject")).isEqualTo("incoming/sotu.jsonl");
                assertThat(JSON.readTree(e.get("data")).path("inputs").get(0).asText()).isEqualTo("incoming/sotu.jsonl");
            });
        } finally {
            broker.stop(0);
        }
    }

    @Test
    void sinkErrorsAreIoExceptionsNamingTheStatus() throws Exception {
        HttpServer broker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        broker.createContext("/", ex -> {
            byte[] b = "broker overloaded".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(503, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        broker.start();
        try {
            CloudEventSink sink = CloudEventSink.fromEnvironment(
                    Map.of("K_SINK", "http://127.0.0.1:" + broker.getAddress().getPort() + "/")).orElseThrow();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sink.send("id-1", "t", "/s", null, new byte[] {'{', '}'}))
                    .isInstanceOf(IOException.class).hasMessageContaining("answered 503").hasMessageContaining("broker overloaded");
            assertThat(CloudEventSink.fromEnvironment(Map.of())).isEmpty();
        } finally {
            broker.stop(0);
        }
    }

    /** Issue 13 item 2: no token, a wrong token or a wrong signature is 401 and starts nothing. */
    @Test
    void unauthenticatedNotificationsAre401() throws IOException {
        byte[] body = sample("minio-put.json");
        assertThat(handler.handle(Map.of(), body).status()).isEqualTo(401);
        assertThat(handler.handle(Map.of("authorization", "Bearer wrong"), body).status()).isEqualTo(401);
        assertThat(handler.handle(Map.of("authorization", "Bearer " + TOKEN + " "), body).status()).isEqualTo(202);
        requested.clear();
        assertThat(handler.handle(Map.of("authorization", "Basic " + TOKEN), body).status()).isEqualTo(401);
        assertThat(handler.handle(Map.of("x-tailguard-signature", "sha256=00"), body).status()).isEqualTo(401);
        assertThat(requested).isEmpty();
    }

    /** MinIO sends a one-word auth_token as "Bearer token"; the raw token and an HMAC-SHA256 body signature pass too. */
    @Test
    void rawTokenAndHmacSignatureAuthenticate() throws IOException {
        byte[] body = sample("minio-put.json");
        String secret = "hmac-test-secret";
        ObjectNotificationHandler signed = new ObjectNotificationHandler(IncomingObjectPolicy.forBucket("corpora"),
                Optional.of((id, in) -> requested.add(id)), new ObjectNotificationHandler.Limits(
                        new NotificationAuth(Optional.empty(), Optional.of(secret)), 100, new RecentRunIds(10)));
        String sig = NotificationAuth.sign(secret.getBytes(StandardCharsets.UTF_8), body);
        assertThat(signed.handle(Map.of("x-tailguard-signature", "sha256=" + sig), body).status()).isEqualTo(202);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("moby", "mobx").getBytes(StandardCharsets.UTF_8);
        assertThat(signed.handle(Map.of("x-tailguard-signature", "sha256=" + sig), tampered).status()).isEqualTo(401);
        assertThat(signed.handle(Map.of("authorization", "Bearer " + secret), body).status()).isEqualTo(401);
        assertThat(handler.handle(Map.of("authorization", TOKEN), body).status()).isEqualTo(202);
        assertThat(requested).hasSize(2);
    }

    @Test
    void limitsRefuseAnUnconfiguredEndpoint() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ObjectNotificationHandler.Limits(
                new NotificationAuth(Optional.of(" "), Optional.empty()), 100, new RecentRunIds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tailguard.trigger.auth-token");
    }

    /** More records than max-records is 413, a traversing key 422 for the whole request: nothing is started. */
    @Test
    void recordCapAndUnsafeKeysStartNothing() throws IOException {
        ObjectNotificationHandler capped = new ObjectNotificationHandler(IncomingObjectPolicy.forBucket("corpora"),
                Optional.of((id, in) -> requested.add(id)), new ObjectNotificationHandler.Limits(
                        new NotificationAuth(Optional.of(TOKEN), Optional.empty()), 2, new RecentRunIds(10)));
        String rec = "{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"corpora\"},"
                + "\"object\":{\"key\":\"KEY\",\"size\":9,\"eTag\":\"e\"}}}";
        String three = "{\"Records\":[" + rec.replace("KEY", "incoming/a.jsonl") + "," + rec.replace("KEY", "incoming/b.jsonl")
                + "," + rec.replace("KEY", "incoming/c.jsonl") + "]}";
        ObjectNotificationHandler.Reply big = capped.handle(AUTH, three.getBytes(StandardCharsets.UTF_8));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json()).contains("3 records").contains("max-records=2");
        for (String bad : List.of("incoming/..%2F..%2Fx.jsonl", "incoming%2F.%2Fx.jsonl", "%2Fetc%2Fx.jsonl",
                "incoming%2F%2Fx.jsonl", "incoming%2Fa%00.jsonl")) {
            String two = "{\"Records\":[" + rec.replace("KEY", "incoming/ok.jsonl") + "," + rec.replace("KEY", bad) + "]}";
            ObjectNotificationHandler.Reply r = capped.handle(AUTH, two.getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.json()).as(bad).contains("\"started\":[]");
        }
        assertThat(requested).isEmpty();
    }

    /** The same object twice in one notification, and the same notification again, start one run. */
    @Test
    void duplicateNotificationsStartAtMostOneRun() throws IOException {
        byte[] body = sample("minio-put.json");
        String twice = "{\"Records\":[" + JSON.readTree(body).path("Records").get(0) + ","
                + JSON.readTree(body).path("Records").get(0) + "]}";
        ObjectNotificationHandler.Reply first = handler.handle(AUTH, twice.getBytes(StandardCharsets.UTF_8));
        assertThat(first.status()).isEqualTo(202);
        assertThat(JSON.readTree(first.json()).path("rejected").get(0).asText()).contains("repeated in this notification");
        ObjectNotificationHandler.Reply again = handler.handle(AUTH, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(JSON.readTree(again.json()).path("duplicates").get(0).asText()).isEqualTo(requested.get(0));
        assertThat(requested).hasSize(1);
    }
}
