package dev.tailguard.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailguard.cli.TailguardCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    /** {@code tailguard bench ARGS} through the real picocli command line. */
    static Run run(String... args) {
        CommandLine cl = TailguardCommand.commandLine(o -> {
            throw new AssertionError("bench must not launch a run");
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("bench"));
        all.addAll(List.of(args));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
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
    void usageErrorsNameTheFlag() {
        assertThat(run("--order").code()).isEqualTo(2);
        assertThat(run("--order").err()).contains("Missing required parameter for option '--order'");
        Run notInt = run("--order", "x");
        assertThat(notInt.code()).isEqualTo(2);
        assertThat(notInt.err()).contains("Invalid value for option '--order': 'x' is not an int");
        Run range = run("--order", "9");
        assertThat(range.code()).isEqualTo(2);
        assertThat(range.err()).startsWith("tailguard bench: Invalid value for option '--order': '9' must be in 2..6");
        Run bogus = run("--bogus");
        assertThat(bogus.code()).isEqualTo(2);
        assertThat(bogus.err()).contains("Unknown option: '--bogus'");
        Run missing = run("--input", dir.resolve("missing.jsonl").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("bench: cannot read").contains("missing.jsonl");
    }

    @Test
    void lmSubcommandsCheckTheirOptions() {
        Run noTest = run("lm", "--train", "a.txt");
        assertThat(noTest.code()).isEqualTo(2);
        assertThat(noTest.err()).startsWith("tailguard bench lm: Missing required option: '--test=FILE'");
        assertThat(run("lm", "--train", "a", "--test", "b", "--order", "7").err())
                .contains("'--order': '7' must be in 2..6");
        assertThat(run("lm", "--train", "a", "--test", "b", "--repeats", "0").err())
                .contains("'--repeats': '0' must be >= 1");
        Run caps = run("lm-cap", "--caps", "1000,-1");
        assertThat(caps.code()).isEqualTo(2);
        assertThat(caps.err()).startsWith("tailguard bench lm-cap: Invalid value for option '--caps': '-1' must be >= 0");
        assertThat(run("lm-cap", "--copies", "4,x").err()).contains("Invalid value for option '--copies'", "'x'");
        assertThat(run("lm-cap", "--input", dir.resolve("none.jsonl").toString(), "--copies", "1").code()).isEqualTo(1);
    }

    @Test
    void lmBenchPrintsJson() throws Exception {
        Path train = Files.writeString(dir.resolve("train.txt"), "the cat sat on the mat\nthe dog sat on the log\n"
                + "a cat and a dog\n");
        Path test = Files.writeString(dir.resolve("test.txt"), "the cat sat on the log\n");
        Run r = run("lm", "--train", train.toString(), "--test", test.toString(), "--order", "2", "--repeats", "1");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("order").asInt()).isEqualTo(2);
        assertThat(j.get("perplexity_including_oovs").asDouble()).isGreaterThan(1.0);
    }

    @Test
    void lmCapPrintsOneRowPerCopiesAndCap() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            sb.append("{\"id\":\"d").append(i).append("\",\"text\":\"The cat number ").append(i % 7)
                    .append(" sat on the mat.\"}\n");
        }
        Path in = Files.writeString(dir.resolve("c.jsonl"), sb);
        Run r = run("lm-cap", "--input", in.toString(), "--order", "2", "--copies", "1,2", "--caps", "50,0");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).get("copies").asInt()).isEqualTo(1);
        assertThat(rows.get(0).get("trainedTokens").asLong()).isLessThanOrEqualTo(50);
        assertThat(rows.get(1).get("cap").asLong()).as("0 means no cap").isEqualTo(Long.MAX_VALUE);
        assertThat(rows.get(3).get("copies").asInt()).isEqualTo(2);
    }
}
