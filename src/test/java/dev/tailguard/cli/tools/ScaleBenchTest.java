package dev.tailguard.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ScaleBenchTest {

    @TempDir
    Path dir;

    @Test
    void copiesGetUniqueIdsAndKeepTheirText() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{\"id\":\"a\",\"text\":\"one\",\"source\":\"s\"}\n\n{\"id\":\"b\",\"text\":\"two\"}\n");
        Path out = dir.resolve("out.jsonl");
        long bytes = ScaleBench.concatenate(in, out, 3, new ObjectMapper());
        List<String> lines = Files.readAllLines(out);
        assertThat(bytes).isEqualTo(Files.size(out));
        assertThat(lines).hasSize(6);
        Set<String> ids = new HashSet<>();
        ObjectMapper m = new ObjectMapper();
        for (String l : lines) {
            JsonNode n = m.readTree(l);
            ids.add(n.get("id").asText());
            assertThat(n.get("text").asText()).isIn("one", "two");
        }
        assertThat(ids).containsExactlyInAnyOrder("a~0", "b~0", "a~1", "b~1", "a~2", "b~2");
    }

    @Test
    void aLineWithoutAStringIdIsNamed() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":7,\"text\":\"two\"}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScaleBench.concatenate(in, dir.resolve("o"), 1,
                new ObjectMapper())).hasMessageContaining("line 2");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true);
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true);
        assertThat(BenchCommand.execute(List.of("scale", "--copies", "0"), o, e)).isEqualTo(2);
        assertThat(BenchCommand.execute(List.of("scale", "--frobnicate", "1"), o, e)).isEqualTo(2);
        assertThat(BenchCommand.execute(List.of("scale", "--xmx"), o, e)).isEqualTo(2);
        assertThat(err.toString()).contains("must be >= 1").contains("unknown argument --frobnicate").contains("--xmx needs a value");
    }
}
