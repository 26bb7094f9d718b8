package dev.tailguard.messaging;

import dev.tailguard.testing.DyingStage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.pipeline.StageChain;
import dev.tailguard.core.pipeline.runner.ShardedStage;
import dev.tailguard.core.pipeline.runner.StageRunner;
import dev.tailguard.core.store.LocalObjectStore;

/**
 * A worker process for {@link HttpTaskWorkersTest}: a {@link TaskWorker} behind an HTTP listener on 127.0.0.1 (a
 * separate JVM, as a Knative pod would be), over a local store shared with the other workers.
 * <p>
 * With {@code -D}{@value #WIRING}{@code =app} it publishes follow-ups as the deployed application does with
 * {@code tailguard.tasks.transport=sink} ({@link StageBoundary}: tasks and merges to the sink, a merged stage's
 * output event to the sink) — a second replica of the app's {@code POST /tasks} endpoint.
 * <p>
 * Arguments: {@code STORE_ROOT SINK_URL PORT_FILE [KILL_STAGE KILL_TASK]}; with a kill point the process halts
 * (exit 137, as a killed pod) inside that task ({@code -1}: the first task of that stage it gets) after its outputs are written and before its completion marker.
 */
public final class TaskWorkerProcess {

    /** System property selecting the follow-ups: {@code app} = the deployed app's {@link StageBoundary}. */
    public static final String WIRING = "tgtest.wiring";

    private TaskWorkerProcess() {
    }

    /** Runs the real task, then halts the JVM before the completion marker is written (task -1: any task). */
    private static ShardedStage haltIn(ShardedStage s, int task) {
        return new DyingStage(s, t -> {
            if (task < 0 || t.index() == task) {
                Runtime.getRuntime().halt(137);
            }
        });
    }

    public static void main(String[] args) throws IOException {
        LocalObjectStore store = new LocalObjectStore(Path.of(args[0]));
        List<ShardedStage> stages = new ArrayList<>();
        for (ShardedStage s : StageChain.stages(GeneratorSelector.NGRAM_ONLY)) {
            boolean kill = args.length > 4 && s.name().equals(args[3]);
            stages.add(kill ? haltIn(s, Integer.parseInt(args[4])) : s);
        }
        HttpSinkPublisher sink = new HttpSinkPublisher(URI.create(args[1]), Duration.ofSeconds(30));
        // -Dtgtest.wiring=app: the deployed app's follow-ups (TaskTransport with tailguard.events=http and
        // tailguard.tasks.transport=sink): a merged stage emits its output event to the sink, not the next plan
        FollowUps followUps = "app".equals(System.getProperty(WIRING))
                ? new StageBoundary(store, sink, sink) : FollowUps.of(sink);
        TaskWorker worker = new TaskWorker(store, new StageRunner(store, stages), followUps,
                dev.tailguard.observability.CloudEventTracing.noopTracer());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", ex -> serve(worker, ex));
        server.start();
        Path portFile = Path.of(args[2]);
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(server.getAddress().getPort()), StandardCharsets.UTF_8);
        Files.move(tmp, portFile);
    }

    private static void serve(TaskWorker worker, HttpExchange ex) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        TaskWorker.Reply r = worker.handle(headers, body);
        byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(r.status(), out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }
}
