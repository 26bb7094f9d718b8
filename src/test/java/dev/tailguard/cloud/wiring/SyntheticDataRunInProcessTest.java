package dev.tailguard.cloud.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.tailguard.cloud.crd.RunLauncher;
import dev.tailguard.cloud.crd.SyntheticDataRun;
import dev.tailguard.cloud.crd.SyntheticDataRunController;
import dev.tailguard.cloud.crd.SyntheticDataRunReconciler;
import dev.tailguard.cloud.crd.SyntheticDataRunSpec;
import dev.tailguard.cloud.crd.SyntheticDataRunStatus;
import dev.tailguard.cloud.test.RealApiServer;
import dev.tailguard.cloud.test.S3ProxyServer;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.TestCorpus;
import dev.tailguard.storage.S3StoreProfile;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 6 point 6 with the real pipeline: the SyntheticDataRun controller on the real kube-apiserver ({@link RealApiServer}), the app's
 * {@link PipelineRunLauncher} running the chain in-process against the S3 store (S3Proxy); the status ends Succeeded
 * with counts, synthetic ratio and the report location, and re-reconciling never starts the run twice.
 */
@QuarkusTest
@TestProfile(TriggerS3Profile.class)
class SyntheticDataRunInProcessTest {

    private static final java.util.concurrent.atomic.AtomicInteger NAMESPACES =
            new java.util.concurrent.atomic.AtomicInteger();
    /** A namespace per test on the shared real API server. */
    private String ns;

    @Inject
    PipelineRunLauncher pipeline;
    @Inject
    RunEmitter emitter;

