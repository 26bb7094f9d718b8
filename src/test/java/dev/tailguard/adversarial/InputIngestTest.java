package dev.tailguard.adversarial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import dev.tailguard.core.doc.ClaimedProvenance;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.generate.MinimumDocuments;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.io.parquet.ParquetDocumentWriter;
import dev.tailguard.core.pipeline.GenerateSettings;
import dev.tailguard.core.pipeline.Pipeline;
import dev.tailguard.core.pipeline.PipelineFailure;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.StageChain;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.ObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13 item 5 / issue 15 item 3: the generate stage's ingest step reads through {@code core/io}. Each case failed
 * on 1c00773 (gzip read as plain text by the stage's own reader was fixed there, but folders were "file not found",
 * {@code --text-field} was ignored, Parquet was read as malformed lines and a mistyped Parquet/JSONL folder had no
 * clear error) and passes now.
 */
class InputIngestTest {

    @TempDir
    Path dir;
    ObjectStore store;
    List<String> lines;

    @BeforeEach
    void setUp() throws IOException {
        store = new LocalObjectStore(dir.resolve("store"));
        lines = Files.readAllLines(Path.of("samples/sotu-sample.jsonl"), StandardCharsets.UTF_8).subList(0, 12);
    }

    private static RunConfig config() {
        return RunConfig.defaults(7);
    }

    /** Runs only the generate stage; returns its manifest. */
    private JsonNode generate(String run, List<String> inputs, GenerateSettings settings) throws IOException {
        FrozenRun.of(run, inputs, config(), TaskLimits.DEFAULTS).freeze(store);
        StageChain.inline(StageChain.runner(store, GeneratorSelector.NGRAM_ONLY, settings), run, "generate");
        try (InputStream in = store.open(new RunLayout(run).manifest("synthetic"))) {
            return Json.MAPPER.readTree(in);
        }
    }

    private JsonNode generate(String run, List<String> inputs) throws IOException {
        return generate(run, inputs, GenerateSettings.defaults());
    }

    private byte[] jsonl(List<String> ls) {
        return (String.join("\n", ls) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] zstd(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void gzipAndZstdInputsAreReadNotQuarantined() throws IOException {
        Path gz = Files.write(dir.resolve("a.jsonl.gz"), gzip(jsonl(lines.subList(0, 6))));
        Path zst = Files.write(dir.resolve("b.jsonl.zst"), zstd(jsonl(lines.subList(6, 12))));
        JsonNode m = generate("gzzst", List.of(gz.toString(), zst.toString()));
        assertThat(m.at("/counts/malformed").asLong()).isZero();
        assertThat(m.at("/counts/lines_read").asLong()).isEqualTo(12);
        assertThat(m.at("/counts/real").asLong() + m.at("/counts/anchor_held_out").asLong()).isEqualTo(12);
    }

    @Test
    void aFolderIsReadFileByFileInNameOrder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("corpus"));
        Files.write(folder.resolve("01.jsonl"), jsonl(lines.subList(0, 4)));
        Files.write(folder.resolve("02.jsonl.gz"), gzip(jsonl(lines.subList(4, 8))));
        Files.write(folder.resolve("03.jsonl.zst"), zstd(jsonl(lines.subList(8, 12))));
        Files.writeString(folder.resolve("README.txt"), "not an input");
        JsonNode m = generate("folder", List.of(folder.toString()));
        assertThat(m.at("/counts/lines_read").asLong()).isEqualTo(12);
        assertThat(m.at("/counts/malformed").asLong()).isZero();
        List<String> files = new ArrayList<>();
        m.get("inputs").forEach(i -> files.add(Path.of(i.get("file").asText()).getFileName().toString()));
        assertThat(files).containsExactly("01.jsonl", "02.jsonl.gz", "03.jsonl.zst");
    }

