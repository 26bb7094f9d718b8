package dev.tailguard.cloud.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/** The controller against Fabric8's mock API server in CRUD mode, with the real CRD from k8s/. */
class SyntheticDataRunControllerTest {

    private static final String NS = "tailguard";
    /** Held so the level sticks: the mock server logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private KubernetesMockServer server;
    private NamespacedKubernetesClient client;
    private SyntheticDataRunController controller;
    private final List<String> launches = new CopyOnWriteArrayList<>();
    private final Map<String, RunLauncher.RunProgress> progress = new ConcurrentHashMap<>();
    private volatile int failuresLeft;
    /** Status writes (PUT .../status) answered 409 Conflict from the next launch on. */
    private volatile int conflictsAfterLaunch;
    private final java.util.concurrent.atomic.AtomicInteger conflictsLeft = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger conflictsAnswered = new java.util.concurrent.atomic.AtomicInteger();

    /** The CRUD dispatcher, answering status updates 409 while {@link #conflictsLeft} is positive. */
    private final class ConflictingDispatcher extends KubernetesCrudDispatcher {
        ConflictingDispatcher() {
            super(List.of());
        }

        @Override
        public io.fabric8.mockwebserver.http.MockResponse handleUpdate(io.fabric8.mockwebserver.http.RecordedRequest request) {
            if (request.getPath().contains("/syntheticdataruns/") && request.getPath().split("\\?")[0].endsWith("/status")
                    && conflictsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                conflictsAnswered.incrementAndGet();
                return new io.fabric8.mockwebserver.http.MockResponse().setResponseCode(409).setBody(
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Conflict\","
                                + "\"code\":409,\"message\":\"the object has been modified\"}");
            }
            return super.handleUpdate(request);
        }
    }

    private final RunLauncher launcher = new RunLauncher() {
        @Override
        public void launch(String runId, SyntheticDataRunSpec spec) throws Exception {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new java.io.IOException("broker unavailable");
            }
            launches.add(runId + " ratio=" + spec.blend().syntheticRatio());
            conflictsLeft.set(conflictsAfterLaunch);
        }

