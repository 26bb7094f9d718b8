package dev.tailguard.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchCommand.execute(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void benchPrintsJsonOnSmallCorpus() throws Exception {
        Path f = dir.resolve("c.jsonl");
        Files.writeString(f, """
                {"id":"a","text":"The whale swam in the sea. The ship sailed on.","source":"t","metadata":{"x":1}}
                {"id":"b","text":"The ship sailed on the sea. The whale dived deep.","source":"t"}
                {"id":"c","text":"Call me Ishmael. The sea was calm that day.","metadata":{}}
                """);
        Run r = run("--input", f.toString(), "--order", "2");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("documents").asLong()).isEqualTo(3);
        assertThat(j.get("text_mb").asDouble()).isGreaterThan(0);
        assertThat(j.get("scoring_mb_per_s_per_core").asDouble()).isPositive();
        assertThat(j.get("lm_query_tokens_per_s_cpu").asDouble()).isPositive();
        assertThat(j.get("minhash_docs_per_s").asDouble()).isPositive();
        assertThat(j.get("corpus_metrics").get("distinct_1").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.get("pairwise_metrics").has("self_bleu")).isTrue();
    }

    @Test
    void badInputNamesTheLine() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\"}\n");
        Run r = run("--input", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad.jsonl line 2").contains("field 'text' is missing");
        Files.writeString(f, "{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"text\":\n");
        assertThat(run("--input", f.toString()).err()).contains("bad.jsonl line 2").contains("invalid JSON");
    }

    @Test
    void usageErrors() {
        assertThat(run("--order").code()).isEqualTo(2);
        assertThat(run("--order", "x").code()).isEqualTo(2);
        assertThat(run("--order", "9").code()).isEqualTo(2);
        assertThat(run("--bogus").code()).isEqualTo(2);
        assertThat(run("--input", dir.resolve("missing.jsonl").toString()).code()).isEqualTo(1);
    }
}
