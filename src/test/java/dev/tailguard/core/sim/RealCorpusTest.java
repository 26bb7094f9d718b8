package dev.tailguard.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealCorpusTest {

    @TempDir
    Path dir;

    @Test
    void tokenisesSentencesAndSplitsDeterministically() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            lines.add("{\"id\":\"doc" + d + "\",\"text\":\"Call me Ishmael. Some years ago, never mind how long! "
                    + "It was " + d + " o'clock.\",\"source\":\"t\",\"metadata\":{}}");
        }
        lines.add("");
        Path f = dir.resolve("c.jsonl");
        Files.write(f, lines);

        RealCorpus a = RealCorpus.read(f, 0.25, 7);
        RealCorpus b = RealCorpus.read(f, 0.25, 7);
        assertThat(a.documents()).isEqualTo(40);
        assertThat(a.train().size() + a.heldout().size()).isEqualTo(120);
        assertThat(a.train()).isEqualTo(b.train());
        assertThat(a.heldout()).isEqualTo(b.heldout());
        assertThat(a.heldout().size()).isBetween(15, 45);
        assertThat(a.train()).contains(List.of("call", "me", "ishmael", "."));
        assertThat(a.trainTokens()).isEqualTo(a.train().stream().mapToLong(List::size).sum());

        RealCorpus other = RealCorpus.read(f, 0.25, 8);
        assertThat(other.heldout()).isNotEqualTo(a.heldout());
    }

    @Test
    void badLinesNameTheLineAndField() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.write(f, List.of("{\"id\":\"a\",\"text\":\"One. Two.\"}", "{\"id\":\"b\"}"));
        assertThatThrownBy(() -> RealCorpus.read(f, 0.1, 1)).hasMessageContaining("line 2").hasMessageContaining("'text'");
        Files.write(f, List.of("{\"text\":\"x\"}"));
        assertThatThrownBy(() -> RealCorpus.read(f, 0.1, 1)).hasMessageContaining("line 1").hasMessageContaining("'id'");
        Files.write(f, List.of("{\"id\":\"a\",\"text\":\"x\"}", "not json"));
        assertThatThrownBy(() -> RealCorpus.read(f, 0.1, 1)).hasMessageContaining("line 2").hasMessageContaining("invalid JSON");
        Files.write(f, List.of("{\"id\":\"a\",\"text\":\"Just one sentence.\"}"));
        assertThatThrownBy(() -> RealCorpus.read(f, 0.1, 1)).hasMessageContaining("too small");
    }
}
