package dev.tailguard.core.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailguard.core.collapse.CollapsePolicy;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.Documents;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.JsonlWriter;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.pipeline.Pipeline;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.store.LocalObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known answers of issue 11 item 7 through the real pipeline ({@link Calibrator} → {@code Pipeline.run}) on the
 * 150 KB sotu CI slice: fresh real text brought as the synthetic batch is never flagged (and is measurable: the
 * calibrate anchor is raised to {@link CollapsePolicy#MIN_WINDOWS} windows), order-1 word salad is flagged at
 * generation 1, stripping provenance metadata from a generation's input changes no verdict, and real text tagged
 * {@code generation: 3} is not flagged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalibrateKnownAnswerTest {

    @TempDir
    static Path dir;

    private CalibrationResult result;
    private LocalObjectStore store;

    @BeforeAll
    void calibrate() throws IOException, URISyntaxException {
        Path corpus = Path.of(getClass().getResource("/collapse/sotu-slice.jsonl").toURI());
        // Fresh share 0.4 so that the control's batch (80% of the pool) also spans 64 windows on this small slice.
        CalibrationPlan plan = new CalibrationPlan(corpus, dir.resolve("cal"), 1, 1, 3, 1,
                List.of(Chain.CONTROL, Chain.SALAD), CalibrationPlan.DEFAULT_ANCHOR_SHARE, CollapsePolicy.MIN_WINDOWS,
                0.4, CalibrationPlan.DEFAULT_REPLACE_RATIO, 1);
        result = Calibrator.run(plan, null);
        store = new LocalObjectStore(dir.resolve("cal/store"));
    }

    @Test
    void theAnchorIsRaisedToTheMinimumSizeForAVerdict() {
        assertThat(result.anchorWindows()).isGreaterThanOrEqualTo(CollapsePolicy.MIN_WINDOWS);
        assertThat(result.anchorShare()).isGreaterThan(CalibrationPlan.DEFAULT_ANCHOR_SHARE);
        assertThat(result.anchor().documents()).isPositive();
    }

    @Test
    void freshRealControlIsNeverFlagged() {
        List<ChainPoint> control = result.points().stream().filter(p -> p.chain().equals("control")).toList();
        assertThat(control).hasSize(3);
        assertThat(control).allSatisfy(p -> {
            assertThat(p.level()).as("%s %s", p.runId(), p.note()).isEqualTo("low");
            assertThat(p.signal("c2st_auc")).isNotNull();
        });
        assertThat(result.acceptance().controlNeverFlagged()).isTrue();
        CalibrationResult.SignalSummary verdict = result.summary().get(result.summary().size() - 1);
        assertThat(verdict.signal()).isEqualTo(CalibrationResult.VERDICT);
        assertThat(verdict.controlAlarms()).isZero();
        assertThat(verdict.controlPoints()).isEqualTo(3);
        assertThat(verdict.auc()).isEqualTo(1.0);
    }

    @Test
    void wordSaladIsFlaggedAtGenerationOne() {
        ChainPoint salad = result.points().stream().filter(p -> p.chain().equals("salad")).findFirst().orElseThrow();
        assertThat(salad.generation()).isEqualTo(1);
        assertThat(salad.level()).as("%s", salad.signals()).isIn("medium", "high");
        assertThat(salad.reasons()).isNotEmpty();
        assertThat(salad.anchorSource()).isEqualTo("explicit");
        assertThat(result.acceptance().saladFlaggedAtGeneration1()).isTrue();
        assertThat(result.acceptance().replaceFlaggedByGeneration2()).isNull();
    }

    @Test
    void strippedProvenanceChangesNoVerdict() throws IOException {
        List<String> blended = store.list("runs/cal-salad-s1-g1/blended/").stream().filter(k -> k.contains("part-"))
                .toList();
        RunConfig none = noNewSynthetic(RunConfig.defaults(5));
        Pipeline.run(new RunRequested("with-lineage", blended.stream().map(k -> "store:" + k).toList(), none),
                store);
        List<Document> stripped = new ArrayList<>();
        Shards.forEachDocument(store, blended, d -> stripped.add(new Document(d.id(), d.text(), null, Map.of())));
        Path plain = write("stripped.jsonl", stripped);
        Pipeline.run(new RunRequested("stripped", List.of(plain.toString()), none, List.of(), result.anchor().key()),
                store);
        JsonNode lineage = risk("with-lineage");
        JsonNode strip = risk("stripped");
        assertThat(lineage.path("anchor_source").asText()).isEqualTo("parent");
        assertThat(strip.path("anchor_source").asText()).isEqualTo("explicit");
        assertThat(strip.path("level").asText()).isEqualTo(lineage.path("level").asText()).isIn("medium", "high");
    }

    @Test
    void realTextTaggedGenerationThreeIsNotFlagged() throws IOException {
        List<Document> tagged = new ArrayList<>();
        for (Document d : CorpusSplit.read(dir.resolve("cal/inputs/real.jsonl"))) {
            tagged.add(new Document(d.id(), d.text(), d.source(), Map.of("generation", 3)));
        }
        Path input = write("real-g3.jsonl", tagged);
        Path fresh = dir.resolve("cal/inputs/cal-control-s1-g1-fresh.jsonl");
        Pipeline.run(new RunRequested("tagged-g3", List.of(input.toString()), RunConfig.defaults(9),
                List.of(fresh.toString()), result.anchor().key()), store);
        JsonNode risk = risk("tagged-g3");
        assertThat(risk.path("level").asText()).as("%s", risk).isEqualTo("low");
        assertThat(risk.path("reasons")).isEmpty();
    }

    @Test
    void writesJsonAndASelfContainedPage() throws IOException {
        JsonNode json = Json.MAPPER.readTree(dir.resolve("cal/calibration.json").toFile());
        assertThat(json.path("points")).hasSize(4);
        assertThat(json.path("summary")).hasSize(7);
        assertThat(json.path("acceptance").path("controlNeverFlagged").asBoolean()).isTrue();
        String html = Files.readString(dir.resolve("cal/calibration.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("fresh-real control never flagged", "c2st_auc")
                .doesNotContain("<script", "http://", "https://");
    }

    private JsonNode risk(String run) throws IOException {
        try (InputStream in = store.open("runs/" + run + "/report/report.json")) {
            return Json.MAPPER.readTree(in).path("collapse_risk");
        }
    }

    private Path write(String name, List<Document> docs) throws IOException {
        Path p = dir.resolve(name);
        try (JsonlWriter w = JsonlWriter.create(p)) {
            for (Document d : docs) {
                w.write(Documents.toMap(d));
            }
        }
        return p;
    }

    private static RunConfig noNewSynthetic(RunConfig c) {
        return new RunConfig(c.seed(), 0.0, c.generator(), c.order(), c.temperature(), c.topK(), c.blendStrategy(),
                c.minRealFraction(), c.shardSize(), c.maxLineBytes(), c.compression(), c.maxSyntheticTokens(),
                c.gates());
    }
}
