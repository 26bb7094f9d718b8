package dev.tailguard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.pipeline.GenerateStage;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.StageChain;
import dev.tailguard.core.pipeline.TestCorpus;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.StageEvent;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.store.LocalObjectStore;

/** Every answer of the HTTP task endpoint: 200, 400, 415, 422 (permanent, not retried), 500 (transient). */
class TaskWorkerTest {

    @TempDir
    Path dir;

    private static RunConfig config() {
        return new RunConfig(5, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 2, TestCorpus.MAX_LINE_BYTES, "none", 300,
                List.of());
    }

    private static TaskWorker.Reply deliver(TaskWorker w, StageEvent ev, Map<String, String> override) {
        Map<String, String> h = new LinkedHashMap<>();
        byte[] body = StageEventCodec.toHttp(ev, h);
        h.putAll(override);
        return w.handle(h, body);
    }

    @Test
    void planIsAnsweredOkAndItsTasksGoToTheSinkAgainOnRedelivery() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("ok"));
        Path in = TestCorpus.write(Files.createDirectories(dir.resolve("in")), 8);
        FrozenRun.of("run-tw", List.of(in.toString()), config(), new TaskLimits(3, 40_000)).freeze(store);
        List<StageEvent> published = new ArrayList<>();
        boolean[] sinkDown = {true};
        TaskWorker w = new TaskWorker(store, StageChain.runner(store, GeneratorSelector.NGRAM_ONLY), ev -> {
            if (sinkDown[0]) {
                throw new IllegalStateException("sink answered 503");
            }
            published.add(ev);
        });
        StageEvent plan = StageEvent.plan("run-tw", GenerateStage.STAGE);

        TaskWorker.Reply down = deliver(w, plan, Map.of());
        assertThat(down.status()).as("sink unreachable: transient").isEqualTo(500);
        assertThat(down.body()).contains("sink answered 503");

        sinkDown[0] = false;
        TaskWorker.Reply ok = deliver(w, plan, Map.of());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(published).isNotEmpty().allMatch(e -> e.stage().equals(GenerateStage.STAGE)
                && e.step() == dev.tailguard.core.pipeline.runner.Step.TASK);
        assertThat(ok.body()).contains(published.get(0).id());

        TaskWorker.Reply beyond = deliver(w, StageEvent.task("run-tw", GenerateStage.STAGE, 999), Map.of());
        assertThat(beyond.status()).isEqualTo(422);
        assertThat(beyond.body()).contains("no task 999");
    }

    @Test
    void permanentFailuresAreNonRetryable4xxWithAReason() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("bad"));
        TaskWorker w = new TaskWorker(store, StageChain.runner(store, GeneratorSelector.NGRAM_ONLY), ev -> { });

        TaskWorker.Reply never = deliver(w, StageEvent.plan("run-never", GenerateStage.STAGE), Map.of());
        assertThat(never.status()).isEqualTo(422);
        assertThat(never.body()).contains("run-never was never started");

        TaskWorker.Reply text = deliver(w, StageEvent.plan("run-never", GenerateStage.STAGE),
                Map.of("Content-Type", "text/plain"));
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.body()).contains("datacontenttype");

        TaskWorker.Reply garbage = w.handle(Map.of("content-type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.status()).isEqualTo(400);

        FrozenRun.of("run-missing", List.of(dir.resolve("absent.jsonl").toString()), config(), TaskLimits.DEFAULTS)
                .freeze(store);
        TaskWorker.Reply missing = deliver(w, StageEvent.plan("run-missing", GenerateStage.STAGE), Map.of());
        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(missing.body()).contains("\"stage\":\"generate\"").contains("absent.jsonl");
        assertThat(store.exists("runs/run-missing/report/report.json")).as("failure report written").isTrue();

        TaskWorker.Reply unknownStage = deliver(w, StageEvent.plan("run-missing", "polish"), Map.of());
        assertThat(unknownStage.status()).isEqualTo(422);
        assertThat(unknownStage.body()).contains("unknown stage");
    }

    @Test
    void structuredModeTraceparentIsContinuedOnEveryFollowUpEventAndAbsentOneStartsATrace() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("trace"));
        Path in = TestCorpus.write(Files.createDirectories(dir.resolve("in-trace")), 8);
        FrozenRun.of("run-trace", List.of(in.toString()), config(), new TaskLimits(3, 40_000)).freeze(store);
        List<Map<String, String>> sent = new ArrayList<>();
        TaskWorker w = new TaskWorker(store, StageChain.runner(store, GeneratorSelector.NGRAM_ONLY), ev -> {
            Map<String, String> h = new LinkedHashMap<>();
            StageEventCodec.toHttp(ev, h);
            sent.add(h);
        });
        String trace = "0af7651916cd43dd8448eb211c80319c";
        String structured = "{\"specversion\":\"1.0\",\"id\":\"run-trace/generate/plan\",\"type\":\""
                + StageEvent.TYPE + "\",\"source\":\"/test\",\"subject\":\"run-trace\","
                + "\"datacontenttype\":\"application/json\",\"dataref\":\"runs/run-trace/config.json\","
                + "\"traceparent\":\"00-" + trace + "-b7ad6b7169203331-01\",\"data\":"
                + dev.tailguard.core.io.Json.write(StageEvent.plan("run-trace", GenerateStage.STAGE)) + "}";
        TaskWorker.Reply ok = w.handle(Map.of("Content-Type", "application/cloudevents+json"),
                structured.getBytes(StandardCharsets.UTF_8));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(sent).isNotEmpty().allSatisfy(h -> assertThat(
                dev.tailguard.observability.CloudEventTracing.traceId(h)).as(h.get("ce-id")).isEqualTo(trace));

        sent.clear();
        FrozenRun.of("run-trace-2", List.of(in.toString()), config(), new TaskLimits(3, 40_000)).freeze(store);
        TaskWorker.Reply fresh = deliver(w, StageEvent.plan("run-trace-2", GenerateStage.STAGE), Map.of());
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
        assertThat(sent).isNotEmpty();
        String started = dev.tailguard.observability.CloudEventTracing.traceId(sent.get(0));
        assertThat(started).as("a new trace when the event carried none").isNotNull().isNotEqualTo(trace);
    }
}
