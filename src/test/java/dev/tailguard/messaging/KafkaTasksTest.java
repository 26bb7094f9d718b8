package dev.tailguard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.function.StageWorkers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Issue 12 points 4 and 6 on the Kafka backbone of the deployed application ({@code tailguard.events=kafka},
 * {@code tailguard.tasks.transport=kafka}) against a real KRaft broker: each stage's consumer plans its stage and
 * publishes the task events on the task topic (4 partitions), two {@link KafkaTaskWorkers} consumer instances of one
 * group share them, and each stage's merge publishes the stage's output event on its topic. The run's
 * {@code blended/} bytes equal those of the same run embedded on 1 and on 4 threads.
 */
@QuarkusTest
@TestProfile(KafkaTasksProfile.class)
class KafkaTasksTest {

    /** The same run id as the other transport test: the embedded reference runs once per JVM. */
    private static final String RUN = "run-wire-modes";

    @Inject
    StageWorkers workers;
    @Inject
    TaskTransport transport;
    @Inject
    KafkaPublisher publisher;

    @Test
    void stagesPublishTasksThatTwoConsumersShareWithOutputsIdenticalToEmbedded() throws Exception {
        Path storeRoot = Path.of(KafkaTasksProfile.STORE);
        TransportRuns.delete(storeRoot.resolve("runs").resolve(RUN));
        TransportRuns.copyInput(storeRoot);

        long t0 = System.nanoTime();
        // the sink test may have run the same run id in its own store: this store starts clean
        publisher.publish(Events.RUN_REQUESTED, "request-" + RUN, "/test", RUN,
                new RunRequested(RUN, List.of("store:" + TransportRuns.INPUT_KEY), null));
        Path runDir = storeRoot.resolve("runs").resolve(RUN);
        Path reportMerged = runDir.resolve("work/report/merged.json");
        long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(reportMerged)) {
            assertThat(System.nanoTime()).as("run finished within 120 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        long sharedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        JsonNode report = Json.MAPPER.readTree(runDir.resolve("report/report.json").toFile());
        assertThat(report.path("status").asText()).isEqualTo("succeeded");

        Map<String, Long> byConsumer = transport.kafkaWorkers().orElseThrow().handledByConsumer();
        assertThat(byConsumer).as("steps per consumer instance").hasSize(2).allSatisfy((k, v) -> assertThat(v).isPositive());
        for (String stage : List.of("generate", "score", "blend")) {
            try (var done = Files.list(runDir.resolve("work").resolve(stage).resolve("done"))) {
                assertThat(done.count()).as(stage + " tasks").isGreaterThan(1);
            }
        }

        Map<String, String> shared = TransportRuns.blended(runDir);
        System.out.printf("wire: kafka run %d ms (2 consumers: %s steps); %d blended files%n", sharedMs, byConsumer,
                shared.size());
        Map<String, String> one = TransportRuns.embeddedBlended(workers, runDir, RUN, 1);
        Map<String, String> four = TransportRuns.embeddedBlended(workers, runDir, RUN, 4);
        assertThat(one).as("embedded, 1 worker").isEqualTo(four);
        assertThat(shared).as("over Kafka vs embedded").isEqualTo(one);
    }
}
