package dev.tailguard.cloud.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tailguard.cloud.crd.RunLauncher;
import dev.tailguard.cloud.crd.SyntheticDataRunSpec;
import dev.tailguard.core.pipeline.Manifest;
import dev.tailguard.core.pipeline.TestCorpus;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.messaging.KafkaProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code tailguard.events=kafka} (the wire branch's in-process KRaft broker and profile): the controller's launcher
 * publishes {@code run.requested} with the spec's configuration on the backbone, the Kafka stages run the chain, and
 * the progress read back from the store ends Succeeded.
 */
@QuarkusTest
@TestProfile(KafkaLaunchTest.Profile.class)
class KafkaLaunchTest {

    /** The wire branch's Kafka profile with a store of its own (its own app instance, so its metrics stay apart). */
    public static class Profile extends KafkaProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new java.util.HashMap<>(super.getConfigOverrides());
            m.put("tailguard.store.root", "target/cwire-kafka-store");
            return m;
        }
    }

    @Inject
    RunEmitter emitter;
    @Inject
    PipelineRunLauncher launcher;
    @Inject
    ObjectStore store;

    @Test
    void launchGoesOverKafkaAndProgressEndsSucceeded() throws Exception {
        assertThat(emitter).isInstanceOf(KafkaRunEmitter.class);
        Path corpus = TestCorpus.write(Files.createDirectories(Path.of("target/cwire-kafka-input")), 5);
        store.put("incoming/cwire-kafka.jsonl", corpus);
        String runId = "tailguard-kafka-g" + System.nanoTime();
        launcher.launch(runId, new SyntheticDataRunSpec(List.of("incoming/cwire-kafka.jsonl"),
                new SyntheticDataRunSpec.Generator("ngram", 2, 11L, 300, null), null, null, null));

        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Optional<RunLauncher.RunProgress> p = launcher.progress(runId);
        while (p.map(x -> !"Succeeded".equals(x.phase()) && !"Failed".equals(x.phase())).orElse(true)) {
            assertThat(System.nanoTime()).as("run %s finished within 90 s", runId).isLessThan(deadline);
            Thread.sleep(200);
            p = launcher.progress(runId);
        }
        assertThat(p.get().phase()).as(p.get().message()).isEqualTo("Succeeded");
        Map<String, Object> report = Manifest.read(store, "runs/" + runId + "/report/report.json");
        Map<String, Object> counts = Manifest.map(report, "counts");
        assertThat(p.get().counts().input()).isEqualTo(((Number) counts.get("real")).longValue());
        assertThat(p.get().counts().input() + ((Number) counts.get("anchor_held_out")).longValue()).isEqualTo(5L);
        assertThat(Manifest.map(report, "config")).containsEntry("seed", 11).containsEntry("order", 2);
    }
}
