package dev.tailguard.storage;

import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.ObjectStore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tailguard.cloud.test.LostResponseProxy;
import dev.tailguard.cloud.test.S3ProxyServer;

/** The create-once write the stage runner's fan-in depends on, against a real S3 API server (S3Proxy). */
class S3PutIfAbsentTest {

    private static final String BUCKET = "tailguard-create-once";
    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.shared();
        server.createBucket(BUCKET);
    }

    @Test
    void secondCreateOfAKeyIsRefused() throws Exception {
        try (S3ObjectStore store = new S3ObjectStore(server.settings(BUCKET))) {
            String key = "runs/once/work/score/merge.trigger";
            assertThat(store.putIfAbsent(key, "a".getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(store.putIfAbsent(key, "b".getBytes(StandardCharsets.UTF_8))).isFalse();
            try (var in = store.open(key)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a");
            }
        }
    }

    /**
     * The server stores the object but its answer is lost; the SDK retries and the retry is refused because the key
     * now exists. The caller that created the key must still be told it won (else a create-once trigger has no
     * winner and its stage never merges), and a later caller must still lose.
     */
    @Test
    void aCreateWhoseAnswerWasLostStillWins() throws Exception {
        try (LostResponseProxy proxy = new LostResponseProxy(server.settings(BUCKET).endpoint().orElseThrow(),
                "If-None-Match", 1);
                S3ObjectStore viaProxy = new S3ObjectStore(S3Settings.of(proxy.endpoint(), S3ProxyServer.REGION, BUCKET,
                        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY));
                S3ObjectStore direct = new S3ObjectStore(server.settings(BUCKET))) {
            String key = "runs/lost-answer/work/score/merge.trigger";
            assertThat(viaProxy.putIfAbsent(key, "mine".getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(proxy.lost()).as("responses lost by the proxy").isEqualTo(1);
            assertThat(direct.putIfAbsent(key, "theirs".getBytes(StandardCharsets.UTF_8))).isFalse();
            assertThat(viaProxy.putIfAbsent(key, "again".getBytes(StandardCharsets.UTF_8))).isFalse();
            try (var in = direct.open(key)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("mine");
            }
        }
    }

    @Test
    void exactlyOneOfManyConcurrentCreatesWins() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (S3ObjectStore store = new S3ObjectStore(server.settings(BUCKET))) {
            for (int round = 0; round < 60; round++) {
                String key = "runs/race/work/score/merge-" + round + ".trigger";
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> wins = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    byte[] body = ("w" + t).getBytes(StandardCharsets.UTF_8);
                    Callable<Boolean> c = () -> {
                        go.await();
                        return store.putIfAbsent(key, body);
                    };
                    wins.add(pool.submit(c));
                }
                go.countDown();
                int won = 0;
                for (Future<Boolean> f : wins) {
                    won += f.get() ? 1 : 0;
                }
                assertThat(won).as("winners of round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A listing started after a put completed must contain that key, while other keys are written beside it. */
    @Test
    void listingShowsEveryCompletedPutWhileOthersAreWritten() throws Exception {
        int writers = 3;
        int perWriter = 60;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        java.util.Set<String> completed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<String> misses = java.util.Collections.synchronizedList(new ArrayList<>());
        try (S3ObjectStore store = new S3ObjectStore(server.settings(BUCKET))) {
            String prefix = "runs/listing/work/score/done/";
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        String key = prefix + String.format("%d-%05d.json", writer, i);
                        store.putIfAbsent(key, new byte[2048]);
                        completed.add(key);
                    }
                    return null;
                }));
            }
            Future<?> lister = pool.submit(() -> {
                while (running.get()) {
                    java.util.Set<String> before = java.util.Set.copyOf(completed);
                    java.util.Set<String> listed = new java.util.HashSet<>(store.list(prefix));
                    for (String k : before) {
                        if (!listed.contains(k)) {
                            misses.add(k);
                        }
                    }
                }
                return null;
            });
            for (Future<?> f : fs) {
                f.get();
            }
            running.set(false);
            lister.get();
            assertThat(misses).as("completed keys missing from a later listing").isEmpty();
            assertThat(store.list(prefix)).hasSize(writers * perWriter);
        } finally {
            pool.shutdownNow();
        }
    }
}
