package dev.tailguard.core.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.io.parquet.ParquetDocumentReader;
import dev.tailguard.core.report.DataFiles;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code tailguard.output.format}: the blended set published as Parquet in the Hugging Face layout. */
class ParquetOutputTest {

    @TempDir
    Path dir;

    private Map<String, Object> run(List<String> formats, Path out) throws IOException {
        Path input = TestCorpus.write(dir, 10);
        RunConfig cfg = PipelineRunTest.config().withOutputFormats(formats);
        RunReported done = Pipeline.run(new RunRequested("run-pq", List.of(input.toString()), cfg), new LocalObjectStore(out));
        assertThat(done.status()).isEqualTo("succeeded");
        return Json.MAPPER.readValue(out.resolve("runs/run-pq/report/report.json").toFile(), new TypeReference<>() {
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> published(Map<String, Object> report) {
        return (List<String>) ((Map<String, Object>) report.get("outputs")).get("blended");
    }

    @Test
    void parquetFilesHoldTheBlendedDocumentsInOrderInTheHubLayout() throws IOException {
        Path out = dir.resolve("out");
        Map<String, Object> report = run(List.of("jsonl", "parquet"), out);
        LocalObjectStore store = new LocalObjectStore(out);
        Map<String, Object> blend = Manifest.read(store, new RunLayout("run-pq").manifest("blended"));
        List<String> jsonl = Manifest.keys(blend, "blended");
        List<String> parquet = Manifest.keys(blend, BlendStage.PARQUET_KEYS);
        long blended = Manifest.count(blend, "blended");
        int files = (int) ((blended + 3) / 4); // shard size 4 in PipelineRunTest.config()
        assertThat(parquet).hasSize(files);
        for (int i = 0; i < files; i++) {
            assertThat(parquet.get(i)).isEqualTo(String.format("runs/run-pq/data/train-%05d-of-%05d.parquet", i, files));
        }

        List<Document> fromJsonl = new ArrayList<>();
        Shards.forEachDocument(store, jsonl, fromJsonl::add);
        List<Document> fromParquet = new ArrayList<>();
        ParquetDocumentReader reader = new ParquetDocumentReader(ParquetDocumentReader.DEFAULT_TEXT_FIELD);
        for (String k : parquet) {
            reader.read(out.resolve(k), fromParquet::add, p -> {
                throw new AssertionError("row problem " + p);
            });
        }
        assertThat(fromParquet).hasSize((int) blended);
        assertThat(fromParquet.stream().map(Document::id).toList()).isEqualTo(fromJsonl.stream().map(Document::id).toList());
        assertThat(fromParquet.stream().map(Document::text).toList()).isEqualTo(fromJsonl.stream().map(Document::text).toList());
        assertThat(fromParquet.get(fromParquet.size() - 1).metadata()).containsEntry("kind", "synthetic");

        assertThat(published(report)).containsExactlyElementsOf(concat(jsonl, parquet));
        List<DataFiles> dataFiles = DataFiles.of("run-pq", published(report));
        assertThat(dataFiles).extracting(DataFiles::format).containsExactly("parquet", "json");
        assertThat(dataFiles.get(0).paths()).allMatch(p -> p.startsWith("data/train-") && p.endsWith(".parquet"));
    }

    @Test
    void parquetOnlyPublishesOnlyParquetAndJsonlOnlyWritesNoParquet() throws IOException {
        Map<String, Object> pq = run(List.of("parquet"), dir.resolve("pq"));
        assertThat(published(pq)).isNotEmpty().allMatch(k -> k.endsWith(".parquet"));
        Map<String, Object> js = run(List.of("jsonl"), dir.resolve("js"));
        assertThat(published(js)).isNotEmpty().allMatch(k -> k.contains("/blended/") && k.endsWith(".jsonl"));
        assertThat(dir.resolve("js/runs/run-pq/data")).doesNotExist();
    }

    @Test
    void unknownFormatIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> PipelineRunTest.config().withOutputFormats(List.of("jsonl", "csv")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tailguard.output.format").hasMessageContaining("'csv'");
        assertThat(PipelineRunTest.config().outputFormats()).containsExactly("jsonl");
        assertThat(PipelineRunTest.config().withOutputFormats(List.of(" Parquet ", "jsonl", "parquet")).outputFormats())
                .containsExactly("parquet", "jsonl");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