        @Override
        public Optional<RunProgress> progress(String runId) {
            return Optional.ofNullable(progress.get(runId));
        }
    };

    @BeforeEach
    void start() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ConflictingDispatcher(), false);
        server.init();
        client = server.createClient();
        try (InputStream crd = Files.newInputStream(Path.of("k8s", "01-crd-syntheticdatarun.yaml"))) {
            client.apiextensions().v1().customResourceDefinitions()
                    .resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
                    .create();
        }
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T16:00:00Z"), ZoneOffset.UTC);
        controller = new SyntheticDataRunController(client, NS, new SyntheticDataRunReconciler(launcher, clock),
                Duration.ofMinutes(10));
        controller.start();
    }

    @AfterEach
    void stop() {
        controller.close();
        client.close();
        server.destroy();
    }

    private SyntheticDataRun exampleRun() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("k8s", "examples", "run.yaml"))) {
            return client.getKubernetesSerialization().unmarshal(in, SyntheticDataRun.class);
        }
    }

    private SyntheticDataRun get() {
        return client.resources(SyntheticDataRun.class).inNamespace(NS).withName("sotu-accumulate").get();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static Optional<Condition> condition(SyntheticDataRun r, String type) {
        return r.getStatus().conditions().stream().filter(c -> c.getType().equals(type)).findFirst();
    }

    @Test
    void newGenerationIsLaunchedOnceAndStatusFollowsProgress() throws Exception {
        client.resources(SyntheticDataRun.class).inNamespace(NS).resource(exampleRun()).create();
        await("run started", () -> get().getStatus() != null && "Running".equals(get().getStatus().phase()));
        long gen1 = get().getMetadata().getGeneration();
        String run1 = RunLauncher.runId(NS, "sotu-accumulate", gen1);
        assertThat(launches).containsExactly(run1 + " ratio=0.3");
        SyntheticDataRun r = get();
        assertThat(r.getStatus().observedGeneration()).isEqualTo(gen1);
        assertThat(r.getStatus().runId()).isEqualTo(run1);
        assertThat(condition(r, "Started")).get().extracting(Condition::getStatus).isEqualTo("True");

        // reconciling again (resync, duplicate watch events, a label change) starts nothing new
        controller.reconcile("sotu-accumulate");
        client.resources(SyntheticDataRun.class).inNamespace(NS).withName("sotu-accumulate")
                .edit(x -> {
                    x.getMetadata().setLabels(Map.of("team", "data"));
                    return x;
                });
        controller.reconcile("sotu-accumulate");
        Thread.sleep(200);
        assertThat(launches).hasSize(1);

        // progress from the pipeline is reflected in the status
        progress.put(run1, new RunLauncher.RunProgress("Succeeded",
                new SyntheticDataRunStatus.Counts(233L, 70L, 65L, 5L, 298L), 0.2181, "low",
                "s3://corpora/runs/" + run1 + "/report/report.html", "report written"));
        controller.refreshAll();
        await("run succeeded", () -> "Succeeded".equals(get().getStatus().phase()));
        r = get();
        assertThat(r.getStatus().counts().blended()).isEqualTo(298L);
        assertThat(r.getStatus().syntheticRatio()).isEqualTo(0.2181);
        assertThat(r.getStatus().collapseRisk()).isEqualTo("low");
        assertThat(r.getStatus().reportLocation()).endsWith("/runs/" + run1 + "/report/report.html");
        assertThat(condition(r, "Ready")).get().extracting(Condition::getStatus).isEqualTo("True");
        assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .filteredOn(e -> "sotu-accumulate".equals(e.getInvolvedObject().getName()))
                .extracting(e -> e.getReason() + ": " + e.getMessage())
                .containsExactlyInAnyOrder("RunRequested: run " + run1 + " requested", "RunSucceeded: report written");
    }

    @Test
    void specChangeStartsTheNextGenerationExactlyOnce() throws Exception {
        client.resources(SyntheticDataRun.class).inNamespace(NS).resource(exampleRun()).create();
        await("first run", () -> launches.size() == 1 && get().getStatus() != null
                && "Running".equals(get().getStatus().phase()));
        long gen1 = get().getMetadata().getGeneration();
        client.resources(SyntheticDataRun.class).inNamespace(NS).withName("sotu-accumulate").edit(x -> {
            SyntheticDataRunSpec s = x.getSpec();
            x.setSpec(new SyntheticDataRunSpec(s.inputs(), s.generator(),
                    new SyntheticDataRunSpec.Blend(0.1, "replace", 0.9), s.gates(), s.output()));
            return x;
        });
        long gen2 = get().getMetadata().getGeneration();
        assertThat(gen2).as("the API server bumps metadata.generation on spec changes").isGreaterThan(gen1);
        await("second run", () -> launches.size() == 2 && get().getStatus().observedGeneration() == gen2
                && "Running".equals(get().getStatus().phase()));
        controller.reconcile("sotu-accumulate");
        assertThat(launches).containsExactly(
                RunLauncher.runId(NS, "sotu-accumulate", gen1) + " ratio=0.3",
                RunLauncher.runId(NS, "sotu-accumulate", gen2) + " ratio=0.1");
    }

    @Test
    void failedLaunchIsRecordedAndRetriedWithoutDoubleStart() throws Exception {
        failuresLeft = 1;
        client.resources(SyntheticDataRun.class).inNamespace(NS).resource(exampleRun()).create();
        await("launch failure recorded", () -> get().getStatus() != null && get().getStatus().conditions() != null
                && condition(get(), "Started").map(c -> "False".equals(c.getStatus())).orElse(false));
        SyntheticDataRun r = get();
        assertThat(r.getStatus().phase()).isEqualTo("Pending");
        assertThat(r.getStatus().message()).isEqualTo("launch failed, will retry: broker unavailable");
        assertThat(launches).isEmpty();
        controller.reconcile("sotu-accumulate");
        controller.reconcile("sotu-accumulate");
        assertThat(launches).hasSize(1);
        assertThat(get().getStatus().phase()).isEqualTo("Running");
    }

    @Test
    void statusConflictAfterLaunchIsRetriedWithoutASecondLaunch() throws Exception {
        conflictsAfterLaunch = 2;
        client.resources(SyntheticDataRun.class).inNamespace(NS).resource(exampleRun()).create();
        await("run started", () -> get().getStatus() != null && "Running".equals(get().getStatus().phase()));
        assertThat(conflictsAnswered.get()).isEqualTo(2);
        controller.reconcile("sotu-accumulate");
        assertThat(launches).hasSize(1);
        assertThat(condition(get(), "Started")).get().extracting(Condition::getStatus).isEqualTo("True");
    }

    @Test
    void launchWhoseStatusCannotBeWrittenIsRecordedLaterNotRepeated() throws Exception {
        conflictsAfterLaunch = SyntheticDataRunController.STATUS_WRITE_ATTEMPTS;
        client.resources(SyntheticDataRun.class).inNamespace(NS).resource(exampleRun()).create();
        await("every status write refused", () -> launches.size() == 1
                && conflictsAnswered.get() == SyntheticDataRunController.STATUS_WRITE_ATTEMPTS);
        Thread.sleep(200);
        assertThat(get().getStatus().phase()).isEqualTo("Pending");
        controller.reconcile("sotu-accumulate");
        assertThat(launches).hasSize(1);
        assertThat(get().getStatus().phase()).isEqualTo("Running");
        assertThat(condition(get(), "Started")).get().extracting(Condition::getStatus).isEqualTo("True");
    }
}
