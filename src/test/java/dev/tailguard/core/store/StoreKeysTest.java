package dev.tailguard.core.store;

import dev.tailguard.core.io.ShardWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreKeysTest {

    private static void refused(Runnable r, StoreKeyException.Reason reason) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(StoreKeyException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void badKeysAreRefusedWithTheirReason() {
        assertThat(StoreKeys.normalize("runs/r1/input/part-00000.jsonl")).isEqualTo("runs/r1/input/part-00000.jsonl");
        assertThat(StoreKeys.normalize("a/b c/ü.jsonl")).isEqualTo("a/b c/ü.jsonl");
        refused(() -> StoreKeys.normalize(""), StoreKeyException.Reason.EMPTY);
        refused(() -> StoreKeys.normalize(null), StoreKeyException.Reason.EMPTY);
        refused(() -> StoreKeys.normalize("/etc/passwd"), StoreKeyException.Reason.ABSOLUTE);
        refused(() -> StoreKeys.normalize("C:/x"), StoreKeyException.Reason.ABSOLUTE);
        refused(() -> StoreKeys.normalize("runs/evil/../r1/x"), StoreKeyException.Reason.DOT_SEGMENT);
        refused(() -> StoreKeys.normalize("../x"), StoreKeyException.Reason.DOT_SEGMENT);
        refused(() -> StoreKeys.normalize("a/./b"), StoreKeyException.Reason.DOT_SEGMENT);
        refused(() -> StoreKeys.normalize("a\\..\\b"), StoreKeyException.Reason.BACKSLASH);
        refused(() -> StoreKeys.normalize("a//b"), StoreKeyException.Reason.EMPTY_SEGMENT);
        refused(() -> StoreKeys.normalize("a/b/"), StoreKeyException.Reason.EMPTY_SEGMENT);
        refused(() -> StoreKeys.normalize("a/\u0000b"), StoreKeyException.Reason.CONTROL_CHARACTER);
        refused(() -> StoreKeys.normalize("a/b\nc"), StoreKeyException.Reason.CONTROL_CHARACTER);
        refused(() -> StoreKeys.normalize("a/\u0085"), StoreKeyException.Reason.CONTROL_CHARACTER);
        refused(() -> StoreKeys.normalize("a/\ud800"), StoreKeyException.Reason.CONTROL_CHARACTER);
        refused(() -> StoreKeys.normalize("k".repeat(1025)), StoreKeyException.Reason.TOO_LONG);
        assertThatThrownBy(() -> StoreKeys.normalize("a/b\nc")).hasMessageContaining("\\u000a")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aRunMayNotNameAnotherRunsObjects() {
        assertThat(StoreKeys.forRun("r1", "runs/r1/synthetic/part-00000.jsonl")).startsWith("runs/r1/");
        assertThat(StoreKeys.forRun("r1", "incoming/a.jsonl")).isEqualTo("incoming/a.jsonl");
        refused(() -> StoreKeys.forRun("r1", "runs/r10/x"), StoreKeyException.Reason.OTHER_RUN);
        refused(() -> StoreKeys.forRun("r1", "runs/evil/../r1/x"), StoreKeyException.Reason.DOT_SEGMENT);
        refused(() -> StoreKeys.forRun("a/b", "runs/a/b/x"), StoreKeyException.Reason.EMPTY_SEGMENT);
        assertThat(StoreKeys.inputForRun("r2", "runs/r1/blended/part-00000.jsonl")).startsWith("runs/r1/blended/");
        refused(() -> StoreKeys.inputForRun("r2", "runs/r1/input/part-00000.jsonl"), StoreKeyException.Reason.OTHER_RUN);
        refused(() -> StoreKeys.inputForRun("r2", "runs/r1/report/report.json"), StoreKeyException.Reason.OTHER_RUN);
        refused(() -> StoreKeys.within("incoming/", "other/x.jsonl"), StoreKeyException.Reason.OUTSIDE_PREFIX);
        assertThat(StoreKeys.within("incoming/", "incoming/x.jsonl")).isEqualTo("incoming/x.jsonl");
        assertThat(StoreKeys.fromNotification("incoming/my+file%C3%BC.jsonl")).isEqualTo("incoming/my fileü.jsonl");
        refused(() -> StoreKeys.fromNotification("incoming/%2e%2e/%2E%2E/x.jsonl"), StoreKeyException.Reason.DOT_SEGMENT);
    }

    @Test
    void localStoreNeverResolvesThroughASymlinkOutsideItsRoot(@TempDir Path tmp) throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.jsonl"), "secret");
        LocalObjectStore s = new LocalObjectStore(tmp.resolve("store"));
        Files.createSymbolicLink(s.root().resolve("link"), outside);
        Files.createSymbolicLink(s.root().resolve("file.jsonl"), outside.resolve("secret.jsonl"));

        refused(() -> s.resolve("link/secret.jsonl"), StoreKeyException.Reason.ESCAPES_ROOT);
        assertThatThrownBy(() -> s.open("link/secret.jsonl")).isInstanceOf(StoreKeyException.class);
        assertThatThrownBy(() -> s.open("file.jsonl")).isInstanceOf(StoreKeyException.class);
        assertThatThrownBy(() -> s.put("link/new.jsonl", new byte[]{1})).isInstanceOf(StoreKeyException.class);
        assertThat(outside.resolve("new.jsonl")).doesNotExist();
        assertThat(s.list("")).doesNotContain("file.jsonl", "link/secret.jsonl");
        assertThat(s.list("link/")).isEmpty();
        refused(() -> s.resolve("runs/a/../../../x"), StoreKeyException.Reason.DOT_SEGMENT);
    }

    @Test
    void outputFilesHonourTheUmask(@TempDir Path tmp) throws Exception {
        Path probe = tmp.resolve("probe");
        try (OutputStream o = Files.newOutputStream(probe)) {
            o.write(1);
        }
        Set<PosixFilePermission> expected = Files.getFileAttributeView(probe, PosixFileAttributeView.class)
                .readAttributes().permissions();
        LocalObjectStore s = new LocalObjectStore(tmp.resolve("store"));
        s.put("runs/r1/report/report.json", "{}".getBytes(StandardCharsets.UTF_8));
        try (ShardWriter w = new ShardWriter(s, "runs/r1/blended/", "part", false, 10)) {
            w.write(Map.of("id", "a"));
        }
        for (String key : new String[]{"runs/r1/report/report.json", "runs/r1/blended/part-00000.jsonl"}) {
            Set<PosixFilePermission> got = Files.getFileAttributeView(s.resolve(key), PosixFileAttributeView.class)
                    .readAttributes().permissions();
            assertThat(got).as(key).isEqualTo(expected);
        }
        // the machine's umask here is 022: a file others could read is the point of the check
        assertThat(expected).contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
}
