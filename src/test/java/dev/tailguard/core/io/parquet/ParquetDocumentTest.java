package dev.tailguard.core.io.parquet;

import blue.strategic.parquet.ParquetReader;
import blue.strategic.parquet.ParquetWriter;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.store.LocalObjectStore;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParquetDocumentTest {

    @TempDir
    Path dir;

    static List<Document> sample() throws IOException {
        List<Document> docs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("samples/sotu-sample.jsonl"))) {
            docs.add(Json.MAPPER.readValue(line, Document.class));
        }
        return docs;
    }

    @Test
    void roundTripGivesEqualDocuments() throws IOException {
        List<Document> docs = new ArrayList<>(sample());
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("kind", "synthetic");
        prov.put("generation", 2);
        prov.put("seed_ids", List.of("a", "b"));
        prov.put("parameters", Map.of("temperature", 0.7));
        docs.add(new Document("syn-1", "ünïcode — text\nwith lines", "tailguard", prov));
        Path file = dir.resolve("part-00000.parquet");
        try (ParquetDocumentWriter w = ParquetDocumentWriter.open(file)) {
            for (Document d : docs) {
                w.write(d);
            }
            assertThat(w.written()).isEqualTo(docs.size());
        }
        List<Document> back = new ArrayList<>();
        List<ParquetRowProblem> problems = new ArrayList<>();
        long rows = new ParquetDocumentReader(null).read(file, back::add, problems::add);
        assertThat(rows).isEqualTo(docs.size());
        assertThat(problems).isEmpty();
        assertThat(back).hasSize(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            Document a = docs.get(i);
            Document b = back.get(i);
            assertThat(b.id()).isEqualTo(a.id());
            assertThat(b.text()).isEqualTo(a.text());
            assertThat(b.source()).isEqualTo(a.source());
            assertThat(Json.write(b.metadata())).isEqualTo(Json.write(a.metadata()));
        }
        assertThat(ParquetReader.readMetadata(file.toFile()).getFileMetaData().getSchema())
                .isEqualTo(ParquetDocumentWriter.SCHEMA);
    }

    @Test
    void shardGoesThroughTheStoreAndIsByteIdenticalOnRewrite() throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        List<Document> docs = sample().subList(0, 5);
        ParquetDocumentWriter.writeShard(store, "runs/r/blended/part-00000.parquet", docs);
        byte[] first = Files.readAllBytes(dir.resolve("store/runs/r/blended/part-00000.parquet"));
        ParquetDocumentWriter.writeShard(store, "runs/r/blended/part-00000.parquet", docs);
        assertThat(Files.readAllBytes(dir.resolve("store/runs/r/blended/part-00000.parquet"))).isEqualTo(first);
        assertThat(new String(first, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    }

    /**
     * The layout of a Hugging Face datasets Parquet export (pyarrow: optional columns, no {@code id}, the text in a
     * column of the dataset's choosing, extra typed columns): read with {@code tailguard.input.text-field=content}.
     */
    @Test
    void readsHuggingFaceLayoutWithAnotherTextField() throws IOException {
        MessageType hf = Types.buildMessage()
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("url")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("content")
                .optional(PrimitiveTypeName.INT64).named("token_count")
                .optional(PrimitiveTypeName.DOUBLE).named("score")
                .named("schema");
        Path file = dir.resolve("train-00000-of-00001.parquet");
        List<Object[]> rows = List.of(new Object[]{"https://a", "First real text.", 3L, 0.5},
                new Object[]{"https://b", null, 0L, 0.1}, new Object[]{"https://c", "   ", 0L, 0.2},
                new Object[]{null, "Last text.", 2L, null});
        try (ParquetWriter<Object[]> w = ParquetWriter.writeFile(hf, file.toFile(), (r, v) -> {
            String[] names = {"url", "content", "token_count", "score"};
            for (int i = 0; i < names.length; i++) {
                if (r[i] != null) {
                    v.write(names[i], r[i]);
                }
            }
        })) {
            for (Object[] r : rows) {
                w.write(r);
            }
        }
        List<Document> docs = new ArrayList<>();
        List<ParquetRowProblem> problems = new ArrayList<>();
        assertThat(new ParquetDocumentReader("content").read(file, docs::add, problems::add)).isEqualTo(4);
        assertThat(docs).extracting(Document::id).containsExactly("train-00000-of-00001-0", "train-00000-of-00001-3");
        assertThat(docs.get(0).text()).isEqualTo("First real text.");
        assertThat(docs.get(0).source()).isEqualTo("train-00000-of-00001.parquet");
        assertThat(docs.get(0).metadata()).containsEntry("url", "https://a").containsEntry("token_count", 3L)
                .containsEntry("score", 0.5);
        assertThat(docs.get(1).metadata()).doesNotContainKeys("url", "score");
        assertThat(problems).extracting(ParquetRowProblem::row, ParquetRowProblem::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, ParquetRowProblem.Reason.MISSING_TEXT),
                        org.assertj.core.groups.Tuple.tuple(2L, ParquetRowProblem.Reason.EMPTY_TEXT));
        assertThat(problems.get(0).reason().id()).isEqualTo("missing_text");

        assertThatThrownBy(() -> new ParquetDocumentReader(null).read(file, d -> { }, p -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("train-00000-of-00001.parquet").hasMessageContaining("no column 'text'")
                .hasMessageContaining("content").hasMessageContaining("tailguard.input.text-field");
        assertThatThrownBy(() -> new ParquetDocumentReader("token_count").read(file, d -> { }, p -> { }))
                .hasMessageContaining("'token_count' is not a string column");
    }
}
