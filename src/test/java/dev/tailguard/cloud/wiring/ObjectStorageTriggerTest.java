package dev.tailguard.cloud.wiring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.tailguard.cloud.CloudRoutes;
import dev.tailguard.cloud.test.S3ProxyServer;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.TestCorpus;
import dev.tailguard.core.trigger.ObjectCreated;
import dev.tailguard.core.trigger.RunIds;
import dev.tailguard.storage.S3StoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue 6 point 2 end to end: a corpus uploaded to a real S3Proxy, the MinIO webhook notification (raw JSON) or the
 * AWS S3 record (binary CloudEvent) posted to {@code /notifications/object-storage}, and the whole chain writes the
 * blended shards and the report into the bucket. Rejected events start nothing.
 */
@QuarkusTest
@TestProfile(TriggerS3Profile.class)
class ObjectStorageTriggerTest {

    private static final String BUCKET = S3StoreProfile.BUCKET;

    @Inject
    RunEmitter emitter;

    private InProcessRuns runs() {
        assertThat(emitter).isInstanceOf(InProcessRuns.class);
        return (InProcessRuns) emitter;
    }

    private static ObjectCreated upload(String key, int docs) throws Exception {
        Path corpus = TestCorpus.write(Files.createDirectories(Path.of("target/cwire-input", key.replace('/', '_'))), docs);
        try (S3Client c = S3ProxyServer.shared().client()) {
            PutObjectResponse put = c.putObject(r -> r.bucket(BUCKET).key(key), corpus);
            return new ObjectCreated(BUCKET, key, Files.size(corpus), put.eTag());
        }
    }

    private static String minio(String eventName, String bucket, String key, long size, String eTag) {
        return "{\"EventName\":\"s3:" + eventName + "\",\"Key\":\"" + bucket + "/" + key + "\",\"Records\":[{"
                + "\"eventVersion\":\"2.0\",\"eventSource\":\"minio:s3\",\"eventName\":\"s3:" + eventName + "\","
                + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\"" + bucket + "\"},"
                + "\"object\":{\"key\":\"" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "\",\"size\":" + size
                + ",\"eTag\":\"" + eTag + "\"}}}]}";
    }

    private static String awsRecord(String bucket, String key, long size, String eTag) {
        return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\""
                + bucket + "\"},\"object\":{\"key\":\"" + key + "\",\"size\":" + size + ",\"eTag\":\"" + eTag + "\"}}}";
    }

    private static Response post(Map<String, String> headers, String body) {
        return given().header("Authorization", "Bearer " + TriggerS3Profile.TOKEN).headers(headers)
                .contentType("application/json").body(body).post(CloudRoutes.NOTIFICATIONS_PATH);
    }

    private static Map<String, String> runObjects(String prefix) {
        Map<String, String> out = new TreeMap<>();
        try (S3Client c = S3ProxyServer.shared().client()) {
            for (S3Object o : c.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents()) {
                out.put(o.key(), o.eTag() + "@" + o.lastModified());
            }
        }
        return out;
    }

