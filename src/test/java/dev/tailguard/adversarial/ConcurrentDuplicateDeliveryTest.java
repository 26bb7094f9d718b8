package dev.tailguard.adversarial;

import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.pipeline.Pipeline;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.StageChain;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.StageEvent;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.pipeline.runner.WorkLayout;
import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.ForwardingObjectStore;
import dev.tailguard.core.store.ObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13 item 4, the other side of "a resumed run removes orphan shards and temp files of the killed one": two
 * workers handle the same task at once (a broker redelivered it while the first worker was still alive). The
 * duplicate's orphan removal must not delete the live attempt's output. On 8cd1998 the duplicate deleted every shard
 * under the task's prefixes <em>before</em> running, so a duplicate that then died left the live attempt's completion
 * marker pointing at deleted shards (the run went on without them), and it deleted the live writer's temporary files.
 * Each worker thread here has its own runner over the same local store; latches fix the interleaving.
 */
@Timeout(120)
class ConcurrentDuplicateDeliveryTest {

    private static final String RUN = "dup";

    @TempDir
    Path dir;
    private RunRequested req;

    @BeforeEach
    void input() throws IOException {
        Path in = Files.write(dir.resolve("in.jsonl"), Files.readAllLines(Path.of("samples/sotu-sample.jsonl"))
                .subList(0, 16));
        req = new RunRequested(RUN, List.of(in.toString()), RunConfig.defaults(5));
    }

    @Test
    void aDuplicateThatDiesDoesNotDeleteTheLiveAttemptsShards() throws Exception {
        ObjectStore store = planned("a");
        String marker = new WorkLayout(RUN).done("generate", 0);
        CountDownLatch atMarker = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // worker A: writes every shard of task 0, then stalls just before its completion marker
        ObjectStore paused = new HookedStore(store, marker::equals, () -> {
            atMarker.countDown();
            await(release);
        }, k -> false);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() ->
                StageChain.runner(paused, GeneratorSelector.NGRAM_ONLY).handle(StageEvent.task(RUN, "generate", 0)));
        assertThat(atMarker.await(60, TimeUnit.SECONDS)).as("worker A wrote its shards").isTrue();
        Map<String, String> live = shards(store);
        assertThat(live).as("task 0 wrote synthetic shards").isNotEmpty();

        // worker B: the redelivered duplicate, killed at its first shard write
        ObjectStore dying = new HookedStore(store, k -> false, () -> { }, k -> k.startsWith("runs/" + RUN + "/synthetic/"));
        assertThatThrownBy(() -> StageChain.runner(dying, GeneratorSelector.NGRAM_ONLY)
                .handle(StageEvent.task(RUN, "generate", 0))).hasStackTraceContaining("worker killed");

        release.countDown();
        a.get(60, TimeUnit.SECONDS);
        assertThat(store.exists(marker)).isTrue();
        assertThat(shards(store)).as("the live attempt's shards survive the duplicate").isEqualTo(live);

        Pipeline.run(req, store); // the rest of the run
        assertThat(outputs(store)).as("outputs equal an undisturbed run's").isEqualTo(outputs(cleanRun()));
    }

    @Test
    void twoLiveDuplicatesBothSucceedAndLeaveTheSameOutputs() throws Exception {
        ObjectStore store = planned("b");
        String marker = new WorkLayout(RUN).done("generate", 0);
        CountDownLatch atMarker = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ObjectStore paused = new HookedStore(store, marker::equals, () -> {
            atMarker.countDown();
            await(release);
        }, k -> false);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() ->
                StageChain.runner(paused, GeneratorSelector.NGRAM_ONLY).handle(StageEvent.task(RUN, "generate", 0)));
        assertThat(atMarker.await(60, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> b = CompletableFuture.runAsync(() ->
                StageChain.runner(store, GeneratorSelector.NGRAM_ONLY).handle(StageEvent.task(RUN, "generate", 0)));
        b.get(60, TimeUnit.SECONDS);
        release.countDown();
        a.get(60, TimeUnit.SECONDS);

        Pipeline.run(req, store);
        assertThat(outputs(store)).isEqualTo(outputs(cleanRun()));
    }

    @Test
    void onlyStaleTemporaryFilesAreRemovedALiveWritersAreKept() throws Exception {
        ObjectStore store = planned("c");
        Path synth = dir.resolve("c/runs/" + RUN + "/synthetic");
        Files.createDirectories(synth);
        // a concurrent writer is staging shard 0 right now; a writer killed an hour ago left shard 1's temp file
        Path live = Files.writeString(synth.resolve(".put-part-00000-00000.jsonl.11111111.tmp"), "{\"id\":\"being-writ");
        Path stale = Files.writeString(synth.resolve(".put-part-00000-00001.jsonl.22222222.tmp"), "{\"id\":\"dead");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        StageChain.runner(store, GeneratorSelector.NGRAM_ONLY).handle(StageEvent.task(RUN, "generate", 0));

        assertThat(live).as("a live writer's temporary file is not pulled from under it").exists();
        assertThat(stale).as("a killed writer's temporary file is removed").doesNotExist();
    }

    /** A store with the run frozen and the generate stage planned. */
    private ObjectStore planned(String name) {
        ObjectStore store = new LocalObjectStore(dir.resolve(name));
        FrozenRun.of(req, TaskLimits.DEFAULTS).freeze(store);
        StageChain.runner(store, GeneratorSelector.NGRAM_ONLY).handle(StageEvent.plan(RUN, "generate"));
        return store;
    }

    private ObjectStore cleanRun() {
        ObjectStore clean = new LocalObjectStore(dir.resolve("clean"));
        Pipeline.run(req, clean);
        return clean;
    }

    private static Map<String, String> shards(ObjectStore store) throws IOException {
        return read(store, List.of("synthetic/"));
    }

    private static Map<String, String> outputs(ObjectStore store) throws IOException {
        return read(store, List.of("synthetic/", "scores/", "blended/", "quarantine/", "input/"));
    }

    /** Data shards by key, as text (manifests carry timings). */
    private static Map<String, String> read(ObjectStore store, List<String> areas) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String area : areas) {
            for (String k : store.list("runs/" + RUN + "/" + area)) {
                if (k.endsWith(".jsonl")) {
                    try (InputStream in = store.open(k)) {
                        out.put(k, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return out;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The shared store seen by one worker: runs a hook before a matching create-once write, fails matching puts. */
    private static final class HookedStore extends ForwardingObjectStore {
        private final Predicate<String> pauseBefore;
        private final Runnable pause;
        private final Predicate<String> killAt;

        HookedStore(ObjectStore delegate, Predicate<String> pauseBefore, Runnable pause, Predicate<String> killAt) {
            super(delegate);
            this.pauseBefore = pauseBefore;
            this.pause = pause;
            this.killAt = killAt;
        }

        private void maybeKill(String key) throws IOException {
            if (killAt.test(key)) {
                throw new IOException("worker killed while writing " + key);
            }
        }

        @Override
        public void put(String key, byte[] content) throws IOException {
            maybeKill(key);
            super.put(key, content);
        }

        @Override
        public boolean putIfAbsent(String key, byte[] content) throws IOException {
            maybeKill(key);
            if (pauseBefore.test(key)) {
                pause.run();
            }
            return super.putIfAbsent(key, content);
        }

        @Override
        public void put(String key, Path file) throws IOException {
            maybeKill(key);
            super.put(key, file);
        }
    }
}
