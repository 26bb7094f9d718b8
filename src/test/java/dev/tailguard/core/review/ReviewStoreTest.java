package dev.tailguard.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewStoreTest {

    /** A store with no conditional write: the review store must add the compare-and-set itself. */
    static class MemoryStore implements ObjectStore {
        final Map<String, byte[]> objects = new ConcurrentHashMap<>();

        @Override
        public void put(String key, byte[] content) {
            Thread.yield();
            objects.put(key, content.clone());
        }

        @Override
        public void put(String key, Path file) throws IOException {
            put(key, Files.readAllBytes(file));
        }

        @Override
        public InputStream open(String key) throws IOException {
            byte[] b = objects.get(key);
            if (b == null) {
                throw new NoSuchFileException(key);
            }
            return new ByteArrayInputStream(b);
        }

        @Override
        public boolean exists(String key) {
            return objects.containsKey(key);
        }

        @Override
        public List<String> list(String prefix) {
            return objects.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
        }

        @Override
        public void delete(String key) {
            objects.remove(key);
        }

        @Override
        public String describe(String key) {
            return "mem://" + key;
        }
    }

    @TempDir
    Path dir;

    @Test
    void exactlyOneConcurrentCreateWinsOnAPlainAndOnALocalStore() throws Exception {
        for (ObjectStore backing : List.of(new MemoryStore(), new LocalObjectStore(dir))) {
            ReviewStore store = new ReviewStore(backing);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    byte[] content = {(byte) i};
                    Callable<Boolean> c = () -> {
                        go.await();
                        return store.putIfAbsent("runs/r/review/b/decision.json", content);
                    };
                    results.add(pool.submit(c));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> f : results) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as(backing.getClass().getSimpleName()).isEqualTo(1);
                assertThat(store.read("runs/r/review/b/decision.json")).isPresent();
                assertThat(store.putIfAbsent("runs/r/review/b/decision.json", new byte[] {42})).isFalse();
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(Files.list(dir.resolve("runs/r/review/b"))).extracting(p -> p.getFileName().toString())
                .containsExactly("decision.json");
    }

    @Test
    void aConditionalStoreDecidesItself() throws Exception {
        class Conditional extends MemoryStore implements ConditionalPut {
            int calls;

            @Override
            public boolean putIfAbsent(String key, byte[] content) {
                calls++;
                return objects.putIfAbsent(key, content) == null;
            }
        }
        Conditional c = new Conditional();
        ReviewStore store = new ReviewStore(c);
        assertThat(store.putIfAbsent("k", new byte[] {1})).isTrue();
        assertThat(store.putIfAbsent("k", new byte[] {2})).isFalse();
        assertThat(c.calls).isEqualTo(2);
        assertThat(store.read("k")).hasValueSatisfying(b -> assertThat(b).containsExactly(1));
    }
}
