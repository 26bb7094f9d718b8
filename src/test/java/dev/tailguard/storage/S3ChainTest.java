package dev.tailguard.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.function.Dispatcher;
import dev.tailguard.cloud.test.S3ProxyServer;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.TestCorpus;
import dev.tailguard.core.store.ObjectStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * {@code tailguard.store=s3}: the whole chain reads a corpus uploaded under {@code incoming/} and writes its outputs
 * and report into the bucket of a real S3Proxy; the stage metrics appear on {@code /q/metrics} and the health
 * endpoints answer.
 */
@QuarkusTest
@TestProfile(S3StoreProfile.class)
class S3ChainTest {

    @Inject
    ObjectStore store;
    @Inject
    Dispatcher dispatcher;
    @Inject
    jakarta.enterprise.inject.Instance<dev.tailguard.core.trigger.RunRequester> requesters;

    @Test
    void wholeChainWritesOutputsAndReportIntoTheBucket() throws Exception {
        assertThat(store).isInstanceOf(S3ObjectStore.class);
        // with tailguard.events=http the cloud.wiring requester (K_SINK or in-process) serves, never the Kafka one
        assertThat(requesters.isResolvable()).isTrue();
        assertThat(requesters.get()).as("no Kafka RunRequester with tailguard.events=http")
                .isNotInstanceOf(dev.tailguard.messaging.KafkaRunRequester.class);
        Path corpus = TestCorpus.write(Files.createDirectories(Path.of("target/wire-s3-input")), 8);
        S3ProxyServer s3 = S3ProxyServer.shared();
        try (S3Client c = s3.client()) {
            c.putObject(r -> r.bucket(S3StoreProfile.BUCKET).key("incoming/sotu.jsonl"), corpus);
        }

        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        RunReported done = dispatcher.run(Events.RUN_REQUESTED,
                new RunRequested("run-s3", List.of("incoming/sotu.jsonl"), null),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(done.report()).isEqualTo("runs/run-s3/report/report.json");
        try (S3Client c = s3.client()) {
            List<String> keys = c.listObjectsV2Paginator(r -> r.bucket(S3StoreProfile.BUCKET).prefix("runs/run-s3/"))
                    .contents().stream().map(S3Object::key).toList();
            assertThat(keys).contains(
                    "runs/run-s3/synthetic/_SUCCESS.json", "runs/run-s3/scores/_SUCCESS.json",
                    "runs/run-s3/blended/_SUCCESS.json", "runs/run-s3/report/report.json",
                    "runs/run-s3/report/index.html", "runs/run-s3/README.md");
            assertThat(keys).anyMatch(k -> k.startsWith("runs/run-s3/input/part-"));
            assertThat(keys).anyMatch(k -> k.startsWith("runs/run-s3/blended/part-"));
            assertThat(keys).anyMatch(k -> k.startsWith("runs/run-s3/quarantine/malformed"));

            ResponseBytes<GetObjectResponse> raw = c.getObjectAsBytes(r -> r.bucket(S3StoreProfile.BUCKET)
                    .key("runs/run-s3/report/report.json"));
            Map<String, Object> report = Json.MAPPER.readValue(raw.asByteArray(),
                    new TypeReference<LinkedHashMap<String, Object>>() {
                    });
            assertThat(report).containsEntry("status", "succeeded").containsEntry("run_id", "run-s3");
            @SuppressWarnings("unchecked")
            Map<String, Number> counts = (Map<String, Number>) report.get("counts");
            assertThat(counts.get("real").intValue() + counts.get("anchor_held_out").intValue()).as("real + anchor held out").isEqualTo(8);
            assertThat(counts.get("malformed").intValue()).isEqualTo(TestCorpus.BAD_LINES);
            assertThat(counts.get("blended").longValue()).isEqualTo(done.blended());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> inputs = (List<Map<String, Object>>) report.get("inputs");
            assertThat(inputs).singleElement().satisfies(i -> assertThat(i).containsEntry("file", "incoming/sotu.jsonl"));
        }

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("tailguard_stage_documents_in_total{stage=\"generate\"} " + (8.0 + TestCorpus.BAD_LINES))
                .contains("tailguard_stage_documents_quarantined_total{stage=\"generate\"}")
                .contains("tailguard_stage_documents_out_total{stage=\"blend\"} " + (double) done.blended())
                .contains("tailguard_stage_documents_in_total{stage=\"report\"} " + (double) done.blended())
                .contains("tailguard_stage_duration_seconds_bucket{outcome=\"succeeded\",stage=\"score\"")
                .contains("tailguard_stage_duration_seconds_count{outcome=\"succeeded\",stage=\"report\"} 1.0");
        given().get("/q/health/live").then().statusCode(200).body(containsString("UP"));
        given().get("/q/health/ready").then().statusCode(200).body(containsString("UP"));
    }
}
