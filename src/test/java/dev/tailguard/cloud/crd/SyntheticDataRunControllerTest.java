package dev.tailguard.cloud.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tailguard.cloud.test.RealApiServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;

/**
 * The controller against the real kube-apiserver of {@link RealApiServer} (etcd-backed, the real CRD from k8s/ with
 * its status subresource and printer columns). Each test has a namespace of its own. Conflicts are real: an
 * interceptor on the controller's client changes the resource (a label, through a second client) just before the
 * controller's status write, so the API server answers that write 409 on the stale resourceVersion.
 */
class SyntheticDataRunControllerTest {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private String ns;
    private KubernetesClient admin;
    private KubernetesClient client;
    private SyntheticDataRunController controller;
    private final List<String> launches = new CopyOnWriteArrayList<>();
    private final Map<String, RunLauncher.RunProgress> progress = new ConcurrentHashMap<>();
    private volatile int failuresLeft;
    /** Status writes made to conflict from the next launch on. */
    private volatile int conflictsAfterLaunch;
    private final AtomicInteger conflictsLeft = new AtomicInteger();
    private final AtomicInteger conflictsProvoked = new AtomicInteger();
    private final AtomicInteger statusWritesRefused = new AtomicInteger();

    /** Before a status write of a SyntheticDataRun, while {@link #conflictsLeft} is positive: change the resource. */
    private final class ConcurrentWriter implements Interceptor {
        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            String path = request.uri().getPath();
            if ("PUT".equals(request.method()) && path.contains("/syntheticdataruns/") && path.endsWith("/status")
                    && conflictsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                String name = path.substring(path.indexOf("/syntheticdataruns/") + "/syntheticdataruns/".length(),
                        path.length() - "/status".length());
                admin.resources(SyntheticDataRun.class).inNamespace(ns).withName(name).edit(x -> {
                    Map<String, String> labels = new java.util.HashMap<>(
                            x.getMetadata().getLabels() == null ? Map.of() : x.getMetadata().getLabels());
                    labels.put("touched", Integer.toString(conflictsProvoked.incrementAndGet()));
                    x.getMetadata().setLabels(labels);
                    return x;
                });
            }
        }

