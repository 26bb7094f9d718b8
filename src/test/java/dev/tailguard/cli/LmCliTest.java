package dev.tailguard.cli;

import dev.tailguard.cli.TailguardCommandTest.Invocation;

import dev.tailguard.core.lm.KneserNeyTinyCorpusTest;

import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.LmBench;
import dev.tailguard.core.lm.PerplexityResult;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tailguard lm} end to end through the picocli command line (and the LM benchmark's figures). */
class LmCliTest {
    @TempDir
    Path dir;

    /** {@code tailguard lm ARGS} through the picocli command line. */
    static Invocation run(String... args) {
        return TailguardCommandTest.invoke("lm", args);
    }

    @Test
    void printsKenLmShapedJsonAndWritesArpa() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"), "a b\na  c\n\tb a b \n");
        Path test = Files.writeString(dir.resolve("test.txt"), "a zzz\nc\n");
        Path arpa = dir.resolve("m.arpa");
        Invocation r = run("--order", "2", "--train", train.toString(), "--test", test.toString(), "--arpa", arpa.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(r.out().strip().lines()).hasSize(1);
        assertThat(j.get("order").asInt()).isEqualTo(2);
        assertThat(j.get("oovs").asLong()).isEqualTo(1);
        assertThat(j.get("tokens").asLong()).isEqualTo(5);
        KneserNeyModel m = KneserNeyTinyCorpusTest.model();
        PerplexityResult expected = m.evaluate(List.of(List.of("a", "zzz"), List.of("c")));
        assertThat(j.get("perplexity_including_oovs").asDouble()).isEqualTo(expected.perplexityIncludingOovs());
        assertThat(j.get("perplexity_excluding_oovs").asDouble()).isEqualTo(expected.perplexityExcludingOovs());
        JsonNode adj = j.get("adjusted_counts_and_discounts");
        assertThat(adj).hasSize(2);
        assertThat(adj.get(1).get("ngrams").asLong()).isEqualTo(7);
        assertThat(adj.get(1).get("D1").asDouble()).isEqualTo(0.5);
        assertThat(adj.get(1).get("D2").asDouble()).isEqualTo(1.0);
        assertThat(adj.get(1).get("D3+").asDouble()).isEqualTo(1.5);
        assertThat(adj.get(1).get("discount_fallback").asBoolean()).isTrue();
        KneserNeyModel back = KneserNeyModel.readArpa(new StringReader(Files.readString(arpa)));
        assertThat(back.evaluate(List.of(List.of("a", "zzz"), List.of("c")))).isEqualTo(expected);
    }

    @Test
    void benchReportsRates() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"), "a b\na c\nb a b\n");
        Map<String, Object> r = LmBench.run(train, train, 3, 1);
        assertThat(r).containsKeys("train_tokens_per_second", "query_tokens_per_second", "sample_tokens_per_second");
        assertThat(r.get("train_tokens")).isEqualTo(7L);
        assertThat((Double) r.get("query_tokens_per_second")).isPositive();
        assertThat((Double) r.get("loaded_query_tokens_per_second")).isPositive();
        assertThat((Long) r.get("model_bytes")).isPositive();
        assertThat((Double) r.get("load_seconds")).isPositive();
    }

    @Test
    void usageErrors() throws IOException {
        Path f = Files.writeString(dir.resolve("t.txt"), "a b\n");
        assertThat(run("--order", "7", "--train", f.toString(), "--test", f.toString()).exit()).isEqualTo(2);
        Invocation bad = run("--order", "x", "--train", f.toString(), "--test", f.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--order");
        assertThat(run("--train", f.toString()).exit()).isEqualTo(2);
        assertThat(run("--order", "3", "--bogus", "1").exit()).isEqualTo(2);
        Invocation missing = run("--order", "3", "--train", dir.resolve("nope.txt").toString(), "--test", f.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.txt");
        Path reserved = Files.writeString(dir.resolve("r.txt"), "a b\nx </s> y\n");
        Invocation res = run("--order", "2", "--train", reserved.toString(), "--test", f.toString());
        assertThat(res.exit()).isEqualTo(1);
        assertThat(res.err()).contains("sentence 2").contains("</s>");
    }

    @Test
    void savesAndLoadsWithoutRetraining() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"), "a b c\na c b a\nb b a c\n");
        Path test = Files.writeString(dir.resolve("test.txt"), "a b zzz\nc a\n");
        Path model = dir.resolve("m.tglm");
        Invocation trained = run("--order", "3", "--train", train.toString(), "--test", test.toString(), "--save",
                model.toString());
        assertThat(trained.exit()).as(trained.err()).isZero();
        Invocation loaded = run("--load", model.toString(), "--test", test.toString());
        assertThat(loaded.exit()).as(loaded.err()).isZero();
        JsonNode t = new ObjectMapper().readTree(trained.out());
        JsonNode l = new ObjectMapper().readTree(loaded.out());
        assertThat(l.get("perplexity_including_oovs")).isEqualTo(t.get("perplexity_including_oovs"));
        assertThat(l.get("adjusted_counts_and_discounts")).isEqualTo(t.get("adjusted_counts_and_discounts"));
        assertThat(t.get("training_tokens").asLong()).isEqualTo(11);
        assertThat(t.get("training_capped").asBoolean()).isFalse();
        assertThat(run("--load", model.toString(), "--order", "3", "--test", test.toString()).exit()).isEqualTo(2);
        Invocation notModel = run("--load", test.toString(), "--test", test.toString());
        assertThat(notModel.exit()).isEqualTo(1);
        assertThat(notModel.err()).contains("not a Tailguard LM file");
    }

    @Test
    void capsTrainingTokens() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"), "a b c\na c b a\nb b a c\n");
        Invocation r = run("--order", "2", "--train", train.toString(), "--test", train.toString(),
                "--max-training-tokens", "8");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("training_tokens").asLong()).isEqualTo(7);
        assertThat(j.get("training_capped").asBoolean()).isTrue();
        assertThat(run("--order", "2", "--train", train.toString(), "--test", train.toString(),
                "--max-training-tokens", "0").exit()).isEqualTo(2);
    }
}
