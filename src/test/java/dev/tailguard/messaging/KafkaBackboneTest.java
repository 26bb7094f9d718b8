package dev.tailguard.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.TestCorpus;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.trigger.ObjectCreated;
import dev.tailguard.core.trigger.RunIds;
import dev.tailguard.core.trigger.RunRequester;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;

import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka backbone on a real in-process KRaft broker: a {@code run.requested} CloudEvent on its topic runs the
 * chain to {@code run.reported}; a duplicated event writes nothing new and re-emits an identical report event; a
 * stage that fails once is retried and the run completes exactly once.
 */
@QuarkusTest
@TestProfile(KafkaProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaBackboneTest {

    static final Path STORE = Path.of(KafkaProfile.STORE);
    static final Duration WAIT = Duration.ofSeconds(90);

    static void publishRunRequested(String ceId, String runId, Path input) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> r = new ProducerRecord<>(KafkaBackbone.topic(Events.RUN_REQUESTED), runId,
                    Json.write(Map.of("runId", runId, "inputs", List.of(input.toAbsolutePath().toString()))));
            r.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(ceId))
                    .add("ce_type", bytes(Events.RUN_REQUESTED)).add("ce_source", bytes("/test"))
                    .add("content-type", bytes("application/json"));
            producer.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** All records of a topic with the given key, polling until {@code done} holds or the wait is over. */
    static List<ConsumerRecord<String, String>> records(String topic, String key,
                                                        Predicate<List<ConsumerRecord<String, String>>> done) {
        return records(topic, key, done, WAIT);
    }

    /** All records of a topic with the given key seen within {@code wait}. */
    static List<ConsumerRecord<String, String>> settled(String topic, String key) {
        return records(topic, key, l -> false, Duration.ofSeconds(3));
    }

    static List<ConsumerRecord<String, String>> records(String topic, String key,
                                                        Predicate<List<ConsumerRecord<String, String>>> done,
                                                        Duration wait) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key == null || key.equals(r.key())) {
                        out.add(r);
                    }
                });
                if (done.test(out)) {
                    break;
                }
            }
            return out;
        }
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        return KafkaCloudEvent.header(r, name);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, Object> json(String s) throws IOException {
        return Json.MAPPER.readValue(s, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    /** Every file of a run with its size and modification time. */
    static Map<String, String> snapshot(String runId) throws IOException {
        Map<String, String> files = new TreeMap<>();
        Path root = STORE.resolve("runs").resolve(runId);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                files.put(root.relativize(f).toString(), Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis());
            }
        }
        return files;
    }

    static void clean(String runId) throws IOException {
        Path root = STORE.resolve("runs").resolve(runId);
        if (Files.exists(root)) {
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void runRequestedOnItsTopicRunsTheChainToRunReported() throws Exception {
        String runId = "kafka-a-" + System.nanoTime();
        RUN_A[0] = runId;
        Path in = INPUT_A[0] = TestCorpus.write(Files.createDirectories(Path.of("target/wire-kafka-input/a")), 6);
        publishRunRequested("req-a", runId, in);

        List<ConsumerRecord<String, String>> reported = records(KafkaBackbone.topic(Events.RUN_REPORTED), runId,
                l -> !l.isEmpty());
        assertThat(reported).hasSize(1);
        ConsumerRecord<String, String> r = reported.get(0);
        assertThat(header(r, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(r, "ce_type")).isEqualTo(Events.RUN_REPORTED);
        assertThat(header(r, "ce_source")).isEqualTo("dev.tailguard/report");
        assertThat(header(r, "ce_id")).isEqualTo(runId + "/" + Events.RUN_REPORTED);
        assertThat(header(r, "ce_subject")).isEqualTo(runId);
        Map<String, Object> data = json(r.value());
        assertThat(data).containsEntry("runId", runId).containsEntry("status", "succeeded")
                .containsEntry("report", "runs/" + runId + "/report/report.json");

        // the request carried no traceparent: generate started a trace, and every later hop continues it
        String trace = dev.tailguard.observability.CloudEventTracing.traceId(
                Map.of("ce_traceparent", String.valueOf(header(r, "ce_traceparent"))));
        assertThat(trace).as("ce_traceparent of " + Events.RUN_REPORTED).isNotNull().hasSize(32);
        for (String type : List.of(Events.SYNTHETIC_GENERATED, Events.SYNTHETIC_SCORED, Events.DATASET_BLENDED)) {
            List<ConsumerRecord<String, String>> hop = records(KafkaBackbone.topic(type), runId, l -> !l.isEmpty());
            assertThat(hop).as(type).hasSize(1);
            assertThat(header(hop.get(0), "ce_type")).isEqualTo(type);
            assertThat(header(hop.get(0), "ce_id")).isEqualTo(runId + "/" + type);
            assertThat(dev.tailguard.observability.CloudEventTracing.traceId(
                    Map.of("ce_traceparent", String.valueOf(header(hop.get(0), "ce_traceparent")))))
                    .as("trace id of " + type).isEqualTo(trace);
        }
        Map<String, Object> report = json(Files.readString(STORE.resolve("runs/" + runId + "/report/report.json")));
        assertThat(report).containsEntry("status", "succeeded");
        @SuppressWarnings("unchecked")
        Map<String, Number> counts = (Map<String, Number>) report.get("counts");
        assertThat(counts.get("real").intValue() + counts.get("anchor_held_out").intValue()).as("real + anchor held out").isEqualTo(6);
        assertThat(counts.get("blended").longValue()).isEqualTo(((Number) data.get("blended")).longValue());
    }

    static final String[] RUN_A = new String[1];
    static final Path[] INPUT_A = new Path[1];

    @Test
    @Order(2)
    void duplicatedRunRequestedWritesNothingNewAndReEmitsAnIdenticalReport() throws Exception {
        String runId = RUN_A[0];
        assertThat(runId).isNotNull();
        Map<String, String> before = snapshot(runId);
        byte[] reportBefore = Files.readAllBytes(STORE.resolve("runs/" + runId + "/report/report.json"));

        publishRunRequested("req-a", runId, INPUT_A[0]);

        List<ConsumerRecord<String, String>> reported = records(KafkaBackbone.topic(Events.RUN_REPORTED), runId,
                l -> l.size() >= 2);
        assertThat(reported).hasSize(2);
        assertThat(reported.get(1).value()).isEqualTo(reported.get(0).value());
        assertThat(header(reported.get(1), "ce_id")).isEqualTo(header(reported.get(0), "ce_id"));
        assertThat(snapshot(runId)).isEqualTo(before);
        assertThat(Files.readAllBytes(STORE.resolve("runs/" + runId + "/report/report.json"))).isEqualTo(reportBefore);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String stage : List.of("generate", "score", "blend", "report")) {
            assertThat(metrics).contains("tailguard_stage_duration_seconds_count{outcome=\"skipped\",stage=\"" + stage + "\"} 1.0");
            assertThat(metrics).contains("tailguard_stage_duration_seconds_count{outcome=\"succeeded\",stage=\"" + stage + "\"} 1.0");
        }
    }

    @Test
    @Order(3)
    void stageThatFailsOnceIsRetriedAndTheRunCompletesOnce() throws Exception {
        String runId = "kafka-b-" + System.nanoTime();
        Path in = TestCorpus.write(Files.createDirectories(Path.of("target/wire-kafka-input/b")), 7);
        OneShotFaults.ARMED.set("score");
        publishRunRequested("req-b", runId, in);

        List<ConsumerRecord<String, String>> reported = records(KafkaBackbone.topic(Events.RUN_REPORTED), runId,
                l -> !l.isEmpty());
        assertThat(reported).hasSize(1);
        assertThat(json(reported.get(0).value())).containsEntry("status", "succeeded");
        assertThat(OneShotFaults.ARMED.get()).isNull();
        String scoreEvent = runId + "/" + Events.SYNTHETIC_GENERATED;
        assertThat(OneShotFaults.ATTEMPTS).contains("score " + scoreEvent + " 1", "score " + scoreEvent + " 2")
                .doesNotContain("score " + scoreEvent + " 3");
        assertThat(OneShotFaults.ATTEMPTS.stream().filter(a -> a.startsWith("report " + runId + "/"))).hasSize(1);

        assertThat(settled(KafkaBackbone.topic(Events.RUN_REPORTED), runId)).hasSize(1);
        assertThat(settled(KafkaBackbone.topic(Events.SYNTHETIC_SCORED), runId)).hasSize(1);
        assertThat(settled(KafkaBackbone.DEAD_LETTER_TOPIC, null)).isEmpty();
        Map<String, Object> report = json(Files.readString(STORE.resolve("runs/" + runId + "/report/report.json")));
        assertThat(report).containsEntry("status", "succeeded");
    }

    @Test
    @Order(4)
    void failureAfterAStageWroteItsOutputIsRetriedWithoutDuplicateOutput() throws Exception {
        String runId = "kafka-e-" + System.nanoTime();
        OneShotFaults.ARMED.set("blend:after");
        publishRunRequested("req-e", runId, INPUT_A[0]);

        List<ConsumerRecord<String, String>> reported = records(KafkaBackbone.topic(Events.RUN_REPORTED), runId,
                l -> !l.isEmpty());
        assertThat(reported).hasSize(1);
        assertThat(OneShotFaults.ARMED.get()).isNull();
        String blendEvent = runId + "/" + Events.SYNTHETIC_SCORED;
        assertThat(OneShotFaults.ATTEMPTS).contains("blend " + blendEvent + " 1", "blend " + blendEvent + " 2");
        assertThat(settled(KafkaBackbone.topic(Events.DATASET_BLENDED), runId)).hasSize(1);
        Map<String, Object> blendManifest = json(Files.readString(STORE.resolve("runs/" + runId + "/blended/_SUCCESS.json")));
        @SuppressWarnings("unchecked")
        List<String> shards = (List<String>) ((Map<String, Object>) blendManifest.get("keys")).get("blended");
        try (Stream<Path> files = Files.list(STORE.resolve("runs/" + runId + "/blended"))) {
            assertThat(files.map(f -> "runs/" + runId + "/blended/" + f.getFileName()).filter(k -> !k.endsWith("_SUCCESS.json")))
                    .containsExactlyInAnyOrderElementsOf(shards);
        }
        Map<String, Object> report = json(Files.readString(STORE.resolve("runs/" + runId + "/report/report.json")));
        assertThat(report).containsEntry("status", "succeeded");
        assertThat(json(reported.get(0).value()).get("blended")).isEqualTo(((Map<?, ?>) report.get("counts")).get("blended"));
    }

    @Inject
    Instance<RunRequester> requesters;
    @Inject
    ObjectStore store;

    @Test
    @Order(5)
    void objectCreatedStartsARunThroughTheKafkaRunRequester() throws Exception {
        assertThat(requesters.isResolvable()).as("KafkaRunRequester is looked up with tailguard.events=kafka").isTrue();
        Path corpus = TestCorpus.write(Files.createDirectories(Path.of("target/wire-kafka-input/c")), 5);
        store.put("incoming/c.jsonl", corpus);
        ObjectCreated object = new ObjectCreated("corpora", "incoming/c.jsonl", Files.size(corpus), "etag-" + System.nanoTime());
        String runId = RunIds.forObject(object);

        requesters.get().requestRun(runId, object);

        List<ConsumerRecord<String, String>> requested = records(KafkaBackbone.topic(Events.RUN_REQUESTED), runId,
                l -> !l.isEmpty());
        assertThat(requested).hasSize(1);
        assertThat(header(requested.get(0), "ce_id")).isEqualTo(runId);
        assertThat(header(requested.get(0), "ce_source")).isEqualTo("/tailguard/ingest");
        List<ConsumerRecord<String, String>> reported = records(KafkaBackbone.topic(Events.RUN_REPORTED), runId,
                l -> !l.isEmpty());
        assertThat(reported).hasSize(1);
        assertThat(json(reported.get(0).value())).containsEntry("status", "succeeded");
        Map<String, Object> report = json(Files.readString(STORE.resolve("runs/" + runId + "/report/report.json")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inputs = (List<Map<String, Object>>) report.get("inputs");
        assertThat(inputs).singleElement().satisfies(i -> assertThat(i).containsEntry("file", "incoming/c.jsonl"));
    }

    @Test
    @Order(6)
    void malformedEventGoesToTheDeadLetterTopicAndTheStageKeepsConsuming() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> r = new ProducerRecord<>(KafkaBackbone.topic(Events.RUN_REQUESTED), "bad",
                    "{\"runId\":\"bad\",\"inputs\":[]}");
            r.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes("bad-1"))
                    .add("ce_type", bytes(Events.SYNTHETIC_SCORED)).add("ce_source", bytes("/test"));
            producer.send(r).get();
        }
        List<ConsumerRecord<String, String>> dead = records(KafkaBackbone.DEAD_LETTER_TOPIC, "bad", l -> !l.isEmpty());
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("ce_type " + Events.SYNTHETIC_SCORED);

        String runId = "kafka-d-" + System.nanoTime();
        publishRunRequested("req-d", runId, INPUT_A[0]);
        assertThat(records(KafkaBackbone.topic(Events.RUN_REPORTED), runId, l -> !l.isEmpty())).hasSize(1);
    }

    @Test
    @Order(7)
    void processedRecordsAreCommittedAndTheAppIsReady() throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        String topic = KafkaBackbone.topic(Events.DATASET_BLENDED);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p);
             KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            assertThat(end.values().stream().mapToLong(Long::longValue).sum()).isPositive();
            Map<TopicPartition, Long> committed = new java.util.HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                committed.clear();
                admin.listConsumerGroupOffsets("tailguard-report").partitionsToOffsetAndMetadata().get()
                        .forEach((tp, om) -> committed.put(tp, om == null ? null : om.offset()));
                if (parts.stream().allMatch(tp -> end.get(tp) == 0 || end.get(tp).equals(committed.get(tp)))) {
                    break;
                }
                Thread.sleep(250);
            }
            for (TopicPartition tp : parts) {
                if (end.get(tp) > 0) {
                    assertThat(committed.get(tp)).as("committed offset of " + tp).isEqualTo(end.get(tp));
                }
            }
        }
        given().get("/q/health/ready").then().statusCode(200).body(org.hamcrest.Matchers.containsString("UP"));
    }
}