    private KubernetesClient client;
    private SyntheticDataRunController controller;
    private final List<String> launches = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ns = "inproc-" + NAMESPACES.incrementAndGet();
        client = RealApiServer.get().client();
        RealApiServer.get().ensureNamespace(client, ns);
        RunLauncher counting = new RunLauncher() {
            @Override
            public void launch(String runId, SyntheticDataRunSpec spec) throws Exception {
                launches.add(runId);
                pipeline.launch(runId, spec);
            }

            @Override
            public Optional<RunProgress> progress(String runId) throws Exception {
                return pipeline.progress(runId);
            }
        };
        controller = new SyntheticDataRunController(client, ns,
                new SyntheticDataRunReconciler(counting, Clock.systemUTC()), Duration.ofMinutes(10));
        controller.start();
    }

    @AfterEach
    void stop() {
        controller.close();
        client.close();
    }

    private SyntheticDataRun get(String name) {
        return client.resources(SyntheticDataRun.class).inNamespace(ns).withName(name).get();
    }

    private SyntheticDataRun resource(String name, SyntheticDataRunSpec spec) {
        SyntheticDataRun r = new SyntheticDataRun();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        r.setSpec(spec);
        return r;
    }

    private void awaitRefreshing(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            controller.refreshAll(); // what the run.reported event does in the cluster
            Thread.sleep(200);
        }
    }

    private static String phase(SyntheticDataRun r) {
        return r == null || r.getStatus() == null ? null : r.getStatus().phase();
    }

    @Test
    void applyingARunRunsThePipelineOnceAndTheStatusEndsSucceeded() throws Exception {
        String key = "incoming/sdr/corpus.jsonl";
        Path corpus = TestCorpus.write(Files.createDirectories(Path.of("target/cwire-input/sdr")), 8);
        try (S3Client c = S3ProxyServer.shared().client()) {
            c.putObject(r -> r.bucket(S3StoreProfile.BUCKET).key(key), corpus);
        }
        SyntheticDataRunSpec spec = new SyntheticDataRunSpec(List.of(key),
                new SyntheticDataRunSpec.Generator("ngram", 2, 7L, 400, Map.of("temperature", 0.9)),
                new SyntheticDataRunSpec.Blend(0.25, "accumulate", 0.75), null,
                new SyntheticDataRunSpec.Output("none", 3));
        long before = ((InProcessRuns) emitter).dispatches();
        client.resources(SyntheticDataRun.class).inNamespace(ns).resource(resource("sotu-small", spec)).create();

        awaitRefreshing("run succeeded", () -> "Succeeded".equals(phase(get("sotu-small"))));
        SyntheticDataRun r = get("sotu-small");
        String runId = RunLauncher.runId(ns, "sotu-small", r.getMetadata().getGeneration());
        SyntheticDataRunStatus s = r.getStatus();
        assertThat(s.runId()).isEqualTo(runId);
        assertThat(s.observedGeneration()).isEqualTo(r.getMetadata().getGeneration());
        assertThat(s.reportLocation()).isEqualTo("s3://" + S3StoreProfile.BUCKET + "/runs/" + runId + "/report/report.json");
        assertThat(s.conditions()).anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));

        Map<String, Object> report;
        try (S3Client c = S3ProxyServer.shared().client()) {
            report = Json.MAPPER.readValue(c.getObjectAsBytes(x -> x.bucket(S3StoreProfile.BUCKET)
                    .key("runs/" + runId + "/report/report.json")).asByteArray(),
                    new TypeReference<LinkedHashMap<String, Object>>() {
                    });
        }
        @SuppressWarnings("unchecked")
        Map<String, Number> counts = (Map<String, Number>) report.get("counts");
        assertThat(s.counts().input()).isEqualTo(counts.get("real").longValue());
        assertThat(s.counts().input() + counts.get("anchor_held_out").longValue()).as("real + anchor held out").isEqualTo(8L);
        assertThat(s.counts().synthetic()).isEqualTo(counts.get("synthetic_generated").longValue());
        assertThat(s.counts().blended()).isEqualTo(counts.get("blended").longValue()).isPositive();
        assertThat(s.counts().quarantined()).isEqualTo(counts.get("malformed").longValue()
                + counts.get("real_quarantined").longValue() + counts.get("synthetic_quarantined").longValue())
                .isGreaterThanOrEqualTo(TestCorpus.BAD_LINES);
        assertThat(s.counts().kept()).isNotNull();
        assertThat(s.syntheticRatio()).isEqualTo(((Number) report.get("synthetic_ratio")).doubleValue());
        // the spec reached the pipeline
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) report.get("config");
        assertThat(config).containsEntry("seed", 7).containsEntry("order", 2).containsEntry("syntheticRatio", 0.25)
                .containsEntry("minRealFraction", 0.75).containsEntry("shardSize", 3).containsEntry("temperature", 0.9);

        // resyncs, run.reported refreshes and a metadata edit start nothing again
        client.resources(SyntheticDataRun.class).inNamespace(ns).withName("sotu-small").edit(x -> {
            x.getMetadata().setLabels(Map.of("team", "data"));
            return x;
        });
        for (int i = 0; i < 3; i++) {
            controller.refreshAll();
            Thread.sleep(200);
        }
        assertThat(launches).containsExactly(runId);
        assertThat(((InProcessRuns) emitter).dispatches()).isEqualTo(before + 1);
        assertThat(phase(get("sotu-small"))).isEqualTo("Succeeded");
    }

    @Test
    void anInvalidSpecIsALaunchFailureNamingTheFieldAndStartsNothing() throws Exception {
        long before = ((InProcessRuns) emitter).dispatches();
        SyntheticDataRunSpec spec = new SyntheticDataRunSpec(List.of("incoming/x.jsonl"), null, null,
                List.of(new SyntheticDataRunSpec.Gate("score", "vibes", null, 0.5, "stop")), null);
        client.resources(SyntheticDataRun.class).inNamespace(ns).resource(resource("bad-gate", spec)).create();
        awaitRefreshing("launch failure recorded", () -> {
            SyntheticDataRun r = get("bad-gate");
            return r != null && r.getStatus() != null && r.getStatus().message() != null
                    && r.getStatus().message().startsWith("launch failed");
        });
        SyntheticDataRunStatus s = get("bad-gate").getStatus();
        assertThat(s.phase()).isEqualTo("Pending");
        assertThat(s.message()).contains("spec.gates[0]").contains("unknown gate metric 'score.vibes'");
        assertThat(((InProcessRuns) emitter).dispatches()).isEqualTo(before);
        try (S3Client c = S3ProxyServer.shared().client()) {
            assertThat(c.listObjectsV2(x -> x.bucket(S3StoreProfile.BUCKET).prefix("runs/" + s.runId() + "/"))
                    .contents()).isEmpty();
        }
    }
}
