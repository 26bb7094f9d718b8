package dev.tailguard.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void badArgumentsAreUsageErrorsNamingTheFlag() {
        BenchCommandTest.Run copies = BenchCommandTest.run("scale", "--copies", "0");
        assertThat(copies.code()).isEqualTo(2);
        assertThat(copies.err()).startsWith("tailguard bench scale: Invalid value for option '--copies': '0' must be >= 1");
        BenchCommandTest.Run unknown = BenchCommandTest.run("scale", "--frobnicate", "1");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown options: '--frobnicate'");
        BenchCommandTest.Run noValue = BenchCommandTest.run("scale", "--xmx");
        assertThat(noValue.code()).isEqualTo(2);
        assertThat(noValue.err()).contains("Missing required parameter for option '--xmx'");
        assertThat(BenchCommandTest.run("scale", "--xmx", "lots").err())
                .contains("Invalid value for option '--xmx': 'lots' is not a heap size");
        assertThat(BenchCommandTest.run("scale", "--workers", "1,0").err()).contains("'--workers': '0' must be >= 1");
        assertThat(BenchCommandTest.run("scale", "--timeout-s", "soon").err())
                .contains("Invalid value for option '--timeout-s': 'soon'");
    }
}
