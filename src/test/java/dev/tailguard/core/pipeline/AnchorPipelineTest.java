package dev.tailguard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tailguard.core.collapse.AnchorSplit;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.text.Tokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anchor frozen at ingest, reused by descendants or named explicitly, and the verdict in the report, on the real
 * pipeline over a small sotu slice (issue 11 items 1, 3, 6 and the known answers of item 7): fresh real text
 * brought as the synthetic batch and real text tagged {@code generation: 3} are not flagged (on this slice's small
 * anchor that is {@code unmeasurable}, with every interval, rather than {@code low}), order-1 word salad
 * (words drawn from the real unigram distribution) raises anchor perplexity beyond its interval at generation 1
 * (flagging it is the policy's call; on this slice's 9-document anchor the default thresholds do not), stripping
 * provenance while naming the anchor changes no verdict, and a synthetic-origin input without an anchor is
 * {@code unanchored}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnchorPipelineTest {

    @TempDir
    static Path dir;

    private LocalObjectStore store;
    private final List<Document> real = new ArrayList<>();
    private final List<Document> fresh = new ArrayList<>();
    private Path realFile;
    private Map<String, Object> root;

    @BeforeAll
    void rootRun() throws IOException {
        int i = 0;
        for (Document d : slice("sotu-slice.jsonl")) {
            (i++ % 4 == 3 ? fresh : real).add(d);
        }
        store = new LocalObjectStore(dir.resolve("store"));
        realFile = write("real.jsonl", real, Map.of());
        Pipeline.run(new RunRequested("root", List.of(realFile.toString()), RunConfig.defaults(5)), store);
        root = report("root");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRootRunFreezesItsAnchorAndHoldsItOut() throws IOException {
        Map<String, Object> anchor = (Map<String, Object>) root.get("anchor");
        assertThat(anchor).containsOnlyKeys("key", "sha256", "documents", "tokens");
        assertThat((String) anchor.get("key")).isEqualTo("anchors/v1/" + anchor.get("sha256") + ".json");
        assertThat(store.exists((String) anchor.get("key"))).isTrue();
        AnchorSplit split = AnchorSplit.defaults();
        Set<String> held = new HashSet<>();
        real.stream().filter(d -> split.isAnchor(d.id())).forEach(d -> held.add(d.id()));
        assertThat(held).isNotEmpty();
        assertThat(((Number) anchor.get("documents")).intValue()).isEqualTo(held.size());
        Map<String, Object> counts = (Map<String, Object>) root.get("counts");
        assertThat(((Number) counts.get("anchor_held_out")).intValue()).isEqualTo(held.size());
        assertThat(((Number) counts.get("real")).intValue()).isEqualTo(real.size() - held.size());
        for (String area : List.of("input/", "blended/")) {
            Shards.forEachDocument(store, store.list("runs/root/" + area).stream().filter(k -> k.contains("part-"))
                    .toList(), d -> assertThat(held).doesNotContain(d.id()));
        }
        Map<String, Object> risk = (Map<String, Object>) root.get("collapse_risk");
        assertThat(risk.get("anchor_source")).isEqualTo("frozen");
        assertThat(risk.get("level")).isIn("low", "medium", "high", "unmeasurable");
        assertThat((Map<String, Object>) risk.get("signals")).containsKeys("anchor_perplexity", "vocabulary_recall",
                "tail_recall", "c2st_auc");
        // the report states what its bounded structures held (issue 12): the LM sample within its cap
        Map<String, Object> sample = (Map<String, Object>) risk.get("sample");
        long cap = ((Number) sample.get("lm_max_tokens")).longValue();
        assertThat(cap).isEqualTo(dev.tailguard.core.collapse.CollapseConfig.DEFAULT_LM_MAX_TOKENS);
        assertThat(((Number) sample.get("lm_trained_tokens")).longValue()).isPositive().isLessThanOrEqualTo(cap)
                .isLessThanOrEqualTo(((Number) sample.get("blended_tokens")).longValue());
        assertThat(((Number) sample.get("anchor_documents")).intValue()).isEqualTo(held.size());
        assertThat(((Number) sample.get("synthetic_windows")).intValue()).isLessThanOrEqualTo(512);
        assertThat(Files.readString(dir.resolve("store/runs/root/report/index.html"))).contains("id=\"verdict\"", "Collapse risk: ");
        assertThat(Files.readString(dir.resolve("store/runs/root/README.md")))
                .contains("**Collapse verdict: ");
    }

    @Test
    @SuppressWarnings("unchecked")
    void freshRealTextTaggedGenerationThreeBroughtAsSyntheticIsNotFlagged() throws IOException {
        Path input = write("real-g3.jsonl", real, Map.of("generation", 3));
        Path syn = write("fresh.jsonl", fresh, Map.of());
        Files.writeString(syn, "{not json\n", java.nio.file.StandardOpenOption.APPEND);
        Pipeline.run(new RunRequested("control", List.of(input.toString()), RunConfig.defaults(5),
                List.of(syn.toString()), anchorKey()), store);
        Map<String, Object> r = report("control");
        Map<String, Object> risk = (Map<String, Object>) r.get("collapse_risk");
        assertThat(risk.get("anchor_source")).isEqualTo("explicit");
        // Not flagged; on this slice's 9-document anchor (fewer than CollapsePolicy.MIN_WINDOWS classifier windows)
        // the absence of a reason is reported as unmeasurable with every interval, not as low (calibrate's
        // CalibrateKnownAnswerTest asserts low on an anchor of adequate size).
        assertThat(risk.get("level")).as("%s", risk.get("reasons")).isEqualTo("unmeasurable");
        assertThat((List<Object>) risk.get("reasons")).isEmpty();
        assertThat((String) risk.get("note")).contains("windows per side", "c2st_auc", "anchor_perplexity");
        assertThat(r.get("anchor")).isEqualTo(root.get("anchor"));
        Map<String, Object> counts = (Map<String, Object>) r.get("counts");
        assertThat(((Number) counts.get("synthetic_generated")).intValue()).isEqualTo(fresh.size());
        assertThat(((Number) counts.get("anchor_held_out")).intValue())
                .isEqualTo(((Map<String, Object>) root.get("anchor")).get("documents"));
        assertThat(((Map<String, Object>) r.get("generator")).get("name")).isEqualTo("external");
        List<Map<String, Object>> q = new ArrayList<>();
        Shards.forEachObject(store, store.list("runs/control/quarantine/synthetic-malformed"), q::add);
        assertThat(q).singleElement().satisfies(m -> {
            assertThat(m.get("file")).isEqualTo(syn.toString());
            assertThat(((Number) m.get("line")).intValue()).isEqualTo(fresh.size() + 1);
            assertThat(m.get("reason")).isEqualTo("not_json");
        });
        assertThat((Map<String, Object>) r.get("quarantine_reasons")).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void orderOneWordSaladRaisesAnchorPerplexityAtGenerationOne() throws IOException {
        List<String> words = new ArrayList<>();
        sentences(real).forEach(words::addAll);
        SplittableRandom rnd = new SplittableRandom(3);
        long target = 3 * tokens(fresh);
        List<Document> salad = new ArrayList<>();
        for (long n = 0; n < target; ) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 300; w++, n++) {
                text.append(words.get(rnd.nextInt(words.size()))).append(w % 20 == 19 ? ". " : " ");
            }
            salad.add(new Document("salad-" + salad.size(), text.toString().trim(), "salad", Map.of()));
        }
        Path syn = write("salad.jsonl", salad, Map.of());
        Pipeline.run(new RunRequested("salad", List.of(realFile.toString()), RunConfig.defaults(5),
                List.of(syn.toString()), null), store);
        Map<String, Object> saladReport = report("salad");
        Map<String, Object> risk = (Map<String, Object>) saladReport.get("collapse_risk");
        Map<String, Object> ppl = (Map<String, Object>) ((Map<String, Object>) risk.get("signals")).get("anchor_perplexity");
        // The signal measured through the pipeline moves the right way: the whole 95% interval of anchor perplexity
        // lies above its generation-0 baseline. Whether the verdict fires is the policy's call: with this slice's
        // anchor (9 documents, ~1.4k tokens) the default thresholds do not (see the README calibration notes).
        assertThat(((Number) ((List<Object>) ppl.get("ci")).get(0)).doubleValue())
                .as("%s", risk).isGreaterThan(((Number) ppl.get("baseline")).doubleValue());
        assertThat(risk.get("level")).isNotEqualTo("unanchored");
    }

    @Test
    @SuppressWarnings("unchecked")
    void strippedProvenanceWithTheAnchorNamedChangesNoVerdict() throws IOException {
        List<String> blended = store.list("runs/root/blended/").stream().filter(k -> k.contains("part-")).toList();
        // Like with like: no new synthetic in either run, so both blend the same text; only the metadata differs
        // (with provenance the floor counts the parent's synthetic documents as synthetic, without it cannot).
        RunConfig same = noNewSynthetic(RunConfig.defaults(5));
        Pipeline.run(new RunRequested("child", blended.stream().map(k -> "store:" + k).toList(), same), store);
        List<Document> stripped = new ArrayList<>();
        Shards.forEachDocument(store, blended, d -> stripped.add(new Document(d.id(), d.text(), null, Map.of())));
        Path plain = write("stripped.jsonl", stripped, Map.of());
        Pipeline.run(new RunRequested("stripped", List.of(plain.toString()), same, List.of(),
                anchorKey()), store);
        Map<String, Object> child = (Map<String, Object>) report("child").get("collapse_risk");
        Map<String, Object> strip = (Map<String, Object>) report("stripped").get("collapse_risk");
        assertThat(child.get("anchor_source")).isEqualTo("parent");
        assertThat(strip.get("anchor_source")).isEqualTo("explicit");
        assertThat(strip.get("level")).isEqualTo(child.get("level")).isNotEqualTo("unanchored");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSyntheticOriginInputWithoutAnAnchorIsUnanchoredAndDoesNotStop() throws IOException {
        Path input = write("orphan.jsonl", real, Map.of("generation", 2));
        RunConfig c = RunConfig.defaults(5);
        c = new RunConfig(c.seed(), c.syntheticRatio(), c.generator(), c.order(), c.temperature(), c.topK(),
                c.blendStrategy(), c.minRealFraction(), c.shardSize(), c.maxLineBytes(), c.compression(),
                c.maxSyntheticTokens(), List.of(new dev.tailguard.core.gate.GateSpec("report", "collapse_risk_level",
                null, 0.0, "stop")));
        Pipeline.run(new RunRequested("orphan", List.of(input.toString()), c), store);
        Map<String, Object> r = report("orphan");
        assertThat(r.get("status")).isEqualTo("succeeded");
        assertThat(r.get("anchor")).isNull();
        Map<String, Object> risk = (Map<String, Object>) r.get("collapse_risk");
        assertThat(risk.get("level")).isEqualTo("unanchored");
        assertThat((String) risk.get("note")).contains("synthetic origin");
        assertThat((Map<String, Object>) risk.get("signals")).isEmpty();
        assertThat(((Map<String, Object>) ((Map<String, Object>) r.get("stage_metrics")).get("report")))
                .doesNotContainKey("collapse_risk_level");
        assertThat(((Number) ((Map<String, Object>) r.get("counts")).get("anchor_held_out")).intValue()).isZero();
    }

    @SuppressWarnings("unchecked")
    private String anchorKey() {
        return (String) ((Map<String, Object>) root.get("anchor")).get("key");
    }

    private Map<String, Object> report(String run) throws IOException {
        return Json.MAPPER.readValue(dir.resolve("store/runs/" + run + "/report/report.json").toFile(),
                new TypeReference<>() {
                });
    }

    private Path write(String name, List<Document> docs, Map<String, Object> meta) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Document d : docs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("text", d.text());
            m.put("metadata", meta);
            sb.append(Json.write(m)).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString());
        return p;
    }

    private static List<List<String>> sentences(List<Document> docs) {
        List<List<String>> out = new ArrayList<>();
        for (Document d : docs) {
            for (String s : Tokenizer.sentences(d.text())) {
                List<String> w = Tokenizer.words(s);
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    private static long tokens(List<Document> docs) {
        return docs.stream().mapToLong(d -> Tokenizer.words(d.text()).size()).sum();
    }

    static List<Document> slice(String resource) throws IOException {
        List<Document> out = new ArrayList<>();
        try (InputStream in = AnchorPipelineTest.class.getResourceAsStream("/collapse/" + resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = Json.MAPPER.readTree(line);
                out.add(new Document(n.get("id").asText(), n.get("text").asText(), "test", Map.of()));
            }
        }
        return out;
    }

    private static RunConfig noNewSynthetic(RunConfig c) {
        return new RunConfig(c.seed(), 0.0, c.generator(), c.order(), c.temperature(), c.topK(), c.blendStrategy(),
                c.minRealFraction(), c.shardSize(), c.maxLineBytes(), c.compression(), c.maxSyntheticTokens(), c.gates());
    }
}
