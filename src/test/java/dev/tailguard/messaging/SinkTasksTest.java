package dev.tailguard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.runner.StageEvent;
import dev.tailguard.function.StageWorkers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Issue 12 points 4 and 6 through the deployed application ({@code tailguard.tasks.transport=sink}): a broker
 * stand-in on loopback takes every event the replicas post to their sink ({@code K_SINK}) and delivers it as a
 * Knative Broker with Triggers would: stage events to the app's {@code POST /} (the stage function plans and answers
 * 202), task events ({@value StageEvent#TYPE}) round-robin to the app's {@code POST /tasks} and to a second server
 * process running the same wiring ({@link TaskWorkerProcess} with {@link StageBoundary}); 5xx and broken connections
 * are redelivered, other 4xx dead-lettered. The run's {@code blended/} bytes equal those of the same run embedded on
 * 1 and on 4 threads.
 */
@QuarkusTest
@TestProfile(SinkTasksProfile.class)
class SinkTasksTest {

    /** The same run id as the other transport test: the embedded reference runs once per JVM. */
    private static final String RUN = "run-wire-modes";

    @Inject
    StageWorkers workers;
    @ConfigProperty(name = "tailguard.tasks.sink")
    String sink;
    @TestHTTPResource("/")
    java.net.URL appUrl;

    private final List<Process> processes = new ArrayList<>();
    private HttpServer broker;
    private ExecutorService senders;

    /** A delivery as the broker holds it. */
    private record Delivery(Map<String, String> headers, byte[] body) {
        String id() {
            return headers.get("ce-id");
        }

        String type() {
            return headers.get("ce-type");
        }
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (broker != null) {
            broker.stop(0);
        }
        if (senders != null) {
            senders.shutdownNow();
        }
    }

    @Test
    void stageFunctionsPostTasksToTheSinkAndTwoServersShareThemWithOutputsIdenticalToEmbedded() throws Exception {
        Path storeRoot = Path.of(SinkTasksProfile.STORE);
        TransportRuns.delete(storeRoot.resolve("runs").resolve(RUN));
        TransportRuns.copyInput(storeRoot);
        Path work = Files.createDirectories(Path.of("target", "wire-sink-work"));
        TransportRuns.delete(work);

        LinkedBlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
        List<Delivery> posted = new CopyOnWriteArrayList<>();
        URI sinkUri = URI.create(sink);
        broker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), sinkUri.getPort()), 64);
        broker.createContext("/", ex -> {
            Map<String, String> h = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Delivery d = new Delivery(h, body);
            posted.add(d);
            queue.add(d);
            ex.sendResponseHeaders(202, -1);
            ex.close();
        });
        broker.start();

        URI app = URI.create("http://127.0.0.1:" + appUrl.getPort() + "/");
        URI appTasks = app.resolve("/tasks");
        URI other = startReplica(storeRoot, sinkUri, work, "replica");
        List<URI> taskEndpoints = List.of(appTasks, other);

        Map<String, String> h = new LinkedHashMap<>();
        h.put("ce-specversion", "1.0");
        h.put("ce-id", "request-1");
        h.put("ce-type", Events.RUN_REQUESTED);
        h.put("ce-source", "/test");
        h.put("content-type", "application/json");
        queue.add(new Delivery(h, Json.write(Map.of("runId", RUN, "inputs", List.of("store:" + TransportRuns.INPUT_KEY)))
                .getBytes(StandardCharsets.UTF_8)));

        Map<URI, AtomicInteger> tasksBy = new ConcurrentHashMap<>();
        List<String> stageAnswers = new CopyOnWriteArrayList<>();
        List<String> deadLetters = new CopyOnWriteArrayList<>();
        List<String> redelivered = new CopyOnWriteArrayList<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        senders = Executors.newFixedThreadPool(4);
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
        while (!(reported(posted) && queue.isEmpty() && inFlight.get() == 0)) {
            assertThat(System.nanoTime()).as("run reported within 120 s; dead letters " + deadLetters).isLessThan(deadline);
            Delivery d = queue.poll(100, TimeUnit.MILLISECONDS);
            if (d == null || Events.RUN_REPORTED.equals(d.type())) {
                continue; // run.reported goes to the controller
            }
            inFlight.incrementAndGet();
            senders.execute(() -> {
                try {
                    boolean task = StageEvent.TYPE.equals(d.type());
                    URI to = task ? taskEndpoints.get(Math.floorMod(next.getAndIncrement(), 2)) : app;
                    String[] answer = new String[1];
                    int code = post(to, d, answer);
                    if (code / 100 == 2) {
                        if (task) {
                            tasksBy.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
                        } else {
                            stageAnswers.add(code + " " + answer[0]);
                        }
                    } else if (code >= 500 || code == 404 || code == 409 || code == 429) {
                        redelivered.add(d.id() + " (" + code + " " + answer[0] + ")");
                        queue.add(d);
                    } else {
                        deadLetters.add(d.id() + " (" + code + " " + answer[0] + ")");
                    }
                } catch (IOException e) {
                    redelivered.add(d.id() + " (" + e + ")");
                    queue.add(d);
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }
        long sharedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertThat(deadLetters).isEmpty();
        assertThat(redelivered).as("no delivery failed").isEmpty();
        // every stage function answered 202 at once with its plan reference
        assertThat(stageAnswers).hasSize(4).allSatisfy(a -> assertThat(a).startsWith("202 ").contains("\"plan\":\"runs/" + RUN + "/work/"));
        // both servers handled task events
        assertThat(tasksBy.keySet()).containsExactlyInAnyOrder(appTasks, other);
        // each stage: several tasks, exactly one merge event, exactly one output event
        for (String stage : List.of("generate", "score", "blend", "report")) {
            if (!stage.equals("report")) { // the report stage has no tasks: its plan leads straight to the merge
                assertThat(posted.stream().filter(d -> d.id().startsWith(RUN + "/" + stage + "/task/")).count())
                        .as(stage + " tasks").isGreaterThan(1);
            }
            assertThat(posted.stream().filter(d -> d.id().equals(RUN + "/" + stage + "/merge")).count())
                    .as(stage + " merges").isEqualTo(1);
            String out = StageBoundary.outputType(stage);
            assertThat(posted.stream().filter(d -> out.equals(d.type())).count()).as(out).isEqualTo(1);
        }
        JsonNode report = Json.MAPPER.readTree(storeRoot.resolve("runs/" + RUN + "/report/report.json").toFile());
        assertThat(report.path("status").asText()).isEqualTo("succeeded");

        Path runDir = storeRoot.resolve("runs").resolve(RUN);
        Map<String, String> shared = TransportRuns.blended(runDir);
        System.out.printf("wire: sink run %d ms (2 servers: %s tasks); %d blended files%n", sharedMs, tasksBy,
                shared.size());
        Map<String, String> one = TransportRuns.embeddedBlended(workers, runDir, RUN, 1);
        Map<String, String> four = TransportRuns.embeddedBlended(workers, runDir, RUN, 4);
        assertThat(one).as("embedded, 1 worker").isEqualTo(four);
        assertThat(shared).as("over HTTP (sink) vs embedded").isEqualTo(one);
    }

    @Test
    void permanentFailuresAnswer4xxWithAReasonAndNothingIsPosted() throws Exception {
        URI app = URI.create("http://127.0.0.1:" + appUrl.getPort() + "/");
        // a task of a run that was never started: 422
        Map<String, String> h = new LinkedHashMap<>();
        byte[] body = StageEventCodec.toHttp(StageEvent.task("run-wire-never", "score", 0), h);
        String[] answer = new String[1];
        assertThat(post(app.resolve("/tasks"), new Delivery(h, body), answer)).isEqualTo(422);
        assertThat(answer[0]).contains("never started");
        // not a stage event: 400
        Map<String, String> bad = new LinkedHashMap<>(h);
        bad.put("ce-type", "dev.tailguard.other");
        assertThat(post(app.resolve("/tasks"), new Delivery(bad, body), answer)).isEqualTo(400);
        // a run whose input is missing: the generate plan fails permanently, 422 with the reason
        Map<String, String> req = new LinkedHashMap<>();
        req.put("ce-specversion", "1.0");
        req.put("ce-id", "missing-1");
        req.put("ce-type", Events.RUN_REQUESTED);
        req.put("ce-source", "/test");
        req.put("content-type", "application/json");
        byte[] missing = Json.write(Map.of("runId", "run-wire-missing", "inputs", List.of("store:incoming/absent.jsonl")))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(post(app, new Delivery(req, missing), answer)).isEqualTo(422);
        assertThat(answer[0]).contains("\"stage\":\"generate\"").contains("absent.jsonl");
    }

    private static boolean reported(List<Delivery> posted) {
        return posted.stream().anyMatch(d -> Events.RUN_REPORTED.equals(d.type()));
    }

    private static int post(URI endpoint, Delivery d, String[] answer) throws IOException {
        HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
        try {
            c.setRequestMethod("POST");
            c.setConnectTimeout(5000);
            c.setReadTimeout(120_000);
            c.setDoOutput(true);
            d.headers().forEach(c::setRequestProperty);
            try (OutputStream o = c.getOutputStream()) {
                o.write(d.body());
            }
            int code = c.getResponseCode();
            try (InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
                answer[0] = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return code;
        } finally {
            c.disconnect();
        }
    }

    private URI startReplica(Path store, URI sinkUri, Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        Path portFile = dir.resolve(name + ".port");
        Files.deleteIfExists(portFile);
        List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-D" + TaskWorkerProcess.WIRING + "=app", "-cp", System.getProperty("java.class.path"),
                TaskWorkerProcess.class.getName(), store.toAbsolutePath().toString(), sinkUri.toString(),
                portFile.toString());
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile)) {
            assertThat(p.isAlive()).as(name + " running: " + Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as(name + " listening within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        return URI.create("http://127.0.0.1:" + Files.readString(portFile).trim() + "/");
    }
}