    private static Map<String, Object> report(String runId) throws Exception {
        try (S3Client c = S3ProxyServer.shared().client()) {
            byte[] raw = c.getObjectAsBytes(r -> r.bucket(BUCKET).key("runs/" + runId + "/report/report.json"))
                    .asByteArray();
            return Json.MAPPER.readValue(raw, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        }
    }

    private void assertChainRan(String runId, String key, int docs) throws Exception {
        RunReported done = runs().run(runId).orElseThrow().get(120, TimeUnit.SECONDS);
        assertThat(done.status()).isEqualTo("succeeded");
        Map<String, String> objects = runObjects("runs/" + runId + "/");
        assertThat(objects.keySet()).contains("runs/" + runId + "/synthetic/_SUCCESS.json",
                "runs/" + runId + "/scores/_SUCCESS.json", "runs/" + runId + "/blended/_SUCCESS.json",
                "runs/" + runId + "/report/report.json", "runs/" + runId + "/report/index.html");
        assertThat(objects.keySet()).anyMatch(k -> k.startsWith("runs/" + runId + "/blended/part-"));
        Map<String, Object> report = report(runId);
        assertThat(report).containsEntry("status", "succeeded").containsEntry("run_id", runId);
        @SuppressWarnings("unchecked")
        Map<String, Number> counts = (Map<String, Number>) report.get("counts");
        // the frozen anchor (issue 11) is held out of the real input
        assertThat(counts.get("real").intValue() + counts.getOrDefault("anchor_held_out", 0).intValue()).isEqualTo(docs);
        assertThat(counts.get("malformed").intValue()).isEqualTo(TestCorpus.BAD_LINES);
        assertThat(counts.get("blended").longValue()).isEqualTo(done.blended()).isPositive();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inputs = (List<Map<String, Object>>) report.get("inputs");
        assertThat(inputs).singleElement().satisfies(i -> assertThat(i).containsEntry("file", key));
    }

    @Test
    void minioWebhookNotificationRunsTheWholeChainAndARepeatRewritesNothing() throws Exception {
        String key = "incoming/minio corpus+1.jsonl";
        ObjectCreated obj = upload(key, 8);
        String runId = RunIds.forObject(obj);
        String body = minio("ObjectCreated:Put", BUCKET, key, obj.size(), obj.eTag());

        post(Map.of(), body).then().statusCode(202);
        assertChainRan(runId, key, 8);

        // at-least-once delivery: the same notification again starts no second run (200, listed as a duplicate)
        Map<String, String> before = runObjects("runs/" + runId + "/");
        long dispatches = runs().dispatches();
        Thread.sleep(1100); // S3 Last-Modified has second resolution: a rewrite would show
        String again = post(Map.of(), body).then().statusCode(200).extract().asString();
        assertThat(again).contains("\"duplicates\":[\"" + runId + "\"]").contains("\"started\":[]");
        assertThat(runs().run(runId).orElseThrow().get(120, TimeUnit.SECONDS).status()).isEqualTo("succeeded");
        assertThat(runs().dispatches()).isEqualTo(dispatches);
        assertThat(runObjects("runs/" + runId + "/")).isEqualTo(before);
    }

    @Test
    void awsRecordAsBinaryCloudEventRunsTheWholeChain() throws Exception {
        String key = "incoming/aws/corpus.jsonl";
        ObjectCreated obj = upload(key, 6);
        String runId = RunIds.forObject(obj);
        String reply = post(Map.of("ce-specversion", "1.0", "ce-id", "aws-1", "ce-source", "aws.s3",
                        "ce-type", "com.amazonaws.s3.ObjectCreated:Put"),
                awsRecord(BUCKET, key, obj.size(), obj.eTag())).then().statusCode(202).extract().asString();
        assertThat(reply).contains("\"runId\":\"" + runId + "\"");
        assertChainRan(runId, key, 6);
    }

    @Test
    void unknownBucketDeletedObjectAndNonJsonlKeyStartNothing() throws Exception {
        ObjectCreated obj = upload("incoming/rejected.jsonl", 4);
        Map<String, String> before = runObjects("runs/");
        long dispatches = runs().dispatches();

        String bucket = post(Map.of(), minio("ObjectCreated:Put", "someone-elses-bucket", obj.key(), obj.size(),
                obj.eTag())).then().statusCode(422).extract().asString();
        assertThat(bucket).contains("unknown bucket 'someone-elses-bucket'").contains("\"started\":[]");

        String deleted = post(Map.of(), minio("ObjectRemoved:Delete", BUCKET, obj.key(), 0, ""))
                .then().statusCode(422).extract().asString();
        assertThat(deleted).contains("was deleted").contains("\"started\":[]");

        String text = post(Map.of("ce-specversion", "1.0", "ce-id", "aws-2", "ce-source", "aws.s3",
                        "ce-type", "com.amazonaws.s3.ObjectCreated:Put"),
                awsRecord(BUCKET, "incoming/notes.txt", 812, "0123")).then().statusCode(422).extract().asString();
        assertThat(text).contains("is not a JSONL corpus").contains("\"started\":[]");

        Thread.sleep(300);
        assertThat(runs().dispatches()).isEqualTo(dispatches);
        assertThat(runs().run(RunIds.forObject(obj))).isEmpty();
        assertThat(runObjects("runs/")).isEqualTo(before);
    }

    /** Issue 13 item 2: unauthenticated, traversing and oversized notifications start nothing and read nothing. */
    @Test
    void unauthenticatedTraversingAndOversizedNotificationsStartNothing() throws Exception {
        ObjectCreated outside = upload("outside.jsonl", 4);
        ObjectCreated inside = upload("incoming/inside.jsonl", 4);
        Map<String, String> before = runObjects("runs/");
        long dispatches = runs().dispatches();
        String good = minio("ObjectCreated:Put", BUCKET, inside.key(), inside.size(), inside.eTag());

        given().contentType("application/json").body(good).post(CloudRoutes.NOTIFICATIONS_PATH)
                .then().statusCode(401);
        given().header("Authorization", "Bearer " + TriggerS3Profile.TOKEN + "x").contentType("application/json")
                .body(good).post(CloudRoutes.NOTIFICATIONS_PATH).then().statusCode(401);

        String traversal = "{\"Records\":[" + awsRecord(BUCKET, inside.key(), inside.size(), inside.eTag()) + ","
                + awsRecord(BUCKET, "incoming/../../outside.jsonl", outside.size(), outside.eTag()) + "]}";
        String refused = post(Map.of(), traversal).then().statusCode(422).extract().asString();
        assertThat(refused).contains("has a '..' segment").contains("\"started\":[]");

        StringBuilder many = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 6; i++) {
            many.append(i == 0 ? "" : ",").append(awsRecord(BUCKET, "incoming/m" + i + ".jsonl", 10, "e" + i));
        }
        String tooMany = post(Map.of(), many.append("]}").toString()).then().statusCode(413).extract().asString();
        assertThat(tooMany).contains("6 records").contains("max-records=5");

        Thread.sleep(300);
        assertThat(runs().dispatches()).isEqualTo(dispatches);
        assertThat(runs().run(RunIds.forObject(inside))).isEmpty();
        assertThat(runObjects("runs/")).isEqualTo(before);
    }
}
