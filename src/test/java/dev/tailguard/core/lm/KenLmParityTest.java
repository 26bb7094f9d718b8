package dev.tailguard.core.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parity with KenLM lmplz + query on the Moby-Dick reference split (../shared/reference/kenlm). */
class KenLmParityTest {
    static final Path REF = Path.of("..", "shared", "reference", "kenlm");
    static List<List<String>> train;
    static List<List<String>> test;
    static JsonNode expected;

    @BeforeAll
    static void load() throws IOException {
        if (!Files.isRegularFile(REF.resolve("expected.json"))) {
            fail("KenLM reference not found at " + REF.toAbsolutePath()
                    + " (expected ../shared/reference/kenlm relative to the project directory)");
        }
        train = readSentences(REF.resolve("moby-train.txt"));
        test = readSentences(REF.resolve("moby-test.txt"));
        expected = new ObjectMapper().readTree(REF.resolve("expected.json").toFile());
    }

    static List<List<String>> readSentences(Path p) throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            String t = line.strip();
            out.add(t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+")));
        }
        return out;
    }

    static JsonNode expectedModel(int order) {
        for (JsonNode m : expected.get("models")) {
            if (m.get("order").asInt() == order) {
                return m;
            }
        }
        throw new AssertionError("no model of order " + order + " in expected.json");
    }

    static void assertSig4(double actual, double expectedValue) {
        assertThat(String.format("%.4g", actual)).isEqualTo(String.format("%.4g", expectedValue));
    }

    static KneserNeyModel model3;

    static synchronized KneserNeyModel model3() {
        if (model3 == null) {
            model3 = KneserNeyModel.train(train, 3);
        }
        return model3;
    }

    void checkOrder(int order) {
        KneserNeyModel model = order == 3 ? model3() : KneserNeyModel.train(train, order);
        JsonNode exp = expectedModel(order);
        PerplexityResult r = model.evaluate(test);
        assertSig4(r.perplexityIncludingOovs(), exp.get("perplexity_including_oovs").asDouble());
        assertSig4(r.perplexityExcludingOovs(), exp.get("perplexity_excluding_oovs").asDouble());
        assertThat(r.oovs()).isEqualTo(exp.get("oovs").asLong());
        assertThat(r.tokens()).isEqualTo(exp.get("tokens").asLong());
        List<OrderStats> stats = model.orderStats();
        JsonNode adj = exp.get("adjusted_counts_and_discounts");
        assertThat(stats).hasSize(adj.size());
        for (int i = 0; i < adj.size(); i++) {
            JsonNode e = adj.get(i);
            OrderStats s = stats.get(i);
            assertThat(s.order()).isEqualTo(e.get("order").asInt());
            assertThat(s.ngrams()).isEqualTo(e.get("ngrams").asLong());
            assertThat(s.discountFallback()).isFalse();
            assertSig6(s.d1(), e.get("D1"));
            assertSig6(s.d2(), e.get("D2"));
            assertSig6(s.d3plus(), e.get("D3+"));
        }
        assertThat(model.vocabSize()).isEqualTo(adj.get(0).get("ngrams").asInt());
    }

    /** Compares at the precision KenLM printed (6 significant digits, trailing zeros dropped). */
    static void assertSig6(double actual, JsonNode e) {
        assertThat(Double.parseDouble(String.format("%.6g", actual))).isEqualTo(e.asDouble());
    }

    @Test
    void order3MatchesKenLm() {
        checkOrder(3);
    }

    @Test
    void order5MatchesKenLm() {
        checkOrder(5);
    }

    /**
     * Agreement to 7 significant digits: relative error at most 5e-7 (half a unit in the 7th digit). Comparing
     * rounded strings instead would fail on values that straddle a rounding boundary (order 5: ours 248.642964,
     * KenLM 248.642944, relative error 8e-8).
     */
    static void assertSig7(double actual, double expectedValue) {
        assertThat(Math.abs(actual - expectedValue) / Math.abs(expectedValue)).as("relative error of %s vs %s",
                actual, expectedValue).isLessThanOrEqualTo(5e-7);
    }

    @Test
    void savedAndLoadedModelsMatchKenLm(@org.junit.jupiter.api.io.TempDir Path dir) {
        for (int order : new int[] {3, 5}) {
            KneserNeyModel trained = order == 3 ? model3() : KneserNeyModel.train(train, order);
            Path f = dir.resolve("moby-" + order + ".tglm");
            trained.save(f);
            KneserNeyModel loaded = KneserNeyModel.load(f);
            PerplexityResult mem = trained.evaluate(test);
            PerplexityResult fromFile = loaded.evaluate(REF.resolve("moby-test.txt"));
            assertThat(fromFile).isEqualTo(mem);
            JsonNode exp = expectedModel(order);
            assertSig7(fromFile.perplexityIncludingOovs(), exp.get("perplexity_including_oovs").asDouble());
            assertSig7(fromFile.perplexityExcludingOovs(), exp.get("perplexity_excluding_oovs").asDouble());
            assertThat(fromFile.oovs()).isEqualTo(exp.get("oovs").asLong());
            assertThat(fromFile.tokens()).isEqualTo(exp.get("tokens").asLong());
            assertThat(loaded.orderStats()).usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(trained.orderStats());
        }
    }

    @Test
    void order3ArpaMatchesKenLm() throws IOException {
        KneserNeyModel model = model3();
        StringWriter sw = new StringWriter();
        model.writeArpa(sw);
        Map<String, float[]> ours = parseArpa(new BufferedReader(new StringReader(sw.toString())));
        Map<String, float[]> ref;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(REF.resolve("moby-3.arpa.gz"))), StandardCharsets.UTF_8))) {
            ref = parseArpa(in);
        }
        assertThat(ours.keySet()).isEqualTo(ref.keySet());
        double maxProb = 0;
        double maxBackoff = 0;
        for (Map.Entry<String, float[]> e : ref.entrySet()) {
            float[] o = ours.get(e.getKey());
            float[] k = e.getValue();
            maxProb = Math.max(maxProb, Math.abs(o[0] - k[0]));
            maxBackoff = Math.max(maxBackoff, Math.abs(o[1] - k[1]));
        }
        assertThat(maxProb).as("max |Δ log10 p|").isLessThanOrEqualTo(1e-4);
        assertThat(maxBackoff).as("max |Δ log10 backoff|").isLessThanOrEqualTo(1e-4);
    }

    @Test
    void kenLmArpaQueriedLikeKenLm() throws IOException {
        KneserNeyModel model;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(REF.resolve("moby-3.arpa.gz"))), StandardCharsets.UTF_8))) {
            model = KneserNeyModel.readArpa(in);
        }
        JsonNode exp = expectedModel(3);
        PerplexityResult r = model.evaluate(test);
        assertSig4(r.perplexityIncludingOovs(), exp.get("perplexity_including_oovs").asDouble());
        assertSig4(r.perplexityExcludingOovs(), exp.get("perplexity_excluding_oovs").asDouble());
        assertThat(r.oovs()).isEqualTo(exp.get("oovs").asLong());
        assertThat(r.tokens()).isEqualTo(exp.get("tokens").asLong());
        assertThat(model.orderStats()).isEmpty();
    }

    /** n-gram (with order prefix) → {log10 p, log10 backoff (0 if absent)}. */
    static Map<String, float[]> parseArpa(BufferedReader in) throws IOException {
        Map<String, float[]> out = new HashMap<>();
        String line;
        int order = 0;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("ngram ") || line.equals("\\data\\") || line.equals("\\end\\")) {
                continue;
            }
            if (line.startsWith("\\") && line.endsWith("-grams:")) {
                order = Integer.parseInt(line.substring(1, line.indexOf('-')));
                continue;
            }
            String[] f = line.split("\t");
            float b = f.length > 2 ? Float.parseFloat(f[2]) : 0f;
            if (out.put(order + ":" + f[1], new float[] {Float.parseFloat(f[0]), b}) != null) {
                throw new AssertionError("duplicate n-gram " + f[1]);
            }
        }
        return out;
    }
}
