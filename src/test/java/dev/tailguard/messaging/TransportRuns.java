package dev.tailguard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.tailguard.core.pipeline.StageChain;
import dev.tailguard.core.pipeline.runner.EmbeddedWorkers;
import dev.tailguard.core.pipeline.runner.WorkLayout;
import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.function.StageWorkers;
import dev.tailguard.testing.RunSnapshot;

/**
 * One small run (the sotu slice of the test resources) for the transport tests: the input as a store object, the
 * same run embedded on N threads with the deployment's stage settings, and the {@code blended/} bytes to compare.
 */
final class TransportRuns {

    /** The input's store key. */
    static final String INPUT_KEY = "incoming/sotu-slice.jsonl";

    private TransportRuns() {
    }

    /** Copies the sotu slice into a local store at {@link #INPUT_KEY}. */
    static void copyInput(Path storeRoot) throws IOException {
        Path target = storeRoot.resolve(INPUT_KEY);
        Files.createDirectories(target.getParent());
        try (InputStream in = TransportRuns.class.getResourceAsStream("/collapse/sotu-slice.jsonl")) {
            assertThat(in).as("test resource collapse/sotu-slice.jsonl").isNotNull();
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Runs the run frozen in {@code frozenRunDir} again, embedded ({@link EmbeddedWorkers}, as {@code run --workers
     * N}), in a fresh store under {@code dir} with the deployment's stage settings; returns the new run folder.
     */
    static Path embedded(StageWorkers deployment, Path frozenRunDir, String runId, int workers, Path dir)
            throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir);
        copyInput(dir);
        String config = new WorkLayout(runId).config();
        store.put(config, Files.readAllBytes(frozenRunDir.resolve("config.json")));
        try (EmbeddedWorkers w = new EmbeddedWorkers(deployment.runner(store), workers, o -> { })) {
            w.runChain(runId, StageChain.FIRST).get(3, TimeUnit.MINUTES);
        }
        return dir.resolve("runs").resolve(runId);
    }

    /**
     * {@link #blended} of the run frozen in {@code frozenRunDir} embedded on {@code workers} threads, computed once per
     * JVM and frozen configuration (the sink and Kafka tests run the same run; the cache is a system property naming
     * the folder, since each Quarkus test application has its own class loader).
     */
    static Map<String, String> embeddedBlended(StageWorkers deployment, Path frozenRunDir, String runId, int workers)
            throws Exception {
        String key = "tgtest.embedded." + sha256(Files.readAllBytes(frozenRunDir.resolve("config.json")))
                + "." + workers;
        String done = System.getProperty(key);
        if (done != null) {
            return blended(Path.of(done));
        }
        Path dir = Path.of("target", "wire-embedded", Long.toString(ProcessHandle.current().pid()), "w" + workers);
        delete(dir);
        long t0 = System.nanoTime();
        Path run = embedded(deployment, frozenRunDir, runId, workers, dir);
        System.out.printf("wire: embedded run, %d worker(s): %d ms%n", workers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        Map<String, String> m = blended(run);
        System.setProperty(key, run.toString());
        return m;
    }

    /**
     * SHA-256 of every file under {@code blended/} by relative path (at least one shard): the shards' bytes as
     * written; the manifest {@code _SUCCESS.json} without its wall-clock {@code timing_ms} ({@link RunSnapshot}).
     */
    static Map<String, String> blended(Path runDir) throws IOException {
        Path root = runDir.resolve("blended");
        Map<String, String> m = new TreeMap<>();
        Map<String, String> normalised = RunSnapshot.of(root);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String k = root.relativize(p).toString();
                byte[] b = k.endsWith(".json") ? normalised.get(k).getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(p);
                m.put(k, sha256(b));
            }
        }
        assertThat(m.keySet()).as("blended/ shards of " + runDir).anyMatch(k -> k.endsWith(".jsonl"));
        return m;
    }

    /** Deletes a folder tree if it exists. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
