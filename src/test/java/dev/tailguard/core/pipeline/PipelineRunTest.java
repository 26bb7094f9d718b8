package dev.tailguard.core.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.dedup.ExactDedup;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.generate.NgramGenerator;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineRunTest {

    @TempDir
    static Path dir;
    static Path input;
    static Path out1;
    static RunRequested req;
    static Map<String, Object> report;

    static RunConfig config() {
        return new RunConfig(7, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 4, TestCorpus.MAX_LINE_BYTES, "none", 400,
                List.of(new dev.tailguard.core.gate.GateSpec("blend", "real_fraction", 0.7, null, "stop")));
    }

    @BeforeAll
    static void runOnce() throws IOException {
        input = TestCorpus.write(dir, 10);
        out1 = dir.resolve("out1");
        req = new RunRequested("run-test", List.of(input.toString()), config());
        RunReported done = Pipeline.run(req, new LocalObjectStore(out1));
        assertThat(done.status()).isEqualTo("succeeded");
        report = Json.MAPPER.readValue(out1.resolve("runs/run-test/report/report.json").toFile(), new TypeReference<>() {
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> counts() {
        return (Map<String, Number>) report.get("counts");
    }

    private static long c(String k) {
        return counts().get(k).longValue();
    }

    @Test
    void reportHasTheRequiredFieldsAndTheInvariantsHold() {
        assertThat(report).containsKeys("run_id", "seed", "inputs", "counts", "synthetic_ratio", "metrics", "gates", "timings_ms");
        assertThat(counts()).containsKeys("lines_read", "malformed", "real", "real_blended", "real_unused", "real_quarantined",
                "synthetic_generated", "synthetic_blended", "synthetic_quarantined", "blended");
        assertThat(c("lines_read")).isEqualTo(10 + TestCorpus.BAD_LINES);
        assertThat(c("malformed")).isEqualTo(TestCorpus.BAD_LINES);
        assertThat(c("real") + c("anchor_held_out")).isEqualTo(10);
        assertThat(c("lines_read")).isEqualTo(c("malformed") + c("anchor_held_out") + c("real"));
        assertThat(c("real")).isEqualTo(c("real_blended") + c("real_unused") + c("real_quarantined"));
        assertThat(c("synthetic_generated")).isEqualTo(c("synthetic_blended") + c("synthetic_quarantined")).isPositive();
        assertThat(c("blended")).isEqualTo(c("real_blended") + c("synthetic_blended"));
        assertThat(((Number) report.get("synthetic_ratio")).doubleValue())
                .isEqualTo(Numbers.round((double) c("synthetic_blended") / c("blended")));
        assertThat((double) c("real_blended") / c("blended")).isGreaterThanOrEqualTo(0.7);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> metrics = (Map<String, Map<String, Object>>) report.get("metrics");
        for (String side : List.of("real", "synthetic")) {
            assertThat(metrics.get(side)).containsKeys("distinct_1", "distinct_2", "compression_ratio", "mean_doc_tokens", "documents");
        }
        assertThat(((Number) metrics.get("real").get("documents")).longValue()).isEqualTo(c("real"));
        Map<String, Number> reasons = Json.MAPPER.convertValue(report.get("quarantine_reasons"), new TypeReference<Map<String, Number>>() {
        });
        assertThat(reasons).containsEntry("generate/not_json", 2).containsEntry("generate/invalid_field", 2)
                .containsEntry("generate/line_too_large", 1).containsEntry("generate/invalid_utf8", 1);
        assertThat(reasons.values().stream().mapToLong(Number::longValue).sum())
                .isEqualTo(c("malformed") + c("real_quarantined") + c("synthetic_quarantined") + c("generation_rejected"));
        assertThat((List<?>) report.get("gates")).isNotEmpty().allSatisfy(g ->
                assertThat(Json.MAPPER.convertValue(g, new TypeReference<Map<String, Object>>() {
                })).containsKeys("stage", "name", "value", "threshold", "passed"));
        assertThat(Json.MAPPER.convertValue(report.get("timings_ms"), new TypeReference<Map<String, Object>>() {
        })).containsOnlyKeys("generate", "score", "blend", "report");
        assertThat(out1.resolve("runs/run-test/report/index.html")).content().contains("<svg", "perplexity").doesNotContain("<script", "src=\"http", "href=\"http", "url(");
        try {
            org.w3c.dom.Document html = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(out1.resolve("runs/run-test/report/index.html").toFile());
            int signals = ((Map<?, ?>) ((Map<?, ?>) report.get("collapse_risk")).get("signals")).size();
            assertThat(html.getElementsByTagName("svg").getLength()).isEqualTo(dev.tailguard.core.report.HtmlReport.DISTRIBUTIONS.size()
                    + dev.tailguard.core.pipeline.RunLineage.METRICS.size() + signals);
            assertThat(html.getElementsByTagName("body").item(0).getFirstChild().getNextSibling().getAttributes()
                    .getNamedItem("id").getNodeValue()).as("the verdict block comes first").isEqualTo("verdict");
        } catch (Exception e) {
            throw new AssertionError("index.html is not well-formed", e);
        }
        assertThat(out1.resolve("runs/run-test/README.md")).content().startsWith("---\n").contains("## Known limitations", "synthetic ratio");
    }

    @Test
    void everyMalformedLineIsQuarantinedWithFileLineAndReason() {
        LocalObjectStore s = new LocalObjectStore(out1);
        List<Map<String, Object>> q = new ArrayList<>();
        Shards.forEachObject(s, keys(s, "runs/run-test/quarantine/malformed"), q::add);
        assertThat(q).hasSize(TestCorpus.BAD_LINES);
        assertThat(q).extracting(m -> m.get("reason")).containsExactly("not_json", "missing_text", "text_not_string",
                "empty_text", "invalid_utf8", "line_too_large", "not_json", "invalid_field", "invalid_field");
        assertThat(q).extracting(m -> ((Number) m.get("line")).intValue()).containsExactly(3, 4, 5, 8, 9, 10, 12, 13, 14);
        assertThat(q).allSatisfy(m -> assertThat(m.get("file")).isEqualTo(input.toString()));
        assertThat(q.get(8).get("detail")).asString().contains("duplicate id");
    }

    @Test
    void filesOnDiskHoldExactlyTheCountedRecordsWithProvenance() {
        LocalObjectStore s = new LocalObjectStore(out1);
        List<Document> blended = new ArrayList<>();
        Shards.forEachDocument(s, keys(s, "runs/run-test/blended/part-"), blended::add);
        assertThat(blended).hasSize((int) c("blended"));
        assertThat(keys(s, "runs/run-test/blended/part-")).allSatisfy(k -> assertThat(Shards.count(s, List.of(k)))
                .isBetween(1L, 4L));
        assertThat(blended).allSatisfy(d -> {
            assertThat(d.meta(Provenance.CONTENT_SHA256)).isEqualTo(NgramGenerator.sha256(d.text()));
            assertThat(d.meta(Provenance.KIND)).isIn("real", "synthetic");
        });
        List<Document> syn = blended.stream().filter(d -> "synthetic".equals(d.meta(Provenance.KIND))).toList();
        assertThat(syn).hasSize((int) c("synthetic_blended")).allSatisfy(d -> {
            assertThat(d.metadata()).containsKeys(Provenance.GENERATOR, Provenance.PARAMETERS, Provenance.SEED_IDS,
                    Provenance.GENERATION, Provenance.RUN_ID, Provenance.TEMPERATURE, Provenance.TOP_K);
            assertThat(d.generation()).isEqualTo(1);
            assertThat(d.meta(Provenance.GENERATOR)).isEqualTo("ngram");
        });
        assertThat(Shards.count(s, keys(s, "runs/run-test/scores/"))).isEqualTo(c("real") + c("synthetic_generated"));
        assertThat(Shards.count(s, keys(s, "runs/run-test/synthetic/part-"))).isEqualTo(c("synthetic_generated"));
        long exactDupKeys = blended.stream().map(d -> ExactDedup.key(d.text())).distinct().count();
        assertThat(exactDupKeys).isEqualTo(blended.size());
    }

    @Test
    void sameSeedAndInputGiveByteIdenticalOutputs() throws IOException {
        Path out2 = dir.resolve("out2");
        Pipeline.run(req, new LocalObjectStore(out2));
        Map<String, String> a = snapshot(out1.resolve("runs/run-test"));
        Map<String, String> b = snapshot(out2.resolve("runs/run-test"));
        assertThat(b.keySet()).isEqualTo(a.keySet());
        assertThat(a.keySet()).anyMatch(k -> k.startsWith("blended/part-")).anyMatch(k -> k.startsWith("scores/"))
                .anyMatch(k -> k.startsWith("quarantine/"));
        assertThat(b).isEqualTo(a);
    }

    @Test
    void aRedeliveredEventReEmitsTheSameOutputWithoutRewriting() throws IOException {
        LocalObjectStore s = new LocalObjectStore(out1);
        Path shard = out1.resolve("runs/run-test/synthetic/part-00000-00000.jsonl");
        long before = Files.getLastModifiedTime(shard).toMillis();
        SyntheticGenerated again = GenerateStage.run(req, s);
        SyntheticScored scored = ScoreStage.run(again, s);
        assertThat(again.syntheticGenerated()).isEqualTo(c("synthetic_generated"));
        assertThat(scored.realPassed() + scored.realQuarantined()).isEqualTo(c("real"));
        assertThat(Files.getLastModifiedTime(shard).toMillis()).isEqualTo(before);
        assertThat(ReportStage.run(BlendStage.run(scored, s), s).blended()).isEqualTo(c("blended"));
    }

    @Test
    void unusableInputFailsWithAClearReasonAndAFailureReport() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "nope\n{\"text\":\"\"}\n");
        LocalObjectStore s = new LocalObjectStore(dir.resolve("fail"));
        assertThatThrownBy(() -> Pipeline.run(new RunRequested("r-empty", List.of(empty.toString()), config()), s))
                .isInstanceOf(PipelineFailure.class).hasMessage("input file is empty: " + empty);
        assertThatThrownBy(() -> Pipeline.run(new RunRequested("r-missing", List.of(dir.resolve("nope.jsonl").toString()), config()), s))
                .hasMessageStartingWith("input file not found: ");
        assertThatThrownBy(() -> Pipeline.run(new RunRequested("r-bad", List.of(bad.toString()), config()), s))
                .hasMessageContaining("no valid document in " + bad);
        Map<String, Object> failure = Json.MAPPER.readValue(dir.resolve("fail/runs/r-bad/report/report.json").toFile(), new TypeReference<>() {
        });
        assertThat(failure).containsEntry("status", "failed").containsEntry("failed_stage", "generate");
        assertThat(((Number) failure.get("malformed_records")).intValue()).isEqualTo(2);
        assertThat(dir.resolve("fail/runs/r-empty/report/report.json")).exists();
    }

    @Test
    void zstdShardsAndReplaceStrategyKeepTheInvariants() throws IOException {
        RunConfig c = new RunConfig(3, 0.3, "ngram", 2, 1.0, 0, "replace", 0.7, 3, TestCorpus.MAX_LINE_BYTES, "zstd", 200, List.of());
        LocalObjectStore s = new LocalObjectStore(dir.resolve("zstd"));
        Pipeline.run(new RunRequested("run-zstd", List.of(input.toString()), c), s);
        Map<String, Object> r = Json.MAPPER.readValue(dir.resolve("zstd/runs/run-zstd/report/report.json").toFile(), new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, Number> n = (Map<String, Number>) r.get("counts");
        assertThat(keys(s, "runs/run-zstd/blended/")).isNotEmpty().allMatch(k -> k.endsWith(".jsonl.zst"));
        assertThat(n.get("real_unused").longValue()).isEqualTo(n.get("synthetic_blended").longValue()).isPositive();
        assertThat(n.get("real").longValue()).isEqualTo(n.get("real_blended").longValue() + n.get("real_unused").longValue()
                + n.get("real_quarantined").longValue());
        assertThat(Shards.count(s, keys(s, "runs/run-zstd/blended/"))).isEqualTo(n.get("blended").longValue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunOnAnEarlierRunsBlendedOutputContinuesTheLineage() throws IOException {
        Path out = dir.resolve("lineage");
        LocalObjectStore s = new LocalObjectStore(out);
        for (String k : keys(new LocalObjectStore(out1), "runs/run-test/blended/")) {
            s.put(k, out1.resolve(k));
        }
        s.put("runs/run-test/report/report.json", out1.resolve("runs/run-test/report/report.json"));
        for (String k : keys(new LocalObjectStore(out1), "anchors/")) {
            s.put(k, out1.resolve(k));
        }
        List<String> inputs = keys(s, "runs/run-test/blended/").stream().map(k -> "store:" + k).toList();
        // ratio 0.5 / floor 0.3: at 0.3 / 0.7 the generation-1 input already holds 30% synthetic by origin and
        // accumulate adds nothing (the floor counts synthetic-origin input as synthetic)
        RunConfig c = new RunConfig(11, 0.5, "ngram", 3, 1.0, 0, "accumulate", 0.3, 100, TestCorpus.MAX_LINE_BYTES, "none", 300, List.of());
        Pipeline.run(new RunRequested("run-gen2", inputs, c), s);
        List<Document> syn = new ArrayList<>();
        Shards.forEachDocument(s, keys(s, "runs/run-gen2/synthetic/"), syn::add);
        Map<String, Integer> seedGeneration = new LinkedHashMap<>();
        Shards.forEachDocument(s, keys(s, "runs/run-gen2/input/"), d -> seedGeneration.put(d.id(), d.generation()));
        assertThat(syn).isNotEmpty().allSatisfy(d -> {
            String seed = String.valueOf(((List<?>) d.metadata().get(Provenance.SEED_IDS)).get(0));
            assertThat(d.generation()).isEqualTo(seedGeneration.get(seed) + 1);
            assertThat(d.meta(Provenance.PARENT_RUN)).isEqualTo("run-test");
            assertThat(d.meta(Provenance.RUN_ID)).isEqualTo("run-gen2");
        });
        assertThat(seedGeneration.values()).contains(0, 1);

        Map<String, Object> r2 = Json.MAPPER.readValue(out.resolve("runs/run-gen2/report/report.json").toFile(), new TypeReference<>() {
        });
        Map<String, Object> lineage = (Map<String, Object>) r2.get("lineage");
        assertThat(lineage.get("parent_runs")).isEqualTo(List.of("run-test"));
        Map<String, Number> hist = (Map<String, Number>) lineage.get("generation_histogram");
        // which candidates fill the budget (seeded by generation-0 or generation-1 documents) is the plan's choice
        assertThat(hist.keySet()).contains("0");
        assertThat(hist.values().stream().mapToLong(Number::longValue).sum()).isEqualTo(
                ((Number) ((Map<String, Object>) r2.get("counts")).get("blended")).longValue());
        List<Map<String, Object>> gens = (List<Map<String, Object>>) lineage.get("generations");
        assertThat(gens).extracting(g -> g.get("run_id") + "/" + g.get("generation"))
                .contains("run-test/0", "run-test/1");
        assertThat(gens).allSatisfy(g -> assertThat(g).containsKeys("distinct_2", "compression_ratio", "tail_coverage",
                "mean_reference_perplexity"));
        Map<String, Object> r1 = Json.MAPPER.readValue(out1.resolve("runs/run-test/report/report.json").toFile(),
                new TypeReference<>() {
                });
        assertThat(r2.get("anchor")).isNotNull().isEqualTo(r1.get("anchor"));
        Map<String, Object> risk2 = (Map<String, Object>) r2.get("collapse_risk");
        assertThat(risk2.get("anchor_source")).isEqualTo("parent");
        assertThat(risk2.get("level")).isIn("low", "medium", "high", "unmeasurable");
        assertThat(risk2.get("reasons").toString()).doesNotContain("max_generation");
        // generation-2 documents are blended only when the plan picks candidates seeded by generation-1 input
        assertThat(((Number) ((Map<String, Object>) risk2.get("context")).get("max_generation")).intValue()).isIn(1, 2);
        assertThat(Files.readString(out.resolve("runs/run-gen2/report/index.html"))).contains("distinct_2 by generation");
    }

    private static List<String> keys(LocalObjectStore s, String prefix) {
        try {
            return s.list(prefix).stream().filter(k -> !k.endsWith("_SUCCESS.json")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file's content; JSON manifests and report.json without their timing fields. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String k = root.relativize(p).toString();
                // binary artifacts (reference models, 13-gram set) are compared byte for byte
                String content = k.endsWith(".bin") ? java.util.HexFormat.of().formatHex(Files.readAllBytes(p))
                        : Files.readString(p);
                if (k.endsWith(".json")) {
                    Map<String, Object> j = Json.MAPPER.readValue(content, new TypeReference<LinkedHashMap<String, Object>>() {
                    });
                    j.remove("timing_ms");
                    j.remove("timings_ms");
                    content = Json.write(j);
                }
                m.put(k, content);
            }
        }
        return m;
    }
}
