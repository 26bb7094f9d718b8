package dev.tailguard.messaging;

import dev.tailguard.testing.DyingStage;
import dev.tailguard.testing.RunSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.tailguard.observability.CloudEventTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.GenerateStage;
import dev.tailguard.core.pipeline.Pipeline;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.StageChain;
import dev.tailguard.core.pipeline.TestCorpus;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.ShardedStage;
import dev.tailguard.core.pipeline.runner.StageEvent;
import dev.tailguard.core.pipeline.runner.StageRunner;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.store.LocalObjectStore;

/**
 * Issue 12 points 4 and 6 on a real KRaft broker: two consumer instances of one group share one run's stage events
 * (plan, tasks, merges on a 4-partition topic); one dies inside its first task, the group rebalances, the
 * uncommitted task is redone by the other, and every output is byte-identical to the embedded single-worker run.
 */
class KafkaTaskWorkersTest {

    private static final String RUN = "run-kafka";
    private static final TaskLimits SMALL = new TaskLimits(3, 40_000);

    @TempDir
    Path dir;

    private static RunConfig config() {
        return new RunConfig(5, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 2, TestCorpus.MAX_LINE_BYTES, "none", 300,
                List.of());
    }

    @Test
    void twoConsumerInstancesShareOneRunAndAKilledTaskIsRedoneWithIdenticalOutputs() throws Exception {
        Path input = TestCorpus.write(Files.createDirectories(dir.resolve("in")), 14);
        RunRequested req = new RunRequested(RUN, List.of(input.toString()), config());
        Path clean = dir.resolve("embedded");
        assertThat(Pipeline.run(req, new LocalObjectStore(clean), GeneratorSelector.NGRAM_ONLY, 1, SMALL).status())
                .isEqualTo("succeeded");

        String bootstrap = KafkaBroker.bootstrapServers();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = KafkaTaskWorkers.TOPIC + "." + suffix;
        String dlq = "tailguard.tasks-dead-letter." + suffix;
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(ap)) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1), new NewTopic(dlq, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        KafkaTaskWorkers.Settings settings = new KafkaTaskWorkers.Settings(bootstrap, topic, dlq,
                KafkaTaskWorkers.GROUP + "-" + suffix, 1, Duration.ofMinutes(5), Duration.ofMillis(200));

        Path out = dir.resolve("kafka");
        LocalObjectStore store = new LocalObjectStore(out);
        FrozenRun.of(RUN, req.inputs(), config(), SMALL).freeze(store);
        AtomicBoolean killed = new AtomicBoolean();
        List<ShardedStage> dying = new ArrayList<>();
        for (ShardedStage s : StageChain.stages(GeneratorSelector.NGRAM_ONLY)) {
            // runs its first task for real (outputs written), then dies before the completion marker
            dying.add(new DyingStage(s, t -> {
                if (killed.compareAndSet(false, true)) {
                    throw new KafkaTaskWorkers.WorkerKilled("died in " + s.name() + " task " + t.index());
                }
            }));
        }
        try (KafkaTaskWorkers.Publisher pa = new KafkaTaskWorkers.Publisher(bootstrap, topic);
             KafkaTaskWorkers.Publisher pb = new KafkaTaskWorkers.Publisher(bootstrap, topic);
             KafkaTaskWorkers a = new KafkaTaskWorkers(settings, new StageRunner(store, dying), pa);
             KafkaTaskWorkers b = new KafkaTaskWorkers(settings, StageChain.runner(store, GeneratorSelector.NGRAM_ONLY), pb)) {
            a.start();
            b.start();
            try (Scope ignored = PARENT.makeCurrent()) {
                pb.publish(StageEvent.plan(RUN, GenerateStage.STAGE));
            }
            Path reportMerged = out.resolve("runs/" + RUN + "/work/report/merged.json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.exists(reportMerged)) {
                assertThat(System.nanoTime()).as("run finished within 90 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(killed).as("instance a took a task and died in it").isTrue();
            assertThat(b.handled()).as("instance b handled events").isPositive();
        }
        // every task, merge and next-stage plan event continued the trace of the first plan event
        List<ConsumerRecord<String, byte[]>> events = allRecords(bootstrap, topic);
        assertThat(events).hasSizeGreaterThan(4);
        for (ConsumerRecord<String, byte[]> r : events) {
            StageEventCodec.Received rec = StageEventCodec.readKafka(r.headers(), r.value());
            assertThat(Span.fromContext(rec.trace()).getSpanContext().getTraceId()).as(rec.event().id())
                    .isEqualTo(TRACE_ID);
        }
        RunSnapshot.assertSame(out.resolve("runs/" + RUN), clean.resolve("runs/" + RUN));
        Map<String, Object> report = Json.MAPPER.readValue(out.resolve("runs/" + RUN + "/report/report.json").toFile(),
                new TypeReference<LinkedHashMap<String, Object>>() {
                });
        assertThat(report).containsEntry("status", "succeeded");
    }

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final Context PARENT = CloudEventTracing.extract(
            Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));

    /** Every record on a topic, read until the topic is idle for a second (at most 30 s). */
    private static List<ConsumerRecord<String, byte[]>> allRecords(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int idle = 0;
            while (idle < 5 && System.nanoTime() < deadline) {
                var batch = c.poll(Duration.ofMillis(200));
                idle = batch.isEmpty() ? idle + 1 : 0;
                batch.forEach(out::add);
            }
            return out;
        }
    }

}
