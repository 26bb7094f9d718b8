package dev.tailguard.core.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalObjectStoreTest {

    @Test
    void putOpenListDelete(@TempDir Path dir) throws Exception {
        LocalObjectStore s = new LocalObjectStore(dir);
        s.put("runs/r1/blended/part-00001.jsonl", "b".getBytes(StandardCharsets.UTF_8));
        s.put("runs/r1/blended/part-00000.jsonl", "a".getBytes(StandardCharsets.UTF_8));
        s.put("runs/r1/scores/real-00000.jsonl", "c".getBytes(StandardCharsets.UTF_8));
        s.put("runs/r10/x", "d".getBytes(StandardCharsets.UTF_8));

        assertThat(s.list("runs/r1/blended/")).containsExactly("runs/r1/blended/part-00000.jsonl", "runs/r1/blended/part-00001.jsonl");
        assertThat(s.list("runs/r1/")).hasSize(3);
        assertThat(s.list("runs/r1")).hasSize(4);
        assertThat(s.list("nothing/")).isEmpty();
        try (InputStream in = s.open("runs/r1/blended/part-00000.jsonl")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a");
        }
        assertThat(s.exists("runs/r1/scores/real-00000.jsonl")).isTrue();
        s.delete("runs/r1/scores/real-00000.jsonl");
        assertThat(s.exists("runs/r1/scores/real-00000.jsonl")).isFalse();
        assertThatThrownBy(() -> s.open("runs/r1/scores/real-00000.jsonl")).isInstanceOf(NoSuchFileException.class);
        assertThat(s.describe("runs/r1/x")).isEqualTo(dir.toAbsolutePath().resolve("runs/r1/x").toString());
    }

    @Test
    void putReplacesAndKeysCannotEscapeTheRoot(@TempDir Path dir) throws Exception {
        LocalObjectStore s = new LocalObjectStore(dir.resolve("root"));
        s.put("k", "1".getBytes(StandardCharsets.UTF_8));
        s.put("k", "2".getBytes(StandardCharsets.UTF_8));
        try (InputStream in = s.open("k")) {
            assertThat(in.readAllBytes()).containsExactly('2');
        }
        assertThatThrownBy(() -> s.put("../evil", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.open("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