        @Override
        public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response,
                                                       RequestTags tags) {
            if (response.code() == 409 && response.request().uri().getPath().endsWith("/status")) {
                statusWritesRefused.incrementAndGet();
            }
            return CompletableFuture.completedFuture(false);
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
    void start() {
        RealApiServer server = RealApiServer.get();
        ns = "ctl-" + NAMESPACES.incrementAndGet();
        admin = server.client();
        server.ensureNamespace(admin, ns);
        client = server.client(http -> http.addOrReplaceInterceptor("concurrent-writer", new ConcurrentWriter()));
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T16:00:00Z"), ZoneOffset.UTC);
        controller = new SyntheticDataRunController(client, ns, new SyntheticDataRunReconciler(launcher, clock),
                Duration.ofMinutes(10));
        controller.start();
    }

    @AfterEach
    void stop() {
        controller.close();
        client.close();
        admin.close();
    }

    private SyntheticDataRun exampleRun() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("k8s", "examples", "run.yaml"))) {
            return client.getKubernetesSerialization().unmarshal(in, SyntheticDataRun.class);
        }
    }

    private SyntheticDataRun get() {
        return client.resources(SyntheticDataRun.class).inNamespace(ns).withName("sotu-accumulate").get();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
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
        client.resources(SyntheticDataRun.class).inNamespace(ns).resource(exampleRun()).create();
        await("run started", () -> get().getStatus() != null && "Running".equals(get().getStatus().phase()));
        long gen1 = get().getMetadata().getGeneration();
        String run1 = RunLauncher.runId(ns, "sotu-accumulate", gen1);
        assertThat(launches).containsExactly(run1 + " ratio=0.3");
        SyntheticDataRun r = get();
        assertThat(r.getStatus().observedGeneration()).isEqualTo(gen1);
        assertThat(r.getStatus().runId()).isEqualTo(run1);
        assertThat(condition(r, "Started")).get().extracting(Condition::getStatus).isEqualTo("True");

        // reconciling again (resync, duplicate watch events, a label change) starts nothing new
        controller.reconcile("sotu-accumulate");
        client.resources(SyntheticDataRun.class).inNamespace(ns).withName("sotu-accumulate")
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
        // the controller records the event after the status write: wait for it
        await("RunSucceeded event", () -> events().stream().anyMatch(e -> e.startsWith("RunSucceeded")));
        Thread.sleep(200);
        assertThat(events()).containsExactlyInAnyOrder("RunRequested: run " + run1 + " requested", "RunSucceeded: report written");
    }

    /** Events recorded on the run, as {@code reason: message}. */
    private List<String> events() {
        return admin.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> "sotu-accumulate".equals(e.getInvolvedObject().getName()))
                .map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    @Test
    void specChangeStartsTheNextGenerationExactlyOnce() throws Exception {
        client.resources(SyntheticDataRun.class).inNamespace(ns).resource(exampleRun()).create();
        await("first run", () -> launches.size() == 1 && get().getStatus() != null
                && "Running".equals(get().getStatus().phase()));
        long gen1 = get().getMetadata().getGeneration();
        client.resources(SyntheticDataRun.class).inNamespace(ns).withName("sotu-accumulate").edit(x -> {
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
                RunLauncher.runId(ns, "sotu-accumulate", gen1) + " ratio=0.3",
                RunLauncher.runId(ns, "sotu-accumulate", gen2) + " ratio=0.1");
    }

    @Test
    void failedLaunchIsRecordedAndRetriedWithoutDoubleStart() throws Exception {
        failuresLeft = 1;
        client.resources(SyntheticDataRun.class).inNamespace(ns).resource(exampleRun()).create();
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
        client.resources(SyntheticDataRun.class).inNamespace(ns).resource(exampleRun()).create();
        await("run started", () -> get().getStatus() != null && "Running".equals(get().getStatus().phase()));
        assertThat(conflictsProvoked.get()).as("concurrent changes before a status write").isEqualTo(2);
        assertThat(statusWritesRefused.get()).as("status writes the API server answered 409").isEqualTo(2);
        controller.reconcile("sotu-accumulate");
        assertThat(launches).hasSize(1);
        assertThat(condition(get(), "Started")).get().extracting(Condition::getStatus).isEqualTo("True");
    }

    @Test
    void launchWhoseStatusCannotBeWrittenIsRecordedLaterNotRepeated() throws Exception {
        conflictsAfterLaunch = SyntheticDataRunController.STATUS_WRITE_ATTEMPTS;
        client.resources(SyntheticDataRun.class).inNamespace(ns).resource(exampleRun()).create();
        await("every status write refused", () -> launches.size() == 1
                && statusWritesRefused.get() == SyntheticDataRunController.STATUS_WRITE_ATTEMPTS);
        Thread.sleep(200);
        assertThat(get().getStatus().phase()).isEqualTo("Pending");
        controller.reconcile("sotu-accumulate");
        assertThat(launches).hasSize(1);
        assertThat(get().getStatus().phase()).isEqualTo("Running");
        assertThat(condition(get(), "Started")).get().extracting(Condition::getStatus).isEqualTo("True");
    }

    @Test
    void riskColumnPrintsTheLevel() throws Exception {
        client.resources(SyntheticDataRun.class).inNamespace(ns).resource(exampleRun()).create();
        await("run started", () -> get().getStatus() != null && "Running".equals(get().getStatus().phase()));
        String run1 = get().getStatus().runId();
        progress.put(run1, new RunLauncher.RunProgress("Succeeded",
                new SyntheticDataRunStatus.Counts(233L, 70L, 65L, 5L, 298L), 0.2181, "low",
                "s3://corpora/runs/" + run1 + "/report/report.html", "report written"));
        controller.refreshAll();
        await("run succeeded", () -> "Succeeded".equals(get().getStatus().phase()));

        // what kubectl get sdr prints: the server's Table rendering of the CRD's additionalPrinterColumns
        var http = admin.getHttpClient();
        HttpResponse<String> table = http.sendAsync(http.newHttpRequestBuilder()
                .uri(admin.getMasterUrl() + "apis/tailguard.dev/v1alpha1/namespaces/" + ns
                        + "/syntheticdataruns/sotu-accumulate")
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io").build(), String.class)
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(table.code()).as(table.body()).isEqualTo(200);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(table.body());
        assertThat(json.path("kind").asText()).isEqualTo("Table");
        List<String> columns = new java.util.ArrayList<>();
        json.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
        assertThat(columns).containsSubsequence("Name", "Phase", "Strategy", "Synthetic", "Risk", "Blended");
        var cells = json.path("rows").get(0).path("cells");
        assertThat(cells.get(columns.indexOf("Risk")).asText()).isEqualTo("low");
        assertThat(cells.get(columns.indexOf("Phase")).asText()).isEqualTo("Succeeded");
        assertThat(cells.get(columns.indexOf("Strategy")).asText()).isEqualTo("accumulate");
        assertThat(cells.get(columns.indexOf("Synthetic")).asDouble()).isEqualTo(0.2181);
        assertThat(cells.get(columns.indexOf("Blended")).asLong()).isEqualTo(298L);
    }
}
