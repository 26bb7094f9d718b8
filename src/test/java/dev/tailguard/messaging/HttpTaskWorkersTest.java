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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpServer;

import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.GenerateStage;
import dev.tailguard.core.pipeline.Pipeline;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.ScoreStage;
import dev.tailguard.core.pipeline.TestCorpus;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.StageEvent;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.store.LocalObjectStore;

/**
 * Issue 12 points 4 and 6 over real HTTP: two worker processes (separate JVMs, {@link TaskWorkerProcess}) on
 * loopback share one run's task events, delivered round-robin by a broker stand-in that, like a Knative Broker,
 * accepts the events the workers post to their sink ({@code K_SINK}) and redelivers on 5xx or a broken connection.
 * One worker is killed (halted) inside a score task: the task is redone on the other, and every output is
 * byte-identical to the embedded single-worker run.
 */
class HttpTaskWorkersTest {

    private static final String RUN = "run-http";
    private static final TaskLimits SMALL = new TaskLimits(3, 40_000);

    @TempDir
    Path dir;

    private final List<Process> workers = new ArrayList<>();
    private HttpServer broker;
    private ExecutorService senders;

    @AfterEach
    void stop() {
        workers.forEach(Process::destroyForcibly);
        if (broker != null) {
            broker.stop(0);
        }
        if (senders != null) {
            senders.shutdownNow();
        }
    }

    private static RunConfig config() {
        return new RunConfig(5, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 2, TestCorpus.MAX_LINE_BYTES, "none", 300,
                List.of());
    }

    /** A delivery as the broker holds it: the CloudEvent's HTTP headers and body. */
    private record Delivery(Map<String, String> headers, byte[] body, String id) {
    }

    @Test
    void twoWorkerProcessesShareOneRunAndAKilledTaskIsRedoneWithIdenticalOutputs() throws Exception {
        Path input = TestCorpus.write(Files.createDirectories(dir.resolve("in")), 14);
        RunRequested req = new RunRequested(RUN, List.of(input.toString()), config());
        Path clean = dir.resolve("embedded");
        assertThat(Pipeline.run(req, new LocalObjectStore(clean), GeneratorSelector.NGRAM_ONLY, 1, SMALL).status())
                .isEqualTo("succeeded");

        Path out = dir.resolve("http");
        LocalObjectStore store = new LocalObjectStore(out);
        FrozenRun.of(RUN, req.inputs(), config(), SMALL).freeze(store);

        LinkedBlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
        broker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        broker.createContext("/", ex -> {
            Map<String, String> h = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            queue.add(new Delivery(h, body, h.get("ce-id")));
            ex.sendResponseHeaders(202, -1);
            ex.close();
        });
        broker.start();
        URI sink = URI.create("http://127.0.0.1:" + broker.getAddress().getPort() + "/");

        List<URI> endpoints = new ArrayList<>();
        endpoints.add(startWorker(out, sink, "w0", ScoreStage.STAGE, -1));
        endpoints.add(startWorker(out, sink, "w1", null, -1));

        Map<String, String> first = new LinkedHashMap<>();
        byte[] body = StageEventCodec.toHttp(StageEvent.plan(RUN, GenerateStage.STAGE), first);
        queue.add(new Delivery(first, body, first.get("ce-id")));

        Map<Integer, AtomicInteger> handledBy = new ConcurrentHashMap<>();
        List<String> redelivered = new CopyOnWriteArrayList<>();
        List<String> deadLetters = new CopyOnWriteArrayList<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean scoreTaskToW0 = new java.util.concurrent.atomic.AtomicBoolean();
        senders = Executors.newFixedThreadPool(4);
        Path reportMerged = out.resolve("runs/" + RUN + "/work/report/merged.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(Files.exists(reportMerged) && queue.isEmpty() && inFlight.get() == 0)) {
            assertThat(System.nanoTime()).as("run finished within 90 s; dead letters " + deadLetters)
                    .isLessThan(deadline);
            Delivery d = queue.poll(100, TimeUnit.MILLISECONDS);
            if (d == null) {
                continue;
            }
            inFlight.incrementAndGet();
            senders.execute(() -> {
                try {
                    // the first score task goes to w0, which dies in it; everything else round-robin
                    boolean kill = d.id().contains("/" + ScoreStage.STAGE + "/task/")
                            && scoreTaskToW0.compareAndSet(false, true);
                    int w = kill ? 0 : pickLive(next);
                    int code = post(endpoints.get(w), d);
                    if (code / 100 == 2) {
                        handledBy.computeIfAbsent(w, k -> new AtomicInteger()).incrementAndGet();
                    } else if (code >= 500 || code == 404 || code == 409 || code == 429) {
                        redelivered.add(d.id() + " (" + code + ")");
                        queue.add(d);
                    } else {
                        deadLetters.add(d.id() + " (" + code + ")");
                    }
                } catch (IOException e) {
                    redelivered.add(d.id() + " (" + e.getClass().getSimpleName() + ")");
                    queue.add(d);
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }

        assertThat(deadLetters).isEmpty();
        assertThat(workers.get(0).waitFor(10, TimeUnit.SECONDS)).as("w0 was killed in its score task").isTrue();
        assertThat(workers.get(0).exitValue()).isEqualTo(137);
        assertThat(redelivered).as("the killed task was redelivered").isNotEmpty();
        assertThat(handledBy.keySet()).as("both workers handled events").containsExactlyInAnyOrder(0, 1);
        dev.tailguard.testing.RunSnapshot.assertSame(out.resolve("runs/" + RUN), clean.resolve("runs/" + RUN));
        Map<String, Object> report = Json.MAPPER.readValue(out.resolve("runs/" + RUN + "/report/report.json").toFile(),
                new TypeReference<LinkedHashMap<String, Object>>() {
                });
        assertThat(report).containsEntry("status", "succeeded");
    }

    private int pickLive(AtomicInteger next) {
        for (int i = 0; i < workers.size(); i++) {
            int w = Math.floorMod(next.getAndIncrement(), workers.size());
            if (workers.get(w).isAlive()) {
                return w;
            }
        }
        throw new IllegalStateException("no live worker");
    }

    private static int post(URI endpoint, Delivery d) throws IOException {
        HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
        try {
            c.setRequestMethod("POST");
            c.setConnectTimeout(5000);
            c.setReadTimeout(60_000);
            c.setDoOutput(true);
            d.headers().forEach(c::setRequestProperty);
            try (OutputStream o = c.getOutputStream()) {
                o.write(d.body());
            }
            int code = c.getResponseCode();
            try (InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return code;
        } finally {
            c.disconnect();
        }
    }

    private URI startWorker(Path store, URI sink, String name, String killStage, int killTask) throws Exception {
        Path portFile = dir.resolve(name + ".port");
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), TaskWorkerProcess.class.getName(),
                store.toString(), sink.toString(), portFile.toString()));
        if (killStage != null) {
            cmd.add(killStage);
            cmd.add(Integer.toString(killTask));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        workers.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile)) {
            assertThat(p.isAlive()).as(name + " running: " + log(name)).isTrue();
            assertThat(System.nanoTime()).as(name + " listening within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        return URI.create("http://127.0.0.1:" + Files.readString(portFile).trim() + "/");
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

}