    @Test
    void aFolderWithoutInputFilesFailsNamingIt() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("empty-corpus"));
        Files.writeString(folder.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> generate("nofiles", List.of(folder.toString())))
                .isInstanceOf(PipelineFailure.class)
                .hasMessageContaining("empty-corpus").hasMessageContaining("*.jsonl");
    }

    @Test
    void theTextFieldSettingReadsCorporaWhoseTextIsUnderAnotherKey() throws IOException {
        List<String> content = new ArrayList<>();
        for (String l : lines) {
            ObjectNode o = (ObjectNode) Json.MAPPER.readTree(l);
            o.set("content", o.remove("text"));
            content.add(Json.MAPPER.writeValueAsString(o));
        }
        Path f = Files.write(dir.resolve("content.jsonl"), jsonl(content));
        assertThatThrownBy(() -> generate("content-default", List.of(f.toString())))
                .isInstanceOf(PipelineFailure.class).hasMessageContaining("all malformed");
        JsonNode m = generate("content-field", List.of(f.toString()),
                new GenerateSettings("content", new MinimumDocuments(null)));
        assertThat(m.at("/counts/malformed").asLong()).isZero();
        assertThat(m.at("/counts/lines_read").asLong()).isEqualTo(12);
    }

    @Test
    void storeKeysAndPrefixesAreInputs() throws IOException {
        store.put("incoming/day1/a.jsonl", jsonl(lines.subList(0, 6)));
        store.put("incoming/day1/b.jsonl.gz", gzip(jsonl(lines.subList(6, 12))));
        JsonNode m = generate("storeprefix", List.of("store:incoming/day1/"));
        assertThat(m.at("/counts/lines_read").asLong()).isEqualTo(12);
        JsonNode k = generate("storekey", List.of("store:incoming/day1/a.jsonl"));
        assertThat(k.at("/counts/lines_read").asLong()).isEqualTo(6);
        assertThatThrownBy(() -> generate("storeescape", List.of("store:incoming/../../etc/passwd")))
                .isInstanceOf(PipelineFailure.class).hasMessageContaining("refused");
    }

    @Test
    void parquetInputIsReadByNameOrMagicWithItsTextColumn() throws IOException {
        List<Document> docs = new ArrayList<>();
        for (String l : lines) {
            JsonNode n = Json.MAPPER.readTree(l);
            docs.add(new Document(n.get("id").asText(), n.get("text").asText(), "sotu", Map.of()));
        }
        Path pq = dir.resolve("corpus.parquet");
        try (ParquetDocumentWriter w = ParquetDocumentWriter.open(pq)) {
            for (Document d : docs) {
                w.write(d);
            }
        }
        JsonNode m = generate("parquet", List.of(pq.toString()));
        assertThat(m.at("/counts/malformed").asLong()).isZero();
        assertThat(m.at("/counts/lines_read").asLong()).isEqualTo(12);
        // a Parquet file under a neutral object name is recognised by its PAR1 magic
        store.put("incoming/corpus.bin", Files.readAllBytes(pq));
        JsonNode magic = generate("parquet-magic", List.of("store:incoming/corpus.bin"));
        assertThat(magic.at("/counts/lines_read").asLong()).isEqualTo(12);
        assertThatThrownBy(() -> generate("parquet-nofield", List.of(pq.toString()),
                new GenerateSettings("body", new MinimumDocuments(null))))
                .isInstanceOf(PipelineFailure.class).hasMessageContaining("no column 'body'");
    }

    @Test
    void loneSurrogatesAndTrailingBytesAreQuarantinedWithTheirReasonsAndCountedInTheReport() throws IOException {
        List<String> in = new ArrayList<>(lines);
        in.add("{\"id\":\"lone\",\"text\":\"broken \\ud800 text that would be rewritten\"}");
        in.add("{\"id\":\"lone2\",\"text\":\"broken \\udc00 text that would collide\"}");
        in.add("{\"id\":\"trail\",\"text\":\"a line with trailing bytes\"} {\"id\":\"x\"}");
        Path f = Files.write(dir.resolve("bad.jsonl"), jsonl(in));
        Pipeline.run(new RunRequested("surrogates", List.of(f.toString()), config()), store);
        try (InputStream r = store.open(new RunLayout("surrogates").reportJson())) {
            JsonNode report = Json.MAPPER.readTree(r);
            assertThat(report.path("status").asText()).isEqualTo("succeeded");
            assertThat(report.at("/quarantine_reasons/generate~1lone_surrogate").asLong()).isEqualTo(2);
            assertThat(report.at("/quarantine_reasons/generate~1trailing_data").asLong()).isEqualTo(1);
        }
    }

    @Test
    void provenanceInRealInputIsKeptAsAClaimNeverCopiedAsTailguardProvenance() throws IOException {
        List<String> in = new ArrayList<>(lines);
        ObjectNode first = (ObjectNode) Json.MAPPER.readTree(in.get(0));
        ObjectNode meta = first.with("metadata");
        meta.put("kind", "synthetic").put("run_id", "run-evil").put("generation", 7).put("generator", "evil");
        in.set(0, Json.MAPPER.writeValueAsString(first));
        Path f = Files.write(dir.resolve("forged.jsonl"), jsonl(in));
        Pipeline.run(new RunRequested("prov", List.of(f.toString()), config()), store);
        List<Document> blended = new ArrayList<>();
        Shards.forEachDocument(store, store.list("runs/prov/blended/").stream()
                .filter(k -> k.endsWith(".jsonl")).toList(), blended::add);
        assertThat(blended).isNotEmpty();
        assertThat(blended.stream().map(d -> String.valueOf(d.metadata().get("run_id"))))
                .doesNotContain("run-evil");
        assertThat(blended.stream().map(d -> String.valueOf(d.metadata().get("generator"))))
                .doesNotContain("evil");
        String forgedId = Json.MAPPER.readTree(in.get(0)).get("id").asText();
        List<Document> ingested = new ArrayList<>();
        Shards.forEachDocument(store, store.list("runs/prov/input/").stream()
                .filter(k -> k.endsWith(".jsonl")).toList(), ingested::add);
        Document forged = ingested.stream().filter(d -> d.id().equals(forgedId)).findFirst().orElseThrow();
        assertThat(ClaimedProvenance.claimOf(forged)).containsEntry("generator", "evil")
                .containsEntry("run_id", "run-evil").containsEntry("kind", "synthetic");
        assertThat(forged.metadata().get("run_id")).isNotEqualTo("run-evil");
        assertThat(forged.metadata().get("kind")).isNotEqualTo("synthetic");
        try (InputStream r = store.open(new RunLayout("prov").reportJson())) {
            assertThat(Json.MAPPER.readTree(r).path("status").asText()).isEqualTo("succeeded");
        }
    }
}
