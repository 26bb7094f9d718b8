package dev.tailguard.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.collapse.AnchorSplit;
import dev.tailguard.core.collapse.CollapseConfig;
import dev.tailguard.core.collapse.CollapseServices;
import dev.tailguard.core.collapse.CollapseSettings;
import dev.tailguard.core.collapse.CollapseThresholds;
import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Pipeline;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.store.LocalObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding signals on the real pipeline with the real all-MiniLM-L6-v2 model (issue 11 item 2d): a root run
 * freezes an embedding sample with its anchor and the report measures embedding precision and recall of the
 * synthetic batch against it, each with a Wilson interval, sample size and generation-0 baseline; with the switch
 * off the report names the signals under {@code missing} with the reason.
 */
class EmbeddingPipelineTest {

    @TempDir
    Path dir;

    /** 64 windows per side keep the test short; the default is 256. */
    private static final CollapseConfig CONFIG = new CollapseConfig(3, 2, 64, 512, 5, 50, 64, 3, 1000, 1L);

    @Test
    @SuppressWarnings("unchecked")
    void aRunWithTheModelReportsEmbeddingPrecisionAndRecallAgainstTheAnchor() throws IOException {
        Path input = slice();
        MiniLmEmbedder model = new MiniLmEmbedder();
        CollapseServices on = CollapseServices.of(settings(true), () -> model);
        long t0 = System.nanoTime();
        Map<String, Object> risk = run(dir.resolve("on"), input, on);
        long withMs = (System.nanoTime() - t0) / 1_000_000;

        Map<String, Object> signals = (Map<String, Object>) risk.get("signals");
        assertThat(signals).containsKeys("embedding_precision", "embedding_recall");
        for (String k : List.of("embedding_precision", "embedding_recall")) {
            Map<String, Object> s = (Map<String, Object>) signals.get(k);
            double value = ((Number) s.get("value")).doubleValue();
            List<Number> ci = (List<Number>) s.get("ci");
            assertThat(value).isBetween(0.0, 1.0);
            assertThat(ci.get(0).doubleValue()).isLessThanOrEqualTo(value);
            assertThat(ci.get(1).doubleValue()).isGreaterThanOrEqualTo(value);
            assertThat(((Number) s.get("baseline")).doubleValue()).isBetween(0.0, 1.0);
            assertThat(((Number) s.get("sample_size")).longValue()).isBetween(4L, 64L);
            assertThat((String) s.get("note")).contains(MiniLmEmbedder.MODEL).contains("k=3");
        }
        assertThat((List<String>) risk.get("missing")).noneMatch(m -> m.startsWith("embedding"));

        long t1 = System.nanoTime();
        Map<String, Object> off = run(dir.resolve("off"), input,
                CollapseServices.of(settings(false), () -> model));
        long withoutMs = (System.nanoTime() - t1) / 1_000_000;
        assertThat((Map<String, Object>) off.get("signals")).doesNotContainKeys("embedding_precision", "embedding_recall");
        assertThat((List<String>) off.get("missing"))
                .anyMatch(m -> m.startsWith("embedding_precision, embedding_recall")
                        && m.contains("tailguard.collapse.embedding.enabled=false"));
        System.out.printf("EmbeddingPipelineTest: sotu slice, %d chunks: with embeddings %d ms, without %d ms%n",
                CONFIG.maxChunks(), withMs, withoutMs);
    }

    private static CollapseSettings settings(boolean embed) {
        return new CollapseSettings(AnchorSplit.defaults(), CONFIG, CollapseThresholds.defaults(), embed);
    }

    private static Map<String, Object> run(Path root, Path input, CollapseServices services) throws IOException {
        LocalObjectStore store = new LocalObjectStore(root);
        Pipeline.run(new RunRequested("emb", List.of(input.toString()), RunConfig.defaults(3)), store,
                GeneratorSelector.NGRAM_ONLY, 1, TaskLimits.DEFAULTS, services);
        Map<String, Object> report = Json.MAPPER.readValue(root.resolve("runs/emb/report/report.json").toFile(),
                new TypeReference<>() {
                });
        return (Map<String, Object>) report.get("collapse_risk");
    }

    private Path slice() throws IOException {
        Path p = dir.resolve("sotu-slice.jsonl");
        try (InputStream in = getClass().getResourceAsStream("/collapse/sotu-slice.jsonl")) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }
}
