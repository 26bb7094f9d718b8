package dev.tailguard.adversarial;

import dev.tailguard.core.pipeline.Pipeline;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 5: every file a run writes into a local store has the permissions any tool's output gets under the
 * process umask. On 1c00773 every create-once object (plans, task markers, the frozen config) was
 * {@code rw-------} because it was staged with {@code Files.createTempFile}.
 */
class UmaskTest {

    @TempDir
    Path dir;

    @Test
    void everyFileOfARunHasTheUmaskPermissions() throws Exception {
        ObjectStore store = new LocalObjectStore(dir.resolve("store"));
        Path reference = dir.resolve("reference");
        try (OutputStream o = Files.newOutputStream(reference)) {
            o.write('x');
        }
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        Path in = Files.write(dir.resolve("in.jsonl"), Files.readAllLines(Path.of("samples/sotu-sample.jsonl"))
                .subList(0, 12));
        Pipeline.run(new RunRequested("umask", List.of(in.toString()), RunConfig.defaults(3)), store);
        store.putIfAbsent("runs/umask/extra/once.json", "{}".getBytes());
        store.put("runs/umask/extra/file.json", in);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir.resolve("store/runs/umask"))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(10)
                .anyMatch(p -> p.toString().contains("/work/"))
                .anyMatch(p -> p.toString().endsWith("report.json"));
        for (Path p : files) {
            assertThat(Files.getPosixFilePermissions(p)).as(p.toString()).isEqualTo(expected);
        }
    }
}
