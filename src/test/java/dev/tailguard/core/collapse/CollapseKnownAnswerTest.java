package dev.tailguard.core.collapse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.doc.Document;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tailguard.core.io.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Known answers of the verdict on chains whose truth is known, on small slices of moby-dick and sotu (documents
 * cut at paragraph or sentence boundaries): fresh real text is never flagged, word salad is flagged at generation
 * 1, replace is flagged medium or higher by generation 2, and accumulate is never rated above replace.
 */
class CollapseKnownAnswerTest {

    static final AnchorSplit SPLIT = new AnchorSplit(0.15, AnchorSplit.DEFAULT_SALT);
    static final CollapseConfig CFG = new CollapseConfig(3, 2, 64, 512, 5, 20, 256, 3, 400, 1L);

    @ParameterizedTest
    @ValueSource(strings = {"moby-dick-slice.jsonl", "sotu-slice.jsonl"})
    void verdictsMatchTheKnownTruth(String slice) throws IOException {
        CollapseCalibration.Result r = CollapseCalibration.run(read(slice), SPLIT, CFG, CollapseThresholds.defaults(),
                null, 2, 5, System.out);

        List<CollapseCalibration.Row> controls = rows(r, "fresh-real");
        assertThat(controls).hasSize(5);
        // never flagged: low, or unmeasurable when the slice's anchor has fewer than CollapsePolicy.MIN_WINDOWS windows
        assertThat(controls).allSatisfy(c -> assertThat(c.verdict().level()).isIn(RiskLevel.LOW,
                RiskLevel.UNMEASURABLE));
        assertThat(r.falseAlarms()).isZero();

        CollapseCalibration.Row salad = rows(r, "word-salad:order-2").get(0);
        assertThat(salad.verdict().level()).isIn(RiskLevel.MEDIUM, RiskLevel.HIGH);
        assertThat(salad.verdict().reasons()).isNotEmpty();

        List<CollapseCalibration.Row> replace = rows(r, "replace:0.9");
        List<CollapseCalibration.Row> accumulate = rows(r, "accumulate");
        assertThat(replace.get(1).verdict().level()).isIn(RiskLevel.MEDIUM, RiskLevel.HIGH);
        for (int g = 0; g < replace.size(); g++) {
            assertThat(rank(accumulate.get(g).verdict().level()))
                    .as("accumulate generation %d", g + 1)
                    .isLessThanOrEqualTo(rank(replace.get(g).verdict().level()));
        }
        assertThat(replace.get(1).verdict().signals().get(SignalKind.ANCHOR_PERPLEXITY).value())
                .isGreaterThan(replace.get(1).verdict().signals().get(SignalKind.ANCHOR_PERPLEXITY).baseline());
    }

    /** 0 not flagged (low, unmeasurable), 1 medium, 2 high. */
    private static int rank(RiskLevel l) {
        return l == RiskLevel.HIGH ? 2 : l == RiskLevel.MEDIUM ? 1 : 0;
    }

    private static List<CollapseCalibration.Row> rows(CollapseCalibration.Result r, String chain) {
        return r.rows().stream().filter(x -> x.chain().equals(chain)).toList();
    }

    static List<Document> read(String resource) throws IOException {
        List<Document> out = new ArrayList<>();
        try (InputStream in = CollapseKnownAnswerTest.class.getResourceAsStream("/collapse/" + resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = Json.MAPPER.readTree(line);
                out.add(new Document(n.get("id").asText(), n.get("text").asText(), "test", Map.of()));
            }
        }
        return out;
    }
}
