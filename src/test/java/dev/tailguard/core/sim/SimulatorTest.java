package dev.tailguard.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SimulatorTest {

    @TempDir
    static Path dir;

    static SimulationConfig config;
    static SimulationResult result;

    static SimulationConfig config(Path input, int threads) {
        return new SimulationConfig(input, 2, Strategy.parseList("replace,accumulate,blend:0.3,verified"), 3, 0.1, 1,
                1, threads, 1, 2, new double[] {0.05, 0.95}, 10);
    }

    @BeforeAll
    static void run() throws Exception {
        config = config(MobySlice.write(dir, 12), 2);
        result = Simulator.run(config, null);
    }

    @Test
    void everyStrategyHasEveryGenerationAndGenerationZeroIsShared() {
        assertThat(result.chains()).hasSize(4);
        GenerationResult g0 = result.chains().get(0).generations().get(0);
        for (ChainResult c : result.chains()) {
            assertThat(c.failure()).isNull();
            assertThat(c.generations()).extracting(GenerationResult::generation).containsExactly(0, 1, 2);
            assertThat(c.generations().get(0)).isSameAs(g0);
            for (GenerationResult g : c.generations()) {
                assertThat(g.heldoutPerplexity()).isFinite().isGreaterThan(1);
                assertThat(g.distinct1()).isBetween(0.0, 1.0);
                assertThat(g.distinct2()).isBetween(0.0, 1.0);
                assertThat(g.compressionRatio()).isGreaterThan(1);
                assertThat(g.tailCoverage()).isBetween(0.0, 1.0);
                assertThat(g.typeRecall()).isBetween(g.tailCoverage() * 0, 1.0);
                assertThat(g.nearDuplicateRate()).isBetween(0.0, 1.0);
                assertThat(g.countsOfCounts()).hasSize(3).allSatisfy(c4 -> assertThat(c4).hasSize(4));
                assertThat(g.outputTokens()).isGreaterThanOrEqualTo(result.trainTokens());
            }
        }
        assertThat(g0.vocabSize()).isEqualTo(result.realTypes());
        assertThat(g0.trainingTokens()).isEqualTo(result.trainTokens());
    }

    @Test
    void replaceLosesVocabularyEveryGeneration() {
        List<GenerationResult> g = result.chains("replace").get(0).generations();
        assertThat(g.get(1).vocabSize()).isLessThan(g.get(0).vocabSize());
        assertThat(g.get(2).vocabSize()).isLessThan(g.get(1).vocabSize());
    }

    @Test
    void trainingBudgetsFollowTheStrategies() {
        long b = result.trainTokens();
        GenerationResult acc = result.chains("accumulate").get(0).generations().get(2);
        assertThat(acc.trainingTokens()).isBetween(3 * b, 3 * b + 1000);
        assertThat(acc.vocabSize()).isEqualTo(result.realTypes());
        GenerationResult blend = result.chains("blend:0.3").get(0).generations().get(1);
        assertThat(blend.trainingTokens()).isBetween(b, b + 200);
        GenerationResult ver = result.chains("verified").get(0).generations().get(1);
        assertThat(ver.acceptanceRate()).isBetween(0.0, 1.0);
        assertThat(ver.rejections().values().stream().mapToLong(Long::longValue).sum()).isPositive();
        assertThat(ver.budgetMet()).isTrue();
        assertThat(ver.trainingTokens()).isBetween(b, b + 1000);
    }

    @Test
    void resultsAreDeterministicWhateverTheThreadCount() throws Exception {
        SimulationResult again = Simulator.run(config(config.input(), 1), null);
        assertThat(stable(again)).isEqualTo(stable(result));
    }

    private static JsonNode stable(SimulationResult r) {
        ObjectNode n = SimulationReport.json(r, Acceptance.evaluate(r));
        n.remove("seconds");
        ((ObjectNode) n.get("config")).remove("threads");
        return n;
    }

    @Test
    void writesJsonHtmlAndSummary() throws Exception {
        Path out = dir.resolve("out");
        SimulationReport.write(result, out);
        JsonNode json = new ObjectMapper().readTree(out.resolve("simulation.json").toFile());
        assertThat(json.get("schema").asText()).isEqualTo(SimulationReport.SCHEMA);
        JsonNode gens = json.get("strategies").get("replace").get("generations");
        assertThat(gens).hasSize(3);
        for (String f : List.of("heldout_perplexity", "distinct_1", "distinct_2", "compression_ratio", "tail_coverage",
                "type_recall", "vocab_size", "near_duplicate_rate", "counts_of_counts", "discount_fallback")) {
            assertThat(gens.get(2).get(f)).as(f).isNotNull();
            assertThat(gens.get(2).get(f).get("mean")).as(f + ".mean").isNotNull();
            assertThat(gens.get(2).get(f).get("seeds")).as(f + ".seeds").hasSize(1);
        }
        assertThat(gens.get(1).get("counts_of_counts").get("seeds").get(0)).hasSize(3);
        assertThat(json.get("strategies").get("verified").get("generations").get(1).get("verified_rejections"))
                .isNotNull();
        assertThat(json.get("acceptance")).isNotEmpty();

        String html = Files.readString(out.resolve("simulation.html"));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(d.getElementsByTagName("svg").getLength()).isEqualTo(SimulationReport.PLOTTED.size() + 4 + 1);
        assertThat(d.getElementsByTagName("polyline").getLength()).isGreaterThanOrEqualTo(4 * (SimulationReport.PLOTTED.size() + 3));
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=").contains("replace");

        String md = Files.readString(out.resolve("SUMMARY.md"));
        assertThat(md).contains("## What held").contains("| replace |").containsPattern("\\*\\*(held|did not hold)\\*\\*");
    }
}
